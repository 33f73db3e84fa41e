package layout

import "testing"

// TestSitemapByName checks that the sitemaps' files are known by their
// names, the numbered parts of a split sitemap too, and nothing else.
func TestSitemapByName(t *testing.T) {
	site := testSite(t, nil)
	for name, want := range map[string]Kind{
		"news-sitemap.xml": NewsSitemap, "news-sitemap-1.xml": NewsSitemap, "news-sitemap-12.xml": NewsSitemap,
		"sitemap.xml": Sitemap, "sitemap-3.xml": Sitemap,
		"sitemap-0.xml": Unknown, "sitemap-01.xml": Unknown, "sitemap-x.xml": Unknown, "blog/sitemap.xml": Unknown,
		"news-sitemap-.xml": Unknown, "sitemap-1.json": Unknown,
	} {
		if got := Classify(site, name, ""); got.Kind != want {
			t.Errorf("%s: %v, want %v", name, got.Kind, want)
		}
	}
	if got := ContentType(Classify(site, "sitemap-2.xml", ""), "sitemap-2.xml"); got != "application/xml; charset=utf-8" {
		t.Errorf("sitemap-2.xml is served as %s", got)
	}
}
