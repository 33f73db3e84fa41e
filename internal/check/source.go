package check

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/feedpub/feedpub/internal/layout"
	"github.com/feedpub/feedpub/internal/output"
)

// FetchTimeout is how long Fetch waits for a feed, from the request to
// its last byte.
var FetchTimeout = 30 * time.Second

// maxFetch is the most Fetch reads of a feed: well over Google's limit,
// so that an oversized feed is still checked and reported.
const maxFetch = 64 << 20

// IsURL reports whether arg names an http or https URL rather than a file.
func IsURL(arg string) bool {
	return strings.HasPrefix(arg, "http://") || strings.HasPrefix(arg, "https://")
}

// Fetch gets the feed at the http or https URL u.
func Fetch(ctx context.Context, u string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, FetchTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, fmt.Errorf("%s is not a URL to fetch: %w", u, err)
	}
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetching %s failed: %w — check the URL and the network (the wait is %s)", u, err, FetchTimeout)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetching %s: the server answered %s — check the URL", u, resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxFetch+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s failed: %w — try again", u, err)
	}
	if len(data) > maxFetch {
		return nil, fmt.Errorf("%s is over %d bytes: no feed is that large — check the URL", u, maxFetch)
	}
	return data, nil
}

// Own lists the feeds of a feedpub build in the output directory dir, as
// its manifest records them: every RSS, Atom and JSON file of a feed or
// an archive document, slash-separated and relative to dir, in the
// manifest's order.
func Own(dir string) ([]string, error) {
	entries, err := output.ReadManifestEntries(dir)
	if err != nil {
		return nil, err
	}
	if entries == nil {
		if _, err := os.Stat(dir); err != nil {
			return nil, fmt.Errorf("the output folder %s is not there — run 'feedpub build' first, or name the feeds to check", dir)
		}
		return nil, fmt.Errorf("%s has no manifest of a feedpub build — run 'feedpub build' first, or name the feeds to check", filepath.Join(dir, output.ManifestName))
	}
	var feeds []string
	for _, e := range entries {
		o, ok := layout.ParseOutput(e.Kind)
		if ok && o.Format != "" && (o.Spec().Feed || o.Kind == layout.ArchiveDoc) {
			feeds = append(feeds, e.Name)
		}
	}
	return feeds, nil
}
