package cli

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/layout"
	"github.com/feedpub/feedpub/internal/output"
	"github.com/feedpub/feedpub/internal/publish"
)

// TestKindsFromManifest checks that serve, publish and ping take a file's
// kind from the manifest: a family feed at a site generator's own path
// (Hugo's tags/go/index.xml) is served and published as the RSS feed it
// is and its hub is told of it, which its name alone would not say.
func TestKindsFromManifest(t *testing.T) {
	s := config.Defaults()
	s.Output = t.TempDir()
	site, err := s.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	files := []string{"rss.xml", "tags/go/index.xml", "archive/rss/1.xml", "archive/rss/2.xml", "index.html", "logo.png"}
	for _, n := range files {
		p := layout.Path(site, n)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	const hugoTag = "tags/go/index.xml"
	kinds := &servedKinds{site: site}
	kinds.reload()
	if got := kinds.contentType(hugoTag); got != "application/xml; charset=utf-8" {
		t.Errorf("no manifest: %s served as %q", hugoTag, got)
	}
	if err := output.WriteManifest(site.Output, []output.Entry{
		{Name: "rss.xml", Kind: "main-feed:rss"}, {Name: hugoTag, Kind: "family-feed:rss"},
		{Name: "archive/rss/1.xml", Kind: "archive:rss"}, {Name: "archive/rss/2.xml", Kind: "archive:rss"}, {Name: "index.html", Kind: "home-page"},
	}); err != nil {
		t.Fatal(err)
	}
	if got := kinds.contentType(hugoTag); got != "application/xml; charset=utf-8" {
		t.Errorf("the manifest was read before a build: %q", got)
	}
	kinds.reload() // as after a build
	if got := kinds.contentType(hugoTag); got != "application/rss+xml; charset=utf-8" {
		t.Errorf("%s served as %q, want RSS's type", hugoTag, got)
	}

	ix, err := layout.Load(site)
	if err != nil {
		t.Fatal(err)
	}
	classify := classifier(site, ix)
	for name, want := range map[string]struct {
		stage        publish.Stage
		ctype, cache string
	}{
		"rss.xml":           {publish.Main, "application/rss+xml; charset=utf-8", site.PublishCacheControl},
		hugoTag:             {publish.Secondary, "application/rss+xml; charset=utf-8", site.PublishCacheControl},
		"archive/rss/1.xml": {publish.Immutable, "application/rss+xml; charset=utf-8", site.PublishCacheControlArchive},
		"archive/rss/2.xml": {publish.Secondary, "application/rss+xml; charset=utf-8", site.PublishCacheControl},
		"index.html":        {publish.Pages, "text/html; charset=utf-8", site.PublishCacheControl},
		"logo.png":          {publish.Secondary, "image/png", site.PublishCacheControl},
	} {
		if stage, ctype, cache := classify(name); stage != want.stage || ctype != want.ctype || cache != want.cache {
			t.Errorf("%s: %v, %q, %q; want %v", name, stage, ctype, cache, want)
		}
	}
	site.PublishFeedXML = true
	if _, ctype, _ := classify(hugoTag); ctype != "application/xml; charset=utf-8" {
		t.Errorf("publish_feed_type: xml: %s published as %q", hugoTag, ctype)
	}

	var results []output.Result
	for _, n := range files {
		results = append(results, output.Result{Path: layout.Path(site, n), Status: output.Written})
	}
	results = append(results, output.Result{Path: layout.Path(site, "atom.xml"), Status: output.Unchanged})
	got := changedFeeds(site, ix, results)
	if want := []string{"http://localhost:8080/rss.xml", "http://localhost:8080/tags/go/index.xml"}; !slices.Equal(got, want) {
		t.Errorf("the hub hears of %q, want %q", got, want)
	}
}

// TestPublishStages checks that each of the layout's stages has its own
// publishing stage, in the same order, before the deletions.
func TestPublishStages(t *testing.T) {
	for s := layout.Immutable; s <= layout.Pages; s++ {
		if s > layout.Immutable && publishStage[s] <= publishStage[s-1] || publishStage[s] >= publish.Deletes {
			t.Errorf("the layout's %v stage is published as %v", s, publishStage[s])
		}
	}
	if len(publishStage) != int(layout.Pages)+1 {
		t.Errorf("%d stages mapped, want the layout's %d", len(publishStage), layout.Pages+1)
	}
}
