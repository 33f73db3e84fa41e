package scan

import (
	"net/url"
	"testing"
	"time"

	"github.com/feedpub/feedpub/internal/article"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/model"
)

// TestLinkPost: an article's external page and source are made absolute
// against its URL, as its image is.
func TestLinkPost(t *testing.T) {
	u, _ := url.Parse("https://example.com/posts/link/")
	for _, tt := range []struct {
		ext, src      string
		wantExt, want string
	}{
		{"https://other.example/a?b=1", "https://other.example/feed.xml", "https://other.example/a?b=1", "https://other.example/feed.xml"},
		{"../about/", "/feed.xml", "https://example.com/posts/about/", "https://example.com/feed.xml"},
		{"", "feed.json", "", "https://example.com/posts/link/feed.json"},
	} {
		a := &article.Article{ExternalURL: tt.ext, Source: &article.Source{Title: "T", URL: tt.src}}
		it := &model.Item{}
		linkPost(a, u, it, func(field, msg, hint string) { t.Errorf("%s: %s", field, msg) })
		if it.ExternalURL != tt.wantExt || it.Source == nil || *it.Source != (model.Source{Title: "T", URL: tt.want}) {
			t.Errorf("%q, %q: external %q, source %+v", tt.ext, tt.src, it.ExternalURL, it.Source)
		}
	}
	it := &model.Item{}
	linkPost(&article.Article{}, u, it, nil)
	if it.ExternalURL != "" || it.Source != nil {
		t.Errorf("an article that is no link post gives %+v", it)
	}
}

// TestLinkPostItem: the keys of an article reach its item.
func TestLinkPostItem(t *testing.T) {
	s := config.Defaults()
	s.BaseURL, s.Articles = "https://example.com/blog/", t.TempDir()
	site, err := s.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	src := "---\ntitle: x\ndate: 2024-01-01\nslug: link\nexternal_url: ../story/\nsource: {title: Other, url: /other.xml}\n---\nBody.\n"
	a, errs := article.Parse("a.md", []byte(src), time.UTC)
	if errs != nil {
		t.Fatal(errs)
	}
	e, problems := resolveOne(site, a)
	if problems != nil {
		t.Fatal(problems)
	}
	if it := e.Item; it.ExternalURL != "https://example.com/blog/story/" || it.Source == nil ||
		*it.Source != (model.Source{Title: "Other", URL: "https://example.com/other.xml"}) {
		t.Errorf("external %q, source %+v", it.ExternalURL, it.Source)
	}
}
