// Package build runs feedpub's pipeline: it loads the articles, resolves
// each one's URL, id and authors against the site, selects and orders the
// items, renders their content and encodes the feeds. It returns the files
// to write and writes nothing itself, so a build that fails changes
// nothing on disk.
package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/feedpub/feedpub/internal/article"
	"github.com/feedpub/feedpub/internal/cache"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/content"
	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/guard"
	"github.com/feedpub/feedpub/internal/model"
	"github.com/feedpub/feedpub/internal/output"
)

// Options say what to build.
type Options struct {
	Site      *config.Site
	Drafts    bool                  // include articles marked draft
	Future    bool                  // include articles dated after Now
	Now       time.Time             // the moment that decides what is in the future
	Generator string                // the program and version named in the feeds
	Workers   int                   // how many articles are read at once; 0 for one per core
	KeepGoing bool                  // leave out articles with problems instead of failing
	Progress  func(done, total int) // if set, called as articles are scanned, from any goroutine

	// Cache is what the previous build learned, or nil. Articles whose
	// size and modification time it records are not read again.
	Cache *cache.Cache
	// Caching asks for Result.Cache, what this build learned.
	Caching bool
	// OutputsIntact reports whether the output files are as the previous
	// build (described by its cache) wrote them. When they are and no
	// article changed, Run stops early and reports Unchanged.
	OutputsIntact func(*cache.Cache) bool

	refs  *refs  // finds the links shortcodes and tags name; set by Run
	notes *notes // gathers rendering's warnings; set by Run
}

// Result is a successful build: the files to write and what went in them.
type Result struct {
	Files    []output.File
	Feed     *model.Feed    // the feed the files encode
	Sources  []guard.Source // where each of Feed.Items came from
	Articles int            // article files found
	Read     int            // article files read, not taken from the cache
	Items    int            // items in each feed
	Left     int            // drafts and future articles left out
	// Notices name the files left out although well-formed (no front
	// matter, headless, unpublished, expired), each with why.
	Notices []string
	// Skipped are the problems of the articles a build with KeepGoing
	// left out.
	Skipped diag.List

	notes *notes // rendering's warnings, see Warnings

	// Unchanged is set when nothing changed since the cached build: Files
	// is empty and the output files are already right.
	Unchanged bool
	// Cache is what this build learned, for the next one; the caller adds
	// the stamps of the files it writes.
	Cache *cache.Cache
}

// Run builds the feeds in two phases. The first reads every article's
// front matter on a pool of workers, checks it, and keeps only what
// choosing the items needs; the second reads and renders just the
// articles the feeds will hold. Problems in articles are returned
// together as a diag.List.
func Run(opts Options) (*Result, error) {
	files, problems, err := article.FindWith(opts.Site.Articles, opts.Site.Generator.Dialect)
	if err != nil {
		return nil, err
	}
	opts.notes = &notes{}
	key := CacheKey(opts)
	old := opts.Cache
	if old != nil && old.Key != key {
		old = nil
	}
	oldCount := 0
	if old != nil {
		oldCount = len(old.Entries)
	}
	paths, sc, hits := scanFiles(opts, files, old)
	problems = append(problems, sc.problems...)
	var skipped diag.List
	if len(problems) > 0 && opts.KeepGoing {
		// Build again without every file that has a problem.
		problems.Sort()
		skipped, problems = problems, nil
		broken := map[string]bool{}
		for _, p := range skipped {
			broken[p.Path] = true
		}
		files = slices.DeleteFunc(files, func(f article.File) bool { return broken[f.Path] })
		paths, sc, hits = scanFiles(opts, files, old)
		problems = sc.problems
	}
	if old != nil {
		old.Entries = nil // used up: let the memory go before rendering
	}
	opts.refs = newRefs(opts.Site, paths) // rendering needs it, scanning not
	if len(problems) > 0 {
		problems.Sort()
		return nil, problems
	}
	res := &Result{Articles: len(paths), Read: len(paths) - hits, Cache: cache.New(key), Notices: sc.notices, Skipped: skipped, notes: opts.notes}
	for _, r := range sc.records {
		if r.ok {
			res.Left++
		}
	}
	if opts.Caching {
		// The entries are made from the records as the cache is saved,
		// so that a large archive is not held twice.
		records, ords := sc.records, sc.orders
		res.Cache.Count = res.Left
		res.Cache.Source = func(yield func(cache.Entry) bool) {
			for i, r := range records {
				if r.ok && !yield(cache.Entry{Path: paths[i], Size: files[i].Size, ModTime: files[i].ModTime.UnixNano(),
					Draft: r.draft, URLHash: r.urlHash, IDHash: r.idHash, PublishedSec: r.published.sec, PublishedNsec: r.published.nsec,
					Terms: r.terms, Order: ords.cached(i)}) {
					return
				}
			}
		}
	}
	res.Left -= countEligible(opts, sc.records)
	p := makePlan(opts, files, sc)
	sc.records = nil
	res.Cache.Selection = p.signature
	for k, sig := range p.pageSigs {
		res.Cache.Pages[k+1] = sig
	}
	for _, f := range p.families {
		res.Cache.Families[f.Dir()] = f.sig
	}
	if old != nil && res.Read == 0 && oldCount == len(paths) && old.Selection == p.signature &&
		opts.OutputsIntact != nil && opts.OutputsIntact(old) {
		res.Unchanged, res.Items, res.Cache = true, len(p.main), old
		return res, nil
	}
	if err := res.render(opts, paths, p, old); err != nil {
		return nil, err
	}
	return res, nil
}

