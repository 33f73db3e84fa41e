// Package websub tells a WebSub hub that feeds have changed, so that it
// can push them to subscribers at once instead of waiting for their next
// poll (the publish request hubs take: hub.mode=publish, hub.url=feed).
package websub

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Pinger notifies one hub.
type Pinger struct {
	Hub      string
	Client   *http.Client  // nil for one with Timeout
	Timeout  time.Duration // per request; 0 for 10 seconds
	Attempts int           // tries per feed; 0 for 3
	Backoff  time.Duration // wait before the second try, doubled after; 0 for 1 second
	// Request, when set, makes the notification of feed instead of a
	// WebSub publish request: see PodcastIndex.
	Request func(ctx context.Context, feed string) (*http.Request, error)
}

// Result is what became of one feed's notification.
type Result struct {
	Feed     string
	Attempts int
	Err      error // nil when the hub accepted it
}

// Ping notifies the hub of each feed in turn and reports on each. A 2xx
// answer is success; a network error, a timeout, 429 or 5xx is tried again
// after a growing pause; any other answer is final.
func (p *Pinger) Ping(ctx context.Context, feeds []string) []Result {
	client := p.Client
	if client == nil {
		client = &http.Client{Timeout: orDuration(p.Timeout, 10*time.Second)}
	}
	attempts := p.Attempts
	if attempts <= 0 {
		attempts = 3
	}
	var out []Result
	for _, feed := range feeds {
		r := Result{Feed: feed}
		wait := orDuration(p.Backoff, time.Second)
		for {
			r.Attempts++
			var retry bool
			retry, r.Err = p.once(ctx, client, feed)
			if r.Err == nil || !retry || r.Attempts == attempts {
				break
			}
			select {
			case <-ctx.Done():
				r.Err = fmt.Errorf("%w (then: %v)", r.Err, ctx.Err())
			case <-time.After(wait):
				wait *= 2
				continue
			}
			break // the context ended while waiting
		}
		out = append(out, r)
	}
	return out
}

// once sends one publish request and says whether a failure is worth
// another try.
func (p *Pinger) once(ctx context.Context, client *http.Client, feed string) (retry bool, err error) {
	req, err := p.request(ctx, feed)
	if err != nil {
		return false, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return true, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode/100 == 2 {
		return false, nil
	}
	err = fmt.Errorf("the hub answered %s", resp.Status)
	return resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500, err
}

// request is the notification of feed: Request's, or a WebSub publish
// request.
func (p *Pinger) request(ctx context.Context, feed string) (*http.Request, error) {
	if p.Request != nil {
		return p.Request(ctx, feed)
	}
	form := url.Values{"hub.mode": {"publish"}, "hub.url": {feed}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.Hub, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req, nil
}

func orDuration(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}
