package render

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"os"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/golang/snappy"

	"github.com/feedpub/feedpub/internal/cache"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/content"
	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/filelist"
	"github.com/feedpub/feedpub/internal/layout"
	"github.com/feedpub/feedpub/internal/output"
	"github.com/feedpub/feedpub/internal/page"
	"github.com/feedpub/feedpub/internal/parallel"
	"github.com/feedpub/feedpub/internal/plan"
	"github.com/feedpub/feedpub/internal/scan"
	"github.com/feedpub/feedpub/internal/tempfile"
)

// PageSpill holds the article pages a build rendered until they are
// written: each page is rendered once, on a pool of workers, and goes
// straight to a temporary file, so that memory holds a few pages at a
// time however many articles there are. Close it once the files are
// written.
type PageSpill struct {
	f *tempfile.File
}

// Close lets the temporary file go; a nil PageSpill has none.
func (s *PageSpill) Close() error {
	if s == nil || s.f == nil {
		return nil
	}
	err := s.f.Close()
	s.f = nil
	return err
}

// read returns the page at off, n bytes long as kept: pages are kept
// compressed (Snappy: hundreds of megabytes a second, from a small module), so that the
// temporary file costs a fraction of the pages' bytes in writes.
func (s *PageSpill) read(off int64, n int) ([]byte, error) {
	bp := spillBuffers.Get().(*[]byte)
	defer spillBuffers.Put(bp)
	if cap(*bp) < n {
		*bp = make([]byte, n)
	}
	b := (*bp)[:n]
	if _, err := s.f.ReadAt(b, off); err != nil {
		return nil, fmt.Errorf("reading a rendered page back: %w", err)
	}
	page, err := snappy.Decode(nil, b)
	if err != nil {
		return nil, fmt.Errorf("reading a rendered page back: %w", err)
	}
	return page, nil
}

// spillBuffers hold a page as the spill keeps it while it is read back:
// the page made of it is the caller's, the buffer is used again.
var spillBuffers = sync.Pool{New: func() any { return new([]byte) }}

// claimed gives each page rendered of files, the pages claimed, what
// reads it back; pages are the marks of every page, claimed or not, in
// the same order. They are made one after the other, once the pages are
// rendered, so that they lie together in memory.
func (s *PageSpill) claimed(files []output.File, pages []pageMark) {
	n := 0
	for _, pg := range pages {
		if !pg.claimed {
			continue
		}
		if f := &files[n]; !f.Keep {
			off, size := pg.off, int(pg.size)
			f.Make = func() ([]byte, error) { return s.read(off, size) }
		}
		n++
	}
}

// nameBlock holds the names of the pages rendered in blocks of memory
// of their own, each name a string of its block's bytes, which are never
// written again: a name apiece among the garbage of rendering would keep
// much of the heap from being let go.
type nameBlock struct {
	block []byte
}

// add returns a copy of name, in the block.
func (b *nameBlock) add(name string) string {
	if name == "" {
		return ""
	}
	if len(b.block)+len(name) > cap(b.block) {
		b.block = make([]byte, 0, max(nameBlockSize, len(name)))
	}
	at := len(b.block)
	b.block = append(b.block, name...)
	return unsafe.String(&b.block[at], len(name))
}

// nameBlockSize is the size of each block of names.
const nameBlockSize = 64 << 10

// keptPageOf is one article's page as the cache shows it on disk
// already, with its position among the plan's Articles.
type keptPageOf struct {
	k    int32
	name string
}

// pageMark is what claiming needs of an article page beside its output
// file: a build of many articles holds one for each, in one slice, and
// the few pages that copy files have them in a table beside (see
// pageCopies).
type pageMark struct {
	name string // the page's, until its output file has it
	off  int64  // where a page rendered is in the spill
	k    int32  // among the plan's Articles
	size int32  // how many bytes the spill keeps of it
	// missing says the body references a local file that is not there
	// (see cache.ArticlePage.Missing).
	missing bool
	// again says an earlier page has the same name (see pageNames).
	again bool
	// claimed says the page has its name, and is written.
	claimed bool
	kept    bool // on disk as the cached build wrote it
}

// pageCopies are the local files of the pages that copy any, by the
// page's position among the plan's Articles.
type pageCopies map[int32][]cache.Copy

