package serve

import (
	"net/http"
	"os"
	"path/filepath"
	"testing"
)

// TestRedirecting: a moved feed's old file is answered with 301 to the
// address its redirect document names; a file not marked as a redirect,
// or one that names no address, is served as it is.
func TestRedirecting(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "tags", "go"), 0o755)
	os.WriteFile(filepath.Join(dir, "rss.xml"), []byte("<?xml version=\"1.0\"?>\n<redirect><newLocation>https://example.com/feed.rss</newLocation></redirect>\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "tags", "go", "atom.xml"), []byte(`<feed xmlns="http://www.w3.org/2005/Atom"><link rel="self" href="https://example.com/tags/go/feed.atom"/></feed>`), 0o644)
	os.WriteFile(filepath.Join(dir, "feed.json"), []byte(`{"version": "https://jsonfeed.org/version/1.1", "feed_url": "https://example.com/new.json", "items": []}`), 0o644)
	os.WriteFile(filepath.Join(dir, "broken.xml"), []byte("<redirect>"), 0o644)
	os.WriteFile(filepath.Join(dir, "other.xml"), []byte("<redirect><newLocation>https://example.com/x</newLocation></redirect>"), 0o644)
	marked := map[string]bool{"rss.xml": true, "tags/go/atom.xml": true, "feed.json": true, "broken.xml": true}
	h := Redirecting(dir, func(name string) bool { return marked[name] }, Handler(dir, func(string) string { return "application/xml" }))
	for _, tc := range []struct {
		method, path string
		code         int
		location     string
	}{
		{"GET", "/rss.xml", 301, "https://example.com/feed.rss"},
		{"HEAD", "/rss.xml", 301, "https://example.com/feed.rss"},
		{"GET", "/tags/go/atom.xml", 301, "https://example.com/tags/go/feed.atom"},
		{"GET", "/feed.json", 301, "https://example.com/new.json"},
		{"GET", "/broken.xml", 200, ""},
		{"GET", "/other.xml", 200, ""},
		{"POST", "/rss.xml", http.StatusMethodNotAllowed, ""},
		{"GET", "/../rss.xml", 404, ""},
	} {
		w := get(t, h, tc.method, tc.path, nil)
		if w.Code != tc.code || w.Header().Get("Location") != tc.location {
			t.Errorf("%s %s: %d, Location %q; want %d, %q", tc.method, tc.path, w.Code, w.Header().Get("Location"), tc.code, tc.location)
		}
	}
}
