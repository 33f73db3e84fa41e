package pipeline

import (
	"testing"

	"github.com/feedpub/feedpub/internal/article"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/corpus"
	"github.com/feedpub/feedpub/internal/plan"
	"github.com/feedpub/feedpub/internal/render"
	"github.com/feedpub/feedpub/internal/scan"
)

// benchSite generates a corpus of n articles once per benchmark and
// returns a site that reads it.
func benchSite(b *testing.B, n, limit int) *config.Site {
	b.Helper()
	dir := b.TempDir()
	if err := corpus.Generate(dir, n, 1); err != nil {
		b.Fatal(err)
	}
	s := config.Defaults()
	s.Articles = dir + "/articles"
	s.Limit = limit
	site, err := s.Resolve()
	if err != nil {
		b.Fatal(err)
	}
	return site
}

// BenchmarkScan is the first phase over 2,000 articles: read, parse and
// check every file and choose the newest 20.
func BenchmarkScan(b *testing.B) {
	site := benchSite(b, 2000, 20)
	files, _, err := article.Find(site.Articles)
	if err != nil {
		b.Fatal(err)
	}
	opts := scan.Options{Site: site, Now: now}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if sc := scan.Files(opts, files, nil, nil); sc.Problems != nil {
			b.Fatal(sc.Problems)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*files.Len()), "ns/article")
}

// BenchmarkRender is the second phase for 200 articles: read, render and
// encode them into the three feeds.
func BenchmarkRender(b *testing.B) {
	site := benchSite(b, 200, 0)
	files, _, err := article.Find(site.Articles)
	if err != nil {
		b.Fatal(err)
	}
	chosen := make([]int, files.Len())
	for i := range chosen {
		chosen[i] = i
	}
	site.TagFeeds, site.CategoryFeeds, site.Archive = false, false, false
	opts := render.Options{Site: site, Generator: "feedpub bench"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := render.Files(opts, files, &plan.Plan{Main: chosen}, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(chosen)), "ns/article")
}

// BenchmarkBuild is a whole build of 2,000 articles with the default
// limit of 20 items.
func BenchmarkBuild(b *testing.B) {
	site := benchSite(b, 2000, 20)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Run(Options{Site: site, Now: now, Generator: "feedpub bench"}); err != nil {
			b.Fatal(err)
		}
	}
}
