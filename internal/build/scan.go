package build

import (
	"cmp"
	"container/heap"
	"hash/fnv"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/feedpub/feedpub/internal/article"
	"github.com/feedpub/feedpub/internal/cache"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/frontmatter"
)

// record is what the first phase keeps of an article: enough to find
// duplicate URLs and ids and to choose the feed's items, and no more, so
// that memory stays small however large the archive.
type record struct {
	published stamp
	ok        bool // the article parsed without problems
	draft     bool
	urlHash   uint64
	idHash    uint64
	terms     []string // the families the article belongs to
}

// order is what Hugo orders pages by besides the date: the front matter's
// weight first (0 for none, which comes last), then the title.
type order struct {
	weight int32
	title  string
}

// orders holds each article's order, by its index, on a Hugo site; it is
// nil on other sites, which order articles of one date by path. It stands
// beside the candidates so that they hold no pointer for the collector
// to follow.
type orders []order

// cached is article i's order as the cache keeps it: nil on sites other
// than Hugo's.
func (os orders) cached(i int) *cache.Order {
	if os == nil {
		return nil
	}
	return &cache.Order{Weight: os[i].weight, Title: os[i].title}
}

// compareWeight orders as Hugo does: a set weight before none, and
// lighter first.
func (o order) compareWeight(p order) int {
	if o.weight != p.weight {
		switch {
		case o.weight == 0:
			return 1
		case p.weight == 0:
			return -1
		}
		return cmp.Compare(o.weight, p.weight)
	}
	return 0
}

// stamp is a moment as Unix seconds and nanoseconds: smaller than a
// time.Time, and unlike Unix nanoseconds it holds any year.
type stamp struct {
	sec  int64
	nsec int32
}

func stampOf(t time.Time) stamp { return stamp{t.Unix(), int32(t.Nanosecond())} }

// compare orders stamps in time.
func (s stamp) compare(t stamp) int {
	return cmp.Or(cmp.Compare(s.sec, t.sec), cmp.Compare(s.nsec, t.nsec))
}

// candidate is an article that may become an item.
type candidate struct {
	published stamp
	idx       int // its index among the scanned paths, which are sorted
}

// before reports whether c comes before d in a feed: it comes first by
// Hugo's weight, is newer, or as new and first by Hugo's title or by its
// file's path, so the order never depends on how articles were read.
func (os orders) before(c, d candidate) bool { return os.compare(c, d) < 0 }

// compare is -1 when c comes before d in a feed, 1 when after; no two
// candidates are equal.
func (os orders) compare(c, d candidate) int {
	if os != nil {
		if o := os[c.idx].compareWeight(os[d.idx]); o != 0 {
			return o
		}
	}
	if o := d.published.compare(c.published); o != 0 {
		return o
	}
	if os != nil && os[c.idx].title != os[d.idx].title {
		return strings.Compare(os[c.idx].title, os[d.idx].title)
	}
	return cmp.Compare(c.idx, d.idx)
}

// topN keeps the first limit candidates in feed order; with limit 0 it
// keeps them all. It is a heap whose root is the candidate to evict next.
type topN struct {
	limit  int
	c      []candidate
	orders orders
}

func (t *topN) Len() int           { return len(t.c) }
func (t *topN) Less(i, j int) bool { return t.orders.before(t.c[j], t.c[i]) }
func (t *topN) Swap(i, j int)      { t.c[i], t.c[j] = t.c[j], t.c[i] }
func (t *topN) Push(x any)         { t.c = append(t.c, x.(candidate)) }
func (t *topN) Pop() any           { x := t.c[len(t.c)-1]; t.c = t.c[:len(t.c)-1]; return x }

func (t *topN) add(c candidate) {
	if t.limit == 0 || len(t.c) < t.limit {
		heap.Push(t, c)
	} else if t.orders.before(c, t.c[0]) {
		t.c[0] = c
		heap.Fix(t, 0)
	}
}

// sortCandidates orders candidates as they appear in a feed.
func sortCandidates(cs []candidate, os orders) {
	slices.SortFunc(cs, os.compare)
}

