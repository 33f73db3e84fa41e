package cli

import (
	"bufio"
	"encoding/xml"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/feedpub/feedpub/internal/layout"
	"github.com/feedpub/feedpub/internal/output"
	"github.com/feedpub/feedpub/internal/testfiles"
	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
)

// siteFeed is one feed of a fixture site as its generator wrote it.
type siteFeed struct {
	self  string
	items [][2]string // link, id
}

// readWant reads a fixture site's want.tsv, made by the real generator
// (scripts/site-fixtures.sh).
func readWant(t *testing.T, path string) map[string]*siteFeed {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]*siteFeed{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		parts := strings.Split(sc.Text(), "\t")
		if len(parts) != 3 {
			t.Fatalf("%s: bad line %q", path, sc.Text())
		}
		feed := out[parts[0]]
		if feed == nil {
			feed = &siteFeed{}
			out[parts[0]] = feed
		}
		if parts[1] == "#self" {
			feed.self = parts[2]
		} else {
			feed.items = append(feed.items, [2]string{parts[1], parts[2]})
		}
	}
	return out
}

// difference is how a feed of a fixture site differs from the
// generator's, and why; docs/hugo-jekyll.md's "What differs, and why"
// says the same.
type difference struct {
	why       string
	drop      []string // links the generator lists that feedpub leaves out
	dropOnce  []string // links the generator lists twice, the first of them left out by feedpub
	extra     []string // links feedpub lists that the generator does not
	unordered bool     // the generator orders otherwise
	skip      bool     // feedpub does not write the feed
}

// siteDifferences are the feeds of fixture sites that feedpub writes
// otherwise than their generator, by site and feed path.
var siteDifferences = map[string]difference{
	"hugo/urls/index.xml": {why: "a file without front matter and an undated page are left out; Hugo dates them 0001-01-01; of two pages with one URL the second is left out",
		drop: []string{"https://example.org/blog/readme/", "https://example.org/blog/posts/2024-03-05-x/"}, dropOnce: []string{"https://example.org/blog/posts/a+b/"}},
	"hugo/urls/posts/index.xml": {why: "an undated page is left out; as in index.xml",
		drop: []string{"https://example.org/blog/posts/2024-03-05-x/"}, dropOnce: []string{"https://example.org/blog/posts/a+b/"}},
	"hugo/urls/tags/go/index.xml": {why: "slug-plus.md has a+b.md's URL: left out of every feed",
		drop: []string{"https://example.org/blog/posts/a+b/"}},
	"hugo/visibility/index.xml": {why: "an undated page is left out; a build.render: never page keeps its link",
		drop: []string{"https://example.org/posts/nodate/", ""}, extra: []string{"https://example.org/posts/unrendered/"}},
	"hugo/visibility/posts/index.xml": {why: "as in index.xml",
		drop: []string{"https://example.org/posts/nodate/", ""}, extra: []string{"https://example.org/posts/unrendered/"}},
	"hugo/languages-subdir/en/index.xml": {why: "a file named for a language in another language's content folder is read by neither",
		drop: []string{"https://example.org/en/posts/ciao/"}},
	"hugo/languages-subdir/en/posts/index.xml": {why: "as in en/index.xml",
		drop: []string{"https://example.org/en/posts/ciao/"}},
}

// taxonomyList reports whether a feed path is a taxonomy's list of terms
// (tags/index.xml), which feedpub does not write.
func taxonomyList(feedPath string) bool {
	dir, file := path.Split(feedPath)
	if lang, rest, ok := strings.Cut(dir, "/"); ok && strings.Count(rest, "/") == 1 && len(lang) <= 5 {
		dir = rest // a language's own: de/tags/feed.xml
	}
	return (dir == "tags/" || dir == "categories/" || dir == "series/") && strings.HasSuffix(file, ".xml")
}

