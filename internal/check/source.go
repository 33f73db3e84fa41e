package check

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
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
