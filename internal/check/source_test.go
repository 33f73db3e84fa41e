package check

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestFetch checks that Fetch returns a feed, and says why it could not:
// a status other than 200, or no answer within FetchTimeout.
func TestFetch(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.json":
			w.Write([]byte(`{"version": "https://jsonfeed.org/version/1.1"}`))
		case "/slow.xml":
			<-r.Context().Done()
		default:
			http.Error(w, "gone", http.StatusGone)
		}
	}))
	defer srv.Close()
	defer func(d time.Duration) { FetchTimeout = d }(FetchTimeout)
	FetchTimeout = 100 * time.Millisecond
	if data, err := Fetch(context.Background(), srv.URL+"/feed.json"); err != nil || !strings.Contains(string(data), "version") {
		t.Errorf("Fetch = %q, %v", data, err)
	}
	for path, want := range map[string]string{
		"/old.xml":  "fetching " + srv.URL + "/old.xml: the server answered 410 Gone — check the URL",
		"/slow.xml": "fetching " + srv.URL + "/slow.xml failed: Get \"" + srv.URL + "/slow.xml\": context deadline exceeded — check the URL and the network (the wait is 100ms)",
	} {
		if _, err := Fetch(context.Background(), srv.URL+path); err == nil || err.Error() != want {
			t.Errorf("Fetch(%s): %v, want %s", path, err, want)
		}
	}
	for arg, want := range map[string]bool{"https://example.com/feed": true, "http://x/": true, "feed.xml": false, "ftp://x/": false} {
		if IsURL(arg) != want {
			t.Errorf("IsURL(%q) = %v", arg, !want)
		}
	}
}
