package cli

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/serve"
)

// TestMovedFeed follows a feed that moves through the builds after it:
// the move leaves redirects, a build that no longer names the move keeps
// them, serve answers 301 for the old addresses, and publishing to a
// folder carries the _redirects file along.
func TestMovedFeed(t *testing.T) {
	dir := site(t, map[string]string{
		"a.md": article("A", "2024-01-01", "tags: [go]"),
		"b.md": article("B", "2024-01-02", "tags: [go]"),
	})
	const base = "article_pages: false\nbase_url: https://example.com/news/\n"
	write(t, dir, "feedpub.yaml", base)
	if code, _, errOut := run(t, dir, "-q"); code != 0 {
		t.Fatalf("first build: %s", errOut)
	}
	write(t, dir, "feedpub.yaml", base+"rss_file: feed.rss\nmoved: {rss.xml: feed.rss}\n")
	if code, _, errOut := run(t, dir, "-q"); code != 0 {
		t.Fatalf("the move: %s", errOut)
	}
	redirects := "/news/rss.xml /news/feed.rss 301\n/news/tags/go/rss.xml /news/tags/go/feed.rss 301\n"
	check := func(when string) {
		t.Helper()
		if data, _ := os.ReadFile(filepath.Join(dir, "public", "_redirects")); string(data) != redirects {
			t.Errorf("%s: _redirects holds %q, want %q", when, data, redirects)
		}
		data, _ := os.ReadFile(filepath.Join(dir, "public", "rss.xml"))
		f, err := gofeed.NewParser().ParseString(string(data))
		if err != nil || f.FeedLink != "https://example.com/news/feed.rss" || len(f.Items) != 1 || f.Items[0].Title != "This feed has moved" {
			t.Errorf("%s: rss.xml is no redirect (%v):\n%s", when, err, data)
		}
	}
	check("after the move")

	// The move is done: the settings need not name it any more.
	write(t, dir, "feedpub.yaml", base+"rss_file: feed.rss\n")
	code, out, errOut := run(t, dir)
	if code != 0 || !strings.Contains(out, " 0 removed\n") {
		t.Fatalf("the build after: exit %d\n%s%s", code, out, errOut)
	}
	check("once moved is gone")

	s := config.Defaults()
	s.Output = filepath.Join(dir, "public")
	s.BaseURL = "https://example.com/news/"
	site, err := s.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	kinds := &servedKinds{site: site}
	kinds.reload()
	srv := httptest.NewServer(serve.Redirecting(site.Output, kinds.redirect, serve.Handler(site.Output, kinds.contentType)))
	defer srv.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for path, want := range map[string]string{"/rss.xml": "https://example.com/news/feed.rss", "/tags/go/rss.xml": "https://example.com/news/tags/go/feed.rss"} {
		resp, err := client.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != want {
			t.Errorf("GET %s: %d, Location %q; want 301 to %s", path, resp.StatusCode, resp.Header.Get("Location"), want)
		}
	}
	if resp, err := client.Get(srv.URL + "/feed.rss"); err != nil || resp.StatusCode != 200 {
		t.Errorf("GET /feed.rss: %v %v", resp, err)
	}

	bucket := t.TempDir()
	if code, _, errOut := run(t, dir, "publish", "-q", "file://"+filepath.ToSlash(bucket)); code != 0 {
		t.Fatalf("publish: %s", errOut)
	}
	if data, _ := os.ReadFile(filepath.Join(bucket, "_redirects")); string(data) != redirects {
		t.Errorf("the published _redirects holds %q, want %q", data, redirects)
	}
	if data, _ := os.ReadFile(filepath.Join(bucket, "rss.xml")); !strings.Contains(string(data), "<title>This feed has moved</title>") {
		t.Errorf("the published rss.xml is no redirect:\n%s", data)
	}
}

// TestServeMovedFeed: 'feedpub serve' answers a moved feed's old address,
// and its family feeds', with 301 to the new one, below base_url's path,
// although serve builds into a folder of its own with no manifest of the
// feeds published before.
func TestServeMovedFeed(t *testing.T) {
	dir := site(t, map[string]string{"a.md": article("A", "2024-01-01", "tags: [go]")})
	write(t, dir, "feedpub.yaml", "base_url: https://example.com/blog/\nrss_file: feed.rss\nmoved: {rss.xml: feed.rss}\n")
	wd, _ := os.Getwd()
	os.Chdir(dir)
	defer os.Chdir(wd)
	s := startServe(t, "--addr", "127.0.0.1:0")
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, p := range []string{"rss.xml", "tags/go/rss.xml"} {
		resp, err := client.Get(s.url + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		want := s.url + strings.TrimSuffix(p, "rss.xml") + "feed.rss"
		if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != want {
			t.Errorf("GET %s: %d, Location %q; want 301 to %s", p, resp.StatusCode, resp.Header.Get("Location"), want)
		}
	}
	if resp, body := s.fetch("feed.rss"); resp.StatusCode != 200 || !strings.Contains(body, "<title>A</title>") {
		t.Errorf("feed.rss: %d\n%s", resp.StatusCode, body)
	}
}
