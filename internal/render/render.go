package render

import (
	"bytes"
	"slices"

	"github.com/feedpub/feedpub/internal/article"
	"github.com/feedpub/feedpub/internal/cache"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/content"
	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/encode"
	"github.com/feedpub/feedpub/internal/filelist"
	"github.com/feedpub/feedpub/internal/guard"
	"github.com/feedpub/feedpub/internal/layout"
	"github.com/feedpub/feedpub/internal/model"
	"github.com/feedpub/feedpub/internal/output"
	"github.com/feedpub/feedpub/internal/page"
	"github.com/feedpub/feedpub/internal/parallel"
	"github.com/feedpub/feedpub/internal/plan"
	"github.com/feedpub/feedpub/internal/scan"
	"github.com/feedpub/feedpub/internal/spill"
)

// pageItems is how many items an HTML page (the home page, a family's) lists.
const pageItems = 20

// Options say how to render.
type Options struct {
	Site      *config.Site
	Generator string // the program and version named in the feeds
	Workers   int    // how many articles are rendered at once; 0 for one per core
	Notes     *Notes // gathers rendering's warnings
	// Spilled holds archive items the first phase rendered, when archive
	// documents carry summaries (see Summarizer); nil for none.
	Spilled *spill.File

	// Record, if set, is given what the next build needs to know of each
	// article page (see cache.Cache.Articles), with the article's place
	// in the list of files instead of its path, in the order of the
	// articles' paths.
	Record func(i int, page cache.ArticlePage)

	refs *refs // finds the links shortcodes and tags name; set by Files
}

// Output is what rendering made: the files to write and what went in the
// main feed.
type Output struct {
	Files   []output.File
	Feed    *model.Feed    // the main feed the files encode
	Sources []guard.Source // where each of Feed.Items came from
	// Pages holds the article pages rendered until they are written;
	// close it once they are.
	Pages *PageSpill
}

// Files is the third phase: it reads the main feed's articles again,
// renders their content on a pool of workers and encodes the main feeds
// and pages. Archive documents and family feeds are made one at a time as
// they are written (a few ahead, on other cores), so that memory holds few
// of them at once, and those the cache shows unchanged are kept as they
// are. paths are the scanned articles, p the plan made of them.
func Files(opts Options, list *filelist.List, p *plan.Plan, old *cache.Cache) (*Output, error) {
	opts.refs = newRefs(opts.Site, list)
	if opts.Notes == nil {
		opts.Notes = &Notes{}
	}
	res := &Output{}
	if err := res.render(opts, list, p, old); err != nil {
		res.Pages.Close()
		return nil, err
	}
	return res, nil
}

func (res *Output) render(opts Options, list *filelist.List, p *plan.Plan, old *cache.Cache) error {
	site := opts.Site
	// A main feed of many items is streamed: its items are read now for
	// what the feeds' heads, the checks and the pages need, and rendered
	// only as the feeds are written.
	streamed := len(p.Main) > StreamAbove
	var render func(int) bool
	if streamed {
		top := map[int]bool{}
		for _, i := range p.Main[:min(pageItems, len(p.Main))] {
			top[i] = true
		}
		render = func(i int) bool { return top[i] }
	}
	entries, err := readItems(opts, list, sortedCopy(p.Main), site.FullContent, p.Kept, render)
	if err != nil {
		return err
	}
	// Archive documents first: they are what the main feed links to.
	res.Files = append(res.Files, archiveFiles(opts, list, p, old)...)
	if site.Stylesheet {
		res.Files = append(res.Files, output.File{Name: layout.StylesheetFile, Kind: layout.Stylesheet.String(), Data: page.Stylesheet()})
	}
	res.Files = append(res.Files, pictureFiles(site)...)
	rendered := map[int]*scan.Entry{}
	for i, e := range entries {
		if e.Rendered {
			rendered[i] = e
		}
	}
	files, groups := familyFiles(opts, list, p, old, rendered)
	res.Files = append(res.Files, files...)
	names := layout.MainNames(site)
	if site.ArticlePages {
		// Before the main feeds, which link to them.
		taken := make(map[string]bool, len(res.Files)+afterPages) // the local files the pages copy are claimed in it
		taken[layout.HomeFile], taken[layout.HeadFile] = true, true
		taken[layout.SitemapFile], taken[layout.NewsSitemapFile] = true, true
		for _, n := range names {
			taken[n] = true
		}
		for _, f := range res.Files {
			taken[f.Name] = true
		}
		res.Files, res.Pages, err = articleFiles(opts, list, p, old, taken, feedLinks(site, names), opts.Record, res.Files)
		if err != nil {
			return err
		}
	}

	sitemaps, err := sitemapFiles(opts, list, p)
	if err != nil {
		return err
	}
	res.Files = append(res.Files, sitemaps...)
	feed := newFeed(opts, site.Title, site.Description, site.BaseURL.String())
	for _, i := range p.Main {
		e := entries[i]
		feed.Items = append(feed.Items, e.Item)
		id := e.Art.At("id")
		_, idSet := e.Art.Pos["id"]
		res.Sources = append(res.Sources, guard.Source{Path: e.Art.Path, Line: id.Line, Col: id.Col, IDSet: idSet})
	}
	feed.Updated = model.Newest(feed.Items) // zero for an empty feed
	res.Feed = feed
	if streamed {
		files, err = streamFiles(opts, feed, p.Main, entries, names, encode.Links{}, archiveLinkFor(site, len(p.Pages)))
	} else {
		files, err = feedFiles(opts, layout.MainFeed, feed, names, encode.Links{}, archiveLinkFor(site, len(p.Pages)))
	}
	if err != nil {
		return err
	}
	res.Files = append(res.Files, files...)
	if !site.Pages {
		return nil // the site's generator makes its own pages
	}
	home := pageOf(opts, feed, names, groups, "")
	html, err := page.Index(home)
	if err != nil {
		return err
	}
	head, err := page.Head(site.Title, home.Feeds)
	if err != nil {
		return err
	}
	res.Files = append(res.Files, output.File{Name: layout.HeadFile, Kind: layout.Snippet.String(), Data: head}, output.File{Name: layout.HomeFile, Kind: layout.HomePage.String(), Data: html})
	return nil
}

