// Package plan is the second phase of a build: from what the scan found,
// it decides every output file — which articles each feed, family feed
// and archive document holds, in order — and sums each one up, so that a
// rebuild knows which files are already right.
package plan

import (
	"encoding/binary"
	"hash/fnv"
	"io"
	"slices"

	"github.com/feedpub/feedpub/internal/filelist"
	"github.com/feedpub/feedpub/internal/scan"
)

// Plan is what every feed and archive document will hold, as indexes of
// article files, newest first.
type Plan struct {
	Main     []int
	Families []Family
	// pages are the RFC 5005 archive documents, oldest first: every
	// article the main feed leaves out, in pages of the archive size. The
	// last page is never full (it may be empty), so a full page never
	// gains a link and never changes once written.
	Pages    [][]int
	PageSigs []uint64 // what each page holds, summed up
	// kept holds, by index, the articles the first phase kept whole, to
	// be rendered without being parsed again; it is nil when it kept none.
	Kept []*scan.Entry
	// Articles are the articles that get a page of their own (every one
	// drafts and dates let in, when the site writes article pages), in
	// the order of their paths; ArticleHashes holds each one's hash of
	// its bytes, by which a rebuild knows the page it made is still right.
	Articles      []int32
	ArticleHashes []uint64
	// News are the articles of the news sitemap, newest first: see news.go.
	News []int
	// signature sums up the whole plan: when it and every article are as
	// the cache recorded, every output file is too.
	Signature uint64
}

// Family is one family's feed items.
type Family struct {
	scan.Family
	Items []int
	Sig   uint64 // the family's name and articles, summed up
}

// Make chooses the items of every feed and archive document from what
// the scan found of files. It fails only when the articles' hashes cannot
// be read back.
func Make(opts scan.Options, files *filelist.List, sc scan.Scanned) (*Plan, error) {
	site := opts.Site
	p := &Plan{Kept: sc.Kept}
	for _, c := range sc.Best {
		p.Main = append(p.Main, c.Idx)
	}
	for _, f := range sc.Families {
		fp := Family{Family: f.Family}
		for _, c := range f.Best {
			fp.Items = append(fp.Items, c.Idx)
		}
		p.Families = append(p.Families, fp)
	}
	if site.Archive && site.Limit > 0 {
		// Indexes, not candidates: at a million articles this list is
		// the largest thing the phase makes.
		n := 0
		for _, r := range sc.Records {
			if r.Eligible(opts) {
				n++
			}
		}
		all := make([]int32, 0, n)
		for i, r := range sc.Records {
			if r.Eligible(opts) {
				all = append(all, int32(i))
			}
		}
		scan.SortIndexes(all, sc.Records, sc.Orders)
		if len(all) > site.Limit {
			archived := all[site.Limit:]
			slices.Reverse(archived) // oldest first
			for start := 0; start <= len(archived); start += site.ArchiveSize {
				end := min(start+site.ArchiveSize, len(archived))
				page := make([]int, 0, end-start)
				for k := end - 1; k >= start; k-- { // newest first within the page
					page = append(page, int(archived[k]))
				}
				p.Pages = append(p.Pages, page)
			}
		}
	}
	hashOf, err := sc.Sums.Files()
	if err != nil {
		return nil, err
	}
	var buf []byte
	file := func(h io.Writer, i int) {
		buf = writeFile(h, buf, files, i, hashOf(i))
	}
	h := fnv.New64a()
	for k, page := range p.Pages {
		ph := fnv.New64a()
		writeInts(ph, k+1, len(p.Pages)-k-1)
		for _, i := range page {
			file(ph, i)
		}
		p.PageSigs = append(p.PageSigs, ph.Sum64())
		writeInts(h, int(ph.Sum64()))
	}
	if site.ArticlePages {
		for i, r := range sc.Records {
			if r.Eligible(opts) {
				p.Articles = append(p.Articles, int32(i))
				p.ArticleHashes = append(p.ArticleHashes, hashOf(i))
			}
		}
		// Which articles have pages: a page whose article became
		// eligible with time alone is still a change.
		writeInts(h, -3, len(p.Articles))
		for _, i := range p.Articles {
			writeInts(h, int(i))
		}
	}
	if err := p.news(opts, sc, h, file); err != nil {
		return nil, err
	}
	writeInts(h, -1)
	for _, i := range p.Main {
		file(h, i)
	}
	for k := range p.Families {
		f := &p.Families[k]
		fh := fnv.New64a()
		fh.Write([]byte(f.Key() + "\x00" + f.Name + "\x00"))
		for _, i := range f.Items {
			file(fh, i)
		}
		f.Sig = fh.Sum64()
		writeInts(h, -2, int(f.Sig))
	}
	p.Signature = h.Sum64()
	return p, nil
}

func writeInts(h io.Writer, ns ...int) {
	for _, n := range ns {
		h.Write(binary.LittleEndian.AppendUint64(nil, uint64(n)))
	}
}

// writeFile sums up article file i by its path, size and contents, not
// its time: a fresh checkout gives every file a new one. It returns buf,
// which it uses to write the path.
func writeFile(h io.Writer, buf []byte, files *filelist.List, i int, hash uint64) []byte {
	buf, size, _ := files.AppendFile(buf[:0], i)
	buf = append(buf, 0)
	h.Write(buf)
	writeInts(h, int(size), int(hash))
	return buf
}
