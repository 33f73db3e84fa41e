package build

import (
	"container/heap"
	"hash/fnv"
	"runtime"
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
	published time.Time
	id        string
}

// candidate is an article that may become an item.
type candidate struct {
	published time.Time
	id        string
	idx       int // its index among the scanned paths
}

// before reports whether c comes before d in a feed, as model.Before
// orders items.
func (c candidate) before(d candidate) bool {
	if !c.published.Equal(d.published) {
		return c.published.After(d.published)
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
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	records := make([]record, len(paths))
	jobs := make(chan int, 256)
	heaps := make([]*topN, workers)
	found := make([]diag.List, workers)
	var done atomic.Int64
	progress := func() {
		if opts.Progress != nil {
			opts.Progress(int(done.Add(1)), len(paths))
		}
	}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		heaps[w] = &topN{limit: site.Limit}
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := range jobs {
				r, ok := record{}, false
				if cached != nil {
					r, ok = cached(i)
				}
				if !ok {
					e, problems := load(site, paths[i])
					if problems != nil {
						found[w] = append(found[w], problems...)
						progress()
						continue
					}
					r = record{ok: true, draft: e.art.Draft, urlHash: hash(e.item.URL), idHash: hash(e.item.ID),
						published: e.item.Published, id: e.item.ID}
				}
				records[i] = r
				if (!r.draft || opts.Drafts) && (!r.published.After(opts.Now) || opts.Future) {
					heaps[w].add(candidate{published: r.published, id: r.id, idx: i})
				}
				progress()
			}
		}(w)
	}
	for i := range paths {
		jobs <- i
	}
	close(jobs)
	wg.Wait()

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

// duplicates reports articles that share a URL or an id with an earlier
// one, in path order. Records hold only hashes; the articles of a match
// are read again to compare the real values and to word the message.
func duplicates(site *config.Site, paths []string, records []record) diag.List {
	var problems diag.List
	byURL := map[uint64]int{}
	byID := map[uint64]int{}
	check := func(seen map[uint64]int, h uint64, i int) bool {
		j, dup := seen[h]
		if !dup {
			seen[h] = i
			return false
		}
		earlier, _ := load(site, paths[j])
		later, _ := load(site, paths[i])
		if earlier == nil || later == nil {
			return false
		}
		if d := duplicate(earlier, later); d != nil {
			problems = append(problems, d)
			return true
		}
		return false
	}
	for i, r := range records {
		if !r.ok {
			continue
		}
		if check(byURL, r.urlHash, i) {
			continue
		}
		check(byID, r.idHash, i)
	}
	return problems
}
