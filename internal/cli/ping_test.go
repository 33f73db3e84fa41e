package cli

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// recordingHub is a WebSub hub that records what it is told and fails
// while failing is set.
type recordingHub struct {
	mu      sync.Mutex
	feeds   []string
	failing bool
}

func (h *recordingHub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.failing {
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	r.ParseForm()
	if r.PostForm.Get("hub.mode") != "publish" {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	h.feeds = append(h.feeds, strings.TrimPrefix(r.PostForm.Get("hub.url"), "http://localhost:8080/"))
	w.WriteHeader(http.StatusNoContent)
}

func (h *recordingHub) take() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := h.feeds
	h.feeds = nil
	slices.Sort(out)
	return out
}

func TestPing(t *testing.T) {
	pingBackoff = time.Millisecond
	h := &recordingHub{}
	srv := httptest.NewServer(h)
	defer srv.Close()
	dir := site(t, map[string]string{
		"a.md": "---\ntitle: A\ndate: 2024-01-01\ntags: [go]\n---\nA.\n",
		"b.md": "---\ntitle: B\ndate: 2024-01-02\ntags: [news]\n---\nB.\n",
	})
	os.WriteFile(filepath.Join(dir, "feedpub.yaml"), []byte("hub: "+srv.URL+"/\n"), 0o644)

	code, out, errOut := run(t, dir, "--ping")
	all := "[atom.xml feed.json rss.xml tags/go/atom.xml tags/go/feed.json tags/go/rss.xml tags/news/atom.xml tags/news/feed.json tags/news/rss.xml]"
	if got := h.take(); code != 0 || fmt.Sprint(got) != all {
		t.Fatalf("first build: exit %d, pinged %v, want %v\n%s%s", code, got, all, out, errOut)
	}
	if !strings.Contains(out, "notified "+srv.URL+"/ of 9 changed feeds: 9 accepted, 0 failed") {
		t.Errorf("no report: %s", out)
	}
	rss, _ := os.ReadFile(filepath.Join(dir, "public", "rss.xml"))
	if !strings.Contains(string(rss), `<atom:link href="`+srv.URL+`/" rel="hub">`) {
		t.Error("the feed does not name its hub")
	}

	// Nothing changed: nobody is notified.
	if code, out, _ := run(t, dir, "--ping"); code != 0 || len(h.take()) != 0 || !strings.Contains(out, "no feed changed") {
		t.Errorf("unchanged build: exit %d:\n%s", code, out)
	}

	// One article edited: its feeds and the main ones, not the other tag's.
	os.WriteFile(filepath.Join(dir, "articles", "a.md"), []byte("---\ntitle: A, edited\ndate: 2024-01-01\ntags: [go]\n---\nA.\n"), 0o644)
	want := "[atom.xml feed.json rss.xml tags/go/atom.xml tags/go/feed.json tags/go/rss.xml]"
	if code, _, errOut := run(t, dir, "--ping"); code != 0 || fmt.Sprint(h.take()) != want {
		t.Errorf("after an edit: exit %d, want %v pinged; %s", code, want, errOut)
	}

	// A hub that fails: the build still succeeds and says so.
	h.failing = true
	os.WriteFile(filepath.Join(dir, "articles", "b.md"), []byte("---\ntitle: B, edited\ndate: 2024-01-02\ntags: [news]\n---\nB.\n"), 0o644)
	code, out, errOut = run(t, dir, "--ping")
	if code != 0 || !strings.Contains(errOut, "was not notified of http://localhost:8080/rss.xml after 3 attempts: the hub answered 503 Service Unavailable") ||
		!strings.Contains(out, "0 accepted, 6 failed") {
		t.Errorf("failing hub: exit %d\n%s%s", code, out, errOut)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "public", "atom.xml")); !strings.Contains(string(b), "B, edited") {
		t.Error("a failed ping undid the build")
	}

	// --ping without a hub is a usage error.
	os.WriteFile(filepath.Join(dir, "feedpub.yaml"), nil, 0o644)
	if code, _, errOut := run(t, dir, "--ping"); code != 2 || !strings.Contains(errOut, "--ping needs a hub") {
		t.Errorf("no hub: exit %d: %s", code, errOut)
	}
}
