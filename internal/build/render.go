package build

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/feedpub/feedpub/internal/cache"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/encode"
	"github.com/feedpub/feedpub/internal/guard"
	"github.com/feedpub/feedpub/internal/model"
	"github.com/feedpub/feedpub/internal/output"
	"github.com/feedpub/feedpub/internal/page"
)

// StylesheetFile is the XSLT stylesheet's name in the output directory.
const StylesheetFile = "feed.xsl"

// HeadFile is the snippet of autodiscovery links in the output directory.
const HeadFile = "feeds-head.html"

// pageItems is how many items an HTML page (the home page, a family's) lists.
const pageItems = 20

// render is the second phase: it reads the main feed's articles again,
// renders their content on a pool of workers and encodes the main feeds
// and pages. Archive documents and family feeds are made one at a time as
// they are written (a few ahead, on other cores), so that memory holds few
// of them at once, and those the cache shows unchanged are kept as they
// are.
func (res *Result) render(opts Options, paths []string, p *plan, old *cache.Cache) error {
	site := opts.Site
	// A main feed of many items is streamed: its items are read now for
	// what the feeds' heads, the checks and the pages need, and rendered
	// only as the feeds are written.
	streamed := len(p.main) > streamAbove
	var render func(int) bool
	if streamed {
		top := map[int]bool{}
		for _, i := range p.main[:min(pageItems, len(p.main))] {
			top[i] = true
		}
		render = func(i int) bool { return top[i] }
	}
	entries, err := readItems(opts, paths, sortedCopy(p.main), site.FullContent, p.kept, render)
	if err != nil {
		return err
	}
	// Archive documents first: they are what the main feed links to.
	res.Files = append(res.Files, archiveFiles(opts, paths, p, old)...)
	if site.Stylesheet {
		res.Files = append(res.Files, output.File{Name: StylesheetFile, Data: page.Stylesheet()})
	}
	rendered := map[int]*entry{}
	for i, e := range entries {
		if e.rendered {
			rendered[i] = e
		}
	}
	files, groups := familyFiles(opts, paths, p, old, rendered)
	res.Files = append(res.Files, files...)

	feed := newFeed(opts, site.Title, site.Description, site.BaseURL.String())
	for _, i := range p.main {
		e := entries[i]
		feed.Items = append(feed.Items, e.item)
		id := e.art.At("id")
		_, idSet := e.art.Pos["id"]
		res.Sources = append(res.Sources, guard.Source{Path: e.art.Path, Line: id.Line, Col: id.Col, IDSet: idSet})
	}
	feed.Updated = model.Newest(feed.Items) // zero for an empty feed
	res.Items = len(feed.Items)
	res.Feed = feed
	names := mainNames(site)
	if streamed {
		files, err = streamFiles(opts, feed, p.main, entries, names, encode.Links{}, archiveLinkFor(site, len(p.pages)))
	} else {
		files, err = feedFiles(opts, feed, names, encode.Links{}, archiveLinkFor(site, len(p.pages)))
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
	res.Files = append(res.Files, output.File{Name: HeadFile, Data: head}, output.File{Name: "index.html", Data: html})
	return nil
}

// renderItems reads and renders the articles at indexes want, on a pool of
// workers, with full content or summaries only.
func renderItems(opts Options, paths []string, want []int, full bool) (map[int]*entry, error) {
	return readItems(opts, paths, want, full, nil, nil)
}

// readItems reads the articles at indexes want on a pool of workers, or
// takes those that kept holds from the first phase, and renders those for
// which render, if set, reports true; of the others it keeps only where
// their bodies are, for renderedItem.
func readItems(opts Options, paths []string, want []int, full bool, kept []*entry, render func(i int) bool) (map[int]*entry, error) {
	site := opts.Site
	got := make([]*entry, len(want))
	found := make([]diag.List, len(want))
	r := newRenderer(opts)
	workers := workerCount(opts)
	bufs := make([][]byte, workers) // the body is rendered, or dropped, before the next read
	forEach(workers, len(want), func(w, k int) {
		i := want[k]
		var e *entry
		var problems diag.List
		if kept != nil && kept[i] != nil {
			e = kept[i]
		} else {
			e, problems = loadInto(site, paths[i], &bufs[w])
		}
		if problems == nil && (render == nil || render(i)) {
			var it *model.Item
			if it, problems = renderedItem(opts, r, full, e); problems == nil {
				e.item, e.rendered = it, true
			}
		}
		if problems == nil {
			slim(e) // rendered, or to be read again: only the item is needed now
		}
		got[k], found[k] = e, problems
	})
	var problems diag.List
	out := make(map[int]*entry, len(want))
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
		Authors:     siteAuthors(site),
	}
}

