package pipeline

import (
	"bytes"
	"errors"
	"html"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/feedpub/feedpub/internal/cache"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/feedcheck"
	"github.com/feedpub/feedpub/internal/layout"
	"github.com/feedpub/feedpub/internal/output"
	"github.com/feedpub/feedpub/internal/serve"
	"github.com/feedpub/feedpub/internal/sitemode"
	"github.com/feedpub/feedpub/internal/testfiles"
)

// articleFile reports whether f is an article page or a file one copies.
func articleFile(f output.File) bool {
	return f.Kind == layout.ArticlePage.String() || f.Kind == layout.Asset.String()
}

// safePage checks a page feedpub wrote: an article's page as its
// template around a body that must be as safe as feeds carry it, any
// other as SafePage does.
func safePage(data []byte) error {
	open, end := []byte("<div class=\"body\">\n"), []byte("\n</div>\n</article>")
	i, j := bytes.Index(data, open), bytes.LastIndex(data, end)
	if i < 0 {
		return feedcheck.SafePage(data)
	}
	if j < i {
		return errors.New("an article page whose body does not end")
	}
	if err := feedcheck.SafeHTML(string(data[i+len(open) : j])); err != nil {
		return err
	}
	return feedcheck.SafePage(append(bytes.Clone(data[:i]), data[j:]...))
}

// The fixture of the page tests: three articles, one with a relative
// image beside it, one a page bundle with its image and a document.
var (
	jpegBytes = "\xff\xd8\xff\xe0\x00\x10JFIF\x00fake jpeg"
	pngBytes  = "\x89PNG\r\n\x1a\nfake png"
	pdfBytes  = "%PDF-1.4 fake"
)

func pagesFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	testfiles.Write(t, dir, map[string]string{
		"first-espresso.md":   "---\ntitle: First espresso\ndate: 2024-03-01\ntags: [coffee]\n---\nA cup:\n\n![A cup](images/espresso.jpg)\n",
		"images/espresso.jpg": jpegBytes,
		"bundle/index.md":     "---\ntitle: A bundle\ndate: 2024-03-02\ntags: [coffee, beans]\n---\nBeans: ![beans](./beans.png)\n\nThe [notes](notes.pdf), [another article](../first-espresso/) and [the feed](/blog/rss.xml).\n",
		"bundle/beans.png":    pngBytes,
		"bundle/notes.pdf":    pdfBytes,
		"plain.md":            "---\ntitle: Plain\ndate: 2024-03-03\nauthor: Ann <ann@example.com>\nimage: cover.jpg\n---\nJust *words*.\n",
		"cover.jpg":           jpegBytes,
	})
	return dir
}

// pagesSite is the fixture's site at base, with edit applied.
func pagesSite(t *testing.T, articles, base string, edit func(*config.Settings)) *config.Site {
	t.Helper()
	s := config.Defaults()
	s.BaseURL, s.Articles, s.Output, s.Cache = base, articles, t.TempDir(), ""
	if edit != nil {
		edit(&s)
	}
	site, err := s.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	return site
}

// build runs and writes a build of site, with the cache old, and returns
// it with what it wrote and the cache made for the next.
func writeBuild(t *testing.T, site *config.Site, old *cache.Cache) (*Result, []output.Result) {
	t.Helper()
	res, err := Run(Options{Site: site, Now: now, Generator: "feedpub test", Cache: old, Caching: true,
		OutputsIntact: func(*cache.Cache) bool { return true }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Close() })
	if res.Unchanged {
		return res, nil
	}
	results, err := output.WriteAll(site.Output, res.Files)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		st, _ := cache.StampOf(r.Path, cache.Stamp{})
		res.Cache.Outputs[r.Path] = st
	}
	return res, results
}

