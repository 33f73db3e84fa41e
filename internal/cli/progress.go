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
	desc        atomic.Value // string: what is being counted
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
	p.desc.Store("reading articles")
	go p.run()
	return p
}

// update records that done of total steps of the current phase are done.
func (p *progress) update(done, total int) {
	p.done.Store(int64(done))
	p.total.Store(int64(total))
}

// phase starts counting the steps of another part of the build, described
// by desc.
func (p *progress) phase(desc string) {
	if p == nil {
		return
	}
	p.update(0, 0)
	p.desc.Store(desc)
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
		progressbar.OptionSetDescription(p.desc.Load().(string)),
		progressbar.OptionShowCount(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	desc := p.desc.Load().(string)
	for {
		if d := p.desc.Load().(string); d != desc {
			desc = d
			bar.Reset()
			bar.Describe(desc)
		}
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