func hash(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// load reads, parses and resolves one article.
func load(site *config.Site, path string) (*entry, diag.List) {
	return loadInto(site, path, nil)
}

// loadInto is load reading the file into *buf's memory, which it keeps
// for the next call, when buf is set: then the entry's body is good only
// until that call.
func loadInto(site *config.Site, path string, buf *[]byte) (*entry, diag.List) {
	var src []byte
	var perr *diag.Error
	if buf != nil {
		src, perr = article.ReadFileInto(*buf, path, site.MaxArticleSize)
		*buf = src
	} else {
		src, perr = article.ReadFile(path, site.MaxArticleSize)
	}
	if perr != nil {
		return nil, diag.List{perr}
	}
	a, problems := parseArticle(site, path, src)
	if problems != nil {
		return nil, problems
	}
	if a.Skip != "" {
		return &entry{art: a}, nil
	}
	e, problems := resolveOne(site, a)
	if e != nil {
		e.body = refOf(src, a.Body)
	}
	return e, problems
}

// parseArticle reads an article by the rules of the site's generator.
func parseArticle(site *config.Site, path string, src []byte) (*article.Article, diag.List) {
	dialect := site.Generator.Dialect
	a, problems := article.ParseWith(path, src, article.Options{Location: site.Location, Dialect: dialect, Taxonomies: site.Generator.Taxonomies, HugoDates: site.Generator.Dates})
	if dialect == article.Feedpub {
		return a, problems
	}
	if len(problems) == 1 && problems[0].Msg == frontmatter.NoFrontMatter {
		// The generators take such a file for a page without metadata,
		// or for a static file; neither is an article of the feed.
		return &article.Article{Path: path, Skip: "it has no front matter"}, nil
	}
	if a != nil && dialect == article.Jekyll && slices.Contains(strings.Split(filepath.ToSlash(path), "/"), "_drafts") {
		a.Draft = true
		if st, err := os.Stat(path); err == nil && a.Date.IsZero() {
			a.Date = st.ModTime().In(site.Location) // Jekyll dates a draft so
		}
	}
	if a != nil && a.Date.IsZero() && a.Skip == "" {
		a.Skip = "it has no date"
	}
	return a, problems
}

// scanned is what the first phase found: a record of every article, in
// the order of paths, the candidates for the main feed and for each
// family's feeds, best first, and the problems.
type scanned struct {
	records  []record
	best     []candidate
	families []familyPick // sorted by key
	problems diag.List
	kept     []*entry // with no limit, every article read, by index
	notices  []string // articles left out although well-formed, and why
	orders   orders   // Hugo's order of each article; nil on other sites
}

// familyPick is a family with the candidates for its feeds, best first.
type familyPick struct {
	family
	best []candidate
}

// familySeen is a family as one worker saw it: its candidates, and the
// first article (by path) that named it, to report names that collide.
type familySeen struct {
	family
	heap  *topN
	first int
	names map[string]int // every spelling that makes this slug, with its first article
}

// scan is the first phase: it reads every article on a pool of workers
// and keeps a record of each, the candidates for every feed and the
// problems found.
// On a Hugo site ords, of one order per path, receives each article's
// order (the cache's as cached does, the file's when it is read); it is
// nil elsewhere.
func scan(opts Options, paths []string, cached func(i int) (record, bool), ords orders) scanned {
	site := opts.Site
	workers := workerCount(opts)
	records := make([]record, len(paths))
	heaps := make([]*topN, workers)
	fams := make([]map[string]*familySeen, workers)
	slugs := make([]map[string]family, workers) // by term: making a slug costs more than a lookup
	found := make([]diag.List, workers)
	notices := make([][]string, workers)
	interned := make([]map[string]string, workers)
	bufs := make([][]byte, workers)
	// With no limit every article is an item: what the second phase
	// needs of each is kept rather than parsed again.
	var kept []*entry
	if site.Limit == 0 {
		kept = make([]*entry, len(paths))
	}
	for w := range heaps {
		heaps[w] = &topN{limit: site.Limit, orders: ords}
		fams[w] = map[string]*familySeen{}
		slugs[w] = map[string]family{}
		interned[w] = map[string]string{}
	}
	var done atomic.Int64
	forEach(workers, len(paths), func(w, i int) {
		if opts.Progress != nil {
			defer func() { opts.Progress(int(done.Add(1)), len(paths)) }()
		}
		r, ok := record{}, false
		if cached != nil {
			r, ok = cached(i)
		}
		if !ok {
			// Nothing of the file is kept: each worker reads into one buffer.
			e, problems := loadInto(site, paths[i], &bufs[w])
			if problems == nil && e.item == nil {
				notices[w] = append(notices[w], e.art.Path+": left out: "+e.art.Skip)
				return
			}
			if problems == nil && !site.Expired && !e.art.Expires.IsZero() && !e.art.Expires.After(opts.Now) {
				notices[w] = append(notices[w], e.art.Path+": left out: expired on "+e.art.Expires.Format("2006-01-02"))
				return
			}
			if problems != nil {
				found[w] = append(found[w], problems...)
				return
			}
			for k, t := range e.terms { // one copy of each name, not one per article
				if c, ok := interned[w][t]; ok {
					e.terms[k] = c
				} else {
					interned[w][t] = t
				}
			}
			r = record{ok: true, draft: e.art.Draft, urlHash: hash(e.item.URL), idHash: hash(e.item.ID),
				published: stampOf(e.item.Published), terms: e.terms}
			if ords != nil {
				ords[i] = order{weight: int32(e.art.Weight), title: e.art.Title}
			}
			if kept != nil {
				slim(e)
				kept[i] = e
			}
		}
		records[i] = r
		if !r.eligible(opts) {
			return
		}
		c := candidate{published: r.published, idx: i}
		heaps[w].add(c)
		for _, t := range r.terms {
			f, known := slugs[w][t]
			if !known {
				f = familyOf(site, t)
				slugs[w][t] = f
			}
			fs := fams[w][f.key()]
			if fs == nil {
				fs = &familySeen{family: f, heap: &topN{limit: site.Limit, orders: ords}, first: i, names: map[string]int{}}
				fams[w][f.key()] = fs
			}
			fs.heap.add(c)
			if j, seen := fs.names[f.name]; !seen || i < j {
				fs.names[f.name] = i
			}
		}
	})

	var problems diag.List
	for _, f := range found {
		problems = append(problems, f...)
	}
	var notes []string
	for _, n := range notices {
		notes = append(notes, n...)
	}
	slices.Sort(notes)
	dups := duplicates(site, paths, records)
	if site.Generator.Name != "" {
		// The generator lists both; a feed cannot hold one id twice, so the
		// later is left out.
		for _, d := range dups {
			if i, found := slices.BinarySearch(paths, d.Path); found {
				records[i].ok = false
			}
			notes = append(notes, d.Path+": left out: "+d.Msg)
		}
		dups = nil
	}
	problems = append(problems, dups...)

	all := &topN{limit: site.Limit, orders: ords}
	for _, h := range heaps {
		for _, c := range h.c {
			all.add(c)
		}
	}
	sortCandidates(all.c, ords)
	out := scanned{records: records, best: all.c, kept: kept, notices: notes, orders: ords}

	merged := map[string]*familySeen{}
	for _, m := range fams {
		for key, fs := range m {
			into := merged[key]
			if into == nil {
				merged[key] = fs
				continue
			}
			for _, c := range fs.heap.c {
				into.heap.add(c)
			}
			for name, j := range fs.names {
				if k, seen := into.names[name]; !seen || j < k {
					into.names[name] = j
				}
			}
		}
	}
	for _, fs := range merged {
		if len(fs.names) > 1 && site.Generator.TermSlug == nil && !caseOnly(fs.names) {
			// Names that differ only in case are one, as Hugo merges
			// them, and so is every name a generator's own slugs make
			// one; feedpub asks for one spelling of any other two.
			problems = append(problems, collision(site, paths, fs)...)
		}
		// The family is named as the first article (by path) spells it.
		first := -1
		for name, j := range fs.names {
			if first < 0 || j < first || (j == first && name < fs.name) {
				fs.name, first = name, j
			}
		}
		sortCandidates(fs.heap.c, ords)
		out.families = append(out.families, familyPick{family: fs.family, best: fs.heap.c})
	}
	slices.SortFunc(out.families, func(a, b familyPick) int { return cmp.Compare(a.key(), b.key()) })
	out.problems = problems
	return out
}

// caseOnly reports whether names differ only in case.
func caseOnly(names map[string]int) bool {
	var first string
	for name := range names {
		if first == "" {
			first = name
		} else if !strings.EqualFold(name, first) {
			return false
		}
	}
	return true
}

// workerCount is how many articles a build handles at once.
func workerCount(opts Options) int {
	if opts.Workers > 0 {
		return opts.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// forEach calls fn(worker, i) for every i below n on the given number of
// goroutines, and returns when all calls have.
func forEach(workers, n int, fn func(worker, i int)) {
	jobs := make(chan int, 256)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := range jobs {
				fn(w, i)
			}
		}(w)
	}
	for i := 0; i < n; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
}

// eligible reports whether drafts and dates let the article into a feed.
func (r record) eligible(opts Options) bool {
	return r.ok && (!r.draft || opts.Drafts) && (r.published.compare(stampOf(opts.Now)) <= 0 || opts.Future)
}

// duplicates reports articles that share a URL or an id with an earlier
// one, in path order. Records hold only hashes, sorted here rather than
// put in a map to keep memory small; the articles of a match are read
// again to compare the real values and to word the message.
func duplicates(site *config.Site, paths []string, records []record) diag.List {
	type pair struct {
		h   uint64
		idx int32
	}
	collisions := func(hashOf func(record) uint64) [][2]int {
		var ps []pair
		for i, r := range records {
			if r.ok {
				ps = append(ps, pair{hashOf(r), int32(i)})
			}
		}
		slices.SortFunc(ps, func(a, b pair) int { return cmp.Or(cmp.Compare(a.h, b.h), cmp.Compare(a.idx, b.idx)) })
		var out [][2]int // (first, later) for each later article sharing a hash
		for i := 1; i < len(ps); i++ {
			if ps[i].h == ps[i-1].h {
				first := i - 1
				for first > 0 && ps[first-1].h == ps[i].h {
					first--
				}
				out = append(out, [2]int{int(ps[first].idx), int(ps[i].idx)})
			}
		}
		return out
	}
	var problems diag.List
	reported := map[int]bool{}
	report := func(pairs [][2]int) {
		slices.SortFunc(pairs, func(a, b [2]int) int { return cmp.Compare(a[1], b[1]) })
		for _, p := range pairs {
			if reported[p[1]] {
				continue
			}
			earlier, _ := load(site, paths[p[0]])
			later, _ := load(site, paths[p[1]])
			if earlier == nil || later == nil {
				continue
			}
			if d := duplicate(earlier, later); d != nil {
				problems = append(problems, d)
				reported[p[1]] = true
			}
		}
	}
	report(collisions(func(r record) uint64 { return r.urlHash }))
	report(collisions(func(r record) uint64 { return r.idHash }))
	return problems
}