// TestArticlePagesServed serves a build of the fixture and fetches every
// item's link and every URL of the site in every item's content, in
// every feed: each answers 200 with its type, and a copied file with its
// source's bytes.
func TestArticlePagesServed(t *testing.T) {
	articles := pagesFixture(t)
	var handler http.Handler
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { handler.ServeHTTP(w, r) }))
	defer srv.Close()
	site := pagesSite(t, articles, srv.URL+"/blog/", nil)
	res, _ := writeBuild(t, site, nil)
	if w := res.Warnings(); len(w) > 0 {
		t.Errorf("warnings: %q", w)
	}
	ix := layout.NewIndex(site, output.Entries(res.Files))
	handler = http.StripPrefix("/blog", serve.Handler(site.Output, ix.ContentType))
	get := func(u string) (string, []byte) {
		t.Helper()
		resp, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Errorf("GET %s: %s", u, resp.Status)
		}
		return resp.Header.Get("Content-Type"), body
	}
	want := map[string]struct{ typ, body string }{
		"first-espresso/images/espresso.jpg": {"image/jpeg", jpegBytes},
		"bundle/beans.png":                   {"image/png", pngBytes},
		"bundle/notes.pdf":                   {"application/pdf", pdfBytes},
		"plain/cover.jpg":                    {"image/jpeg", jpegBytes},
	}
	fetched := map[string]bool{}
	feeds := 0
	for _, f := range res.Files {
		if o := ix.Of(f.Name); !o.Spec().PerFormat {
			continue
		}
		feeds++
		_, data := get(layout.URL(site, f.Name))
		feed, err := gofeed.NewParser().ParseString(string(data))
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		for _, it := range feed.Items {
			typ, page := get(it.Link)
			if typ != "text/html; charset=utf-8" || !bytes.Contains(page, []byte("<h1>"+it.Title+"</h1>")) {
				t.Errorf("%s: %s is %q, not the article's page", f.Name, it.Link, typ)
			}
			fetched[it.Link] = true
			urls := []string{}
			if it.Image != nil {
				urls = append(urls, it.Image.URL)
			}
			for _, m := range siteURL.FindAllStringSubmatch(it.Content, -1) {
				urls = append(urls, html.UnescapeString(m[1]))
			}
			for _, u := range urls {
				if !strings.HasPrefix(u, site.BaseURL.String()) {
					continue
				}
				typ, body := get(u)
				fetched[u] = true
				name := strings.TrimPrefix(u, site.BaseURL.String())
				if w, ok := want[name]; ok && (typ != w.typ || string(body) != w.body) {
					t.Errorf("%s: %s is %q %q, want %q %q", f.Name, u, typ, body, w.typ, w.body)
				}
			}
		}
	}
	if feeds < 9 {
		t.Errorf("%d feeds fetched", feeds)
	}
	for name := range want {
		if !fetched[layout.URL(site, name)] {
			t.Errorf("no feed links to %s", name)
		}
	}
	for _, link := range []string{"first-espresso/", "bundle/", "plain/"} {
		if !fetched[site.BaseURL.String()+link] {
			t.Errorf("no feed links to %s", link)
		}
	}
}

// siteURL finds the URLs of links and images in HTML.
var siteURL = regexp.MustCompile(`(?:src|href)="([^"]+)"`)

// TestArticlePagesOff checks that pages change nothing in the feeds:
// with article_pages off, the same articles give the same feed files,
// byte for byte, and no page or copy.
func TestArticlePagesOff(t *testing.T) {
	articles := pagesFixture(t)
	on := files(t, Options{Site: pagesSite(t, articles, "https://example.com/blog/", nil)})
	off := files(t, Options{Site: pagesSite(t, articles, "https://example.com/blog/", func(s *config.Settings) { s.ArticlePages = false })})
	for name, data := range off {
		if !bytes.Equal(on[name], data) {
			t.Errorf("%s differs with article pages on", name)
		}
	}
	extra := []string{}
	for name := range on {
		if _, ok := off[name]; !ok {
			extra = append(extra, name)
		}
	}
	slices.Sort(extra)
	want := []string{"bundle/beans.png", "bundle/index.html", "bundle/notes.pdf", "first-espresso/images/espresso.jpg", "first-espresso/index.html", "plain/cover.jpg", "plain/index.html"}
	if !slices.Equal(extra, want) {
		t.Errorf("pages on write %q besides; want %q", extra, want)
	}
}

// TestArticlePagesStale deletes an article: its page and the file it
// copied are the build's no longer, so stale, and the rest stay.
func TestArticlePagesStale(t *testing.T) {
	articles := pagesFixture(t)
	site := pagesSite(t, articles, "https://example.com/blog/", nil)
	first, _ := writeBuild(t, site, nil)
	if err := os.Remove(filepath.Join(articles, "first-espresso.md")); err != nil {
		t.Fatal(err)
	}
	second, _ := writeBuild(t, site, savedCache(t, first.Cache))
	stale, _, err := output.Stale(site.Output, output.Names(first.Files), output.Names(second.Files))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"first-espresso/images/espresso.jpg", "first-espresso/index.html"}; !slices.Equal(stale, want) {
		t.Errorf("stale %q, want %q", stale, want)
	}
	if _, err := output.Remove(site.Output, stale); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(site.Output, "first-espresso")); !os.IsNotExist(err) {
		t.Errorf("the deleted article's folder is still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(site.Output, "bundle", "beans.png")); err != nil {
		t.Error(err)
	}
}

