package serve

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestAcceptsGzip(t *testing.T) {
	for _, tt := range []struct {
		header string
		want   bool
	}{
		{"gzip", true}, {"gzip, deflate, br", true}, {"br;q=1.0, GZIP;q=0.5", true}, {"*", true},
		{"", false}, {"br", false}, {"gzip;q=0", false}, {"gzip; q=0.000", false}, {"gzip;q=0.001", true}, {"identity", false},
	} {
		if got := acceptsGzip(tt.header); got != tt.want {
			t.Errorf("Accept-Encoding %q: %v, want %v", tt.header, got, tt.want)
		}
	}
}

// TestGzipValidatorsAndRanges: a gzip client still gets 304 Not Modified
// for its ETag, and a range of the file as it is.
func TestGzipValidatorsAndRanges(t *testing.T) {
	dir := t.TempDir()
	body := "<rss>" + strings.Repeat("item ", 1000) + "</rss>"
	os.WriteFile(filepath.Join(dir, "rss.xml"), []byte(body), 0o644)
	h := Handler(dir, func(string) string { return "application/rss+xml; charset=utf-8" })
	w := get(t, h, "GET", "/rss.xml", map[string]string{"Accept-Encoding": "gzip"})
	etag := w.Header().Get("ETag")
	if w.Code != 200 || w.Header().Get("Content-Encoding") != "gzip" || w.Body.Len() >= len(body) || etag == "" ||
		!slices.Contains(w.Header().Values("Vary"), "Accept-Encoding") {
		t.Fatalf("gzip: %d %v, %d bytes", w.Code, w.Header(), w.Body.Len())
	}
	if w := get(t, h, "GET", "/rss.xml", map[string]string{"Accept-Encoding": "gzip", "If-None-Match": etag}); w.Code != 304 || w.Body.Len() != 0 {
		t.Errorf("If-None-Match: %d, %d bytes", w.Code, w.Body.Len())
	}
	w = get(t, h, "GET", "/rss.xml", map[string]string{"Accept-Encoding": "gzip", "Range": "bytes=0-4"})
	if w.Code != 206 || w.Body.String() != "<rss>" || w.Header().Get("Content-Encoding") != "" {
		t.Errorf("Range: %d %q %v", w.Code, w.Body.String(), w.Header())
	}
}
