package build

import (
	"encoding/binary"
	"hash/fnv"
	"io"
	"slices"

	"github.com/feedpub/feedpub/internal/article"
)

// plan is what every feed and archive document will hold, as indexes of
// article files, newest first.
type plan struct {
	main     []int
	families []familyPlan
	// pages are the RFC 5005 archive documents, oldest first: every
	// article the main feed leaves out, in pages of the archive size. The
	// last page is never full (it may be empty), so a full page never
	// gains a link and never changes once written.
	pages    [][]int
	pageSigs []uint64 // what each page holds, summed up
	// kept holds, by index, the articles the first phase kept whole, to
	// be rendered without being parsed again; it is nil when it kept none.
	kept []*entry
	// signature sums up the whole plan: when it and every article are as
	// the cache recorded, every output file is too.
	signature uint64
}

// familyPlan is one family's feed items.
type familyPlan struct {
	family
	items []int
	sig   uint64 // the family's name and articles, summed up
}

// makePlan chooses the items of every feed and archive document.
func makePlan(opts Options, files []article.File, sc scanned) *plan {
	site := opts.Site
	p := &plan{kept: sc.kept}
	for _, c := range sc.best {
		p.main = append(p.main, c.idx)
	}
	for _, f := range sc.families {
		fp := familyPlan{family: f.family}
		for _, c := range f.best {
			fp.items = append(fp.items, c.idx)
		}
		p.families = append(p.families, fp)
	}
	if site.Archive && site.Limit > 0 {
		var all []candidate
		for i, r := range sc.records {
			if r.eligible(opts) {
				all = append(all, candidate{published: r.published, idx: i})
			}
		}
		sortCandidates(all, sc.orders)
		if len(all) > site.Limit {
			archived := all[site.Limit:]
			slices.Reverse(archived) // oldest first
			for start := 0; start <= len(archived); start += site.ArchiveSize {
				end := min(start+site.ArchiveSize, len(archived))
				page := make([]int, 0, end-start)
				for k := end - 1; k >= start; k-- { // newest first within the page
					page = append(page, archived[k].idx)
				}
				p.pages = append(p.pages, page)
			}
		}
	}
	h := fnv.New64a()
	for k, page := range p.pages {
		ph := fnv.New64a()
		writeInts(ph, k+1, len(p.pages)-k-1)
		for _, i := range page {
			writeFile(ph, files[i])
		}
		p.pageSigs = append(p.pageSigs, ph.Sum64())
		writeInts(h, int(ph.Sum64()))
	}
	writeInts(h, -1)
	for _, i := range p.main {
		writeFile(h, files[i])
	}
	for k := range p.families {
		f := &p.families[k]
		fh := fnv.New64a()
		fh.Write([]byte(f.key() + "\x00" + f.name + "\x00"))
		for _, i := range f.items {
			writeFile(fh, files[i])
		}
		f.sig = fh.Sum64()
		writeInts(h, -2, int(f.sig))
	}
	p.signature = h.Sum64()
	return p
}

func writeInts(h io.Writer, ns ...int) {
	for _, n := range ns {
		h.Write(binary.LittleEndian.AppendUint64(nil, uint64(n)))
	}
}

func writeFile(h io.Writer, f article.File) {
	h.Write([]byte(f.Path + "\x00"))
	writeInts(h, int(f.Size), int(f.ModTime.UnixNano()))
}
