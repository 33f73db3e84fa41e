package cli

import (
	"errors"
	"path/filepath"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/guard"
	"github.com/feedpub/feedpub/internal/pipeline"
)

// checkShows compares each podcast show the build made with its
// published JSON Feed, as the main feed is compared: an episode whose
// guid would change is shown again by every app, and a show that loses
// many episodes has lost them by mistake. A show holds every episode, so
// none leaves it for being old.
func checkShows(site *config.Site, res *pipeline.Result, f *buildFlags) error {
	var errs diag.List
	for _, sh := range res.Shows {
		path := filepath.Join(site.Output, filepath.FromSlash(sh.JSONFile))
		old, err := guard.ReadJSON(path)
		if err != nil {
			if f.force {
				continue
			}
			return err
		}
		opts := guard.Options{AllowIDChange: f.allowIDChange, Force: f.force, MaxDrop: site.MaxDrop, FeedPath: path, Dir: site.Output}
		if err := guard.Check(old, sh.Feed, sh.Sources, opts); err != nil {
			var l diag.List
			if !errors.As(err, &l) {
				return err
			}
			errs = append(errs, l...)
		}
	}
	return errs.Err()
}
