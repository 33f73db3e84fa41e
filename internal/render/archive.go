package render

import (
	"fmt"
	"slices"
	"sync"

	"github.com/feedpub/feedpub/internal/cache"
	"github.com/feedpub/feedpub/internal/encode"
	"github.com/feedpub/feedpub/internal/filelist"
	"github.com/feedpub/feedpub/internal/layout"
	"github.com/feedpub/feedpub/internal/model"
	"github.com/feedpub/feedpub/internal/output"
	"github.com/feedpub/feedpub/internal/parallel"
	"github.com/feedpub/feedpub/internal/plan"
	"github.com/feedpub/feedpub/internal/scan"
	"github.com/feedpub/feedpub/internal/spill"
)

// archiveFiles are the archive documents' files, oldest first. Each is
// made when it is written, a few documents ahead on other cores, or kept
// when the cache shows it holds the same articles and is on disk as the
// last build wrote it.
func archiveFiles(opts Options, list *filelist.List, p *plan.Plan, old *cache.Cache) []output.File {
	site := opts.Site
	pg := &pager{ahead: parallel.Workers(opts.Workers), make: func(k int) ([]output.File, error) { return archivePage(opts, list, p, k) }}
	var out []output.File
	for k := range p.Pages {
		n := k + 1
		names := layout.ArchiveNames(site, n)
		files := kinded(names, layout.ArchiveDoc)
		if old != nil && old.Pages[n] == p.PageSigs[k] && intact(site, old, files) {
			for _, file := range files {
				file.Keep = true
				out = append(out, file)
			}
			continue
		}
		pg.todo = append(pg.todo, k)
		out = append(out, lazily(files, func() ([]output.File, error) { return pg.get(k) })...)
	}
	return out
}

// archivePage renders and encodes archive document k (from 0).
func archivePage(opts Options, list *filelist.List, p *plan.Plan, k int) ([]output.File, error) {
	site := opts.Site
	n := k + 1
	names := layout.ArchiveNames(site, n)
	items := make(map[int]*model.Item, len(p.Pages[k]))
	var missing []int
	for _, i := range p.Pages[k] {
		if !site.ArchiveFull {
			it, ok, err := opts.Spilled.Get(i)
			if err != nil {
				return nil, err
			}
			if ok {
				items[i] = it
				continue
			}
		}
		missing = append(missing, i)
	}
	slices.Sort(missing)
	entries, err := renderItems(opts, list, missing, site.ArchiveFull)
	if err != nil {
		return nil, err
	}
	for i, e := range entries {
		items[i] = e.Item
	}
	feed := newFeed(opts, fmt.Sprintf("%s — archive %d", site.Title, n), site.Description, site.BaseURL.String())
	for _, i := range p.Pages[k] {
		feed.Items = append(feed.Items, items[i])
	}
	feed.Updated = model.Newest(feed.Items)
	return feedFiles(opts, layout.ArchiveDoc, feed, names, encode.Links{Archive: true}, func(f encode.Format, l *encode.Links) {
		l.Current = layout.URL(site, layout.MainNames(site)[f])
		if n > 1 {
			l.PrevArchive = layout.URL(site, layout.ArchiveName(site, f, n-1))
		}
		if n < len(p.Pages) {
			l.NextArchive = layout.URL(site, layout.ArchiveName(site, f, n+1))
		}
	})
}

// pager makes the documents of todo, in order, when they are asked for,
// starting the next few in the background meanwhile: encoding one
// document uses one core, and the writer waits for none but the first. It
// works only ahead of what is asked, so a build that stops writing leaves
// at most that many behind.
type pager struct {
	todo    []int // documents to make, in the order they are written
	ahead   int
	make    func(k int) ([]output.File, error)
	mu      sync.Mutex
	pending map[int]*future
}

type future struct {
	done  chan struct{}
	files []output.File
	err   error
}

func (pg *pager) get(k int) ([]output.File, error) {
	pg.mu.Lock()
	if pg.pending == nil {
		pg.pending = map[int]*future{}
	}
	at := 0
	for at < len(pg.todo) && pg.todo[at] != k {
		at++
	}
	for _, j := range pg.todo[at:min(at+1+pg.ahead, len(pg.todo))] {
		if pg.pending[j] == nil {
			m := &future{done: make(chan struct{})}
			pg.pending[j] = m
			go func() {
				m.files, m.err = pg.make(j)
				close(m.done)
			}()
		}
	}
	m := pg.pending[k]
	pg.mu.Unlock()
	<-m.done
	pg.mu.Lock()
	delete(pg.pending, k)
	pg.mu.Unlock()
	return m.files, m.err
}

// Summarizer is what the first phase calls, when archive documents carry
// summaries, with each eligible article it reads: it renders the item as
// an archive document holds it, while the body is in memory, and puts it
// in s, so that the document need not read and parse the article again.
// An article whose rendering fails is left out of s: its document reads
// it again and reports the problem then. paths are every article file,
// sorted, as the scan has them.
func Summarizer(opts Options, list *filelist.List, s *spill.File) func(i int, e *scan.Entry) {
	opts.refs = newRefs(opts.Site, list)
	if opts.Notes == nil {
		opts.Notes = &Notes{}
	}
	r := newRenderer(opts)
	return func(i int, e *scan.Entry) {
		if it, problems := renderedItem(opts, r, false, e); problems == nil {
			s.Put(i, it)
		}
	}
}