// TestArticlePagesMissingFile checks that a reference to a local file
// that is not there is a warning at its line, and nothing is copied.
func TestArticlePagesMissingFile(t *testing.T) {
	dir := t.TempDir()
	testfiles.Write(t, dir, map[string]string{
		"post.md":       "---\ntitle: Post\ndate: 2024-03-01\nimage: cover.png\n---\nFirst line.\n\n![gone](images/gone.jpg)\n\n![out](../outside.png) ![hidden](x/.h.png)\n",
		"post/x/.h.png": pngBytes,
	})
	os.WriteFile(filepath.Join(filepath.Dir(dir), "outside.png"), []byte(pngBytes), 0o644)
	site := pagesSite(t, dir, "https://example.com/", nil)
	res, err := Run(Options{Site: site, Now: now, Generator: "feedpub test"})
	if err != nil {
		t.Fatal(err)
	}
	got := made(t, res)
	post := filepath.Join(dir, "post.md")
	want := []string{ // sorted as text, as every warning is
		post + ":10: the local file ../outside.png is outside the articles directory (" + filepath.Join(filepath.Dir(dir), "outside.png") + "), so it is not copied to https://example.com/outside.png — move it into the articles directory, beside the article, or link it by an absolute URL",
		post + ":4: the local file cover.png is not there (" + filepath.Join(dir, "cover.png") + "), so it is not copied to https://example.com/post/cover.png — put the file there or correct the link",
		post + ":8: the local file images/gone.jpg is not there (" + filepath.Join(dir, "images", "gone.jpg") + "), so it is not copied to https://example.com/post/images/gone.jpg — put the file there or correct the link",
	}
	if w := res.Warnings(); !slices.Equal(w, want) {
		t.Errorf("warnings\n%q\nwant\n%q", w, want)
	}
	for name := range got {
		if strings.HasSuffix(name, ".png") || strings.HasSuffix(name, ".jpg") {
			t.Errorf("%s is written", name)
		}
	}
	if !bytes.Contains(got["post/index.html"], []byte(`<img src="https://example.com/post/images/gone.jpg" alt="gone">`)) {
		t.Errorf("the page does not keep the body's image:\n%s", got["post/index.html"])
	}
}

// TestArticlePagesSiteMode checks that a Hugo site gets no article page
// however the settings ask for them: its generator writes its pages.
func TestArticlePagesSiteMode(t *testing.T) {
	s := config.Defaults()
	if _, err := sitemode.Apply(filepath.Join("..", "sitemode", "testdata", "hugo", "urls"), &s); err != nil {
		t.Fatal(err)
	}
	s.ArticlePages, s.Pages = true, true
	site, err := s.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	if site.ArticlePages {
		t.Error("site mode asks for article pages")
	}
	res, err := Run(Options{Site: site, Now: now, Generator: "feedpub test"})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Close()
	for _, f := range res.Files {
		if articleFile(f) {
			t.Errorf("site mode writes %s (%s)", f.Name, f.Kind)
		}
	}
}

// TestArticlePagesKept checks the pages of a rebuild: those of
// unchanged articles kept without being made, the edited one's made
// again; and a copied file changed alone is copied again.
func TestArticlePagesKept(t *testing.T) {
	articles := pagesFixture(t)
	site := pagesSite(t, articles, "https://example.com/blog/", nil)
	first, _ := writeBuild(t, site, nil)
	if first.Unchanged {
		t.Fatal("a first build found nothing changed")
	}
	again, _ := writeBuild(t, site, savedCache(t, first.Cache))
	if !again.Unchanged || len(again.Cache.Articles) != 3 {
		t.Fatalf("a build of the same articles: unchanged %v, %d pages recorded", again.Unchanged, len(again.Cache.Articles))
	}
	os.WriteFile(filepath.Join(articles, "plain.md"), []byte("---\ntitle: Plain, edited\ndate: 2024-03-03\n---\nWords.\n"), 0o644)
	edited, results := writeBuild(t, site, savedCache(t, again.Cache))
	keptPages := map[string]bool{}
	for _, f := range edited.Files {
		if articleFile(f) && f.Keep {
			keptPages[f.Name] = true
		}
	}
	want := []string{"bundle/beans.png", "bundle/index.html", "bundle/notes.pdf", "first-espresso/images/espresso.jpg", "first-espresso/index.html"}
	if got := slices.Sorted(maps.Keys(keptPages)); !slices.Equal(got, want) {
		t.Errorf("kept %q, want %q", got, want)
	}
	if !written(results, "plain/index.html") {
		t.Error("the edited article's page is not written")
	}
	// Only the image changes: the build is not unchanged, and copies it.
	os.WriteFile(filepath.Join(articles, "bundle", "beans.png"), []byte(pngBytes+" roasted"), 0o644)
	imaged, results := writeBuild(t, site, savedCache(t, edited.Cache))
	if imaged.Unchanged || !written(results, "bundle/beans.png") || written(results, "bundle/index.html") {
		t.Errorf("after the image changed: unchanged %v, wrote %v", imaged.Unchanged, results)
	}
	if data, _ := os.ReadFile(filepath.Join(site.Output, "bundle", "beans.png")); string(data) != pngBytes+" roasted" {
		t.Errorf("the image is %q", data)
	}
}