// withDifference applies a known difference to the generator's items.
func withDifference(want, got [][2]string, d difference) ([][2]string, [][2]string) {
	var w, g [][2]string
	once := slices.Clone(d.dropOnce)
	for _, it := range want {
		if k := slices.Index(once, it[0]); k >= 0 {
			once = slices.Delete(once, k, k+1)
			continue
		}
		if !slices.Contains(d.drop, it[0]) {
			w = append(w, it)
		}
	}
	for _, it := range got {
		if !slices.Contains(d.extra, it[0]) {
			g = append(g, it)
		}
	}
	if d.unordered {
		less := func(a, b [2]string) int { return strings.Compare(a[0]+a[1], b[0]+b[1]) }
		slices.SortFunc(w, less)
		slices.SortFunc(g, less)
	}
	return w, g
}

// TestSiteFixtures builds every fixture site in site mode and compares the
// links and ids of each feed feedpub writes with those the real generator
// wrote.
func TestSiteFixtures(t *testing.T) {
	sites, _ := filepath.Glob(filepath.Join("..", "sitemode", "testdata", "*", "*", "want.tsv"))
	if len(sites) == 0 {
		t.Fatal("no fixture sites")
	}
	for _, wantPath := range sites {
		src := filepath.Dir(wantPath)
		name := filepath.ToSlash(filepath.Join(filepath.Base(filepath.Dir(src)), filepath.Base(src)))
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
				t.Fatal(err)
			}
			os.Remove(filepath.Join(dir, "want.tsv"))
			code, _, stderr := run(t, dir, "build", "--no-cache", "--quiet")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			out := filepath.Join(dir, "public")
			if strings.HasPrefix(name, "jekyll/") {
				out = filepath.Join(dir, "_site")
			}
			// Every file's kind is recorded, so that serve and publish
			// know the generator's own paths for the feeds they are.
			kinds := checkKinds(t, out)
			compared := 0
			for feedPath, want := range readWant(t, wantPath) {
				key := name + "/" + feedPath
				file := filepath.Join(out, filepath.FromSlash(feedPath))
				d, known := siteDifferences[key]
				if d.skip || taxonomyList(feedPath) {
					continue // README: no lists of terms
				}
				if kind := kinds[feedPath]; kind.Kind != layout.MainFeed && kind.Kind != layout.FamilyFeed {
					if _, err := os.Stat(file); err == nil {
						t.Errorf("%s: recorded as %v, not as a feed", feedPath, kind)
					}
				}
				if _, err := os.Stat(file); err != nil {
					if len(want.items) > 0 { // README: no empty section feeds
						t.Errorf("%s: not written", feedPath)
					}
					continue
				}
				f, err := os.Open(file)
				if err != nil {
					t.Fatal(err)
				}
				feed, err := gofeed.NewParser().Parse(f)
				f.Close()
				if err != nil {
					t.Fatalf("%s: %v", feedPath, err)
				}
				var got [][2]string
				for _, it := range feed.Items {
					got = append(got, [2]string{it.Link, it.GUID})
				}
				items := want.items
				if known {
					items, got = withDifference(items, got, d)
				}
				compared++
				if len(got) != len(items) {
					t.Errorf("%s: %d items, want %d\n got %q\nwant %q", feedPath, len(got), len(items), got, items)
					continue
				}
				for k := range got {
					if got[k] != items[k] {
						t.Errorf("%s item %d: link, id = %q\n want %q", feedPath, k, got[k], items[k])
					}
				}
				if link := feed.FeedLink; link != "" && link != want.self {
					t.Errorf("%s: self link %s, want %s", feedPath, link, want.self)
				}
				if strings.HasPrefix(name, "jekyll/") && feed.FeedType == "atom" {
					// jekyll-feed's feed id is its self link.
					if id := atomID(t, file); id != want.self {
						t.Errorf("%s: feed id %s, want %s", feedPath, id, want.self)
					}
				}
			}
			t.Logf("%d feeds compared", compared)
			if compared == 0 {
				t.Errorf("no feed of the site compared")
			}
		})
	}
}

// atomID is the feed-level id of the Atom file at path.
func atomID(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	feed, err := (&atom.Parser{}).Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	return feed.ID
}

