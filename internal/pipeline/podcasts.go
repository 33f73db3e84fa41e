package pipeline

import (
	"github.com/feedpub/feedpub/internal/filelist"
	"github.com/feedpub/feedpub/internal/render"
	"github.com/feedpub/feedpub/internal/scan"
)

// addShows adds the podcast shows' files to the build's: each show holds
// every episode the main feeds would let in (no draft, no future or
// expired article unless the build lets them in).
func (res *Result) addShows(opts Options, ropts render.Options, files *filelist.List) error {
	site := opts.Site
	eligible := func(e *scan.Entry) bool {
		a := e.Art
		if a.Draft && !opts.Drafts {
			return false
		}
		if e.Item.Published.After(opts.Now) && !opts.Future {
			return false
		}
		return site.Expired || a.Expires.IsZero() || a.Expires.After(opts.Now)
	}
	made, shows, err := render.Shows(ropts, files, eligible)
	if err != nil {
		return err
	}
	res.Files, res.Shows = append(res.Files, made...), shows
	return nil
}