// written reports whether results wrote the file name.
func written(results []output.Result, name string) bool {
	for _, r := range results {
		if filepath.ToSlash(r.Path) == name || strings.HasSuffix(filepath.ToSlash(r.Path), "/"+name) {
			return r.Status == output.Written
		}
	}
	return false
}

// TestArticlePagesClaims checks that a page or a copy never takes the
// name of another file of the build: the first article (by path) keeps
// a name, and the others are warned about.
func TestArticlePagesClaims(t *testing.T) {
	dir := t.TempDir()
	testfiles.Write(t, dir, map[string]string{
		"a/one.md":    "---\ntitle: One\ndate: 2024-03-01\ntags: [go]\n---\n![x](img/x.png)\n",
		"a/img/x.png": pngBytes,
		"b/two.md":    "---\ntitle: Two\ndate: 2024-03-02\n---\n![x](img/x.png)\n",
		"b/img/x.png": pngBytes + " other",
		"c/three.md":  "---\ntitle: Three\ndate: 2024-03-03\nurl: tags/go/\n---\nA page where the tag's is.\n",
	})
	site := pagesSite(t, dir, "https://example.com/", func(s *config.Settings) { s.Permalink = ":slug.html" })
	res, err := Run(Options{Site: site, Now: now, Generator: "feedpub test"})
	if err != nil {
		t.Fatal(err)
	}
	got := made(t, res)
	want := []string{
		filepath.Join(dir, "b", "two.md") + ": " + filepath.Join(dir, "b", "img", "x.png") + " is not copied to img/x.png: " + filepath.Join(dir, "a", "img", "x.png") + " is copied there already — give one of them another name",
		filepath.Join(dir, "c", "three.md") + ": no page is written for the article: tags/go/index.html, where its link puts it, is a file the build writes already — give the article another 'slug' or 'url'",
	}
	if w := res.Warnings(); !slices.Equal(w, want) {
		t.Errorf("warnings\n%q\nwant\n%q", w, want)
	}
	if string(got["img/x.png"]) != pngBytes || !bytes.Contains(got["one.html"], []byte("<h1>One</h1>")) || !bytes.Contains(got["two.html"], []byte("<h1>Two</h1>")) {
		t.Errorf("the first article's copy, and both pages, are wanted: %q", got["img/x.png"])
	}
	if bytes.Contains(got["tags/go/index.html"], []byte("<h1>Three</h1>")) {
		t.Error("an article's page replaced the tag's")
	}
}

