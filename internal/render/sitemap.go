package render

import (
	"net/url"
	"strings"

	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/filelist"
	"github.com/feedpub/feedpub/internal/layout"
	"github.com/feedpub/feedpub/internal/output"
	"github.com/feedpub/feedpub/internal/parallel"
	"github.com/feedpub/feedpub/internal/plan"
	"github.com/feedpub/feedpub/internal/scan"
	"github.com/feedpub/feedpub/internal/sitemap"
)

// sitemapFiles are the sitemaps: the news sitemap of the plan's News when
// the site names a news publication, and the plain sitemap of the
// article pages when the site writes them and asks for it.
func sitemapFiles(opts Options, list *filelist.List, p *plan.Plan) ([]output.File, error) {
	site := opts.Site
	var out []output.File
	if site.News != nil {
		files, err := newsSitemap(opts, list, p.News)
		if err != nil {
			return nil, err
		}
		out = append(out, files...)
	}
	if site.Sitemap {
		files, err := pageSitemap(opts, list, p.Articles)
		if err != nil {
			return nil, err
		}
		out = append(out, files...)
	}
	return out, nil
}

// newsSitemap is the news sitemap of the articles at indexes want, newest
// first: those on the site's host, as Google News reads no other.
func newsSitemap(opts Options, list *filelist.List, want []int) ([]output.File, error) {
	site := opts.Site
	got := make([]*sitemap.Article, len(want))
	err := loadEach(opts, list, len(want), func(k int) int { return want[k] }, func(k int, e *scan.Entry) {
		it := e.Item
		if onSite(site.BaseURL, it.URL) {
			got[k] = &sitemap.Article{Loc: it.URL, Title: it.Title, Published: it.Published}
		}
	})
	if err != nil {
		return nil, err
	}
	var articles []sitemap.Article
	for _, a := range got {
		if a != nil {
			articles = append(articles, *a)
		}
	}
	pub := sitemap.Publication{Name: site.News.Name, Language: sitemap.NewsLanguage(site.News.Language)}
	return sitemapOutputs(layout.NewsSitemap, sitemap.News(layout.NewsSitemapFile, pub, articles, opts.siteURL)), nil
}

// pageSitemap is the plain sitemap of the pages of the articles at the
// indexes articles (in the order of their paths), each with the date it
// was last updated.
func pageSitemap(opts Options, list *filelist.List, articles []int32) ([]output.File, error) {
	site := opts.Site
	got := make([]sitemap.Page, len(articles))
	err := loadEach(opts, list, len(articles), func(k int) int { return int(articles[k]) }, func(k int, e *scan.Entry) {
		if _, ok := layout.ArticlePageName(site, e.URL); ok {
			got[k] = sitemap.Page{Loc: e.Item.URL, LastMod: e.Item.Updated}
		}
	})
	if err != nil {
		return nil, err
	}
	pages := got[:0]
	for _, pg := range got {
		if pg.Loc != "" {
			pages = append(pages, pg)
		}
	}
	return sitemapOutputs(layout.Sitemap, sitemap.Plain(layout.SitemapFile, pages, opts.siteURL)), nil
}

// loadEach reads n articles, the k-th at index at(k) of list, on a pool of
// workers, and gives each that is an item to use, from any worker; an
// article that changed since the first phase read it fails the build.
func loadEach(opts Options, list *filelist.List, n int, at func(k int) int, use func(k int, e *scan.Entry)) error {
	workers := parallel.Workers(opts.Workers)
	bufs := make([][]byte, workers)
	found := make([]diag.List, n)
	parallel.Each(workers, n, func(w, k int) {
		e, problems := scan.LoadInto(opts.Site, list.Path(at(k)), &bufs[w])
		if problems != nil {
			found[k] = problems
			return
		}
		if e != nil && e.Item != nil {
			use(k, e)
		}
	})
	var problems diag.List
	for _, f := range found {
		problems = append(problems, f...)
	}
	if len(problems) > 0 {
		problems.Sort()
		return problems
	}
	return nil
}

// sitemapOutputs are a sitemap's documents as files of kind k.
func sitemapOutputs(k layout.Kind, fs sitemap.Files) []output.File {
	out := make([]output.File, len(fs.Names))
	for n, name := range fs.Names {
		out[n] = output.File{Name: name, Kind: k.String(), Data: fs.Data[n]}
	}
	return out
}

// siteURL is the address of a file of the output directory.
func (opts Options) siteURL(name string) string { return layout.URL(opts.Site, name) }

// onSite reports whether the absolute URL raw is on base's scheme and
// host.
func onSite(base *url.URL, raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && strings.EqualFold(u.Scheme, base.Scheme) && strings.EqualFold(u.Host, base.Host)
}
