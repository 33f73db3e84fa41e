package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer that a server's goroutines may write while
// the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// eventually polls cond for a few seconds.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

// TestServe runs 'feedpub serve' on a free port, edits and breaks an
// article while it runs, and stops it as Ctrl-C would.
func TestServe(t *testing.T) {
	dir := site(t, map[string]string{"a.md": "---\ntitle: First title\ndate: 2024-01-01\ntags: [go]\n---\nBody.\n"})
	cfg := filepath.Join(dir, "feedpub.yaml")
	os.WriteFile(cfg, []byte("title: Served\ncache: .feedpub-cache\n"), 0o644) // beside the settings, not in the package
	var out, errOut syncBuffer
	root := newRoot(&out, &errOut)
	root.SetArgs([]string{"serve", "--addr", "127.0.0.1:0", "--config", cfg,
		"--articles", filepath.Join(dir, "articles"), "--out", filepath.Join(dir, "public")})
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- root.ExecuteContext(ctx) }()

	var base string
	eventually(t, "the server to start", func() bool {
		m := regexp.MustCompile(`on (http://127\.0\.0\.1:\d+/)`).FindStringSubmatch(out.String())
		if m != nil {
			base = m[1]
		}
		return m != nil
	})
	fetch := func(path string) (*http.Response, string) {
		t.Helper()
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, string(body)
	}
	resp, body := fetch("atom.xml")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/atom+xml; charset=utf-8" || !strings.Contains(body, "First title") {
		t.Fatalf("atom.xml: %d %q\n%s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	for path, ctype := range map[string]string{
		"rss.xml": "application/rss+xml; charset=utf-8", "feed.json": "application/feed+json; charset=utf-8",
		"tags/go/rss.xml": "application/rss+xml; charset=utf-8", "": "text/html; charset=utf-8",
		"feed.xsl": "text/xsl; charset=utf-8",
	} {
		if resp, _ := fetch(path); resp.StatusCode != 200 || resp.Header.Get("Content-Type") != ctype {
			t.Errorf("/%s: %d %q, want %s", path, resp.StatusCode, resp.Header.Get("Content-Type"), ctype)
		}
	}
	if resp, _ := fetch(".feedpub.lock"); resp.StatusCode != 404 {
		t.Errorf("the lock file is served: %d", resp.StatusCode)
	}

	// An edit is rebuilt and served.
	os.WriteFile(filepath.Join(dir, "articles", "a.md"), []byte("---\ntitle: Second title\ndate: 2024-01-01\n---\nBody.\n"), 0o644)
	eventually(t, "the edit to be served", func() bool { _, body := fetch("atom.xml"); return strings.Contains(body, "Second title") })

	// A broken article: the error is printed, the last good feed stays.
	os.WriteFile(filepath.Join(dir, "articles", "b.md"), []byte("---\ntitle: [unclosed\n---\n"), 0o644)
	eventually(t, "the error to be reported", func() bool { return strings.Contains(errOut.String(), "serving the last good feeds") })
	if !strings.Contains(errOut.String(), "b.md:2:") {
		t.Errorf("the error does not point at the article: %s", errOut.String())
	}
	if _, body := fetch("atom.xml"); !strings.Contains(body, "Second title") {
		t.Error("a failed rebuild changed the served feed")
	}

	// The settings are watched too.
	os.Remove(filepath.Join(dir, "articles", "b.md"))
	os.WriteFile(cfg, []byte("title: Renamed site\ncache: .feedpub-cache\n"), 0o644)
	eventually(t, "the new settings to be served", func() bool { _, body := fetch("atom.xml"); return strings.Contains(body, "Renamed site") })

	stop()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve ended with %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
	if !strings.Contains(out.String(), "stopping") {
		t.Errorf("no word of stopping: %s", out.String())
	}
}