// TestArticlePagesMissingFileAdded follows a reference to a file that is
// not there at the first build, through builds with the cache: each
// warns while the file is missing and copies nothing, and the build
// after the file is added copies it without a word, however the article
// was left (as it was, touched).
func TestArticlePagesMissingFileAdded(t *testing.T) {
	for _, tc := range []struct {
		name  string
		touch bool // the article's time changes, not its bytes
	}{{"article as it was", false}, {"article touched", true}} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			testfiles.Write(t, dir, map[string]string{
				"zip-tar/index.md": "---\ntitle: Zip and tar\ndate: 2024-03-01\nimage: cover.png\n---\nA user:\n\n![user](images/dev-user.gif)\n",
			})
			site := pagesSite(t, dir, "https://example.com/", nil)
			post := filepath.Join(dir, "zip-tar", "index.md")
			gif, cover := filepath.Join(dir, "zip-tar", "images", "dev-user.gif"), filepath.Join(dir, "zip-tar", "cover.png")
			missing := []string{
				post + ":4: the local file cover.png is not there (" + cover + "), so it is not copied to https://example.com/zip-tar/cover.png — put the file there or correct the link",
				post + ":8: the local file images/dev-user.gif is not there (" + gif + "), so it is not copied to https://example.com/zip-tar/images/dev-user.gif — put the file there or correct the link",
			}
			res, _ := writeBuild(t, site, nil)
			for n := range 2 { // the first build, and one with its cache
				if w := res.Warnings(); !slices.Equal(w, missing) {
					t.Fatalf("build %d: warnings\n%q\nwant\n%q", n+1, w, missing)
				}
				if _, err := os.Stat(filepath.Join(site.Output, "zip-tar", "images", "dev-user.gif")); err == nil {
					t.Fatalf("build %d copied a file that is not there", n+1)
				}
				res, _ = writeBuild(t, site, savedCache(t, res.Cache))
			}
			testfiles.Write(t, dir, map[string]string{"zip-tar/images/dev-user.gif": "GIF89a fake", "zip-tar/cover.png": pngBytes})
			if tc.touch {
				later := time.Now().Add(time.Minute)
				if err := os.Chtimes(post, later, later); err != nil {
					t.Fatal(err)
				}
			}
			added, results := writeBuild(t, site, savedCache(t, res.Cache))
			if w := added.Warnings(); len(w) > 0 {
				t.Errorf("warnings once the files are there: %q", w)
			}
			for name, want := range map[string]string{"zip-tar/images/dev-user.gif": "GIF89a fake", "zip-tar/cover.png": pngBytes} {
				if data, err := os.ReadFile(filepath.Join(site.Output, filepath.FromSlash(name))); string(data) != want || !written(results, name) {
					t.Errorf("%s: %q, %v; written %v", name, data, err, written(results, name))
				}
			}
			// Copied, the files are as any other: the next build keeps them.
			if again, _ := writeBuild(t, site, savedCache(t, added.Cache)); !again.Unchanged || len(again.Warnings()) > 0 {
				t.Errorf("the build after the copy: unchanged %v, warnings %q", again.Unchanged, again.Warnings())
			}
		})
	}
}

// TestArticlePagesClimbing checks references that climb above the root
// of the site, where their URLs stop: the file is the one they climb to,
// warned about at its line when it is outside the articles directory,
// copied where the URL names when it is inside.
func TestArticlePagesClimbing(t *testing.T) {
	for _, tc := range []struct {
		name, article string
		base          string            // base_url, when not https://example.com/
		files         map[string]string // beside the articles directory, "articles/…" inside it
		warning       string            // after the article's path; "" for none
		copied        string            // the file written with pngBytes, if any
	}{{
		name:    "body, outside the articles",
		article: "---\ntitle: Post\ndate: 2024-03-01\n---\nA picture:\n\n![a](../../../gallery/a.png)\n",
		files:   map[string]string{"gallery/a.png": pngBytes},
		warning: ":7: the local file ../../../gallery/a.png is outside the articles directory ({root}/gallery/a.png), so it is not copied to https://example.com/gallery/a.png — move it into the articles directory, beside the article, or link it by an absolute URL",
	}, {
		name:    "front matter, outside the articles",
		article: "---\ntitle: Post\ndate: 2024-03-01\nimage: ../../../../gallery/a.png\n---\nWords.\n",
		files:   map[string]string{"gallery/a.png": pngBytes},
		warning: ":4: the local file ../../../../gallery/a.png is outside the articles directory ({up}/gallery/a.png), so it is not copied to https://example.com/gallery/a.png — move it into the articles directory, beside the article, or link it by an absolute URL",
	}, {
		name:    "body, inside the articles",
		article: "---\ntitle: Post\ndate: 2024-03-01\n---\n![b](../../b.png)\n",
		files:   map[string]string{"articles/b.png": pngBytes, "articles/2024/b.png": "another"},
		copied:  "b.png",
	}, {
		name:    "above base_url, outside the articles",
		article: "---\ntitle: Post\ndate: 2024-03-01\n---\n![a](../../../gallery/a.png)\n",
		base:    "https://example.com/blog/",
		files:   map[string]string{"gallery/a.png": pngBytes},
		warning: ":5: the local file ../../../gallery/a.png is outside the articles directory ({root}/gallery/a.png), so it is not copied to https://example.com/gallery/a.png — move it into the articles directory, beside the article, or link it by an absolute URL",
	}, {
		name:    "above base_url, inside the articles",
		article: "---\ntitle: Post\ndate: 2024-03-01\n---\n![b](../../b.png)\n",
		base:    "https://example.com/blog/",
		files:   map[string]string{"articles/b.png": pngBytes},
		warning: ":5: the local file ../../b.png is above base_url https://example.com/blog/ ({root}/articles/b.png), so it is not copied to https://example.com/b.png — move it beside the article, or link it by an absolute URL",
	}, {
		name:    "above base_url, by an absolute URL",
		article: "---\ntitle: Post\ndate: 2024-03-01\n---\n![b](https://example.com/b.png)\n",
		base:    "https://example.com/blog/",
		files:   map[string]string{"articles/2024/b.png": pngBytes},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			testfiles.Write(t, root, tc.files)
			testfiles.Write(t, root, map[string]string{"articles/2024/post/index.md": tc.article})
			if tc.base == "" {
				tc.base = "https://example.com/"
			}
			site := pagesSite(t, filepath.Join(root, "articles"), tc.base, nil)
			res, err := Run(Options{Site: site, Now: now, Generator: "feedpub test"})
			if err != nil {
				t.Fatal(err)
			}
			got := made(t, res)
			var want []string
			if tc.warning != "" {
				want = []string{filepath.Join(root, "articles", "2024", "post", "index.md") + strings.NewReplacer("{root}", root, "{up}", filepath.Dir(root)).Replace(tc.warning)}
			}
			if w := res.Warnings(); !slices.Equal(w, want) {
				t.Errorf("warnings\n%q\nwant\n%q", w, want)
			}
			for name, data := range got {
				if strings.HasSuffix(name, ".png") && (name != tc.copied || string(data) != pngBytes) {
					t.Errorf("%s is written: %q", name, data)
				}
			}
			if _, ok := got[tc.copied]; tc.copied != "" && !ok {
				t.Errorf("%s is not copied", tc.copied)
			}
		})
	}
}

