package pipeline

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/feedcheck"
)

// TestFamilies builds per-tag, per-category and per-author feeds and
// reads them back.
func TestFamilies(t *testing.T) {
	got := files(t, Options{Site: testSite(t, func(s *config.Settings) { s.AuthorFeeds = true })})
	for _, tc := range []struct {
		dir, title string
		items      int
	}{
		{"tags/go/", "Test site & friends — go", 1},
		{"tags/aandb/", "", 0}, // "a&b" makes a-and-b
		{"tags/a-and-b/", "Test site & friends — a&b", 1},
		{"categories/news/", "Test site & friends — news", 1},
		{"authors/ann-example/", "Test site & friends — Ann Example", 1},
		{"authors/site-owner/", "Test site & friends — Site Owner", 3},
	} {
		for _, name := range []string{"rss.xml", "atom.xml", "feed.json"} {
			data, ok := got[tc.dir+name]
			if tc.title == "" {
				if ok {
					t.Errorf("%s%s should not exist", tc.dir, name)
				}
				continue
			}
			if !ok {
				t.Errorf("no %s%s", tc.dir, name)
				continue
			}
			f := parse(t, data)
			if f.Title != tc.title || len(f.Items) != tc.items || f.FeedLink != "https://example.com/blog/"+tc.dir+name {
				t.Errorf("%s%s: title %q, %d items, self %s; want %q, %d", tc.dir, name, f.Title, len(f.Items), f.FeedLink, tc.title, tc.items)
			}
		}
		if _, ok := got[tc.dir+"index.html"]; ok != (tc.title != "") {
			t.Errorf("%sindex.html: written %v", tc.dir, ok)
		}
	}
	home := string(got["index.html"])
	for _, s := range []string{`<a href="https://example.com/blog/tags/go/">go</a>`, `<h2>Categories</h2>`, `<h2>Authors</h2>`,
		`<link rel="alternate" type="application/atom&#43;xml" title="Test site &amp; friends (Atom)" href="https://example.com/blog/atom.xml">`,
		`data-copy="https://example.com/blog/feed.json"`} {
		if !strings.Contains(home, s) {
			t.Errorf("index.html lacks %s", s)
		}
	}
}

func TestFamilyCollision(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.md"), []byte("---\ntitle: A\ndate: 2024-01-01\ntags: [Go]\n---\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.md"), []byte("---\ntitle: B\ndate: 2024-01-02\ntags: [news, gö]\n---\n"), 0o644)
	// Names that differ only in case are one tag, as Hugo merges them.
	os.WriteFile(filepath.Join(dir, "e.md"), []byte("---\ntitle: E\ndate: 2024-01-05\ntags: [GO]\n---\n"), 0o644)
	// A name with no letter or digit has a feed of its own, named by
	// its hash; one whose slug is that hash shares it.
	os.WriteFile(filepath.Join(dir, "c.md"), []byte("---\ntitle: C\ndate: 2024-01-03\ncategories: ['???']\n---\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "d.md"), []byte("---\ntitle: D\ndate: 2024-01-04\ncategories: ['X a03b221c6c']\n---\n"), 0o644)
	_, err := Run(Options{Site: testSite(t, func(s *config.Settings) { s.Articles = dir }), Now: now})
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("want located errors, got %v", err)
	}
	want := []string{
		dir + `/b.md:4:1: the tag "gö" and the tag "Go" in ` + dir + `/a.md would share the feed tags/go/ — spell the tag the same way in both articles`,
		dir + `/d.md:4:1: the category "X a03b221c6c" and the category "???" in ` + dir + `/c.md would share the feed categories/x-a03b221c6c/ — spell the category the same way in both articles`,
	}
	if got := list.Error(); got != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
}

// TestEveryFeedChecks runs the feed checks on every feed and archive
// document a build writes, not only the main feeds.
func TestEveryFeedChecks(t *testing.T) {
	site := testSite(t, func(s *config.Settings) {
		s.Limit, s.ArchiveSize, s.AuthorFeeds, s.Hub = 2, 2, true, "https://hub.example.net/"
	})
	n := 0
	for name, data := range files(t, Options{Site: site}) {
		switch {
		case strings.HasSuffix(name, ".json"):
			for _, err := range feedcheck.JSONFeed(data) {
				t.Errorf("%s: %v", name, err)
			}
		case isFeed(name):
			if err := feedcheck.WellFormed(data); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		case strings.HasSuffix(name, ".html"):
			if err := safePage(data); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		default:
			continue
		}
		n++
	}
	if n < 40 {
		t.Errorf("only %d files checked", n)
	}
}

// TestFamiliesKept checks that a rebuild with the cache keeps the feeds of
// families whose articles did not change, without rendering them.
func TestFamiliesKept(t *testing.T) {
	dir := t.TempDir()
	for i, tags := range []string{"[go, news]", "[go]", "[news]", "[misc]"} {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%d.md", i)), []byte(fmt.Sprintf("---\ntitle: A%d\ndate: 2024-01-0%d\ntags: %s\n---\nBody.\n", i, i+1, tags)), 0o644)
	}
	site := testSite(t, func(s *config.Settings) { s.Articles = dir; s.CategoryFeeds = false })
	site.Output = t.TempDir()
	build := cachedBuilds(t, site)
	build()
	os.WriteFile(filepath.Join(dir, "a1.md"), []byte("---\ntitle: A1, edited\ndate: 2024-01-02\ntags: [go]\n---\nBody.\n"), 0o644)
	want := "[tags/misc/rss.xml tags/misc/atom.xml tags/misc/feed.json tags/misc/index.html tags/news/rss.xml tags/news/atom.xml tags/news/feed.json tags/news/index.html]"
	if got := fmt.Sprint(kept(build())); got != want {
		t.Errorf("after editing an article tagged go, kept %v; want %v", got, want)
	}
	if data, _ := os.ReadFile(filepath.Join(site.Output, "tags", "go", "atom.xml")); !strings.Contains(string(data), "A1, edited") {
		t.Error("the go feed was not rebuilt")
	}
}
