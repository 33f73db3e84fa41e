package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/encode"
	"github.com/feedpub/feedpub/internal/layout"
	"github.com/feedpub/feedpub/internal/output"
	"github.com/feedpub/feedpub/internal/websub"
)

// podcastIndexURL is where show feeds' changes are told; a variable for
// tests.
var podcastIndexURL = websub.PodcastIndexURL

// pingShows tells Podcast Index of the show feeds (RSS, the one the
// apps read) whose bytes this build changed, and reports; a failure is
// reported, never an error.
func pingShows(ctx context.Context, site *config.Site, ix *layout.Index, results []output.Result, stdout, stderr io.Writer, quiet bool) {
	if len(site.Podcasts) == 0 {
		return
	}
	var feeds []string
	for _, r := range results {
		rel, err := filepath.Rel(site.Output, r.Path)
		if err != nil || r.Status != output.Written {
			continue
		}
		if name := filepath.ToSlash(rel); ix.Of(name) == layout.ShowFeed.For(encode.RSS) {
			feeds = append(feeds, layout.URL(site, name))
		}
	}
	if len(feeds) == 0 {
		if !quiet {
			fmt.Fprintln(stdout, "no show changed: Podcast Index was not notified")
		}
		return
	}
	p := websub.PodcastIndex(podcastIndexURL)
	p.Backoff = pingBackoff
	failed := 0
	for _, r := range p.Ping(ctx, feeds) {
		if r.Err != nil {
			failed++
			fmt.Fprintf(stderr, "feedpub: Podcast Index was not notified of %s after %s: %v\n", r.Feed, plural(r.Attempts, "attempt", "attempts"), r.Err)
		}
	}
	if !quiet {
		fmt.Fprintf(stdout, "notified Podcast Index of %s: %d accepted, %d failed\n", plural(len(feeds), "changed show", "changed shows"), len(feeds)-failed, failed)
	}
}
