// Package scan is the first phase of a build: it finds the article files,
// reads and parses each one once, resolves its link, id and families, and
// keeps of it only what choosing the items needs (a Record), with the
// candidates for every feed, best first, and the problems found.
package scan

import (
	"cmp"
	"container/heap"
	"encoding/binary"
	"errors"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/feedpub/feedpub/internal/cache"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/filelist"
	"github.com/feedpub/feedpub/internal/parallel"
)

// Options say what to scan for.
type Options struct {
	Site     *config.Site
	Drafts   bool                  // articles marked draft are eligible
	Future   bool                  // articles dated after Now are eligible
	Now      time.Time             // the moment that decides what is in the future
	Workers  int                   // how many articles are read at once; 0 for one per core
	Progress func(done, total int) // if set, called as articles are scanned, from any goroutine
	// Keep, if set, is called with each eligible article that is read
	// (not taken from the cache), from any goroutine, while its body is
	// in memory; i is its index among the paths.
	Keep func(i int, e *Entry)
	// SumsOnDisk asks for the articles' Sums to be kept in a temporary
	// file rather than in memory, for a large archive.
	SumsOnDisk bool
	// NameLeft is how many articles left out Scanned.Left names at most:
	// with more, it names none (they are only counted), so that a large
	// archive of drafts keeps no list nobody will read.
	NameLeft int
}

// Record is what the first phase keeps of an article through the whole
// build: enough to choose the feeds' items, and no more, so that memory
// stays small however large the archive. The hashes that only the
// duplicate check, the plan's sums and the cache read are kept apart,
// in a SumTable.
type Record struct {
	sec  int64 // the publication date, as a Stamp
	nsec int32
	// bits holds the article's families, as ids in a table that
	// Scanned.Terms reads: one arena of numbers for every article, not a
	// slice of strings for each. Its low 30 bits are where their count is
	// in the arena, the ids following it, plus one; 0 for none. The top
	// two bits say the article parsed without problems and is a draft.
	// Packed so, a record takes 16 bytes.
	bits uint32
}

const (
	recordOK    = 1 << 31
	recordDraft = 1 << 30
	termsMask   = recordDraft - 1
)

// NewRecord is the record of an article that parsed without problems.
func NewRecord(published Stamp, draft bool) Record {
	r := Record{sec: published.Sec, nsec: published.Nsec, bits: recordOK}
	if draft {
		r.bits |= recordDraft
	}
	return r
}

// Published is the article's publication date.
func (r Record) Published() Stamp { return Stamp{r.sec, r.nsec} }

// OK reports whether the article parsed without problems and is not left
// out.
func (r Record) OK() bool { return r.bits&recordOK != 0 }

// Draft reports whether the article is marked draft.
func (r Record) Draft() bool { return r.bits&recordDraft != 0 }

// terms is where the article's families are in the table's arena.
func (r Record) terms() uint32 { return r.bits & termsMask }

// withTerms is r holding the families at the arena position at.
func (r Record) withTerms(at uint32) Record {
	r.bits = r.bits&^termsMask | at
	return r
}

// Eligible reports whether drafts and dates let the article into a feed.
func (r Record) Eligible(opts Options) bool {
	return r.OK() && (!r.Draft() || opts.Drafts) && (r.Published().compare(StampOf(opts.Now)) <= 0 || opts.Future)
}

// Order is what Hugo orders pages by besides the date: the front matter's
// weight first (0 for none, which comes last), then the title.
type Order struct {
	Weight int32
	Title  string
}

// Orders holds each article's order, by its index, on a Hugo site; it is
// nil on other sites, which order articles of one date by path. It stands
// beside the candidates so that they hold no pointer for the collector
// to follow.
type Orders []Order

// Cached is article i's order as the cache keeps it: nil on sites other
// than Hugo's.
func (os Orders) Cached(i int) *cache.Order {
	if os == nil {
		return nil
	}
	return &cache.Order{Weight: os[i].Weight, Title: os[i].Title}
}

// compareWeight orders as Hugo does: a set weight before none, and
// lighter first.
func (o Order) compareWeight(p Order) int {
	if o.Weight != p.Weight {
		switch {
		case o.Weight == 0:
			return 1
		case p.Weight == 0:
			return -1
		}
		return cmp.Compare(o.Weight, p.Weight)
	}
	return 0
}