// scanFiles runs the first phase over files, taking from old what it
// recorded of the files that did not change. It returns the files' paths,
// what the phase found and how many files the cache spared reading.
func scanFiles(opts Options, files []article.File, old *cache.Cache) ([]string, scanned, int) {
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = f.Path
	}
	var hits atomic.Int64
	var cached func(int) (record, bool)
	var ords orders
	if opts.Site.Generator.Dialect == article.Hugo {
		ords = make(orders, len(paths))
	}
	if old != nil {
		match := old.Match(paths)
		cached = func(i int) (record, bool) {
			if match[i] < 0 {
				return record{}, false
			}
			e := old.Entries[match[i]]
			if e.Size != files[i].Size || e.ModTime != files[i].ModTime.UnixNano() {
				return record{}, false
			}
			hits.Add(1)
			if ords != nil && e.Order != nil {
				ords[i] = order{weight: e.Order.Weight, title: e.Order.Title}
			}
			return record{ok: true, draft: e.Draft, urlHash: e.URLHash, idHash: e.IDHash,
				published: stamp{e.PublishedSec, e.PublishedNsec}, terms: e.Terms}, true
		}
	}
	sc := scan(opts, paths, cached, ords)
	return paths, sc, int(hits.Load())
}

// CacheKey names everything besides the articles that a build's output
// depends on, so that a cache made with other settings is not used: the
// options, and every field of the resolved site, found by reflection so
// that a setting added later is part of the key without anyone listing it.
func CacheKey(opts Options) string {
	h := sha256.New()
	fmt.Fprintf(h, "%v|%v|%q|", opts.Drafts, opts.Future, opts.Generator)
	keyOf(h, reflect.ValueOf(*opts.Site))
	return hex.EncodeToString(h.Sum(nil))
}

// keyOf writes a value's contents to w, field by field. A function is
// left out: the generator's functions are made from its settings file,
// whose contents its Key holds.
func keyOf(w io.Writer, v reflect.Value) {
	if v.Kind() != reflect.Struct && v.CanInterface() {
		if s, ok := v.Interface().(fmt.Stringer); ok && !(v.Kind() == reflect.Pointer && v.IsNil()) {
			fmt.Fprintf(w, "%q;", s.String()) // *url.URL, *time.Location
			return
		}
	}
	switch v.Kind() {
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			fmt.Fprintf(w, "%s=", t.Field(i).Name)
			keyOf(w, v.Field(i))
		}
	case reflect.Func:
		fmt.Fprint(w, "func;")
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			fmt.Fprint(w, "nil;")
			return
		}
		keyOf(w, v.Elem())
	case reflect.Slice, reflect.Array:
		fmt.Fprintf(w, "[%d:", v.Len())
		for i := 0; i < v.Len(); i++ {
			keyOf(w, v.Index(i))
		}
		fmt.Fprint(w, "]")
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
		fmt.Fprintf(w, "{%d:", len(keys))
		for _, k := range keys {
			keyOf(w, k)
			keyOf(w, v.MapIndex(k))
		}
		fmt.Fprint(w, "}")
	default:
		fmt.Fprintf(w, "%#v;", v)
	}
}

// countEligible counts the articles that drafts and dates let into a feed.
func countEligible(opts Options, records []record) int {
	n := 0
	for _, r := range records {
		if r.eligible(opts) {
			n++
		}
	}
	return n
}

// fill renders what only the items in the feed need: content and summary.
// A body is parsed once for both.
func fill(opts Options, r *content.Renderer, full bool, e *entry) error {
	a, it := e.art, e.item
	hasBody := len(bytes.TrimSpace(a.Body)) > 0
	page := content.Page{File: a.Path, Line: a.BodyLine, URL: it.URL, Params: pageParams(opts.Site, a.Path)}
	res, err := r.Render(a.Body, e.url, page, full && hasBody)
	if err != nil {
		return err
	}
	opts.notes.add(res.Warnings)
	it.ContentHTML, it.Summary = res.HTML, res.Summary
	if a.Summary != "" {
		it.Summary = r.FrontMatterSummary(a.Summary)
	}
	return nil
}

// selfURL is the URL a file in the output directory is published at.
func selfURL(site *config.Site, name string) string {
	return site.BaseURL.ResolveReference(&url.URL{Path: path.Clean(name)}).String()
}

// outputPath is where a file named relative to the output directory is.
func outputPath(site *config.Site, name string) string {
	return filepath.Join(site.Output, filepath.FromSlash(name))
}

// siteAuthors are the site's authors; with none set, the site's name stands
// in, since Atom and JSON Feed readers expect an author.
func siteAuthors(site *config.Site) []model.Person {
	if len(site.Authors) > 0 {
		return site.Authors
	}
	return []model.Person{{Name: site.Title}}
}