// TestKeepGoing builds without a broken article, names it, and exits 0;
// without --keep-going the same articles fail and write nothing.
func TestKeepGoing(t *testing.T) {
	dir := site(t, map[string]string{
		"good.md":   good,
		"broken.md": "---\ntitle: Broken\ndate: 2024-13-45\n---\n",
		"dup.md":    "---\ntitle: Dup\ndate: 2024-01-02\nslug: good\n---\n",
	})
	code, _, stderr := run(t, dir, "build", "--quiet")
	if code != 1 || !strings.Contains(stderr, "broken.md:3:7") {
		t.Fatalf("without --keep-going: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Fatal("a failed build wrote files")
	}
	code, _, stderr = run(t, dir, "build", "--quiet", "--keep-going")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"left out (--keep-going): articles/broken.md:3:7:", "left out (--keep-going): articles/good.md:"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	feed := readFeed(t, filepath.Join(dir, "public", "atom.xml"))
	if len(feed.Items) != 1 || feed.Items[0].Title != "Dup" {
		t.Errorf("items %v, want the one article left", feed.Items)
	}
}

// TestSiteNotices names the settings file read and every file a site's
// generator would leave out of its feeds.
func TestSiteNotices(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"hugo.toml":                     "baseURL = 'https://example.org/'\ntitle = 'Notices'\n",
		"content/README.md":             "Notes for editors.\n",
		"content/posts/ok.md":           "---\ntitle: OK\ndate: 2024-01-01\n---\nBody.\n",
		"content/posts/expired.md":      "---\ntitle: Old\ndate: 2024-01-01\nexpiryDate: 2024-06-01\n---\n",
		"content/posts/hidden/index.md": "---\ntitle: Hidden\ndate: 2024-01-01\nheadless: true\n---\n",
	}
	testfiles.Write(t, dir, files)
	code, _, stderr := run(t, dir, "build")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"feedpub: read the Hugo site's settings from hugo.toml\n",
		"content/README.md: left out: it has no front matter\n",
		"content/posts/expired.md: left out: expired on 2024-06-01\n",
		"content/posts/hidden/index.md: left out: a headless bundle\n",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	for _, name := range []string{"index.xml", "atom.xml", "feed.json", "posts/index.xml"} {
		if _, err := os.Stat(filepath.Join(dir, "public", name)); err != nil {
			t.Errorf("%s not written", name)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "index.html")); err == nil {
		t.Error("site mode wrote index.html over the site's own page")
	}
}

// TestSiteOverrides lets feedpub.yaml, then flags, override single
// settings of a Hugo site.
func TestSiteOverrides(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"hugo.toml":          "baseURL = 'https://example.org/'\ntitle = 'Site'\n",
		"feedpub.yaml":       "limit: 1\ntitle: Overridden\n",
		"content/posts/a.md": "---\ntitle: A\ndate: 2024-01-01\ntags: [go]\n---\nBody.\n",
		"content/posts/b.md": "---\ntitle: B\ndate: 2024-01-02\ntags: [go]\n---\nBody.\n",
	}
	testfiles.Write(t, dir, files)
	code, _, stderr := run(t, dir, "build", "--quiet", "--base-url", "https://flag.example/")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	feed := readFeed(t, filepath.Join(dir, "public", "index.xml"))
	if feed.Title != "Overridden" || len(feed.Items) != 1 || feed.Items[0].Link != "https://flag.example/posts/b/" {
		t.Errorf("title %q, %d items, first %v", feed.Title, len(feed.Items), feed.Items)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "tags", "go", "index.xml")); err != nil {
		t.Errorf("the tag feed is missing: %v", err)
	}
}

// checkKinds reads the manifest in dir, checks that it records a known
// kind for every file, and returns the kinds by name.
func checkKinds(t *testing.T, dir string) map[string]layout.Output {
	t.Helper()
	// A site in several languages has a manifest in each language's
	// folder, and none at the root when every language has a folder.
	kinds := map[string]layout.Output{}
	manifests, _ := filepath.Glob(filepath.Join(dir, "*", output.ManifestName))
	if _, err := os.Stat(filepath.Join(dir, output.ManifestName)); err == nil {
		manifests = append(manifests, filepath.Join(dir, output.ManifestName))
	}
	for _, m := range manifests {
		sub := filepath.Dir(m)
		prefix, _ := filepath.Rel(dir, sub)
		entries, err := output.ReadManifestEntries(sub)
		if err != nil || len(entries) == 0 {
			t.Fatalf("manifest %s: %v, %d entries", m, err, len(entries))
		}
		for _, e := range entries {
			o, ok := layout.ParseOutput(e.Kind)
			if !ok {
				t.Errorf("%s: the manifest records the kind %q", e.Name, e.Kind)
			}
			kinds[path.Join(filepath.ToSlash(prefix), e.Name)] = o
		}
	}
	if len(manifests) == 0 {
		t.Fatal("no manifest written")
	}
	return kinds
}

