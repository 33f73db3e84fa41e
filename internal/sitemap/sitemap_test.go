package sitemap

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// now is the moment the tests' news sitemaps are made at.
var now = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

func siteURL(name string) string { return "https://example.com/" + name }

// urlset is a sitemap as encoding/xml reads it back.
type urlset struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
		News    struct {
			Name     string `xml:"publication>name"`
			Language string `xml:"publication>language"`
			Date     string `xml:"publication_date"`
			Title    string `xml:"title"`
		} `xml:"http://www.google.com/schemas/sitemap-news/0.9 news"`
	} `xml:"url"`
}

// index is a sitemap index as encoding/xml reads it back.
type index struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Locs    []string `xml:"sitemap>loc"`
}

func readURLSet(t *testing.T, data []byte) urlset {
	t.Helper()
	var u urlset
	if err := xml.Unmarshal(data, &u); err != nil {
		t.Fatalf("reading the sitemap back: %v\n%s", err, data)
	}
	return u
}

func TestInWindow(t *testing.T) {
	for _, tc := range []struct {
		age  time.Duration
		want bool
	}{
		{0, true}, {47 * time.Hour, true}, {48 * time.Hour, true}, {48*time.Hour + time.Second, false},
		{49 * time.Hour, false}, {-time.Second, false},
	} {
		if got := InWindow(now.Add(-tc.age), now); got != tc.want {
			t.Errorf("published %v before now: in the window %v, want %v", tc.age, got, tc.want)
		}
	}
}

func TestNow(t *testing.T) {
	wall := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		env  *string
		want time.Time
		err  string
	}{
		{nil, wall, ""},
		{ptr(""), wall, ""},
		{ptr("1773144000"), now, ""},
		{ptr("soon"), time.Time{}, `SOURCE_DATE_EPOCH is "soon", not a number of seconds since 1970`},
		{ptr("-5"), time.Time{}, `SOURCE_DATE_EPOCH is "-5", not a number of seconds since 1970`},
	} {
		if tc.env == nil {
			t.Setenv("SOURCE_DATE_EPOCH", "") // restored after the test
			os.Unsetenv("SOURCE_DATE_EPOCH")
		} else {
			t.Setenv("SOURCE_DATE_EPOCH", *tc.env)
		}
		got, err := Now(wall)
		if msg := fmt.Sprint(err); tc.err != "" && msg != tc.err || tc.err == "" && err != nil {
			t.Errorf("%v: error %v, want %q", tc.env, err, tc.err)
		}
		if !got.Equal(tc.want) {
			t.Errorf("%v: %v, want %v", tc.env, got, tc.want)
		}
	}
}

func ptr(s string) *string { return &s }

func TestNewsLanguage(t *testing.T) {
	for tag, want := range map[string]string{
		"en": "en", "en-US": "en", "fr-CA": "fr", "pt-BR": "pt", "de": "de", "fil": "fil",
		"zh-CN": "zh-cn", "zh-TW": "zh-tw", "zh": "zh-cn", "zh-Hans": "zh-cn", "zh-Hans-CN": "zh-cn", "zh-SG": "zh-cn",
		"zh-Hant": "zh-tw", "zh-HK": "zh-tw", "zh-MO": "zh-tw", "zh-Hant-HK": "zh-tw", "sr-Latn-RS": "sr",
	} {
		if got := NewsLanguage(tag); got != want {
			t.Errorf("NewsLanguage(%q) = %q, want %q", tag, got, want)
		}
	}
}

// TestNewsTitles checks that a title is written as plain text, escaped,
// and read back as written.
func TestNewsTitles(t *testing.T) {
	pub := Publication{Name: "Fish & Chips <Daily>", Language: "en"}
	titles := []string{`Fish & Chips`, `<b>not bold</b>`, `"quoted" 'too'`, `Ünïcödé — 中文`, `a]]>b`, "tab\there"}
	var arts []Article
	for k, title := range titles {
		arts = append(arts, Article{Loc: fmt.Sprintf("https://example.com/%d/?a=1&b=2", k), Title: title, Published: now.Add(-time.Duration(k) * time.Hour)})
	}
	fs := News(NewsFile, pub, arts, siteURL)
	if len(fs.Names) != 1 || fs.Names[0] != NewsFile {
		t.Fatalf("files %v, want one", fs.Names)
	}
	if strings.Contains(string(fs.Data[0]), "<b>") {
		t.Error("a title's markup is written as markup")
	}
	u := readURLSet(t, fs.Data[0])
	if len(u.URLs) != len(titles) {
		t.Fatalf("%d URLs, want %d", len(u.URLs), len(titles))
	}
	for k, got := range u.URLs {
		if got.News.Title != titles[k] || got.News.Name != pub.Name || got.News.Language != "en" || got.Loc != arts[k].Loc {
			t.Errorf("URL %d read back as %+v", k, got)
		}
		if want := arts[k].Published.Format(time.RFC3339); got.News.Date != want {
			t.Errorf("URL %d: publication date %q, want %q", k, got.News.Date, want)
		}
	}
}

