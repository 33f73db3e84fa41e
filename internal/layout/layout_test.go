package layout

import (
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/encode"
	"github.com/feedpub/feedpub/internal/output"
)

// testSite is a site with the default settings, its output in a temporary
// folder, changed by set.
func testSite(t *testing.T, set func(*config.Settings)) *config.Site {
	t.Helper()
	s := config.Defaults()
	s.Output = t.TempDir()
	if set != nil {
		set(&s)
	}
	site, err := s.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	return site
}

// TestTable checks that the table declares every kind, each once, in the
// order of the kinds, with a token of its own.
func TestTable(t *testing.T) {
	seen := map[Kind]int{}
	tokens := map[string]bool{}
	for i, spec := range Table {
		seen[spec.Kind]++
		if spec.Kind != Kind(i+1) {
			t.Errorf("row %d declares %v, want the kinds in order", i, spec.Kind)
		}
		if spec.Token == "" || tokens[spec.Token] || spec.About == "" || spec.Path == "" {
			t.Errorf("row %d: a token of its own, what it is and where it goes are wanted: %+v", i, spec)
		}
		tokens[spec.Token] = true
		if spec.PerFormat != (spec.MediaType == "") && spec.Kind != Asset {
			t.Errorf("%v: a kind has a media type of its own unless it is per format: %+v", spec.Kind, spec)
		}
	}
	for k := Unknown + 1; k <= Asset; k++ {
		if seen[k] != 1 {
			t.Errorf("%d is in the table %d times, want once", k, seen[k])
		}
	}
	if seen[Unknown] != 0 || Unknown.Spec().Token != "unknown" || Kind(len(Table)+1).Spec().Kind != Unknown {
		t.Error("Unknown is not in the table, and stands for what is not")
	}
}

// TestKinds checks each kind's row: its media types, stage, cache policy
// and whether it is a feed readers subscribe to and hubs hear of.
func TestKinds(t *testing.T) {
	for _, tc := range []struct {
		kind       Kind
		types      map[encode.Format]string // by format; "" for kinds not per format
		stage      Stage
		cache      Cache
		feed, ping bool
	}{
		{MainFeed, map[encode.Format]string{encode.RSS: "application/rss+xml", encode.Atom: "application/atom+xml", encode.JSON: "application/feed+json"},
			Main, Short, true, true},
		{FamilyFeed, map[encode.Format]string{encode.RSS: "application/rss+xml", encode.Atom: "application/atom+xml", encode.JSON: "application/feed+json"},
			Secondary, Short, true, true},
		{ArchiveDoc, map[encode.Format]string{encode.RSS: "application/rss+xml", encode.Atom: "application/atom+xml", encode.JSON: "application/feed+json"},
			Secondary, LongWhenFull, false, false},
		{HomePage, map[encode.Format]string{"": "text/html"}, Pages, Short, false, false},
		{FamilyPage, map[encode.Format]string{"": "text/html"}, Secondary, Short, false, false},
		{Snippet, map[encode.Format]string{"": "text/html"}, Pages, Short, false, false},
		{Stylesheet, map[encode.Format]string{"": "text/javascript"}, Immutable, Short, false, false},
		{ArticlePage, map[encode.Format]string{"": "text/html"}, Secondary, Short, false, false},
		{Asset, map[encode.Format]string{"": ""}, Secondary, Short, false, false},
		{NewsSitemap, map[encode.Format]string{"": "application/xml"}, Pages, Short, false, false},
		{Sitemap, map[encode.Format]string{"": "application/xml"}, Pages, Short, false, false},
		{Unknown, map[encode.Format]string{"": ""}, Secondary, Short, false, false},
	} {
		t.Run(tc.kind.String(), func(t *testing.T) {
			spec := tc.kind.Spec()
			if spec.Kind != tc.kind || spec.Stage != tc.stage || spec.Cache != tc.cache || spec.Feed != tc.feed || spec.Ping != tc.ping {
				t.Errorf("got %+v", spec)
			}
			for f, want := range tc.types {
				o := tc.kind.For(f)
				if got := o.MediaType(); got != want {
					t.Errorf("%v: media type %q, want %q", o, got, want)
				}
				back, ok := ParseOutput(o.String())
				if tc.kind == Unknown && ok || tc.kind != Unknown && (!ok || back != o) {
					t.Errorf("%q reads back as %v, %v", o.String(), back, ok)
				}
			}
			if !spec.PerFormat && tc.kind.For(encode.RSS) != (Output{Kind: tc.kind}) {
				t.Error("a kind not per format took a format")
			}
		})
	}
}