// readFeed parses the feed file at path as feed readers do.
func readFeed(t *testing.T, path string) *gofeed.Feed {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	feed, err := gofeed.NewParser().Parse(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return feed
}

// TestSiteLanguagesPublish refuses to publish a site in several
// languages, before anything is built.
func TestSiteLanguagesPublish(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "sitemode", "testdata", "hugo", "languages"))); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, dir, "publish", "--quiet", filepath.Join(dir, "dest"))
	if code == 0 || !strings.Contains(stderr, "publishing a site in several languages is not supported yet") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("a refused publish built the feeds")
	}
}

// TestSiteTranslations compares the translations each entry of a
// multilingual fixture site's Atom feeds links to (rel="alternate" with
// hreflang) with the page translations Hugo lists, in Hugo's order.
func TestSiteTranslations(t *testing.T) {
	sites, _ := filepath.Glob(filepath.Join("..", "sitemode", "testdata", "hugo", "*", "translations.tsv"))
	if len(sites) == 0 {
		t.Fatal("no fixture site with translations")
	}
	for _, wantPath := range sites {
		src := filepath.Dir(wantPath)
		t.Run(filepath.Base(src), func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
				t.Fatal(err)
			}
			if code, _, stderr := run(t, dir, "build", "--no-cache", "--quiet"); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			data, err := os.ReadFile(wantPath)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string][]string{}
			for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
				page, tr, _ := strings.Cut(line, "\t")
				want[page] = append(want[page], tr)
			}
			// Every language's main Atom feed holds all of its pages.
			feeds, _ := filepath.Glob(filepath.Join(dir, "public", "atom.xml"))
			more, _ := filepath.Glob(filepath.Join(dir, "public", "*", "atom.xml"))
			got := map[string][]string{}
			for _, path := range append(feeds, more...) {
				for page, trs := range atomTranslations(t, path) {
					got[page] = trs
				}
			}
			for page, trs := range want {
				if d, ok := translationDifferences[page]; ok {
					trs = d
				}
				if !slices.Equal(got[page], trs) {
					t.Errorf("%s: translations %q, want %q", page, got[page], trs)
				}
			}
			for page, trs := range got {
				if _, ok := want[page]; !ok && len(trs) > 0 {
					t.Errorf("%s: translations %q, Hugo lists none", page, trs)
				}
			}
		})
	}
}

// translationDifferences are the pages whose translations feedpub lists
// otherwise than Hugo: a file named for a language in another language's
// content folder is read by neither (see siteDifferences).
var translationDifferences = map[string][]string{
	"https://example.org/it/posts/2024/04/ciao/": nil, // hugo/languages-subdir: ciao.en.md in content/it
	"https://example.org/en/posts/ciao/":         nil,
}

// atomTranslations reads, for each entry of an Atom feed, its alternate
// links with hreflang as "hreflang TAB href", in order.
func atomTranslations(t *testing.T, path string) map[string][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var feed struct {
		Entries []struct {
			Links []struct {
				Href     string `xml:"href,attr"`
				Rel      string `xml:"rel,attr"`
				Hreflang string `xml:"hreflang,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(data, &feed); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	out := map[string][]string{}
	for _, e := range feed.Entries {
		page := ""
		var trs []string
		for _, l := range e.Links {
			switch {
			case l.Rel == "alternate" && l.Hreflang == "" && page == "":
				page = l.Href
			case l.Rel == "alternate" && l.Hreflang != "":
				trs = append(trs, l.Hreflang+"\t"+l.Href)
			}
		}
		out[page] = trs
	}
	return out
}
