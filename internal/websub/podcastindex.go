package websub

import (
	"context"
	"net/http"
	"net/url"
)

// PodcastIndexURL is Podcast Index's notification endpoint, which takes
// a show feed's URL and needs no key.
const PodcastIndexURL = "https://api.podcastindex.org/api/1.0/hub/pubnotify"

// PodcastIndex is a Pinger that tells Podcast Index, at endpoint, that
// show feeds changed: a GET of endpoint?url=<feed>, tried again as a hub's
// publish request is.
func PodcastIndex(endpoint string) *Pinger {
	p := &Pinger{Hub: endpoint}
	p.Request = func(ctx context.Context, feed string) (*http.Request, error) {
		u, err := url.Parse(endpoint)
		if err != nil {
			return nil, err
		}
		q := u.Query()
		q.Set("url", feed)
		u.RawQuery = q.Encode()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("User-Agent", "feedpub")
		return req, nil
	}
	return p
}
