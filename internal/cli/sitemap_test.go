package cli

import (
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/feedpub/feedpub/internal/output"
)

// newsEpoch is the moment the news sitemap tests build at, through
// SOURCE_DATE_EPOCH.
var newsEpoch = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

// atAge is an article published age before newsEpoch.
func atAge(title string, age time.Duration, extra ...string) string {
	return article(title, newsEpoch.Add(-age).Format(time.RFC3339), extra...)
}

// sitemapLocs reads a sitemap's URLs, with news:title and lastmod.
func sitemapLocs(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var set struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
			Title   string `xml:"news>title"`
			Lang    string `xml:"news>publication>language"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(data, &set); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var out []string
	for _, u := range set.URLs {
		out = append(out, strings.Join([]string{u.Loc, u.LastMod, u.Title, u.Lang}, " "))
	}
	return out
}

// TestNewsSitemap builds a newsroom's site: the news sitemap holds the
// articles of the last 48 hours before SOURCE_DATE_EPOCH (47 hours in, 49
// out, drafts out), the sitemap every article page; a later build with
// the same articles rewrites the news sitemap alone, empty now.
func TestNewsSitemap(t *testing.T) {
	dir := site(t, map[string]string{
		"fresh.md": atAge("Fish & <Chips>", 47*time.Hour),
		"old.md":   atAge("Old", 49*time.Hour, "updated: "+newsEpoch.Add(-time.Hour).Format(time.RFC3339)),
		"draft.md": atAge("Draft", time.Hour, "draft: true"),
	})
	write(t, dir, "feedpub.yaml", "base_url: https://example.com/\nlanguage: zh-CN\narticle_pages: true\nnews: {name: The Times}\n")
	t.Setenv("SOURCE_DATE_EPOCH", strconv.FormatInt(newsEpoch.Unix(), 10))
	code, out, errOut := run(t, dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	pub := filepath.Join(dir, "public")
	if got, want := sitemapLocs(t, filepath.Join(pub, "news-sitemap.xml")), []string{"https://example.com/fresh/  Fish & <Chips> zh-cn"}; !slices.Equal(got, want) {
		t.Errorf("news sitemap: %q, want %q\n%s", got, want, out)
	}
	want := []string{"https://example.com/fresh/ 2026-03-08T13:00:00Z  ", "https://example.com/old/ 2026-03-10T11:00:00Z  "}
	if got := sitemapLocs(t, filepath.Join(pub, "sitemap.xml")); !slices.Equal(got, want) {
		t.Errorf("sitemap: %q, want %q", got, want)
	}
	entries, err := output.ReadManifestEntries(pub)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{}
	for _, e := range entries {
		kinds[e.Name] = e.Kind
	}
	if kinds["news-sitemap.xml"] != "news-sitemap" || kinds["sitemap.xml"] != "sitemap" {
		t.Errorf("the manifest records the sitemaps as %q and %q", kinds["news-sitemap.xml"], kinds["sitemap.xml"])
	}

	t.Setenv("SOURCE_DATE_EPOCH", strconv.FormatInt(newsEpoch.Add(2*time.Hour).Unix(), 10))
	code, out, errOut = run(t, dir)
	if code != 0 {
		t.Fatalf("second build: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "wrote     public/news-sitemap.xml") || strings.Count(out, "wrote ") != 1 {
		t.Errorf("two hours later, the news sitemap alone is written:\n%s", out)
	}
	if got := sitemapLocs(t, filepath.Join(pub, "news-sitemap.xml")); len(got) != 0 {
		t.Errorf("two hours later, the news sitemap holds %q", got)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "soon")
	if code, _, errOut = run(t, dir); code == 0 || !strings.Contains(errOut, `SOURCE_DATE_EPOCH is "soon", not a number of seconds since 1970 — set it to a Unix time`) {
		t.Errorf("a bad SOURCE_DATE_EPOCH: exit %d: %s", code, errOut)
	}
}

// TestNewsSitemapSplit checks that more than 1,000 recent articles make
// an index of news sitemap files, and that the files a smaller build no
// longer needs are removed.
func TestNewsSitemapSplit(t *testing.T) {
	articles := map[string]string{}
	for k := range 1001 {
		articles[fmt.Sprintf("a%04d.md", k)] = atAge(fmt.Sprintf("A%d", k), time.Duration(k)*time.Minute)
	}
	dir := site(t, articles)
	write(t, dir, "feedpub.yaml", "base_url: https://example.com/\nlimit: 10\nnews: {name: The Times, language: pt-BR}\n")
	t.Setenv("SOURCE_DATE_EPOCH", strconv.FormatInt(newsEpoch.Unix(), 10))
	if code, _, errOut := run(t, dir); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	pub := filepath.Join(dir, "public")
	index, err := os.ReadFile(filepath.Join(pub, "news-sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var ix struct {
		Locs []string `xml:"sitemap>loc"`
	}
	if err := xml.Unmarshal(index, &ix); err != nil {
		t.Fatal(err)
	}
	if want := []string{"https://example.com/news-sitemap-1.xml", "https://example.com/news-sitemap-2.xml"}; !slices.Equal(ix.Locs, want) {
		t.Fatalf("the index lists %q, want %q", ix.Locs, want)
	}
	first, second := sitemapLocs(t, filepath.Join(pub, "news-sitemap-1.xml")), sitemapLocs(t, filepath.Join(pub, "news-sitemap-2.xml"))
	if len(first) != 1000 || len(second) != 1 || second[0] != "https://example.com/a1000/  A1000 pt" {
		t.Errorf("the files hold %d and %q", len(first), second)
	}
	os.Remove(filepath.Join(dir, "articles", "a1000.md"))
	code, out, errOut := run(t, dir)
	if code != 0 {
		t.Fatalf("second build: exit %d: %s", code, errOut)
	}
	for _, name := range []string{"news-sitemap-1.xml", "news-sitemap-2.xml"} {
		if _, err := os.Stat(filepath.Join(pub, name)); !os.IsNotExist(err) {
			t.Errorf("%s is still there (%v):\n%s", name, err, out)
		}
	}
	if got := sitemapLocs(t, filepath.Join(pub, "news-sitemap.xml")); len(got) != 1000 {
		t.Errorf("the news sitemap holds %d URLs, want 1,000", len(got))
	}
}
