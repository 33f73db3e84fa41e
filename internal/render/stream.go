package render

import (
	"io"

	"github.com/feedpub/feedpub/internal/content"
	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/encode"
	"github.com/feedpub/feedpub/internal/layout"
	"github.com/feedpub/feedpub/internal/model"
	"github.com/feedpub/feedpub/internal/output"
	"github.com/feedpub/feedpub/internal/parallel"
	"github.com/feedpub/feedpub/internal/scan"
)

// StreamAbove is how many items the main feeds hold at most before they
// are streamed to their files instead of made in memory: a feed of every
// article in a large archive, in three formats, would not fit.
var StreamAbove = 1000

// streamFiles are the files of a feed in every format, streamed together
// when they are written: its items, whose front matter entries hold, are
// read again, rendered and encoded on a pool of workers, a few ahead of
// the one being written, so that memory holds only those few.
func streamFiles(opts Options, feed *model.Feed, order []int, entries map[int]*scan.Entry, names layout.Names, links encode.Links, adjust ...func(encode.Format, *encode.Links)) ([]output.File, error) {
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
	g := &output.Group{Names: names.List(), Steps: len(order)}
	g.Write = func(ws []io.Writer) error {
		for k, s := range streams {
			if _, err := ws[k].Write(s.Head()); err != nil {
				return err
			}
		}
		workers := parallel.Workers(opts.Workers)
		err := parallel.Ordered(workers, 4*workers, len(order), func(n int) ([][]byte, error) {
			it, problems := renderedItem(opts, r, site.FullContent, entries[order[n]])
			if problems != nil {
				return nil, problems
			}
			out := make([][]byte, len(streams))
			if err := encode.AppendItems(streams, out, it, n == 0); err != nil {
				return nil, err
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
	for k, n := range g.Names {
		out = append(out, output.File{Name: n, Kind: layout.MainFeed.For(encode.Formats[k]).String(), Group: g})
	}
	return out, nil
}

// renderedItem is e's item with its content, full or a summary only: as it
// is, when it was rendered already, else a copy rendered from e's body, or
// from its body read again when e no longer holds it.
func renderedItem(opts Options, r *content.Renderer, full bool, e *scan.Entry) (*model.Item, diag.List) {
	if e.Rendered {
		return e.Item, nil
	}
	body := e.Art.Body
	if body == nil {
		var problems diag.List
		if body, problems = scan.ReadBody(opts.Site, e.Art.Path, e.Body); problems != nil {
			return nil, problems
		}
	}
	a, it := *e.Art, *e.Item
	a.Body = body
	c := &scan.Entry{Art: &a, Item: &it, URL: e.URL}
	if err := fill(opts, r, full, c); err != nil {
		return nil, diag.List{diag.At(a.Path, a.BodyLine, 1, err.Error(), "")}
	}
	return c.Item, nil
}