// NewsFile is the name the tests give the news sitemap.
const NewsFile = "news-sitemap.xml"

func TestNewsEmpty(t *testing.T) {
	fs := News(NewsFile, Publication{Name: "X", Language: "en"}, nil, siteURL)
	if len(fs.Names) != 1 {
		t.Fatalf("files %v, want one", fs.Names)
	}
	if u := readURLSet(t, fs.Data[0]); len(u.URLs) != 0 {
		t.Errorf("%d URLs, want none", len(u.URLs))
	}
	wellFormed(t, fs)
}

// newsArticles are n articles, a minute apart, newest first.
func newsArticles(n int) []Article {
	out := make([]Article, n)
	for k := range out {
		out[k] = Article{Loc: fmt.Sprintf("https://example.com/a%d/", k), Title: fmt.Sprintf("Article %d", k), Published: now.Add(-time.Duration(k) * time.Minute)}
	}
	return out
}

// TestNewsSplit checks the 1,000 URLs of a news sitemap file: 1,000
// articles are one file, 1,001 an index of two files that hold each
// article once, in order.
func TestNewsSplit(t *testing.T) {
	pub := Publication{Name: "X", Language: "en"}
	if fs := News(NewsFile, pub, newsArticles(MaxNewsURLs), siteURL); len(fs.Names) != 1 || len(readURLSet(t, fs.Data[0]).URLs) != 1000 {
		t.Errorf("1,000 articles make %v, want one file of 1,000", fs.Names)
	}
	arts := newsArticles(2*MaxNewsURLs + 1)
	fs := News(NewsFile, pub, arts, siteURL)
	want := []string{"news-sitemap.xml", "news-sitemap-1.xml", "news-sitemap-2.xml", "news-sitemap-3.xml"}
	if !slices.Equal(fs.Names, want) {
		t.Fatalf("files %v, want %v", fs.Names, want)
	}
	var ix index
	if err := xml.Unmarshal(fs.Data[0], &ix); err != nil {
		t.Fatal(err)
	}
	if wantLocs := []string{siteURL(want[1]), siteURL(want[2]), siteURL(want[3])}; !slices.Equal(ix.Locs, wantLocs) {
		t.Errorf("the index lists %v, want %v", ix.Locs, wantLocs)
	}
	var locs []string
	for k, data := range fs.Data[1:] {
		u := readURLSet(t, data)
		if n := len(u.URLs); n > MaxNewsURLs || n == 0 {
			t.Errorf("%s holds %d URLs", want[k+1], n)
		}
		for _, x := range u.URLs {
			locs = append(locs, x.Loc)
		}
	}
	for k, a := range arts {
		if k >= len(locs) || locs[k] != a.Loc {
			t.Fatalf("the files hold %d URLs, the %d-th not %s", len(locs), k, a.Loc)
		}
	}
	if len(locs) != len(arts) {
		t.Errorf("the files hold %d URLs, want %d", len(locs), len(arts))
	}
	wellFormed(t, fs)
}

func TestPlain(t *testing.T) {
	pages := []Page{
		{Loc: "https://example.com/a/", LastMod: time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("", 3600))},
		{Loc: "https://example.com/b/"},
		{Loc: "https://example.com/c/", LastMod: now},
	}
	fs := plain("sitemap.xml", pages, siteURL, 2)
	if want := []string{"sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"}; !slices.Equal(fs.Names, want) {
		t.Fatalf("files %v, want %v", fs.Names, want)
	}
	var got []string
	for _, data := range fs.Data[1:] {
		for _, u := range readURLSet(t, data).URLs {
			got = append(got, u.Loc+" "+u.LastMod)
		}
	}
	want := []string{"https://example.com/a/ 2026-01-02T03:04:05+01:00", "https://example.com/b/ ", "https://example.com/c/ 2026-03-10T12:00:00Z"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if one := Plain("sitemap.xml", pages, siteURL); len(one.Names) != 1 {
		t.Errorf("3 pages make %v, want one file", one.Names)
	}
	wellFormed(t, fs)
}

func TestPartName(t *testing.T) {
	for name, want := range map[string]string{"sitemap.xml": "sitemap-3.xml", "news/sitemap.xml": "news/sitemap-3.xml", "a.b/map": "a.b/map-3"} {
		if got := PartName(name, 3); got != want {
			t.Errorf("PartName(%q, 3) = %q, want %q", name, got, want)
		}
	}
}

