package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/layout"
	"github.com/feedpub/feedpub/internal/output"
	"github.com/feedpub/feedpub/internal/websub"
)

// pingBackoff is the pause before a ping's second try.
var pingBackoff = time.Second

// ping notifies the site's hub of the feeds whose bytes this build
// changed, and reports. A failed ping is reported, never an error: the
// feeds are published and readers will poll them anyway.
func ping(ctx context.Context, site *config.Site, ix *layout.Index, results []output.Result, stdout, stderr io.Writer, quiet bool) {
	pingShows(ctx, site, ix, results, stdout, stderr, quiet)
	if site.Hub == "" {
		return // a site of podcasts may have no hub
	}
	feeds := changedFeeds(site, ix, results)
	if len(feeds) == 0 {
		if !quiet {
			fmt.Fprintln(stdout, "no feed changed: the hub was not notified")
		}
		return
	}
	p := &websub.Pinger{Hub: site.Hub, Backoff: pingBackoff}
	failed := 0
	for _, r := range p.Ping(ctx, feeds) {
		if r.Err != nil {
			failed++
			fmt.Fprintf(stderr, "feedpub: the hub %s was not notified of %s after %s: %v\n", site.Hub, r.Feed, plural(r.Attempts, "attempt", "attempts"), r.Err)
		}
	}
	if failed > 0 {
		fmt.Fprintf(stderr, "feedpub: the feeds are published; subscribers will see the changes at their next poll\n")
	}
	if !quiet {
		fmt.Fprintf(stdout, "notified %s of %s: %d accepted, %d failed\n", site.Hub, plural(len(feeds), "changed feed", "changed feeds"), len(feeds)-failed, failed)
	}
}

// changedFeeds are the URLs of the files this build changed that the
// output table says hubs hear of.
func changedFeeds(site *config.Site, ix *layout.Index, results []output.Result) []string {
	var feeds []string
	for _, r := range results {
		rel, err := filepath.Rel(site.Output, r.Path)
		if err != nil || r.Status != output.Written {
			continue
		}
		if name := filepath.ToSlash(rel); ix.Of(name).Spec().Ping {
			feeds = append(feeds, layout.URL(site, name))
		}
	}
	return feeds
}
