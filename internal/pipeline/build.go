// Package pipeline runs a build, phase by phase: scan (each article read
// and parsed once), plan (every output file decided), render (the files
// made, into memory or, as they are written, into temporary files). It
// returns the files to write and writes nothing itself: the caller
// commits them with package output, so a build that fails changes nothing
// on disk.
package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/feedpub/feedpub/internal/article"
	"github.com/feedpub/feedpub/internal/cache"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/fault"
	"github.com/feedpub/feedpub/internal/filelist"
	"github.com/feedpub/feedpub/internal/guard"
	"github.com/feedpub/feedpub/internal/layout"
	"github.com/feedpub/feedpub/internal/model"
	"github.com/feedpub/feedpub/internal/output"
	"github.com/feedpub/feedpub/internal/plan"
	"github.com/feedpub/feedpub/internal/render"
	"github.com/feedpub/feedpub/internal/scan"
	"github.com/feedpub/feedpub/internal/spill"
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
	NameLeft  int                   // name the articles left out when there are at most this many (see Result.LeftOut)
	Progress  func(done, total int) // if set, called as articles are scanned, from any goroutine
	Found     func(articles int)    // if set, told how many article files there are before any is read

	// Cache is what the previous build learned, or nil. Articles whose
	// size and modification time it records are not read again.
	Cache *cache.Cache
	// Caching asks for Result.Cache, what this build learned.
	Caching bool
	// OutputsIntact reports whether the output files are as the previous
	// build (described by its cache) wrote them. When they are and no
	// article changed, Run stops early and reports Unchanged.
	OutputsIntact func(*cache.Cache) bool
}

// Result is a successful build: the files to write and what went in them.
type Result struct {
	Files    []output.File
	Feed     *model.Feed    // the feed the files encode
	Sources  []guard.Source // where each of Feed.Items came from
	Shows    []render.Show  // the podcast shows, each with its feed and sources
	Articles int            // article files found
	Read     int            // article files read, not taken from the cache
	Items    int            // items in each feed
	// Left counts the articles left out although well-formed (drafts,
	// future, expired, unpublished, or left out by the site's generator),
	// LeftBy by reason; LeftOut names each with why, by path, unless
	// there are more than Options.NameLeft.
	Left    int
	LeftBy  [scan.Reasons]int
	LeftOut []LeftOut
	// Skipped are the problems of the articles a build with KeepGoing
	// left out.
	Skipped diag.List

	notes   *render.Notes // rendering's warnings, see Warnings
	spilled *spill.File   // archive items, read as the files are written
	spool   *cache.Spool  // Cache's entries, on disk until it is saved
	pages   *render.PageSpill
	sums    *scan.SumTable // the articles' hashes, until Cache is saved

	// Unchanged is set when nothing changed since the cached build: Files
	// is empty and the output files are already right.
	Unchanged bool
	// Refreshed is set when the cache recorded some unchanged article by
	// another modification time (a fresh checkout): saving Cache spares
	// the next build reading it again.
	Refreshed bool
	// Cache is what this build learned, for the next one; the caller adds
	// the stamps of the files it writes.
	Cache *cache.Cache
}

// LeftOut is an article left out of the feeds, and why.
type LeftOut = scan.Left

// Warnings are what rendering removed from the articles: shortcodes and
// tags of the site's own that feedpub cannot run, references to pages
// that do not exist; each at its file:line. Feeds rendered as they are
// written add theirs then, so this is complete once the files are.
func (res *Result) Warnings() []string { return res.notes.List() }

