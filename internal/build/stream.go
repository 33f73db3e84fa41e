package build

import (
	"hash/fnv"
	"io"
	"sync"
	"sync/atomic"

	"github.com/feedpub/feedpub/internal/article"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/content"
	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/encode"
	"github.com/feedpub/feedpub/internal/model"
	"github.com/feedpub/feedpub/internal/output"
)

// streamAbove is how many items the main feeds hold at most before they
// are streamed to their files instead of made in memory: a feed of every
// article in a large archive, in three formats, would not fit.
var streamAbove = 1000

// bodyRef says where an article's body is in its file, so that it can be
// read again, to be rendered as it is written, without parsing the front
// matter again.
type bodyRef struct {
	offset int    // where the body starts
	head   uint64 // a hash of everything before the body
}

func refOf(src, body []byte) bodyRef {
	off := len(src) - len(body)
	return bodyRef{offset: off, head: hashBytes(src[:off])}
}

func hashBytes(b []byte) uint64 {
	h := fnv.New64a()
	h.Write(b)
	return h.Sum64()
}

// readBody reads the body of the article at path again, checking that
// everything before it is as it was.
func readBody(site *config.Site, path string, ref bodyRef) ([]byte, diag.List) {
	src, perr := article.ReadFile(path, site.MaxArticleSize)
	if perr != nil {
		return nil, diag.List{perr}
	}
	if len(src) < ref.offset || hashBytes(src[:ref.offset]) != ref.head {
		return nil, diag.List{diag.At(path, 0, 0, "the article changed while the feeds were being built",
			"run the build again once the article is saved")}
	}
	return src[ref.offset:], nil
}

// streamFiles are the files of a feed in every format, streamed together
// when they are written: its items, whose front matter entries hold, are
// read again, rendered and encoded on a pool of workers, a few ahead of
// the one being written, so that memory holds only those few.
func streamFiles(opts Options, feed *model.Feed, order []int, entries map[int]*entry, names fileNames, links encode.Links, adjust ...func(encode.Format, *encode.Links)) ([]output.File, error) {
	site := opts.Site
	streams := make([]*encode.Stream, len(encode.Formats))
	for k, f := range encode.Formats {
		s, err := encode.NewStream(f, feed, formatLinks(site, f, names, links, adjust))
		if err != nil {
			return nil, err
		}
		streams[k] = s
	}
	r := newRenderer(opts)
	g := &output.Group{Names: names.list(), Steps: len(order)}
	g.Write = func(ws []io.Writer) error {
		for k, s := range streams {
			if _, err := ws[k].Write(s.Head()); err != nil {
				return err
			}
		}
		workers := workerCount(opts)
		err := ordered(workers, 4*workers, len(order), func(n int) ([][]byte, error) {
			it, problems := renderedItem(opts, r, site.FullContent, entries[order[n]])
			if problems != nil {
				return nil, problems
			}
			out := make([][]byte, len(streams))
			for k, s := range streams {
				var err error
				if out[k], err = s.AppendItem(nil, it, n == 0); err != nil {
					return nil, err
				}
			}
			return out, nil
		}, func(parts [][]byte) error {
			for k, p := range parts {
				if _, err := ws[k].Write(p); err != nil {
					return err
				}
			}
			g.Step()
			return nil
		})
		if err != nil {
			return err
		}
		for k, s := range streams {
			if _, err := ws[k].Write(s.Tail(len(order) == 0)); err != nil {
				return err
			}
		}
		return nil
	}
	var out []output.File
	for _, n := range g.Names {
		out = append(out, output.File{Name: n, Group: g})
	}
	return out, nil
}

// renderedItem is e's item with its content, full or a summary only: as it
// is, when it was rendered already, else a copy rendered from e's body, or
// from its body read again when e no longer holds it.
func renderedItem(opts Options, r *content.Renderer, full bool, e *entry) (*model.Item, diag.List) {
	if e.rendered {
		return e.item, nil
	}
	body := e.art.Body
	if body == nil {
		var problems diag.List
		if body, problems = readBody(opts.Site, e.art.Path, e.body); problems != nil {
			return nil, problems
		}
	}
	a, it := *e.art, *e.item
	a.Body = body
	c := &entry{art: &a, item: &it, url: e.url}
	if err := fill(opts, r, full, c); err != nil {
		return nil, diag.List{diag.At(a.Path, a.BodyLine, 1, err.Error(), "")}
	}
	return c.item, nil
}

// slim drops what an entry no longer needs once its item is made: its
// body and the article's fields the item repeats, keeping where the
// article is and where its id is written.
func slim(e *entry) {
	a := e.art
	s := &article.Article{Path: a.Path, Summary: a.Summary, BodyLine: a.BodyLine, Draft: a.Draft}
	if p, ok := a.Pos["id"]; ok {
		s.Pos = map[string]article.Pos{"id": p}
	}
	e.art = s
}

// ordered calls produce(n) for every n below count on a pool of workers and
// use with the results in the order of n, holding at most ahead results
// at once. It stops at the first error, from either.
func ordered[T any](workers, ahead, count int, produce func(n int) (T, error), use func(T) error) error {
	type result struct {
		v   T
		err error
	}
	var stop atomic.Bool
	slots := make(chan chan result, ahead)
	jobs := make(chan struct {
		n   int
		out chan result
	})
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				var r result
				if !stop.Load() {
					r.v, r.err = produce(j.n)
				}
				j.out <- r
			}
		}()
	}
	go func() {
		for n := 0; n < count && !stop.Load(); n++ {
			out := make(chan result, 1)
			slots <- out // waits while ahead results are pending
			jobs <- struct {
				n   int
				out chan result
			}{n, out}
		}
		close(slots)
		close(jobs)
	}()
	var first error
	for out := range slots {
		r := <-out
		if first != nil {
			continue
		}
		if first = r.err; first == nil {
			first = use(r.v)
		}
		if first != nil {
			stop.Store(true)
		}
	}
	wg.Wait()
	return first
}