// articleFiles are the article pages of the plan's Articles and the local
// files their bodies reference. A page whose article the cache shows
// unchanged, and which is on disk as the last build wrote it with every
// file it copied, is kept as it is; the others are rendered now, into
// spill, each file decided. taken names the build's other files, which a
// page or a copy never replaces. record, if set, gets what the next build
// needs of each page. The files come after before, in one slice with room
// for the few files a build makes after the pages, made once the pages
// are rendered; while they are, a build of many pages holds a mark of
// each, and the pages refused are taken out of the files in place.
func articleFiles(opts Options, list *filelist.List, p *plan.Plan, old *cache.Cache, taken map[string]bool, feeds []page.Feed, record func(int, cache.ArticlePage), before []output.File) ([]output.File, *PageSpill, error) {
	site := opts.Site
	var kept []keptPageOf
	var todo []int32
	copies := pageCopies{}
	for k, i := range p.Articles {
		if name, c, ok := keptPage(site, old, list.Path(int(i)), p.ArticleHashes[k]); ok {
			kept = append(kept, keptPageOf{k: int32(k), name: name})
			if len(c) > 0 {
				copies[int32(k)] = c
			}
			continue
		}
		todo = append(todo, int32(k))
	}
	pages := make([]pageMark, 0, len(p.Articles))
	var spill *PageSpill
	if len(todo) > 0 {
		var err error
		if pages, spill, err = renderPages(opts, list, p, todo, feeds, copies, pages); err != nil {
			return nil, nil, err
		}
	}
	pages = mergeKept(pages, kept)
	// The files are listed once the pages are rendered, which makes much
	// garbage: what is kept of each page while they are is its mark.
	files := make([]output.File, len(before), len(before)+len(pages)+afterPages)
	copy(files, before)
	for n := range pages {
		files = append(files, output.File{Name: pages[n].name, Kind: layout.ArticlePage.String(), Keep: pages[n].kept})
		pages[n].name = ""
	}
	files = claimFiles(opts, list, p, files, pages, spill, copies, taken, record, len(before))
	return files, spill, nil
}

// keptPage is the name of the page of the article at path as the cache
// recorded it, when the article's bytes are the same (hash) and the page
// and every file it copied are as that build left them.
func keptPage(site *config.Site, old *cache.Cache, path string, hash uint64) (string, []cache.Copy, bool) {
	if old == nil {
		return "", nil, false
	}
	rec, ok := old.Article(path)
	if !ok || rec.Hash != hash || rec.Missing || !intact(site, old, []output.File{{Name: rec.Name}}) {
		return "", nil, false // one missing a file is made again: it looks for the file, and warns while it is not there
	}
	copies := make([]cache.Copy, len(rec.Copies))
	for n, c := range rec.Copies {
		now, ok := cache.StampOf(c.Source, c.Stamp)
		if !ok || now.Size != c.Stamp.Size || now.Hash != c.Stamp.Hash || !intact(site, old, []output.File{{Name: c.Name}}) {
			return "", nil, false // the page is made again, and finds its files again
		}
		c.Stamp = now
		copies[n] = c
	}
	return rec.Name, copies, true
}

// mergeKept merges the kept pages into the pages rendered: both are in
// the order of k, and pages has room for all.
func mergeKept(pages []pageMark, kept []keptPageOf) []pageMark {
	if len(kept) == 0 {
		return pages
	}
	r := len(pages) - 1
	pages = slices.Grow(pages, len(kept))[:len(pages)+len(kept)]
	for w, j := len(pages)-1, len(kept)-1; j >= 0; w-- {
		if r >= 0 && pages[r].k > kept[j].k {
			pages[w] = pages[r]
			r--
			continue
		}
		pages[w] = pageMark{k: kept[j].k, name: kept[j].name, kept: true}
		j--
	}
	return pages
}

// pageBuffers hold an article file while its page is rendered.
var pageBuffers = sync.Pool{New: func() any { return new([]byte) }}

