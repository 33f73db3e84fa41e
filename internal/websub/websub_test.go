package websub

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// hub answers with the statuses given, in turn, and records each request.
type hub struct {
	mu       sync.Mutex
	statuses []int
	got      []string // "mode url"
}

func (h *hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	defer h.mu.Unlock()
	r.ParseForm()
	if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/x-www-form-urlencoded" {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	h.got = append(h.got, r.PostForm.Get("hub.mode")+" "+r.PostForm.Get("hub.url"))
	status := http.StatusNoContent
	if len(h.statuses) > 0 {
		status, h.statuses = h.statuses[0], h.statuses[1:]
	}
	w.WriteHeader(status)
}

func TestPing(t *testing.T) {
	for _, tc := range []struct {
		name     string
		statuses []int
		attempts []int
		errs     []string
	}{
		{"accepted", nil, []int{1, 1}, []string{"", ""}},
		{"retried", []int{503, 502, 204}, []int{3, 1}, []string{"", ""}},
		{"given up", []int{500, 500, 500}, []int{3, 1}, []string{"the hub answered 500 Internal Server Error", ""}},
		{"final", []int{404}, []int{1, 1}, []string{"the hub answered 404 Not Found", ""}},
		{"too many", []int{429, 202}, []int{2, 1}, []string{"", ""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := &hub{statuses: tc.statuses}
			srv := httptest.NewServer(h)
			defer srv.Close()
			p := &Pinger{Hub: srv.URL, Backoff: time.Millisecond}
			res := p.Ping(context.Background(), []string{"https://example.com/rss.xml", "https://example.com/atom.xml"})
			for i, r := range res {
				msg := ""
				if r.Err != nil {
					msg = r.Err.Error()
				}
				if r.Attempts != tc.attempts[i] || msg != tc.errs[i] {
					t.Errorf("%s: %d attempts, error %q; want %d, %q", r.Feed, r.Attempts, msg, tc.attempts[i], tc.errs[i])
				}
			}
			if h.got[len(h.got)-1] != "publish https://example.com/atom.xml" || !strings.HasPrefix(h.got[0], "publish https://example.com/rss.xml") {
				t.Errorf("requests: %q", h.got)
			}
		})
	}
}

func TestPingTimeout(t *testing.T) {
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-block }))
	defer srv.Close()
	defer close(block)
	p := &Pinger{Hub: srv.URL, Timeout: 50 * time.Millisecond, Attempts: 2, Backoff: time.Millisecond}
	res := p.Ping(context.Background(), []string{"https://example.com/rss.xml"})
	if res[0].Err == nil || res[0].Attempts != 2 || !strings.Contains(res[0].Err.Error(), "Timeout") {
		t.Errorf("a hub that never answers: %+v", res[0])
	}
}
