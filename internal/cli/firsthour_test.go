package cli

import (
	"bytes"
	"image"
	"image/png"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/layout"
)

// TestFirstHour walks a newcomer's first hour in an empty folder: init,
// three articles from new, a picture beside one of them, then serve. Every
// link and image URL of every feed and page that serve serves must answer
// 200 from serve. Then the same folder is built with article pages off,
// whose feeds must be byte-identical; publishing under the built-in
// base_url is refused without writing anything; and the first build with
// a real base_url needs no --allow-id-change.
func TestFirstHour(t *testing.T) {
	root := t.TempDir()
	if code, _, errOut := run(t, root, "init", "--title", "Coffee notes"); code != 0 {
		t.Fatalf("init: exit %d: %s", code, errOut)
	}
	start := time.Now().Add(-24 * time.Hour).Truncate(time.Second)
	for i, title := range []string{"First espresso", "Milk and foam", "A grinder at last"} {
		setArticleClock(t, start.Add(time.Duration(i)*time.Hour))
		if code, _, errOut := run(t, root, "new", title); code != 0 {
			t.Fatalf("new %q: exit %d: %s", title, code, errOut)
		}
	}
	first := filepath.Join(root, "articles", "first-espresso.md")
	text, err := os.ReadFile(first)
	if err != nil {
		t.Fatalf("new wrote no articles/first-espresso.md: %v", err)
	}
	text = append(text, "\nA short, dark cup.\n\n![My first espresso](images/espresso.png)\n"...)
	if err := os.WriteFile(first, text, 0o644); err != nil {
		t.Fatal(err)
	}
	picture := tinyPNG(t)
	if err := os.MkdirAll(filepath.Join(root, "articles", "images"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "articles", "images", "espresso.png"), picture, 0o644); err != nil {
		t.Fatal(err)
	}

	s := startServe(t, "--addr", "127.0.0.1:0", "--config", filepath.Join(root, "feedpub.yaml"), "--articles", filepath.Join(root, "articles"))
	seen := crawl(t, s)
	s.end()
	var pages, images int
	for u, ctype := range seen {
		switch {
		case strings.HasSuffix(u, "/") && ctype == "text/html; charset=utf-8":
			pages++
		case strings.HasSuffix(u, "/first-espresso/images/espresso.png"):
			images++
			if ctype != "image/png" {
				t.Errorf("%s is served as %q, want image/png", u, ctype)
			}
		}
	}
	for _, slug := range []string{"first-espresso", "milk-and-foam", "a-grinder-at-last"} {
		if _, ok := seen[s.url+slug+"/"]; !ok {
			t.Errorf("no feed or page links to the article page %s%s/", s.url, slug)
		}
	}
	if images != 1 {
		t.Errorf("the picture was reached %d times, want once: %v", images, seen)
	}
	if pages < 5 { // the home page, four article pages (init's example too) and the tag pages
		t.Errorf("%d pages reached, want the home page and every article's: %v", pages, seen)
	}

	// The same articles with article pages off: the feeds do not change.
	base := "base_url: https://example.com/coffee/\n"
	on := buildInto(t, root, "on", base)
	off := buildInto(t, root, "off", base+"article_pages: false\n")
	feeds := 0
	for name, data := range on {
		if !isFeed(name) {
			continue
		}
		feeds++
		if !bytes.Equal(off[name], data) {
			t.Errorf("%s differs with article pages off:\n%s\n---\n%s", name, data, off[name])
		}
	}
	if feeds < 6 {
		t.Errorf("%d feeds compared, want the main feeds and the tags' at least", feeds)
	}
	for name := range off {
		if strings.HasPrefix(name, "first-espresso/") {
			t.Errorf("with article pages off, the build wrote %s", name)
		}
	}
	if _, ok := on["first-espresso/images/espresso.png"]; !ok {
		t.Error("with article pages on, the picture was not copied to first-espresso/images/espresso.png")
	}

	// Publishing under the built-in base_url is refused, and nothing is written.
	bucket := t.TempDir()
	code, _, errOut := run(t, root, "publish", "--out", filepath.Join(root, "pub"), "file://"+filepath.ToSlash(bucket))
	if code != 2 || !strings.Contains(errOut, "cannot publish with the built-in base_url http://localhost:8080/") {
		t.Errorf("publish under the built-in base_url: exit %d: %s", code, errOut)
	}
	if entries, _ := os.ReadDir(bucket); len(entries) != 0 {
		t.Errorf("a refused publish wrote %d entries", len(entries))
	}
	if _, err := os.Stat(filepath.Join(root, "pub")); err == nil {
		t.Error("a refused publish built its output folder")
	}

	// Built with the built-in base_url, then with the real one: no id guard.
	if code, _, errOut := run(t, root, "build", "-q"); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errOut)
	}
	if code, _, errOut := run(t, root, "build", "-q", "--base-url", "https://example.com/coffee/"); code != 0 {
		t.Errorf("the first build with a real base_url: exit %d: %s", code, errOut)
	}
}