// Stamp is a moment as Unix seconds and nanoseconds: smaller than a
// time.Time, and unlike Unix nanoseconds it holds any year.
type Stamp struct {
	Sec  int64
	Nsec int32
}

// StampOf is t's Stamp.
func StampOf(t time.Time) Stamp { return Stamp{t.Unix(), int32(t.Nanosecond())} }

// compare orders stamps in time.
func (s Stamp) compare(t Stamp) int {
	return cmp.Or(cmp.Compare(s.Sec, t.Sec), cmp.Compare(s.Nsec, t.Nsec))
}

// Candidate is an article that may become an item.
type Candidate struct {
	Published Stamp
	Idx       int // its index among the scanned paths, which are sorted
}

// before reports whether c comes before d in a feed: it comes first by
// Hugo's weight, is newer, or as new and first by Hugo's title or by its
// file's path, so the order never depends on how articles were read.
func (os Orders) before(c, d Candidate) bool { return os.compare(c, d) < 0 }

// compare is -1 when c comes before d in a feed, 1 when after; no two
// candidates are equal.
func (os Orders) compare(c, d Candidate) int {
	if os != nil {
		if o := os[c.Idx].compareWeight(os[d.Idx]); o != 0 {
			return o
		}
	}
	if o := d.Published.compare(c.Published); o != 0 {
		return o
	}
	if os != nil && os[c.Idx].Title != os[d.Idx].Title {
		return strings.Compare(os[c.Idx].Title, os[d.Idx].Title)
	}
	return cmp.Compare(c.Idx, d.Idx)
}

// topN keeps the first limit candidates in feed order; with limit 0 it
// keeps them all. It is a heap whose root is the candidate to evict next.
type topN struct {
	limit  int
	c      []Candidate
	orders Orders
}

func (t *topN) Len() int           { return len(t.c) }
func (t *topN) Less(i, j int) bool { return t.orders.before(t.c[j], t.c[i]) }
func (t *topN) Swap(i, j int)      { t.c[i], t.c[j] = t.c[j], t.c[i] }
func (t *topN) Push(x any)         { t.c = append(t.c, x.(Candidate)) }
func (t *topN) Pop() any           { x := t.c[len(t.c)-1]; t.c = t.c[:len(t.c)-1]; return x }

func (t *topN) add(c Candidate) {
	if t.limit == 0 || len(t.c) < t.limit {
		heap.Push(t, c)
	} else if t.orders.before(c, t.c[0]) {
		t.c[0] = c
		heap.Fix(t, 0)
	}
}

// SortCandidates orders candidates as they appear in a feed.
func SortCandidates(cs []Candidate, os Orders) {
	slices.SortFunc(cs, os.compare)
}

// SortIndexes orders articles, by their indexes among the scanned paths,
// as SortCandidates orders their candidates, their dates taken from
// records: four bytes an article to sort rather than a candidate's 24.
func SortIndexes(idx []int32, records []Record, os Orders) {
	slices.SortFunc(idx, func(a, b int32) int {
		return os.compare(Candidate{records[a].Published(), int(a)}, Candidate{records[b].Published(), int(b)})
	})
}

// Scanned is what the first phase found: a record of every article, in
// the order of paths, the candidates for the main feed and for each
// family's feeds, best first, and the problems.
type Scanned struct {
	Records  []Record
	Best     []Candidate
	Families []FamilyPick // sorted by key
	Problems diag.List
	Kept     []*Entry // with no limit, every article read, by index
	// Left are the articles left out although well-formed, each with why,
	// by path; nil when there are more than Options.NameLeft. LeftBy
	// counts them by reason.
	Left   []Left
	LeftBy [Reasons]int
	Orders Orders // Hugo's order of each article; nil on other sites
	// Sums are every article's hashes, by index; the caller closes them
	// once it has read what it needs.
	Sums  *SumTable
	Err   error // set when the Sums could not be kept; nothing else is then
	table *termTable
}

// Terms are the families record r belongs to, as the cache keeps them.
func (sc Scanned) Terms(r Record) []string { return sc.table.terms(r) }

