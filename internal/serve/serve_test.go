package serve

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// site is an output directory as a build leaves it, with a lock, a
// temporary file and a secret beside it.
func site(t *testing.T) string {
	t.Helper()
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	for name, data := range map[string]string{
		"rss.xml":             "<rss>" + strings.Repeat("feed ", 400) + "</rss>",
		"atom.xml":            "<feed/>",
		"index.html":          "<!DOCTYPE html><title>home</title>",
		"tags/go/index.html":  "<title>go</title>",
		"tags/go/feed.json":   "{}",
		"empty/keep":          "",
		".feedpub.lock":       "",
		".feedpub-manifest":   "atom.xml\n",
		".rss.xml.tmp-123":    "half",
		"tags/.hidden/a.json": "{}",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(data), 0o644)
	}
	os.Remove(filepath.Join(dir, "empty", "keep"))
	os.WriteFile(filepath.Join(parent, "secret.txt"), []byte("secret"), 0o644)
	os.Symlink(filepath.Join(parent, "secret.txt"), filepath.Join(dir, "link.txt"))
	return dir
}

func typeOf(name string) string {
	switch name {
	case "rss.xml":
		return "application/rss+xml; charset=utf-8"
	case "atom.xml":
		return "application/atom+xml; charset=utf-8"
	}
	if strings.HasSuffix(name, ".json") {
		return "application/feed+json; charset=utf-8"
	}
	return "text/html; charset=utf-8"
}

func get(t *testing.T, h http.Handler, method, target string, header map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestHandler(t *testing.T) {
	h := Handler(site(t), typeOf)
	for _, tc := range []struct {
		method, path string
		status       int
		ctype, body  string
	}{
		{"GET", "/rss.xml", 200, "application/rss+xml; charset=utf-8", "<rss>feed"},
		{"GET", "/atom.xml", 200, "application/atom+xml; charset=utf-8", "<feed/>"},
		{"GET", "/tags/go/feed.json", 200, "application/feed+json; charset=utf-8", "{}"},
		{"GET", "/", 200, "text/html; charset=utf-8", "<!DOCTYPE html>"},
		{"GET", "/tags/go/", 200, "text/html; charset=utf-8", "<title>go</title>"},
		{"HEAD", "/atom.xml", 200, "application/atom+xml; charset=utf-8", ""},
		{"GET", "/tags/go", 301, "", ""},
		{"GET", "/tags/", 404, "", ""},  // no listing
		{"GET", "/empty/", 404, "", ""}, // no listing
		{"GET", "/.feedpub.lock", 404, "", ""},
		{"GET", "/.feedpub-manifest", 404, "", ""},
		{"GET", "/.rss.xml.tmp-123", 404, "", ""},
		{"GET", "/tags/.hidden/a.json", 404, "", ""},
		{"GET", "/../secret.txt", 404, "", ""},
		{"GET", "/tags/..%2f..%2fsecret.txt", 404, "", ""},
		{"GET", "/link.txt", 404, "", ""}, // a symbolic link out of the folder
		{"GET", "/missing.xml", 404, "", ""},
		{"POST", "/rss.xml", 405, "", ""},
	} {
		w := get(t, h, tc.method, tc.path, nil)
		if w.Code != tc.status {
			t.Errorf("%s %s: status %d, want %d", tc.method, tc.path, w.Code, tc.status)
			continue
		}
		if tc.ctype != "" && w.Header().Get("Content-Type") != tc.ctype {
			t.Errorf("%s %s: Content-Type %q, want %q", tc.method, tc.path, w.Header().Get("Content-Type"), tc.ctype)
		}
		if !strings.HasPrefix(w.Body.String(), tc.body) || strings.Contains(w.Body.String(), "secret") {
			t.Errorf("%s %s: body %.40q", tc.method, tc.path, w.Body.String())
		}
	}
}

func TestValidatorsAndGzip(t *testing.T) {
	dir := site(t)
	h := Handler(dir, typeOf)
	first := get(t, h, "GET", "/rss.xml", nil)
	etag, modified := first.Header().Get("ETag"), first.Header().Get("Last-Modified")
	if !strings.HasPrefix(etag, `"`) || modified == "" || first.Header().Get("Cache-Control") != "no-cache" {
		t.Fatalf("headers: %v", first.Header())
	}
	if w := get(t, h, "GET", "/rss.xml", map[string]string{"If-None-Match": etag}); w.Code != 304 || w.Body.Len() != 0 {
		t.Errorf("If-None-Match with the current ETag: %d, %d bytes; want 304 and none", w.Code, w.Body.Len())
	}
	if w := get(t, h, "GET", "/rss.xml", map[string]string{"If-Modified-Since": modified}); w.Code != 304 {
		t.Errorf("If-Modified-Since: %d, want 304", w.Code)
	}
	if w := get(t, h, "GET", "/rss.xml", map[string]string{"If-None-Match": `"old"`}); w.Code != 200 {
		t.Errorf("a stale ETag: %d, want 200", w.Code)
	}
	// A rebuild that changes the file changes its ETag.
	later := time.Now().Add(time.Minute)
	os.WriteFile(filepath.Join(dir, "rss.xml"), []byte("<rss>new</rss>"), 0o644)
	os.Chtimes(filepath.Join(dir, "rss.xml"), later, later)
	if w := get(t, h, "GET", "/rss.xml", map[string]string{"If-None-Match": etag}); w.Code != 200 || w.Body.String() != "<rss>new</rss>" {
		t.Errorf("after a change: %d %q", w.Code, w.Body.String())
	}

	// A browser opening a feed gets XML it applies the stylesheet to;
	// readers get the feed's own type.
	browser := "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
	if w := get(t, h, "GET", "/atom.xml", map[string]string{"Accept": browser}); w.Header().Get("Content-Type") != "application/xml; charset=utf-8" || !slices.Contains(w.Header().Values("Vary"), "Accept") {
		t.Errorf("a browser gets %q, Vary %q", w.Header().Get("Content-Type"), w.Header().Values("Vary"))
	}
	reader := "application/atom+xml, application/rss+xml;q=0.9, */*;q=0.1"
	if w := get(t, h, "GET", "/atom.xml", map[string]string{"Accept": reader}); w.Header().Get("Content-Type") != "application/atom+xml; charset=utf-8" {
		t.Errorf("a reader gets %q", w.Header().Get("Content-Type"))
	}

	w := get(t, h, "GET", "/index.html", map[string]string{"Accept-Encoding": "gzip"})
	if w.Header().Get("Content-Encoding") == "gzip" {
		t.Log("small files may be sent as they are")
	}
	os.WriteFile(filepath.Join(dir, "rss.xml"), []byte("<rss>"+strings.Repeat("item ", 1000)+"</rss>"), 0o644)
	w = get(t, h, "GET", "/rss.xml", map[string]string{"Accept-Encoding": "gzip"})
	if w.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("no gzip for a client that accepts it: %v", w.Header())
	}
	zr, err := gzip.NewReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(zr)
	if !strings.HasPrefix(string(body), "<rss>item item") || w.Header().Get("Content-Type") != "application/rss+xml; charset=utf-8" {
		t.Errorf("gzipped body %.20q, type %q", body, w.Header().Get("Content-Type"))
	}
	if w := get(t, h, "GET", "/rss.xml", nil); w.Header().Get("Content-Encoding") != "" {
		t.Error("gzip for a client that did not ask for it")
	}
}

