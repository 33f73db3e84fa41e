package cli

import (
	"os"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress shows a bar on stderr for builds that take longer than a
// second, and only when stderr is a terminal.
type progress struct {
	done, total atomic.Int64
	stop        chan struct{}
	finished    chan struct{}
}

// startProgress returns a progress display, or nil when there must be
// none (quiet, or stderr is not a terminal).
func startProgress(quiet bool) *progress {
	if quiet || !term.IsTerminal(int(os.Stderr.Fd())) {
		return nil
	}
	p := &progress{stop: make(chan struct{}), finished: make(chan struct{})}
	go p.run()
	return p
}

// update records that done of total articles were scanned.
func (p *progress) update(done, total int) {
	p.done.Store(int64(done))
	p.total.Store(int64(total))
}

func (p *progress) run() {
	defer close(p.finished)
	select {
	case <-p.stop:
		return
	case <-time.After(time.Second):
	}
	bar := progressbar.NewOptions64(p.total.Load(),
		progressbar.OptionSetWriter(os.Stderr),
		progressbar.OptionSetDescription("reading articles"),
		progressbar.OptionShowCount(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		bar.ChangeMax64(p.total.Load())
		bar.Set64(p.done.Load())
		select {
		case <-p.stop:
			bar.Finish()
			return
		case <-tick.C:
		}
	}
}

// end removes the bar, if any.
func (p *progress) end() {
	if p == nil {
		return
	}
	close(p.stop)
	<-p.finished
}
