package pipeline

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"

	"github.com/feedpub/feedpub/internal/cache"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/feedcheck"
	"github.com/feedpub/feedpub/internal/output"
)

// archiveSite writes n articles, one a day, with ids a001…, and returns a
// site with 5 items per feed and archive documents of 10.
func archiveSite(t *testing.T, dir string, n int) *config.Site {
	t.Helper()
	for i := 1; i <= n; i++ {
		writeArticle(t, dir, i)
	}
	return testSite(t, func(s *config.Settings) {
		s.Articles, s.Limit, s.ArchiveSize = dir, 5, 10
		s.TagFeeds, s.CategoryFeeds = false, false
	})
}

func writeArticle(t *testing.T, dir string, i int) {
	t.Helper()
	src := fmt.Sprintf("---\ntitle: Article %d\ndate: 2020-01-01T00:00:00Z\nid: urn:test:a%03d\n---\nBody %d.\n", i, i, i)
	// One a day, so that the order is by number.
	src = strings.Replace(src, "2020-01-01", fmt.Sprintf("2020-%02d-%02d", 1+(i-1)/28, 1+(i-1)%28), 1)
	if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%03d.md", i)), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}

// walk follows a format's archive links from the main feed, as an RFC
// 5005 reader (or a JSON Feed reader paging with next_url) does, and
// returns every item id it meets, by document.
func walk(t *testing.T, got map[string][]byte, start string, older func(*gofeed.Feed) string) [][]string {
	t.Helper()
	var docs [][]string
	seen := map[string]bool{}
	for name := start; name != ""; {
		if seen[name] {
			t.Fatalf("the archive links loop back to %s", name)
		}
		seen[name] = true
		data, ok := got[name]
		if !ok {
			t.Fatalf("a link leads to %s, which the build does not write", name)
		}
		if strings.HasSuffix(name, ".json") {
			for _, err := range feedcheck.JSONFeed(data) {
				t.Errorf("%s: %v", name, err)
			}
		} else if err := feedcheck.WellFormed(data); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		f := parse(t, data)
		var ids []string
		for _, it := range f.Items {
			ids = append(ids, it.GUID)
		}
		docs = append(docs, ids)
		name = strings.TrimPrefix(older(f), "https://example.com/blog/")
	}
	return docs
}

// prevArchive is the rel="prev-archive" link among an RSS feed's
// atom:link elements.
func prevArchive(f *gofeed.Feed) string {
	for _, e := range f.Extensions["atom"]["link"] {
		if e.Attrs["rel"] == "prev-archive" {
			return e.Attrs["href"]
		}
	}
	return ""
}

func TestArchiveWalk(t *testing.T) {
	const n = 57
	got := files(t, Options{Site: archiveSite(t, t.TempDir(), n)})
	var want []string
	for i := n; i >= 1; i-- {
		want = append(want, fmt.Sprintf("urn:test:a%03d", i))
	}
	// 57 articles: 5 in the feed, 52 archived in pages of 10 from the
	// oldest: five full pages and one of 2.
	for _, tc := range []struct {
		start string
		older func(*gofeed.Feed) string
	}{
		{"rss.xml", prevArchive},
		{"atom.xml", atomPrevArchive(got)},
		{"feed.json", jsonNext(got)},
	} {
		docs := walk(t, got, tc.start, tc.older)
		var sizes []int
		var ids []string
		for _, d := range docs {
			sizes = append(sizes, len(d))
			ids = append(ids, d...)
		}
		if fmt.Sprint(sizes) != "[5 2 10 10 10 10 10]" {
			t.Errorf("%s: documents of %v items, want [5 2 10 10 10 10 10]", tc.start, sizes)
		}
		if !slices.Equal(ids, want) {
			t.Errorf("%s: walking the archive gives\n%v\nwant every article once, newest first:\n%v", tc.start, ids, want)
		}
	}
	page := string(got["archive/atom/1.xml"])
	for _, s := range []string{`<fh:archive>`, `xmlns:fh="http://purl.org/syndication/history/1.0"`,
		`href="https://example.com/blog/atom.xml" rel="current"`, `href="https://example.com/blog/archive/atom/2.xml" rel="next-archive"`} {
		if !strings.Contains(page, s) {
			t.Errorf("archive/atom/1.xml lacks %s", s)
		}
	}
	if strings.Contains(page, `rel="prev-archive"`) || strings.Contains(string(got["archive/atom/6.xml"]), `rel="next-archive"`) {
		t.Error("the first archive document links to an older one, or the newest to a newer one")
	}
}

// atomPrevArchive reads the prev-archive link with gofeed's Atom parser,
// since its universal feed keeps an Atom feed's link URLs but not their
// rel.
func atomPrevArchive(got map[string][]byte) func(*gofeed.Feed) string {
	return func(f *gofeed.Feed) string {
		data := got[strings.TrimPrefix(f.FeedLink, "https://example.com/blog/")]
		af, err := (&atom.Parser{}).Parse(bytes.NewReader(data))
		if err != nil {
			return ""
		}
		for _, l := range af.Links {
			if l.Rel == "prev-archive" {
				return l.Href
			}
		}
		return ""
	}
}

// jsonNext follows JSON Feed's next_url, which gofeed does not keep.
func jsonNext(got map[string][]byte) func(*gofeed.Feed) string {
	return func(f *gofeed.Feed) string {
		data := got[strings.TrimPrefix(f.FeedLink, "https://example.com/blog/")]
		const key = `"next_url": "`
		i := bytes.Index(data, []byte(key))
		if i < 0 {
			return ""
		}
		rest := data[i+len(key):]
		return string(rest[:bytes.IndexByte(rest, '"')])
	}
}

// TestArchiveStable checks that adding articles changes only the newest
// archive document and the main feeds: a full archive document never
// changes once written.
func TestArchiveStable(t *testing.T) {
	dir := t.TempDir()
	site := archiveSite(t, dir, 35) // 30 archived: three full pages and an empty one
	before := files(t, Options{Site: site})
	for i := 36; i <= 47; i++ {
		writeArticle(t, dir, i)
	}
	after := files(t, Options{Site: site})
	for name, data := range before {
		if !strings.HasPrefix(name, "archive/") {
			continue
		}
		changed := !bytes.Equal(data, after[name])
		newest := strings.Contains(name, "/4.")
		if changed != newest {
			t.Errorf("%s: changed %v; only the newest archive document (4) may change", name, changed)
		}
	}
	for _, name := range []string{"archive/rss/5.xml", "archive/atom/5.xml", "archive/json/5.json"} {
		if _, ok := after[name]; !ok {
			t.Errorf("%s was not started once page 4 filled up", name)
		}
	}
}

// TestArchiveKept checks that a rebuild with the cache leaves full archive
// documents alone (not even rendered) when their articles and files are
// as the last build left them, and makes them again when a file was
// tampered with.
func TestArchiveKept(t *testing.T) {
	dir := t.TempDir()
	site := archiveSite(t, dir, 35) // pages 1–3 full, 4 empty
	site.Output = t.TempDir()
	build := cachedBuilds(t, site)
	if k := kept(build()); len(k) != 0 {
		t.Fatalf("a first build kept %v", k)
	}
	writeArticle(t, dir, 36)
	want := "[archive/rss/1.xml archive/atom/1.xml archive/json/1.json archive/rss/2.xml archive/atom/2.xml archive/json/2.json archive/rss/3.xml archive/atom/3.xml archive/json/3.json]"
	if k := kept(build()); fmt.Sprint(k) != want {
		t.Errorf("after one new article, kept %v; want the full pages %v", k, want)
	}
	os.WriteFile(filepath.Join(site.Output, "archive", "atom", "2.xml"), []byte("tampered"), 0o644)
	writeArticle(t, dir, 37)
	res := build()
	if k := kept(res); slices.Contains(k, "archive/atom/2.xml") {
		t.Error("a tampered archive document was kept")
	}
	if data, _ := os.ReadFile(filepath.Join(site.Output, "archive", "atom", "2.xml")); !bytes.Contains(data, []byte("<fh:archive>")) {
		t.Error("the tampered archive document was not written again")
	}
}

// cachedBuilds returns a function that builds site, writes the files and
// passes the cache on to the next build, as the command line does.
func cachedBuilds(t *testing.T, site *config.Site) func() *Result {
	var last *cache.Cache
	return func() *Result {
		t.Helper()
		res, err := Run(Options{Site: site, Now: now, Generator: "feedpub test", Cache: last, Caching: true})
		if err != nil {
			t.Fatal(err)
		}
		results, err := output.WriteAll(site.Output, res.Files)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range results {
			st, _ := cache.StampOf(r.Path, cache.Stamp{})
			res.Cache.Outputs[r.Path] = st
		}
		last = savedCache(t, res.Cache)
		return res
	}
}

// savedCache is c as the next build finds it: saved and loaded again.
func savedCache(t *testing.T, c *cache.Cache) *cache.Cache {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cache")
	if err := c.Save(path); err != nil {
		t.Fatal(err)
	}
	loaded, err := cache.Load(path, c.Key)
	if err != nil || loaded == nil {
		t.Fatalf("loading the cache just saved: %v", err)
	}
	return loaded
}

// kept lists the files a build kept as they were, without making them.
func kept(res *Result) []string {
	var out []string
	for _, f := range res.Files {
		if f.Keep && !articleFile(f) {
			out = append(out, f.Name)
		}
	}
	return out
}