// Run builds the feeds: it scans every article, plans every output file
// and renders those that changed. Problems in articles are returned
// together as a diag.List.
func Run(opts Options) (_ *Result, err error) {
	files, problems, err := article.FindWith(opts.Site.Articles, opts.Site.Generator.Dialect)
	if err != nil {
		return nil, err
	}
	files = keepFiles(opts.Site, files)
	if opts.Found != nil {
		opts.Found(files.Len())
	}
	key := CacheKey(opts)
	old := opts.Cache
	if old != nil && old.Key != key {
		old = nil
	}
	oldCount := 0
	if old != nil {
		oldCount = len(old.Entries)
	}
	if err := fault.At(fault.Scan); err != nil {
		return nil, err
	}
	sopts := scan.Options{Site: opts.Site, Drafts: opts.Drafts, Future: opts.Future, Now: opts.Now, Workers: opts.Workers, Progress: opts.Progress,
		NameLeft: opts.NameLeft}
	notes := &render.Notes{}
	ropts := render.Options{Site: opts.Site, Generator: opts.Generator, Workers: opts.Workers, Notes: notes}
	var spilled *spill.File
	var sums *scan.SumTable
	defer func() {
		if spilled != ropts.Spilled {
			spilled.Close() // not handed on: the build failed
		}
		if err != nil {
			sums.Close()
		}
	}()
	scanAll := func() (scan.Scanned, int, int) {
		spilled.Close()
		spilled = spillFor(opts.Site, files.Len())
		if spilled != nil {
			sopts.Keep = render.Summarizer(ropts, files, spilled)
		}
		sums.Close()
		// A large archive's hashes wait on disk, as its cache entries do.
		sopts.SumsOnDisk = spooled(opts.Site, files.Len())
		sc, hits, refreshed := scanFiles(sopts, files, old)
		sums = sc.Sums
		return sc, hits, refreshed
	}
	sc, hits, refreshed := scanAll()
	if sc.Err != nil {
		return nil, sc.Err
	}
	problems = append(problems, sc.Problems...)
	var skipped diag.List
	if len(problems) > 0 && opts.KeepGoing {
		// Build again without every file that has a problem.
		problems.Sort()
		skipped, problems = problems, nil
		broken := map[string]bool{}
		for _, p := range skipped {
			broken[p.Path] = true
		}
		files = files.Filter(func(_ int, path []byte) bool { return !broken[string(path)] })
		sc, hits, refreshed = scanAll()
		if sc.Err != nil {
			return nil, sc.Err
		}
		problems = sc.Problems
	}
	if spilled != nil && spilled.Done() != nil {
		spilled.Close() // the documents read the articles again instead
		spilled = nil
	}
	if old != nil {
		old.Entries = nil // used up: let the memory go before rendering
	}
	if len(problems) > 0 {
		problems.Sort()
		return nil, problems
	}
	res := &Result{Articles: files.Len(), Read: files.Len() - hits, Cache: cache.New(key), LeftBy: sc.LeftBy, LeftOut: sc.Left,
		Skipped: skipped, notes: notes, sums: sums}
	whole := 0 // articles with a record: those the cache keeps
	for _, r := range sc.Records {
		if r.OK() {
			whole++
		}
	}
	for _, n := range sc.LeftBy {
		res.Left += n
	}
	if opts.Caching {
		// The entries are made from the records as the cache is saved,
		// so that a large archive is not held twice.
		// A read of the hashes that fails gives fewer entries than
		// Count, which the cache refuses to save.
		records, ords, terms := sc.Records, sc.Orders, sc.TermNames()
		res.Cache.Count = whole
		res.Cache.Source = func(yield func(cache.Entry) bool) {
			sr := sums.Reader()
			files.EachFile(func(i int, path []byte, size, mtime int64) bool {
				r, s := records[i], sr.Next()
				if sr.Err() != nil {
					return false
				}
				if !r.OK() {
					return true
				}
				published := r.Published()
				return yield(cache.Entry{Path: string(path), Size: size, ModTime: mtime,
					Draft: r.Draft(), URLHash: s.URL, IDHash: s.ID, Hash: s.File, PublishedSec: published.Sec, PublishedNsec: published.Nsec,
					Terms: terms(r), Order: ords.Cached(i)})
			})
		}
	}
	if err := fault.At(fault.Plan); err != nil {
		return nil, err
	}
	p, err := plan.Make(sopts, files, sc)
	if err != nil {
		return nil, err
	}
	sc = scan.Scanned{}
	res.Cache.Selection = p.Signature
	for k, sig := range p.PageSigs {
		res.Cache.Pages[k+1] = sig
	}
	for _, f := range p.Families {
		res.Cache.Families[f.Dir()] = f.Sig
	}
	res.Items = len(p.Main)
	if old != nil && res.Read == 0 && oldCount == files.Len() && old.Selection == p.Signature &&
		opts.OutputsIntact != nil && opts.OutputsIntact(old) {
		if intact, copied := copiesIntact(old); intact {
			res.Unchanged, res.Refreshed = true, refreshed > 0 || copied
			res.Cache.Outputs, res.Cache.Articles = old.Outputs, old.Articles
			return res, nil
		}
	}
	if err := fault.At(fault.Render); err != nil {
		return nil, err
	}
	if opts.Caching && spooled(opts.Site, files.Len()) {
		// What the cache needs of each article goes to disk before the
		// files are made; of the first phase's findings only the list of
		// files stays, which rendering reads. A spool that cannot be
		// written leaves the entries in memory.
		if res.spool, _ = cache.NewSpool("", res.Cache.Source); res.spool != nil {
			res.Cache.Source = res.spool.Entries
		}
	}
	ropts.Spilled = spilled
	if opts.Caching {
		ropts.Record = res.recordPages(files)
	}
	res.spilled = spilled
	out, err := render.Files(ropts, files, p, old)
	if old != nil {
		old.Articles = nil // used up by the pages kept: let the memory go while the files are written
	}
	if err != nil {
		ropts.Spilled = nil
		res.spool.Close()
		return nil, err
	}
	res.Files, res.Feed, res.Sources, res.pages = out.Files, out.Feed, out.Sources, out.Pages
	if err := res.addShows(opts, ropts, files); err != nil {
		ropts.Spilled = nil
		res.spool.Close()
		res.pages.Close()
		return nil, err
	}
	return res, nil
}