// renderItems reads and renders the articles at indexes want, on a pool of
// workers, with full content or summaries only.
func renderItems(opts Options, list *filelist.List, want []int, full bool) (map[int]*scan.Entry, error) {
	return readItems(opts, list, want, full, nil, nil)
}

// readItems reads the articles at indexes want on a pool of workers, or
// takes those that kept holds from the first phase, and renders those for
// which render, if set, reports true; of the others it keeps only where
// their bodies are, for renderedItem.
func readItems(opts Options, list *filelist.List, want []int, full bool, kept []*scan.Entry, render func(i int) bool) (map[int]*scan.Entry, error) {
	site := opts.Site
	got := make([]*scan.Entry, len(want))
	found := make([]diag.List, len(want))
	r := newRenderer(opts)
	workers := parallel.Workers(opts.Workers)
	bufs := make([][]byte, workers) // the body is rendered, or dropped, before the next read
	parallel.Each(workers, len(want), func(w, k int) {
		i := want[k]
		var e *scan.Entry
		var problems diag.List
		if kept != nil && kept[i] != nil {
			e = kept[i]
		} else {
			e, problems = scan.LoadInto(site, list.Path(i), &bufs[w])
		}
		if problems == nil && (render == nil || render(i)) {
			var it *model.Item
			if it, problems = renderedItem(opts, r, full, e); problems == nil {
				e.Item, e.Rendered = it, true
			}
		}
		if problems == nil {
			scan.Slim(e) // rendered, or to be read again: only the item is needed now
		}
		got[k], found[k] = e, problems
	})
	var problems diag.List
	out := make(map[int]*scan.Entry, len(want))
	for k, e := range got {
		if found[k] != nil {
			problems = append(problems, found[k]...)
			continue
		}
		out[want[k]] = e
	}
	if len(problems) > 0 {
		problems.Sort()
		return nil, problems // an article changed between the two phases
	}
	return out, nil
}

// newFeed is a feed of the site with its own title and page.
func newFeed(opts Options, title, description, home string) *model.Feed {
	site := opts.Site
	return &model.Feed{
		Title:       title,
		Description: description,
		HomeURL:     home,
		ID:          home,
		Language:    site.Language,
		Copyright:   site.Copyright,
		Generator:   opts.Generator,
		Authors:     scan.SiteAuthors(site),
		Icon:        site.Icon.At(site.BaseURL),
		Logo:        site.Logo.At(site.BaseURL),
	}
}

// archiveLinkFor returns, for the main feed, the link to the newest
// archive document in each format, when there are any.
func archiveLinkFor(site *config.Site, pages int) func(encode.Format, *encode.Links) {
	return func(f encode.Format, l *encode.Links) {
		if pages > 0 {
			l.PrevArchive = layout.URL(site, layout.ArchiveName(site, f, pages))
		}
	}
}

// feedFiles encodes feed in every format; adjust, if given, sets the
// links that differ by format.
func feedFiles(opts Options, kind layout.Kind, feed *model.Feed, names layout.Names, links encode.Links, adjust ...func(encode.Format, *encode.Links)) ([]output.File, error) {
	if opts.Site.Generator.Dialect == article.Jekyll && kind != layout.ArchiveDoc {
		feed.ID = layout.URL(opts.Site, names[encode.Atom]) // as jekyll-feed: the feed's own address
	}
	docs, err := encode.Documents(feed, func(f encode.Format) encode.Links {
		return formatLinks(opts.Site, f, names, links, adjust)
	})
	if err != nil {
		return nil, err
	}
	var out []output.File
	for k, f := range encode.Formats {
		out = append(out, output.File{Name: names[f], Kind: kind.For(f).String(), Data: docs[k]})
	}
	return out, nil
}