// TestUnder serves a site whose base URL has a path, as serve does for
// https://example.com/blog/, and follows its redirects with a real client.
func TestUnder(t *testing.T) {
	srv := httptest.NewServer(Under("/blog/", Handler(site(t), typeOf)))
	defer srv.Close()
	client := &http.Client{CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) > 3 {
			return http.ErrUseLastResponse
		}
		return nil
	}}
	for _, tc := range []struct {
		path   string
		status int
		final  string // the path answered, after redirects
		body   string
	}{
		{"/blog/atom.xml", 200, "/blog/atom.xml", "<feed/>"},
		{"/blog/", 200, "/blog/", "<!DOCTYPE html>"},
		{"/blog", 200, "/blog/", "<!DOCTYPE html>"},
		{"/", 200, "/blog/", "<!DOCTYPE html>"},
		{"/blog/tags/go", 200, "/blog/tags/go/", "<title>go</title>"},
		{"/atom.xml", 404, "/atom.xml", ""},
		{"/blogger/atom.xml", 404, "/blogger/atom.xml", ""},
		{"/blog/.feedpub.lock", 404, "/blog/.feedpub.lock", ""},
		{"/blog/../secret.txt", 404, "/blog/../secret.txt", ""},
		{"/blog/tags/..%2f..%2f..%2fsecret.txt", 404, "/blog/tags/../../../secret.txt", ""},
	} {
		resp, err := client.Get(srv.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.status || resp.Request.URL.Path != tc.final || !strings.HasPrefix(string(body), tc.body) || strings.Contains(string(body), "secret") {
			t.Errorf("%s: %d at %s, %.30q; want %d at %s, %q", tc.path, resp.StatusCode, resp.Request.URL.Path, body, tc.status, tc.final, tc.body)
		}
	}
	if w := get(t, Under("/", Handler(site(t), typeOf)), "GET", "/atom.xml", nil); w.Code != 200 {
		t.Errorf("a site at the root: /atom.xml answers %d", w.Code)
	}
	// A folder's redirect is relative, so it holds under any prefix.
	if w := get(t, Handler(site(t), typeOf), "GET", "/tags/go", nil); w.Header().Get("Location") != "go/" {
		t.Errorf("Location %q, want go/", w.Header().Get("Location"))
	}
}