// crawl fetches, from where s serves, the home page and the main feeds,
// and every URL below s.url that a fetched page names (href, src) or a
// fetched feed names (its links, its items' links and enclosures, images in
// their content), and checks that each answers 200. It returns each URL
// reached with its Content-Type.
func crawl(t *testing.T, s *served) map[string]string {
	t.Helper()
	attr := regexp.MustCompile(`(?:href|src)="([^"]+)"`)
	seen := map[string]string{}
	todo := []string{s.url, s.url + "rss.xml", s.url + "atom.xml", s.url + "feed.json"}
	add := func(from, link string) {
		u, err := url.Parse(from)
		if err != nil {
			t.Errorf("%s: %v", from, err)
			return
		}
		ref, err := u.Parse(strings.ReplaceAll(link, "&amp;", "&"))
		if err != nil {
			t.Errorf("%s names %q: %v", from, link, err)
			return
		}
		ref.Fragment = ""
		if abs := ref.String(); strings.HasPrefix(abs, s.url) {
			todo = append(todo, abs)
		} else if config.IsLoopback(ref) {
			t.Errorf("%s links to %s, on this computer but not to the server", from, abs)
		}
	}
	for len(todo) > 0 {
		u := todo[0]
		todo = todo[1:]
		if _, done := seen[u]; done {
			continue
		}
		resp, body := s.get(u)
		ctype := resp.Header.Get("Content-Type")
		seen[u] = ctype
		if resp.StatusCode != 200 {
			t.Errorf("%s answers %d", u, resp.StatusCode)
			continue
		}
		switch {
		case strings.HasPrefix(ctype, "text/html"):
			for _, m := range attr.FindAllStringSubmatch(body, -1) {
				add(u, m[1])
			}
		case strings.Contains(ctype, "xml") && !strings.Contains(ctype, "xsl"), strings.Contains(ctype, "json"):
			f, err := gofeed.NewParser().ParseString(body)
			if err != nil {
				t.Errorf("%s: %v", u, err)
				continue
			}
			for _, l := range append([]string{f.Link, f.FeedLink}, f.Links...) {
				if l != "" {
					add(u, l)
				}
			}
			for _, it := range f.Items {
				add(u, it.Link)
				for _, e := range it.Enclosures {
					add(u, e.URL)
				}
				for _, m := range attr.FindAllStringSubmatch(it.Content, -1) {
					add(u, m[1])
				}
			}
		}
	}
	return seen
}

// buildInto builds root's articles with settings into a folder named out
// beside them, with no cache, and returns the files it wrote by name.
func buildInto(t *testing.T, root, out, settings string) map[string][]byte {
	t.Helper()
	cfg := filepath.Join(root, out+".yaml")
	if err := os.WriteFile(cfg, []byte(settings), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := run(t, root, "build", "-q", "--no-cache", "--config", cfg, "--out", filepath.Join(root, out)); code != 0 {
		t.Fatalf("build with %q: exit %d: %s", settings, code, errOut)
	}
	return tree(t, filepath.Join(root, out))
}

// isFeed says whether a file a build wrote is a feed or an archive
// document, by its name.
func isFeed(name string) bool {
	return !layout.IsSitemap(name) && (strings.HasSuffix(name, ".json") || (strings.HasSuffix(name, ".xml") && !strings.HasPrefix(filepath.Base(name), ".")))
}

// tinyPNG returns a 2×2 PNG.
func tinyPNG(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