// TestArticlePagesHTMLFiles checks links to HTML documents: one that is
// a plain file beside the article is copied as any other local file,
// one that is not there is a link to a page, copied nor warned about.
func TestArticlePagesHTMLFiles(t *testing.T) {
	const timing = "<!doctype html><title>Timing</title>"
	for _, tc := range []struct {
		name, link string
		files      map[string]string
		copied     string // the file written with timing, if any
	}{
		{"beside the article", "2022-04-07-timing.html", map[string]string{"Rust-1.60.0/2022-04-07-timing.html": timing}, "Rust-1.60.0/2022-04-07-timing.html"},
		{"an .htm below it", "report/t.htm", map[string]string{"Rust-1.60.0/report/t.htm": timing}, "Rust-1.60.0/report/t.htm"},
		{"not there", "2022-04-07-timing.html", nil, ""},
		{"another page", "../other.html", nil, ""},
		{"a folder of that name", "dir.html", map[string]string{"Rust-1.60.0/dir.html/x.txt": "x"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			testfiles.Write(t, dir, tc.files)
			testfiles.Write(t, dir, map[string]string{"Rust-1.60.0/index.md": "---\ntitle: Rust 1.60.0\ndate: 2022-04-07\n---\nSee [the timings](" + tc.link + ").\n"})
			site := pagesSite(t, dir, "https://example.com/", nil)
			res, err := Run(Options{Site: site, Now: now, Generator: "feedpub test"})
			if err != nil {
				t.Fatal(err)
			}
			if w := res.Warnings(); len(w) > 0 {
				t.Errorf("warnings: %q", w)
			}
			var copies []string
			for _, f := range res.Files {
				if f.Kind == layout.Asset.String() {
					copies = append(copies, f.Name)
				}
			}
			got := made(t, res)
			if tc.copied == "" && len(copies) > 0 || tc.copied != "" && (!slices.Equal(copies, []string{tc.copied}) || string(got[tc.copied]) != timing) {
				t.Errorf("copied %q (%q), want %q", copies, got[tc.copied], tc.copied)
			}
			if !bytes.Contains(got["Rust-1.60.0/index.html"], []byte(`href="https://example.com/Rust-1.60.0/`+tc.link+`"`)) && !strings.HasPrefix(tc.link, "../") {
				t.Errorf("the page does not link %s:\n%s", tc.link, got["Rust-1.60.0/index.html"])
			}
		})
	}
}