// formatLinks are the links of a feed's document in format f: links with
// its self link, hubs and stylesheet, and what adjust sets.
func formatLinks(site *config.Site, f encode.Format, names layout.Names, links encode.Links, adjust []func(encode.Format, *encode.Links)) encode.Links {
	l := links
	l.Self = layout.URL(site, names[f])
	if site.Hub != "" && !l.Archive {
		l.Hubs = []string{site.Hub}
	}
	if site.Stylesheet && f != encode.JSON {
		l.Stylesheet = layout.StylesheetHref(names[f])
	}
	for _, a := range adjust {
		a(f, &l)
	}
	return l
}

// lazily returns files (names and kinds) that produce makes together
// when the first of them is written, so that a build of many feeds holds
// only the one being written.
func lazily(files []output.File, produce func() ([]output.File, error)) []output.File {
	var made map[string][]byte
	var out []output.File
	for _, file := range files {
		name := file.Name
		out = append(out, output.File{Name: name, Kind: file.Kind, Make: func() ([]byte, error) {
			if made == nil {
				files, err := produce()
				if err != nil {
					return nil, err
				}
				made = map[string][]byte{}
				for _, f := range files {
					made[f.Name] = f.Data
				}
			}
			data := made[name]
			delete(made, name)
			return data, nil
		}})
	}
	return out
}

func sortedCopy(s []int) []int {
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}

// kinded are a feed's files, named and of kind k in each format, to be
// made.
func kinded(names layout.Names, k layout.Kind) []output.File {
	var out []output.File
	for _, f := range encode.Formats {
		out = append(out, output.File{Name: names[f], Kind: k.For(f).String()})
	}
	return out
}

// intact reports whether the files are on disk as the cached build wrote
// them.
func intact(site *config.Site, old *cache.Cache, files []output.File) bool {
	for _, file := range files {
		full := layout.Path(site, file.Name)
		want, known := old.Outputs[full]
		if !known {
			return false
		}
		if _, ok := cache.Intact(full, want); !ok {
			return false
		}
	}
	return true
}

// groupLabel is the heading of a kind's families on the home page.
func groupLabel(k scan.Kind) string {
	switch k {
	case scan.ByTag:
		return "Tags"
	case scan.ByCategory:
		return "Categories"
	case scan.BySection:
		return "Sections"
	}
	return "Authors"
}

// pageOf describes a feed's HTML page.
func pageOf(opts Options, feed *model.Feed, names layout.Names, groups []page.Group, home string) page.Page {
	site := opts.Site
	p := page.Page{
		Lang: site.Language, Title: feed.Title, Description: feed.Description, Groups: groups,
		Home: home, Generator: opts.Generator, Updated: feed.Updated, Feeds: feedLinks(site, names),
		Icon: siteIcon(site),
	}
	for _, it := range feed.Items[:min(len(feed.Items), pageItems)] {
		p.Items = append(p.Items, page.Item{Title: it.Title, URL: it.URL, Date: it.Published, Summary: it.Summary})
	}
	return p
}

// feedLinks are the subscribe links of the feed whose files are names,
// one per format.
func feedLinks(site *config.Site, names layout.Names) []page.Feed {
	var feeds []page.Feed
	for _, f := range []struct {
		format encode.Format
		label  string
	}{{encode.RSS, "RSS"}, {encode.Atom, "Atom"}, {encode.JSON, "JSON Feed"}} {
		feeds = append(feeds, page.Feed{Format: f.label, Type: f.format.MediaType(), URL: layout.URL(site, names[f.format])})
	}
	return feeds
}

// fill renders what only the items in the feed need: content and summary.
// A body is parsed once for both.
func fill(opts Options, r *content.Renderer, full bool, e *scan.Entry) error {
	a, it := e.Art, e.Item
	hasBody := len(bytes.TrimSpace(a.Body)) > 0
	page := content.Page{File: a.Path, Line: a.BodyLine, URL: it.URL, Params: pageParams(opts.Site, a.Path)}
	res, err := r.RenderWith(a.Body, e.URL, page, (full || wantsBodyImage(opts, e)) && hasBody, a.Summary == "")
	if err != nil {
		return err
	}
	opts.Notes.add(res.Warnings)
	it.ContentHTML, it.Summary = pictureFirst(opts, e, res.HTML, full), res.Summary
	if a.Summary != "" {
		it.Summary = r.FrontMatterSummary(a.Summary)
	}
	return nil
}
