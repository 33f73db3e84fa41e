package build

import (
	"cmp"
	"container/heap"
	"hash/fnv"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/feedpub/feedpub/internal/article"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/diag"
)

// record is what the first phase keeps of an article: enough to find
// duplicate URLs and ids and to choose the feed's items, and no more, so
// that memory stays small however large the archive.
type record struct {
	ok        bool // the article parsed without problems
	draft     bool
	urlHash   uint64
	idHash    uint64
	published stamp
	id        string
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
	id        string
	idx       int // its index among the scanned paths
}

// before reports whether c comes before d in a feed: it is newer, or as
// new with a smaller id, so the order never depends on how articles were
// read.
func (c candidate) before(d candidate) bool {
	if c := c.published.compare(d.published); c != 0 {
		return c > 0
	}
	return c.id < d.id
}

// topN keeps the first limit candidates in feed order; with limit 0 it
// keeps them all. It is a heap whose root is the candidate to evict next.
type topN struct {
	limit int
	c     []candidate
}

func (t *topN) Len() int           { return len(t.c) }
func (t *topN) Less(i, j int) bool { return t.c[j].before(t.c[i]) }
func (t *topN) Swap(i, j int)      { t.c[i], t.c[j] = t.c[j], t.c[i] }
func (t *topN) Push(x any)         { t.c = append(t.c, x.(candidate)) }
func (t *topN) Pop() any           { x := t.c[len(t.c)-1]; t.c = t.c[:len(t.c)-1]; return x }

func (t *topN) add(c candidate) {
	if t.limit == 0 || len(t.c) < t.limit {
		heap.Push(t, c)
	} else if c.before(t.c[0]) {
		t.c[0] = c
		heap.Fix(t, 0)
	}
}

// sortCandidates orders candidates as they appear in a feed.
func sortCandidates(cs []candidate) {
	slices.SortFunc(cs, func(a, b candidate) int {
		if a.before(b) {
			return -1
		}
		if b.before(a) {
			return 1
		}
		return 0
	})
}

func hash(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// load reads, parses and resolves one article.
func load(site *config.Site, path string) (*entry, diag.List) {
	src, perr := article.ReadFile(path, site.MaxArticleSize)
	if perr != nil {
		return nil, diag.List{perr}
	}
	a, problems := article.Parse(path, src, site.Location)
	if problems != nil {
		return nil, problems
	}
	return resolveOne(site, a)
}

// scan is the first phase: it reads every article on a pool of workers
// and returns a record of each, in the order of paths, with the problems
// found and the candidates for the feed, best first.
func scan(opts Options, paths []string, cached func(i int) (record, bool)) ([]record, []candidate, diag.List) {
	site := opts.Site
	workers := workerCount(opts)
	records := make([]record, len(paths))
	heaps := make([]*topN, workers)
	found := make([]diag.List, workers)
	for w := range heaps {
		heaps[w] = &topN{limit: site.Limit}
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
			e, problems := load(site, paths[i])
			if problems != nil {
				found[w] = append(found[w], problems...)
				return
			}
			r = record{ok: true, draft: e.art.Draft, urlHash: hash(e.item.URL), idHash: hash(e.item.ID),
				published: stampOf(e.item.Published), id: e.item.ID}
		}
		records[i] = r
		if r.eligible(opts) {
			heaps[w].add(candidate{published: r.published, id: r.id, idx: i})
		}
	})

	var problems diag.List
	for _, f := range found {
		problems = append(problems, f...)
	}
	problems = append(problems, duplicates(site, paths, records)...)

	all := &topN{limit: site.Limit}
	for _, h := range heaps {
		for _, c := range h.c {
			all.add(c)
		}
	}
	best := all.c
	sortCandidates(best)
	return records, best, problems
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