// TermNames is Terms, holding on to nothing else of sc.
func (sc Scanned) TermNames() func(Record) []string { return sc.table.terms }

func (t *termTable) terms(r Record) []string {
	var buf [8]uint32
	ids := t.idsOf(r, buf[:0])
	if len(ids) == 0 {
		return nil
	}
	out := make([]string, len(ids))
	for k, id := range ids {
		out[k] = t.names[id]
	}
	return out
}

// termTable numbers the families' terms, each name kept once, and holds
// every article's terms as numbers (uvarints, a count then the ids) in
// blocks that, unlike one growing slice, are never copied: at a million
// articles they take about 5 MB.
type termTable struct {
	mu     sync.Mutex
	ids    map[string]uint32
	names  []string
	blocks [][]byte
	err    error // set when the blocks outgrow what a record can point at
}

// termBlocks is how many blocks a record's thirty bits of position
// reach. A variable for tests.
var termBlocks = 1 << 14

// termBlock is the size of a block: an article's numbers are never split
// between two.
const termBlock = 1 << 16

// add puts an article's terms in the table and returns where they are,
// as Record.terms holds it: the block and the place in it of their count,
// plus one. Thirty bits hold it up to termBlocks blocks; past them it
// sets t.err and keeps no more.
func (t *termTable) add(terms []string) uint32 {
	if len(terms) == 0 {
		return 0
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	var buf [64]byte
	nums := binary.AppendUvarint(buf[:0], uint64(len(terms)))
	for _, name := range terms {
		id, ok := t.ids[name]
		if !ok {
			id = uint32(len(t.names))
			t.ids[name] = id
			t.names = append(t.names, strings.Clone(name))
		}
		nums = binary.AppendUvarint(nums, uint64(id))
	}
	b := len(t.blocks) - 1
	if b < 0 || cap(t.blocks[b])-len(t.blocks[b]) < len(nums) {
		if len(t.blocks) == termBlocks {
			t.err = errors.New("too many tags, categories and authors to keep: the articles' family ids take more than 1 GiB")
			return 0
		}
		t.blocks = append(t.blocks, make([]byte, 0, max(termBlock, len(nums))))
		b++
	}
	at := uint32(b)<<16 | uint32(len(t.blocks[b]))
	t.blocks[b] = append(t.blocks[b], nums...)
	return at + 1
}

// idsOf appends the ids of the terms a record holds to buf.
func (t *termTable) idsOf(r Record, buf []uint32) []uint32 {
	if r.terms() == 0 {
		return buf
	}
	at := r.terms() - 1
	t.mu.Lock()
	block := t.blocks[at>>16]
	t.mu.Unlock()
	b := block[at&(termBlock-1):]
	n, k := binary.Uvarint(b)
	for ; n > 0; n-- {
		b = b[k:]
		var id uint64
		id, k = binary.Uvarint(b)
		buf = append(buf, uint32(id))
	}
	return buf
}

// FamilyPick is a family with the candidates for its feeds, best first.
type FamilyPick struct {
	Family
	Best []Candidate
}

// familySeen is a family as one worker saw it: its candidates, and the
// first article (by path) that named it, to report names that collide.
type familySeen struct {
	Family
	heap  *topN
	first int
	names map[string]int // every spelling that makes this slug, with its first article
}

// Files is the first phase: it reads every article of files on a pool
// of workers, or takes its record, hashes and families from cached
// (which may read the file into buf, the worker's reused buffer), and
// keeps a record of each, its hashes (Scanned.Sums), the candidates for
// every feed and the problems found. On a Hugo site ords, of one order
// per path, receives each article's order (the cache's as cached does,
// the file's when it is read); it is nil elsewhere.
func Files(opts Options, files *filelist.List, cached func(i int, buf *[]byte) (Record, Sums, []string, bool), ords Orders) Scanned {
	site := opts.Site
	workers := parallel.Workers(opts.Workers)
	n := files.Len()
	records := make([]Record, n)
	heaps := make([]*topN, workers)
	fams := make([]map[string]*familySeen, workers)
	slugs := make([]map[uint32]Family, workers) // by term: making a slug costs more than a lookup
	found := make([]diag.List, workers)
	lefts := make([]leftList, workers)
	table := &termTable{ids: map[string]uint32{}}
	bufs := make([][]byte, workers)
	sums := newSumTable(n, opts.SumsOnDisk, "")
	chunks := make([][]Sums, workers)
	ids := make([][]uint32, workers)
	// With no limit every article is an item: what the second phase
	// needs of each is kept rather than parsed again.
	var kept []*Entry
	if site.Limit == 0 {
		kept = make([]*Entry, n)
	}
	for w := range heaps {
		heaps[w] = &topN{limit: site.Limit, orders: ords}
		fams[w] = map[string]*familySeen{}
		slugs[w] = map[uint32]Family{}
	}
	// place makes article i a candidate of the main feed and of each of
	// its families, in worker w's heaps.
	place := func(w, i int, r Record) {
		c := Candidate{Published: r.Published(), Idx: i}
		heaps[w].add(c)
		ids[w] = table.idsOf(r, ids[w][:0])
		for _, t := range ids[w] {
			f, known := slugs[w][t]
			if !known {
				table.mu.Lock()
				name := table.names[t]
				table.mu.Unlock()
				f = FamilyOf(site, name)
				slugs[w][t] = f
			}
			fs := fams[w][f.Key()]
			if fs == nil {
				fs = &familySeen{Family: f, heap: &topN{limit: site.Limit, orders: ords}, first: i, names: map[string]int{}}
				fams[w][f.Key()] = fs
			}
			fs.heap.add(c)
			if j, seen := fs.names[f.Name]; !seen || i < j {
				fs.names[f.Name] = i
			}
		}
	}
	var done atomic.Int64
	scanOne := func(w, i int, sum *Sums) {
		if opts.Progress != nil {
			defer func() { opts.Progress(int(done.Add(1)), n) }()
		}
		r, ok := Record{}, false
		var read *Entry // the article, when it is read and not Kept whole
		if cached != nil {
			var terms []string
			if r, *sum, terms, ok = cached(i, &bufs[w]); ok {
				r = r.withTerms(table.add(terms))
			}
		}
		if !ok {
			// Nothing of the file is Kept: each worker reads into one buffer.
			e, problems := LoadInto(site, files.Path(i), &bufs[w])
			if problems == nil && e.Item == nil {
				lefts[w].add(opts, Left{Path: e.Art.Path, Reason: skipReason(e.Art.Skip), Why: e.Art.Skip})
				return
			}
			if problems == nil && !site.Expired && !e.Art.Expires.IsZero() && !e.Art.Expires.After(opts.Now) {
				lefts[w].add(opts, Left{Path: e.Art.Path, Reason: Expired, Date: e.Art.Expires})
				return
			}
			if problems != nil {
				found[w] = append(found[w], problems...)
				return
			}
			r = NewRecord(StampOf(e.Item.Published), e.Art.Draft).withTerms(table.add(e.Terms))
			*sum = Sums{URL: hash(e.Item.URL), ID: hash(e.Item.ID), File: cache.Hash(bufs[w])}
			if ords != nil {
				ords[i] = Order{Weight: int32(e.Art.Weight), Title: e.Art.Title}
			}
			if kept != nil {
				Slim(e)
				kept[i] = e
			} else {
				read = e
			}
		}
		records[i] = r
		if !r.Eligible(opts) {
			return
		}
		if read != nil && opts.Keep != nil {
			opts.Keep(i, read)
		}
		place(w, i, r)
	}
	// Articles go to the workers in runs of chunk, so that each writes
	// the Sums of a run at once.
	const chunk = 64
	parallel.Each(workers, (n+chunk-1)/chunk, func(w, c int) {
		lo, hi := c*chunk, min(c*chunk+chunk, n)
		chunks[w] = slices.Grow(chunks[w][:0], chunk)[:hi-lo]
		clear(chunks[w])
		for i := lo; i < hi; i++ {
			scanOne(w, i, &chunks[w][i-lo])
		}
		sums.put(lo, chunks[w])
	})

	var problems diag.List
	for _, f := range found {
		problems = append(problems, f...)
	}
	var left leftList
	for _, l := range lefts {
		left.merge(opts, l)
	}
	// Hashes lost to a failed write, or families past what a record can
	// point at, leave nothing to build from.
	if err := cmp.Or(sums.Err(), table.err); err != nil {
		sums.Close()
		return Scanned{Err: err}
	}
	dups, err := duplicates(site, files, records, sums)
	if err != nil {
		sums.Close()
		return Scanned{Err: err}
	}
	if site.Generator.Name != "" {
		// The generator lists both; a feed cannot hold one id twice, so the
		// later is left out.
		for _, d := range dups {
			if i, found := files.Index(d.Path); found {
				records[i].bits &^= recordOK
			}
			left.add(opts, Left{Path: d.Path, Reason: Skipped, Why: d.Msg + ", which is kept"})
		}
		if len(dups) > 0 {
			// The candidates were chosen before the duplicates were
			// known: chosen again without them, so that none is in any
			// feed and every feed still has its limit of items.
			for w := range heaps {
				heaps[w] = &topN{limit: site.Limit, orders: ords}
				fams[w] = map[string]*familySeen{}
			}
			for i, r := range records {
				if r.Eligible(opts) {
					place(0, i, r)
				}
			}
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
	SortCandidates(all.c, ords)
	table.ids = nil // the names stay, for Terms
	left.addHeld(opts, files, records)
	out := Scanned{Records: records, Best: all.c, Kept: kept, Left: left.sorted(opts), LeftBy: left.by, Orders: ords, Sums: sums, table: table}

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
			problems = append(problems, collision(site, files, fs)...)
		}
		// The family is named as the first article (by path) spells it.
		first := -1
		for name, j := range fs.names {
			if first < 0 || j < first || (j == first && name < fs.Name) {
				fs.Name, first = name, j
			}
		}
		SortCandidates(fs.heap.c, ords)
		out.Families = append(out.Families, FamilyPick{Family: fs.Family, Best: fs.heap.c})
	}
	slices.SortFunc(out.Families, func(a, b FamilyPick) int { return cmp.Compare(a.Key(), b.Key()) })
	out.Problems = problems
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

// duplicates reports articles that share a URL or an id with an earlier
// one, in path order. Records hold only hashes, sorted here rather than
// put in a map to keep memory small; the articles of a match are read
// again to compare the real values and to word the message.
func duplicates(site *config.Site, files *filelist.List, records []Record, sums *SumTable) (diag.List, error) {
	// A hash in two halves packs a pair in 12 bytes, not 16: at a
	// million articles this list is the largest thing made after the
	// scan, on top of everything it keeps. One list serves both hashes.
	type pair struct {
		hi, lo uint32
		Idx    int32
	}
	h := func(p pair) uint64 { return uint64(p.hi)<<32 | uint64(p.lo) }
	ok := 0
	for _, r := range records {
		if r.OK() {
			ok++
		}
	}
	ps := make([]pair, 0, ok)
	var err error
	collisions := func(hashOf func(Sums) uint64) [][2]int {
		ps = ps[:0]
		sr := sums.Reader()
		for i, r := range records {
			s := sr.Next()
			if e := sr.Err(); e != nil {
				// Zeros from here on would all collide: stop.
				err = cmp.Or(err, e)
				return nil
			}
			if r.OK() {
				v := hashOf(s)
				ps = append(ps, pair{uint32(v >> 32), uint32(v), int32(i)})
			}
		}
		slices.SortFunc(ps, func(a, b pair) int { return cmp.Or(cmp.Compare(h(a), h(b)), cmp.Compare(a.Idx, b.Idx)) })
		var out [][2]int // (first, later) for each later article sharing a hash
		for i := 1; i < len(ps); i++ {
			if h(ps[i]) == h(ps[i-1]) {
				first := i - 1
				for first > 0 && h(ps[first-1]) == h(ps[i]) {
					first--
				}
				out = append(out, [2]int{int(ps[first].Idx), int(ps[i].Idx)})
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
			earlier, _ := Load(site, files.Path(p[0]))
			later, _ := Load(site, files.Path(p[1]))
			if earlier == nil || later == nil {
				continue
			}
			if d := duplicate(earlier, later); d != nil {
				problems = append(problems, d)
				reported[p[1]] = true
			}
		}
	}
	report(collisions(func(s Sums) uint64 { return s.URL }))
	report(collisions(func(s Sums) uint64 { return s.ID }))
	return problems, err
}
