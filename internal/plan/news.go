package plan

import (
	"hash"
	"io"
	"time"

	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/scan"
	"github.com/feedpub/feedpub/internal/sitemap"
)

// news chooses the news sitemap's articles, when the site names a news
// publication: those drafts let in that were published in the window
// before now (sitemap.Now), newest first. Which they are is summed up
// into h, so that a rebuild with the same articles at a later moment
// still writes the sitemap when time alone moved an article out of it.
func (p *Plan) news(opts scan.Options, sc scan.Scanned, h hash.Hash64, file func(h io.Writer, i int)) error {
	if opts.Site.News == nil {
		return nil
	}
	now, err := sitemap.Now(opts.Now)
	if err != nil {
		return diag.Usage.New(err.Error(), "set it to a Unix time such as 1700000000, or unset it")
	}
	var in []int32
	for i, r := range sc.Records {
		pub := r.Published()
		if r.OK() && (!r.Draft() || opts.Drafts) && sitemap.InWindow(time.Unix(pub.Sec, int64(pub.Nsec)), now) {
			in = append(in, int32(i))
		}
	}
	scan.SortIndexes(in, sc.Records, sc.Orders)
	writeInts(h, -4, len(in))
	for _, i := range in {
		p.News = append(p.News, int(i))
		file(h, int(i))
	}
	return nil
}