// fileNames are a feed's file names by format, relative to the output
// directory.
type fileNames map[encode.Format]string

// list is the names in the order of encode.Formats.
func (n fileNames) list() []string {
	var out []string
	for _, f := range encode.Formats {
		out = append(out, n[f])
	}
	return out
}

func mainNames(site *config.Site) fileNames {
	return fileNames{encode.RSS: site.RSSFile, encode.Atom: site.AtomFile, encode.JSON: site.JSONFile}
}

func familyNames(site *config.Site, dir string) fileNames {
	out := fileNames{}
	for f, n := range mainNames(site) {
		out[f] = dir + path.Base(n)
	}
	return out
}

// archiveName is the file of archive document n (from 1) in a format:
// archive/rss/1.xml, archive/atom/1.xml, archive/json/1.json.
func archiveName(site *config.Site, f encode.Format, n int) string {
	return fmt.Sprintf("archive/%s/%d%s", f, n, path.Ext(mainNames(site)[f]))
}

// archiveLinkFor returns, for the main feed, the link to the newest
// archive document in each format, when there are any.
func archiveLinkFor(site *config.Site, pages int) func(encode.Format, *encode.Links) {
	return func(f encode.Format, l *encode.Links) {
		if pages > 0 {
			l.PrevArchive = selfURL(site, archiveName(site, f, pages))
		}
	}
}

// feedFiles encodes feed in every format; adjust, if given, sets the
// links that differ by format.
func feedFiles(opts Options, feed *model.Feed, names fileNames, links encode.Links, adjust ...func(encode.Format, *encode.Links)) ([]output.File, error) {
	var out []output.File
	for _, f := range encode.Formats {
		var buf bytes.Buffer
		if err := encode.Encode(&buf, f, feed, formatLinks(opts.Site, f, names, links, adjust)); err != nil {
			return nil, err
		}
		out = append(out, output.File{Name: names[f], Data: buf.Bytes()})
	}
	return out, nil
}

// formatLinks are the links of a feed's document in format f: links with
// its self link, hubs and stylesheet, and what adjust sets.
func formatLinks(site *config.Site, f encode.Format, names fileNames, links encode.Links, adjust []func(encode.Format, *encode.Links)) encode.Links {
	l := links
	l.Self = selfURL(site, names[f])
	if site.Hub != "" && !l.Archive {
		l.Hubs = []string{site.Hub}
	}
	if site.Stylesheet && f != encode.JSON {
		l.Stylesheet = strings.Repeat("../", strings.Count(names[f], "/")) + StylesheetFile
	}
	for _, a := range adjust {
		a(f, &l)
	}
	return l
}

// lazily returns files that produce makes together when the first of them
// is written, so that a build of many feeds holds only the one being
// written.
func lazily(names []string, produce func() ([]output.File, error)) []output.File {
	var made map[string][]byte
	var out []output.File
	for _, name := range names {
		out = append(out, output.File{Name: name, Make: func() ([]byte, error) {
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

// intact reports whether the files are on disk as the cached build wrote
// them.
func intact(site *config.Site, old *cache.Cache, names ...string) bool {
	for _, n := range names {
		full := outputPath(site, n)
		st, ok := cache.StampOf(full)
		if want, known := old.Outputs[full]; !ok || !known || st != want {
			return false
		}
	}
	return true
}

// groupLabel is the heading of a kind's families on the home page.
func groupLabel(k kind) string {
	switch k {
	case byTag:
		return "Tags"
	case byCategory:
		return "Categories"
	case bySection:
		return "Sections"
	}
	return "Authors"
}

// pageOf describes a feed's HTML page.
func pageOf(opts Options, feed *model.Feed, names fileNames, groups []page.Group, home string) page.Page {
	site := opts.Site
	p := page.Page{
		Lang: site.Language, Title: feed.Title, Description: feed.Description, Groups: groups,
		Home: home, Generator: opts.Generator, Updated: feed.Updated,
	}
	for _, f := range []struct {
		format encode.Format
		label  string
	}{{encode.RSS, "RSS"}, {encode.Atom, "Atom"}, {encode.JSON, "JSON Feed"}} {
		p.Feeds = append(p.Feeds, page.Feed{Format: f.label, Type: f.format.MediaType(), URL: selfURL(site, names[f.format])})
	}
	for _, it := range feed.Items[:min(len(feed.Items), pageItems)] {
		p.Items = append(p.Items, page.Item{Title: it.Title, URL: it.URL, Date: it.Published, Summary: it.Summary})
	}
	return p
}