// recordPages returns what render calls with each article page, for the
// cache to save. A build of many articles keeps a record of two words
// for each page, in a slice made once, the files it copied beside, and
// the article's path only while the cache is saved; the page's name is
// that of its output file, the n-th article page among the build's
// files for the n-th record.
func (res *Result) recordPages(files *filelist.List) func(int, cache.ArticlePage) {
	var pages []pageRecord
	copies := map[int32][]cache.Copy{}
	c := res.Cache
	kind := layout.ArticlePage.String()
	c.ArticleSource = func(yield func(cache.ArticlePage) bool) {
		n := 0
		for _, f := range res.Files {
			if f.Kind != kind {
				continue
			}
			if n == len(pages) {
				return // more pages than records, which cannot be: the cache refuses the count
			}
			r := pages[n]
			n++
			if !yield(cache.ArticlePage{Path: files.Path(int(r.i)), Hash: r.hash, Name: f.Name, Copies: copies[r.i], Missing: r.missing}) {
				return
			}
		}
	}
	return func(i int, rec cache.ArticlePage) {
		if pages == nil {
			pages = make([]pageRecord, 0, files.Len()) // at most one a file, and never grown
		}
		pages = append(pages, pageRecord{i: int32(i), hash: rec.Hash, missing: rec.Missing})
		if len(rec.Copies) > 0 {
			copies[int32(i)] = rec.Copies
		}
		c.ArticleCount++
	}
}

// pageRecord is what the cache needs of one article page beside its
// name.
type pageRecord struct {
	i       int32 // the article's place in the list of files
	missing bool  // a local file it references is not there
	hash    uint64
}

// scanFiles runs the first phase over files, taking from old what it
// recorded of the files that did not change. It returns what the phase
// found, how many files the cache spared parsing, and how many of those
// it knew by an older modification time, whose bytes it compared
// instead.
func scanFiles(opts scan.Options, files *filelist.List, old *cache.Cache) (scan.Scanned, int, int) {
	var hits, refreshed atomic.Int64
	var cached func(int, *[]byte) (scan.Record, scan.Sums, []string, bool)
	var ords scan.Orders
	if opts.Site.Generator.Dialect == article.Hugo {
		ords = make(scan.Orders, files.Len())
	}
	if old != nil {
		// An entry is used for a file of its size; one of another time
		// too, when the file's bytes are the same (touched below).
		match := old.Match(files)
		touched := make([]bool, len(match))
		files.EachFile(func(i int, _ []byte, size, mtime int64) bool {
			if j := match[i]; j >= 0 && old.Entries[j].Size != size {
				match[i] = -1
			} else if j >= 0 {
				touched[i] = old.Entries[j].ModTime != mtime
			}
			return true
		})
		cached = func(i int, buf *[]byte) (scan.Record, scan.Sums, []string, bool) {
			if match[i] < 0 {
				return scan.Record{}, scan.Sums{}, nil, false
			}
			e := old.Entries[match[i]]
			if touched[i] {
				// Only the time changed, as in a fresh checkout: the
				// bytes decide, which costs a read but not a parse.
				data, perr := article.ReadFileInto(*buf, files.Path(i), opts.Site.MaxArticleSize)
				*buf = data
				if perr != nil || cache.Hash(data) != e.Hash {
					return scan.Record{}, scan.Sums{}, nil, false
				}
				refreshed.Add(1)
			}
			hits.Add(1)
			if ords != nil && e.Order != nil {
				ords[i] = scan.Order{Weight: e.Order.Weight, Title: e.Order.Title}
			}
			return scan.NewRecord(scan.Stamp{Sec: e.PublishedSec, Nsec: e.PublishedNsec}, e.Draft),
				scan.Sums{URL: e.URLHash, ID: e.IDHash, File: e.Hash}, e.Terms, true
		}
	}
	sc := scan.Files(opts, files, cached, ords)
	return sc, int(hits.Load()), int(refreshed.Load())
}

// spillFor is a file for the archive items the first phase renders, when
// the site's archive documents carry summaries; nil when they carry full
// content (too large to keep twice), when there are none, or when no
// temporary file can be made (the documents then read their articles
// again: see Done).
func spillFor(site *config.Site, n int) *spill.File {
	if !site.Archive || site.Limit == 0 || site.ArchiveFull || n <= site.Limit {
		return nil
	}
	return spill.New("", n)
}

// Close lets go of what the build kept on disk for writing its files:
// call it once they are written.
func (res *Result) Close() error {
	s, c, h, p := res.spilled, res.spool, res.sums, res.pages
	res.spilled, res.spool, res.sums, res.pages = nil, nil, nil, nil
	return errors.Join(s.Close(), c.Close(), h.Close(), p.Close())
}

// spoolFrom is how many articles a build must have for the cache's
// entries to be kept on disk while the files are made: below it they
// take a few megabytes, less than writing and reading them back costs in
// time. A variable for tests.
var spoolFrom = 200_000

// spoolPagesFrom is spoolFrom for a build that writes article pages:
// rendering them makes garbage for a long while, during which every
// megabyte kept alive has the collector work more often and the heap
// grow, and writing the entries and hashes out costs little beside it.
// A variable for tests.
var spoolPagesFrom = 50_000

// spooled reports whether a build of n articles keeps the articles'
// hashes and the cache's entries on disk while it makes its files.
func spooled(site *config.Site, n int) bool {
	if site.ArticlePages {
		return n >= min(spoolFrom, spoolPagesFrom)
	}
	return n >= spoolFrom
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