// renderPages renders the pages of the articles todo (positions among the
// plan's Articles) on a pool of workers, a few ahead of the one writing
// them to a temporary file, and appends to pages the mark of each: its
// name, and where it is there, to be read back when it is written.
// Articles whose link is not on the site get none.
func renderPages(opts Options, list *filelist.List, p *plan.Plan, todo []int32, feeds []page.Feed, copies pageCopies, pages []pageMark) ([]pageMark, *PageSpill, error) {
	f, err := tempfile.New("", "feedpub-pages-*")
	if err != nil {
		return nil, nil, fmt.Errorf("making a temporary file for the article pages: %w", err)
	}
	spill := &PageSpill{f: f}
	w := bufio.NewWriterSize(f, 256<<10)
	var off int64
	var names nameBlock
	r := newRenderer(opts)
	workers := parallel.Workers(opts.Workers)
	err = parallel.Ordered(workers, 4*workers, len(todo), func(n int) (*renderedPage, error) {
		rp, err := renderPage(opts, r, list.Path(int(p.Articles[todo[n]])), feeds)
		if rp != nil {
			rp.k = n
		}
		return rp, err
	}, func(rp *renderedPage) error {
		if rp.name == "" {
			return nil
		}
		if _, err := w.Write(rp.data); err != nil {
			return fmt.Errorf("writing a rendered page to a temporary file: %w", err)
		}
		k := todo[rp.k]
		// The name goes into a block of names, and the file gets what
		// reads it back when the pages are claimed: what a build keeps of
		// each page is not spread among what rendering let go.
		pages = append(pages, pageMark{k: k, name: names.add(rp.name), missing: rp.missing, off: off, size: int32(len(rp.data))})
		if len(rp.copies) > 0 {
			copies[k] = rp.copies
		}
		off += int64(len(rp.data))
		return nil
	})
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		spill.Close()
		return nil, nil, err
	}
	return pages, spill, nil
}

// renderedPage is one article's page, rendered.
type renderedPage struct {
	k       int    // its position in todo
	name    string // "" for an article that gets no page
	data    []byte // compressed, as the spill keeps it
	copies  []cache.Copy
	missing bool // a local file it references is not there
}

// renderPage reads the article at path again and renders its page: its
// body as full-content feeds carry it, and the local files it
// references found.
func renderPage(opts Options, r *content.Renderer, path string, feeds []page.Feed) (*renderedPage, error) {
	site := opts.Site
	bp := pageBuffers.Get().(*[]byte)
	defer pageBuffers.Put(bp)
	e, problems := scan.LoadInto(site, path, bp)
	if problems != nil {
		return nil, problems // the article changed since the first phase read it
	}
	if e == nil || e.Item == nil {
		return &renderedPage{}, nil
	}
	name, ok := layout.ArticlePageName(site, e.URL)
	if !ok {
		return &renderedPage{}, nil // its page lives elsewhere
	}
	body := e.Art.Body
	it, problems := renderedItem(opts, r, true, e)
	if problems != nil {
		return nil, problems
	}
	copies, missing, warnings := localCopies(site, e, body, it.ContentHTML)
	opts.Notes.addLocal(warnings)
	var buf bytes.Buffer
	data, err := page.ArticlePage(&buf, pageOfArticle(opts, e, it.ContentHTML, it.Summary, feeds))
	if err != nil {
		return nil, err
	}
	return &renderedPage{name: name, data: snappy.Encode(nil, data), copies: copies, missing: missing}, nil
}

// pageOfArticle describes an article's page.
func pageOfArticle(opts Options, e *scan.Entry, body string, summary string, feeds []page.Feed) page.Article {
	site := opts.Site
	it := e.Item
	a := page.Article{
		Lang: site.Language, SiteTitle: site.Title, Title: it.Title, Description: summary, URL: it.URL,
		Published: it.Published, Body: template.HTML(body), Feeds: feeds, Home: site.BaseURL.String(), Generator: opts.Generator,
		Icon: siteIcon(site),
	}
	if it.Language != "" {
		a.Lang = it.Language
	}
	if it.Updated.After(it.Published) {
		a.Updated = it.Updated
	}
	for _, au := range e.Art.Authors {
		a.Authors = append(a.Authors, page.Link{Name: au.Label(), URL: au.URL})
	}
	a.Groups = termGroups(site, e)
	return a
}

// termGroups are the article's tags and categories, each linking to its
// family's page when the site writes one there.
func termGroups(site *config.Site, e *scan.Entry) []page.Group {
	var groups []page.Group
	for _, g := range []struct {
		kind  scan.Kind
		names []string
	}{{scan.ByTag, e.Art.Tags}, {scan.ByCategory, e.Art.Categories}} {
		pg := page.Group{Label: groupLabel(g.kind)}
		for _, name := range g.names {
			l := page.Link{Name: name}
			for _, t := range e.Terms {
				if f := scan.FamilyOf(site, t); f.Kind == g.kind && f.Name == name && f.Own == nil && site.Pages {
					l.URL = site.BaseURL.String() + f.Dir()
				}
			}
			pg.Links = append(pg.Links, l)
		}
		if len(pg.Links) > 0 {
			groups = append(groups, pg)
		}
	}
	return groups
}

