package layout

import (
	"strconv"
	"strings"
)

// The kinds of the sitemaps, after the podcast shows'.
const (
	NewsSitemap Kind = ShowChapters + 1 + iota // the Google News sitemap, or its index and its files
	Sitemap                                    // the sitemap of the article pages, or its index and its files
)

// The sitemaps' files: each alone, or an index of NewsSitemapFile-1.xml,
// NewsSitemapFile-2.xml, … (sitemap.PartName) when it holds more URLs
// than one file may.
const (
	NewsSitemapFile = "news-sitemap.xml"
	SitemapFile     = "sitemap.xml"
)

// The output table's rows for the sitemaps: published with the pages,
// after the article pages they list.
var (
	newsSitemapSpec = Spec{
		Kind: NewsSitemap, Token: "news-sitemap", About: "the Google News sitemap: the articles of the last 48 hours, 1,000 a file under a sitemap index when there are more",
		Path:      NewsSitemapFile + "; when split, it is the index of news-sitemap-1.xml, news-sitemap-2.xml, …",
		MediaType: "application/xml", Stage: Pages, Cache: Short,
	}
	sitemapSpec = Spec{
		Kind: Sitemap, Token: "sitemap", About: "the sitemap of the article pages, 50,000 URLs a file under a sitemap index when there are more",
		Path:      SitemapFile + "; when split, it is the index of sitemap-1.xml, sitemap-2.xml, …",
		MediaType: "application/xml", Stage: Pages, Cache: Short,
	}
)

// sitemapByName is the kind of a sitemap's file by its name: the file
// itself or one of its numbered parts.
func sitemapByName(name string) (Output, bool) {
	for _, s := range []struct {
		file string
		kind Kind
	}{{NewsSitemapFile, NewsSitemap}, {SitemapFile, Sitemap}} {
		if name == s.file {
			return s.kind.For(""), true
		}
		stem := strings.TrimSuffix(s.file, ".xml") + "-"
		if n, ok := strings.CutSuffix(strings.TrimPrefix(name, stem), ".xml"); ok && strings.HasPrefix(name, stem) {
			if k, err := strconv.Atoi(n); err == nil && k > 0 && strconv.Itoa(k) == n {
				return s.kind.For(""), true
			}
		}
	}
	return Output{}, false
}

// IsSitemap reports whether the file name (relative to the output
// directory) is one of the sitemaps' files, by its name.
func IsSitemap(name string) bool {
	_, ok := sitemapByName(name)
	return ok
}
