package websub

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"
)

func TestPodcastIndex(t *testing.T) {
	var got []string
	tries := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tries++
		if tries == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		if r.Method != http.MethodGet || r.URL.Path != "/api/1.0/hub/pubnotify" {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		got = append(got, r.URL.Query().Get("url"))
		w.Write([]byte(`{"status":"true","description":"Feed marked for immediate update."}`))
	}))
	defer srv.Close()
	p := PodcastIndex(srv.URL + "/api/1.0/hub/pubnotify")
	p.Backoff = time.Millisecond
	feeds := []string{"https://example.com/podcasts/a/feed.xml", "https://example.com/podcasts/b/feed.xml?x=1&y=2"}
	for _, r := range p.Ping(context.Background(), feeds) {
		if r.Err != nil {
			t.Errorf("%s: %v", r.Feed, r.Err)
		}
	}
	if !slices.Equal(got, feeds) {
		t.Errorf("Podcast Index was told of %q, want %q", got, feeds)
	}
}