// claimFiles gives each page and each file it copies its name, in the
// order of the articles' paths: a name the build's other files have, or
// an earlier page or copy of another source, is refused with a warning.
// The pages are files[first:], pages saying which each is; the pages
// refused are taken out in place. taken holds the names of the build's
// other files, and gets those of the copies: the pages' names are found
// by sorting them (see pageNames). It returns the files before first, the
// copies, then the pages.
func claimFiles(opts Options, list *filelist.List, p *plan.Plan, files []output.File, pages []pageMark, spill *PageSpill, copies pageCopies, taken map[string]bool, record func(int, cache.ArticlePage), first int) []output.File {
	copied := pictureSources(opts.Site) // by name: its source; the site's pictures first
	var assets []output.File
	var warnings []string
	byName := pageNames(files[first:], pages)
	for n, pg := range pages {
		f := files[first+n]
		i := int(p.Articles[pg.k])
		path := list.Path(i) // only for warnings: made anew, it is let go at once
		if taken[f.Name] || pg.again {
			warnings = append(warnings, fmt.Sprintf("%s: no page is written for the article: %s, where its link puts it, is a file the build writes already — give the article another 'slug' or 'url'", path, f.Name))
			continue
		}
		rec := cache.ArticlePage{Hash: p.ArticleHashes[pg.k], Name: f.Name, Missing: pg.missing}
		found := copies[pg.k]
		if len(found) > 0 {
			rec.Copies = make([]cache.Copy, 0, len(found))
		}
		for _, c := range found {
			if src, ok := copied[c.Name]; ok {
				if src != c.Source {
					warnings = append(warnings, fmt.Sprintf("%s: %s is not copied to %s: %s is copied there already — give one of them another name", path, c.Source, c.Name, src))
				}
				continue
			}
			if taken[c.Name] || byName.first(c.Name) <= n {
				warnings = append(warnings, fmt.Sprintf("%s: %s is not copied to %s, which the build writes already — give the file another name", path, c.Source, c.Name))
				continue
			}
			taken[c.Name] = true
			copied[c.Name] = c.Source
			rec.Copies = append(rec.Copies, c)
			assets = append(assets, copyFile(c, f.Keep))
		}
		if len(rec.Copies) == len(found) {
			// Every one is kept: the record shares the slice, so that a
			// build of many pages does not hold each page's copies twice.
			rec.Copies = found
		}
		if record != nil {
			record(i, rec)
		}
		pages[n].claimed = true
	}
	// The pages claimed, moved up over those refused once every name is
	// decided, as byName finds them where they were.
	w := first
	for n, pg := range pages {
		if pg.claimed {
			files[w] = files[first+n]
			w++
		}
	}
	clear(files[w:]) // the pages refused: let them go
	opts.Notes.add(warnings)
	if spill != nil {
		spill.claimed(files[first:w], pages)
	}
	return slices.Insert(files[:w], first, assets...)
}

// pagesByName are the places of a build's article pages in the order of
// their names, and of one name in the order of the pages: a build of
// many pages finds which names two pages have without a map of every
// name.
type pagesByName struct {
	order []int32
	files []output.File
}

// pageNames sorts the pages, files, by name and marks, in pages, each
// page that has the name of an earlier one: the first in the order of
// the articles' paths has it.
func pageNames(files []output.File, pages []pageMark) pagesByName {
	order := make([]int32, len(pages))
	for n := range order {
		order[n] = int32(n)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if c := strings.Compare(files[a].Name, files[b].Name); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	for j := 1; j < len(order); j++ {
		if files[order[j]].Name == files[order[j-1]].Name {
			pages[order[j]].again = true
		}
	}
	return pagesByName{order: order, files: files}
}

// first is the place of the first page named name, or a place after
// every page when none is.
func (b pagesByName) first(name string) int {
	j, found := slices.BinarySearchFunc(b.order, name, func(n int32, name string) int { return strings.Compare(b.files[n].Name, name) })
	if !found {
		return len(b.order)
	}
	return int(b.order[j])
}

// afterPages is how many files a build makes at most after the article
// pages: the main feed in each format, the head snippet and the home page.
const afterPages = 8

// copyFile is the output file of a copy: kept when its page is and so
// the cache shows it intact, else read from its source when written.
func copyFile(c cache.Copy, kept bool) output.File {
	f := output.File{Name: c.Name, Kind: layout.Asset.String(), Keep: kept}
	if !kept {
		src := c.Source
		f.Make = func() ([]byte, error) {
			data, err := os.ReadFile(src)
			if err != nil {
				return nil, diag.Failed.Errorf("copying %s: %w", src, err)
			}
			return data, nil
		}
	}
	return f
}