func TestParseOutput(t *testing.T) {
	for s, want := range map[string]Output{
		"main-feed:rss": {MainFeed, encode.RSS}, "family-feed:json": {FamilyFeed, encode.JSON}, "archive:atom": {ArchiveDoc, encode.Atom},
		"home-page": {Kind: HomePage}, "family-page": {Kind: FamilyPage}, "snippet": {Kind: Snippet}, "stylesheet": {Kind: Stylesheet},
		"article-page": {Kind: ArticlePage}, "asset": {Kind: Asset}, "news-sitemap": {Kind: NewsSitemap}, "sitemap": {Kind: Sitemap},
	} {
		if got, ok := ParseOutput(s); !ok || got != want || got.String() != s {
			t.Errorf("%q: got %v, %v; want %v", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "-", "unknown", "main-feed", "main-feed:", "main-feed:yaml", "home-page:rss", "home-page:", "robots", "sitemap:rss", "Main-feed:rss"} {
		if got, ok := ParseOutput(s); ok || got != (Output{}) {
			t.Errorf("%q: got %v, %v; want nothing", s, got, ok)
		}
	}
}

// TestNames checks the functions that name the files, with the default
// settings and with feed files renamed and in a folder.
func TestNames(t *testing.T) {
	site := testSite(t, nil)
	if got := MainNames(site).List(); !slices.Equal(got, []string{"rss.xml", "atom.xml", "feed.json"}) {
		t.Errorf("main: %q", got)
	}
	if got := FamilyNames(site, "tags/go/").List(); !slices.Equal(got, []string{"tags/go/rss.xml", "tags/go/atom.xml", "tags/go/feed.json"}) {
		t.Errorf("family: %q", got)
	}
	if got := ArchiveNames(site, 2).List(); !slices.Equal(got, []string{"archive/rss/2.xml", "archive/atom/2.xml", "archive/json/2.json"}) {
		t.Errorf("archive: %q", got)
	}
	if got := FamilyPageName("tags/go/"); got != "tags/go/index.html" {
		t.Errorf("family page: %q", got)
	}

	renamed := testSite(t, func(s *config.Settings) {
		s.RSSFile, s.JSONFile, s.BaseURL = "index.rss", "feeds/feed.json", "https://example.com/blog/"
	})
	if got := FamilyNames(renamed, "categories/a-b/").List(); !slices.Equal(got, []string{"categories/a-b/index.rss", "categories/a-b/atom.xml", "categories/a-b/feed.json"}) {
		t.Errorf("renamed family: %q", got)
	}
	if got := ArchiveName(renamed, encode.RSS, 12); got != "archive/rss/12.rss" {
		t.Errorf("renamed archive: %q", got)
	}
	for name, want := range map[string]string{
		"feeds/feed.json": "https://example.com/blog/feeds/feed.json", "tags/c-sharp/atom.xml": "https://example.com/blog/tags/c-sharp/atom.xml",
		"index.html": "https://example.com/blog/index.html", "./rss.xml": "https://example.com/blog/rss.xml",
	} {
		if got := URL(renamed, name); got != want {
			t.Errorf("URL(%q) = %q, want %q", name, got, want)
		}
	}
	if got, want := Path(renamed, "tags/go/atom.xml"), filepath.Join(renamed.Output, "tags", "go", "atom.xml"); got != want {
		t.Errorf("Path: %q, want %q", got, want)
	}
	for name, want := range map[string]string{"rss.xml": "feed.js", "tags/go/rss.xml": "../../feed.js", "archive/atom/1.xml": "../../feed.js", "feeds/a.xml": "../feed.js"} {
		if got := StylesheetHref(name); got != want {
			t.Errorf("StylesheetHref(%q) = %q, want %q", name, got, want)
		}
	}

	for name, want := range map[string]struct {
		f  encode.Format
		n  int
		ok bool
	}{
		"archive/rss/1.rss": {encode.RSS, 1, true}, "archive/json/30.json": {encode.JSON, 30, true}, "archive/atom/2.xml": {encode.Atom, 2, true},
		"archive/rss/1.xml": {}, "archive/rss/01.rss": {}, "archive/rss/0.rss": {}, "archive/rss/-1.rss": {}, "archive/rss/x.rss": {},
		"archive/json/1.xml": {}, "archives/rss/1.rss": {}, "archive/rss/1/2.rss": {},
	} {
		if f, n, ok := ParseArchive(renamed, name); f != want.f || n != want.n || ok != want.ok {
			t.Errorf("ParseArchive(%q) = %v, %d, %v; want %v", name, f, n, ok, want)
		}
	}
}

// TestClassify checks the kind, the type, the stage and the cache policy
// of every kind of file, by the kind the build recorded and, where none
// is, by the name.
func TestClassify(t *testing.T) {
	site := testSite(t, func(s *config.Settings) { s.PublishCacheControl, s.PublishCacheControlArchive = "short", "long" })
	for _, n := range []string{"archive/rss/1.xml", "archive/rss/2.xml", "archive/json/1.json"} {
		full := Path(site, n)
		os.MkdirAll(filepath.Dir(full), 0o755)
		os.WriteFile(full, nil, 0o644)
	}
	ix := NewIndex(site, []output.Entry{
		{Name: "tags/go/index.xml", Kind: "family-feed:rss"}, // Hugo's place for a tag's RSS
		{Name: "feed/release.xml", Kind: "family-feed:atom"}, // Jekyll's for a category's Atom
		{Name: "posts/feed.json", Kind: "family-feed:json"},  // a Hugo section's
		{Name: "posts/index.html", Kind: "family-page"},
		{Name: "rss.xml", Kind: "main-feed:rss"},
		{Name: "later.xml", Kind: "a-kind-of-a-later-feedpub"},
		{Name: "tags/go/atom.xml"}, // no kind recorded: by its name
	})
	for _, tc := range []struct {
		name  string
		want  Output
		ctype string
		stage Stage
		cache string
	}{
		{"rss.xml", MainFeed.For(encode.RSS), "application/rss+xml; charset=utf-8", Main, "short"},
		{"atom.xml", MainFeed.For(encode.Atom), "application/atom+xml; charset=utf-8", Main, "short"},
		{"feed.json", MainFeed.For(encode.JSON), "application/feed+json; charset=utf-8", Main, "short"},
		{"/feed.json", MainFeed.For(encode.JSON), "application/feed+json; charset=utf-8", Main, "short"},
		{"tags/go/index.xml", FamilyFeed.For(encode.RSS), "application/rss+xml; charset=utf-8", Secondary, "short"},
		{"feed/release.xml", FamilyFeed.For(encode.Atom), "application/atom+xml; charset=utf-8", Secondary, "short"},
		{"posts/feed.json", FamilyFeed.For(encode.JSON), "application/feed+json; charset=utf-8", Secondary, "short"},
		{"tags/go/atom.xml", FamilyFeed.For(encode.Atom), "application/atom+xml; charset=utf-8", Secondary, "short"},
		{"categories/a/rss.xml", FamilyFeed.For(encode.RSS), "application/rss+xml; charset=utf-8", Secondary, "short"},
		{"authors/jo/feed.json", FamilyFeed.For(encode.JSON), "application/feed+json; charset=utf-8", Secondary, "short"},
		{"archive/rss/1.xml", ArchiveDoc.For(encode.RSS), "application/rss+xml; charset=utf-8", Immutable, "long"},
		{"archive/rss/2.xml", ArchiveDoc.For(encode.RSS), "application/rss+xml; charset=utf-8", Secondary, "short"},
		{"archive/json/1.json", ArchiveDoc.For(encode.JSON), "application/feed+json; charset=utf-8", Secondary, "short"},
		{"index.html", HomePage.For(""), "text/html; charset=utf-8", Pages, "short"},
		{"tags/go/index.html", FamilyPage.For(""), "text/html; charset=utf-8", Secondary, "short"},
		{"posts/index.html", FamilyPage.For(""), "text/html; charset=utf-8", Secondary, "short"},
		{"feeds-head.html", Snippet.For(""), "text/html; charset=utf-8", Pages, "short"},
		{"feed.js", Stylesheet.For(""), "text/javascript; charset=utf-8", Immutable, "short"},
		{"feed.xsl", Unknown.For(""), "text/xsl; charset=utf-8", Secondary, "short"},
		// Files the table does not know, by their extension.
		{"later.xml", Unknown.For(""), "application/xml; charset=utf-8", Secondary, "short"},
		{"tags/go/sub/rss.xml", Unknown.For(""), "application/xml; charset=utf-8", Secondary, "short"},
		{"archive/rss/notes.xml", Unknown.For(""), "application/xml; charset=utf-8", Secondary, "short"},
		{"about/index.html", Unknown.For(""), "text/html; charset=utf-8", Secondary, "short"},
		{"data.json", Unknown.For(""), "application/json; charset=utf-8", Secondary, "short"},
		{"style.xsl", Unknown.For(""), "text/xsl; charset=utf-8", Secondary, "short"},
		{"LICENSE", Unknown.For(""), "application/octet-stream", Secondary, "short"},
	} {
		got := ix.Of(tc.name)
		stage, cache := ix.Publish(tc.name)
		if got != tc.want || ix.ContentType(tc.name) != tc.ctype || stage != tc.stage || cache != tc.cache {
			t.Errorf("%s: %v, %q, %v, %q; want %v, %q, %v, %q", tc.name, got, ix.ContentType(tc.name), stage, cache, tc.want, tc.ctype, tc.stage, tc.cache)
		}
	}
	// Unrecorded, the generators' files are known only as far as their
	// names tell.
	for name, want := range map[string]string{"tags/go/index.xml": "application/xml; charset=utf-8", "posts/feed.json": "application/json; charset=utf-8"} {
		if got := ContentType(Classify(site, name, ""), name); got != want {
			t.Errorf("%s unrecorded: %q, want %q", name, got, want)
		}
	}
}

// TestLoad checks that an index reads the kinds from the output
// directory's manifest, of either version, and falls back to names when
// the manifest is missing or damaged.
func TestLoad(t *testing.T) {
	site := testSite(t, nil)
	manifest := filepath.Join(site.Output, output.ManifestName)
	hugoTag := "tags/go/index.xml"

	ix, err := Load(site)
	if err != nil || ix.ContentType(hugoTag) != "application/xml; charset=utf-8" || ix.ContentType("rss.xml") != "application/rss+xml; charset=utf-8" {
		t.Errorf("no manifest: %v", err)
	}
	if err := output.WriteManifest(site.Output, []output.Entry{{Name: hugoTag, Kind: FamilyFeed.For(encode.RSS).String()}, {Name: "rss.xml"}}); err != nil {
		t.Fatal(err)
	}
	ix, err = Load(site)
	if err != nil || ix.ContentType(hugoTag) != "application/rss+xml; charset=utf-8" || ix.ContentType("rss.xml") != "application/rss+xml; charset=utf-8" ||
		!ix.Of(hugoTag).Spec().Ping {
		t.Errorf("version 2: %v, %q", err, ix.ContentType(hugoTag))
	}
	os.WriteFile(manifest, []byte("# feedpub manifest 1: files feedpub wrote in this folder, one a line; a build removes those it no longer writes\n"+hugoTag+"\nrss.xml\n"), 0o644)
	ix, err = Load(site)
	if err != nil || ix.ContentType(hugoTag) != "application/xml; charset=utf-8" || ix.ContentType("rss.xml") != "application/rss+xml; charset=utf-8" {
		t.Errorf("version 1: %v", err)
	}
	os.WriteFile(manifest, []byte("damaged"), 0o644)
	ix, err = Load(site)
	if err == nil || ix == nil || ix.ContentType("atom.xml") != "application/atom+xml; charset=utf-8" {
		t.Errorf("damaged: %v", err)
	}
}

// TestSiteNames checks which URLs name a file of the site, and which
// article links get a page where.
func TestSiteNames(t *testing.T) {
	site := testSite(t, func(s *config.Settings) { s.BaseURL = "https://example.com/blog/" })
	for _, tc := range []struct {
		url, file, page string // "" for none
	}{
		{"https://example.com/blog/first-espresso/", "first-espresso/index.html", "first-espresso/index.html"},
		{"https://example.com/blog/2024/01/post.html", "2024/01/post.html", "2024/01/post.html"},
		{"https://example.com/blog/first-espresso/images/espresso.jpg", "first-espresso/images/espresso.jpg", "first-espresso/images/espresso.jpg"},
		{"https://EXAMPLE.com/blog/caf%C3%A9/", "café/index.html", "café/index.html"},
		{"https://example.com/blog/", "index.html", ""},
		{"https://example.com/blog/x/#part", "x/index.html", "x/index.html"},
		{"https://example.com/elsewhere/x/", "", ""},
		{"https://example.com/blogger/x/", "", ""},
		{"http://example.com/blog/x/", "", ""},
		{"https://elsewhere.example/blog/x/", "", ""},
		{"https://example.com/blog/x/?page=2", "", ""},
		{"https://example.com/blog/.hidden/x.png", "", ""},
		{"https://example.com/blog/a/../b.png", "", ""},
	} {
		u, err := url.Parse(tc.url)
		if err != nil {
			t.Fatal(err)
		}
		file, ok := SiteName(site, u)
		if ok != (tc.file != "") || file != tc.file {
			t.Errorf("SiteName(%s) = %q, %v; want %q", tc.url, file, ok, tc.file)
		}
		page, ok := ArticlePageName(site, u)
		if ok != (tc.page != "") || page != tc.page {
			t.Errorf("ArticlePageName(%s) = %q, %v; want %q", tc.url, page, ok, tc.page)
		}
	}
}

// TestAssetTypes checks that a copied file is served as its extension
// says, without a charset for binary types.
func TestAssetTypes(t *testing.T) {
	for name, want := range map[string]string{
		"a/espresso.jpg": "image/jpeg", "a/beans.png": "image/png", "a/notes.pdf": "application/pdf",
		"a/x.svg": "image/svg+xml", "a/data.json": "application/json; charset=utf-8", "a/blob": "application/octet-stream",
	} {
		if got := ContentType(Asset.For(""), name); got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
	if got := ContentType(ArticlePage.For(""), "post"); got != "text/html; charset=utf-8" {
		t.Errorf("an article page without an extension: %q", got)
	}
}