// writeFiles writes fs into a temporary folder and returns their paths.
func writeFiles(t *testing.T, fs Files) []string {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for k, name := range fs.Names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, fs.Data[k], 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// wellFormed checks each of the files with xmllint, when it is installed.
func wellFormed(t *testing.T, fs Files) {
	t.Helper()
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Log("xmllint is not installed (Debian's libxml2-utils): well-formedness not checked")
		return
	}
	for _, p := range writeFiles(t, fs) {
		if out, err := exec.Command(xmllint, "--noout", p).CombinedOutput(); err != nil || len(out) > 0 {
			t.Errorf("xmllint %s: %v\n%s", filepath.Base(p), err, out)
		}
	}
}

// TestXMLLint checks that xmllint finds every kind of file well-formed.
func TestXMLLint(t *testing.T) {
	if _, err := exec.LookPath("xmllint"); err != nil {
		t.Skip("xmllint is not installed: apt-get install libxml2-utils")
	}
	pub := Publication{Name: "A & B", Language: "zh-tw"}
	for _, fs := range []Files{
		News(NewsFile, pub, nil, siteURL), News(NewsFile, pub, newsArticles(3), siteURL),
		news(NewsFile, pub, newsArticles(5), siteURL, 2), plain("sitemap.xml", []Page{{Loc: "https://example.com/x/?a&b"}}, siteURL, 1),
	} {
		wellFormed(t, fs)
	}
}

// checkDir holds the script that reads a sitemap with the npm sitemap
// package, and the lockfile of its packages ('npm ci' there installs them).
var checkDir = filepath.Join("..", "..", "scripts", "sitemap-check")

// readBySitemapPackage reads the file at path with the sitemap package's
// parseSitemap (or parseSitemapIndex) and validateSMIOptions at
// ErrorLevel.THROW, skipping the test without node or the package.
func readBySitemapPackage(t *testing.T, path string) (urls []checked, index []string) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: the sitemap package's check is skipped")
	}
	if _, err := os.Stat(filepath.Join(checkDir, "node_modules", "sitemap")); err != nil {
		t.Skip("the sitemap package is not installed: run 'npm ci' in scripts/sitemap-check")
	}
	out, err := exec.Command(node, filepath.Join(checkDir, "check.js"), path).Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("the sitemap package refuses %s: %v\n%s", filepath.Base(path), err, msg)
	}
	var read struct {
		URLs  []checked `json:"urls"`
		Index []string  `json:"index"`
	}
	if err := json.Unmarshal(out, &read); err != nil {
		t.Fatalf("reading check.js's report: %v\n%s", err, out)
	}
	return read.URLs, read.Index
}

// checked is one URL as the sitemap package read it.
type checked struct {
	URL     string `json:"url"`
	LastMod string `json:"lastmod"`
	News    *struct {
		Name     string `json:"name"`
		Language string `json:"language"`
		Date     string `json:"date"`
		Title    string `json:"title"`
	} `json:"news"`
}

// TestSitemapPackage reads the sitemaps with the npm sitemap package,
// which validates every URL and its news values (the language as Google
// reads them, the date, the title).
func TestSitemapPackage(t *testing.T) {
	pub := Publication{Name: "The <Example> & Times", Language: NewsLanguage("zh-TW")}
	arts := newsArticles(3)
	arts[1].Title = `Fish & <Chips> "now"`
	fs := news(NewsFile, pub, arts, siteURL, 2)
	paths := writeFiles(t, fs)
	_, ix := readBySitemapPackage(t, paths[0])
	if want := []string{siteURL("news-sitemap-1.xml"), siteURL("news-sitemap-2.xml")}; !slices.Equal(ix, want) {
		t.Errorf("the index lists %v, want %v", ix, want)
	}
	var got []checked
	for _, p := range paths[1:] {
		urls, _ := readBySitemapPackage(t, p)
		got = append(got, urls...)
	}
	if len(got) != len(arts) {
		t.Fatalf("read %d URLs, want %d", len(got), len(arts))
	}
	for k, c := range got {
		a := arts[k]
		if c.URL != a.Loc || c.News == nil || c.News.Title != a.Title || c.News.Name != pub.Name || c.News.Language != "zh-tw" ||
			c.News.Date != a.Published.Format(time.RFC3339) {
			t.Errorf("URL %d read as %+v, want %+v", k, c, a)
		}
	}
	empty := writeFiles(t, News(NewsFile, pub, nil, siteURL))
	if urls, _ := readBySitemapPackage(t, empty[0]); len(urls) != 0 {
		t.Errorf("the empty news sitemap read as %v", urls)
	}
	last := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	plainFiles := writeFiles(t, Plain("sitemap.xml", []Page{{Loc: "https://example.com/a/", LastMod: last}}, siteURL))
	urls, _ := readBySitemapPackage(t, plainFiles[0])
	if len(urls) != 1 || urls[0].URL != "https://example.com/a/" || urls[0].LastMod == "" || urls[0].News != nil {
		t.Errorf("the sitemap read as %+v", urls)
	}
}
