package render

import (
	"net/url"
	"testing"

	"github.com/feedpub/feedpub/internal/article"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/layout"
	"github.com/feedpub/feedpub/internal/model"
	"github.com/feedpub/feedpub/internal/scan"
)

// TestSitePicturesInFeeds: every feed the build makes (newFeed makes the
// main feed, each family's and each archive document) names the icon and
// the logo at the site's address, and only local pictures a build copies
// are among its files, as assets.
func TestSitePicturesInFeeds(t *testing.T) {
	base, _ := url.Parse("http://127.0.0.1:8123/blog/")
	site := &config.Site{BaseURL: base,
		Icon: config.Picture{Path: "icon.png", Source: "articles/icon.png", Name: "icon.png", Type: "image/png"},
		Logo: config.Picture{URL: "https://cdn.example.net/logo.svg"},
	}
	f := newFeed(Options{Site: site}, "T", "D", base.String())
	if f.Icon != "http://127.0.0.1:8123/blog/icon.png" || f.Logo != "https://cdn.example.net/logo.svg" {
		t.Errorf("icon %q, logo %q", f.Icon, f.Logo)
	}
	files := pictureFiles(site)
	if len(files) != 1 || files[0].Name != "icon.png" || files[0].Kind != layout.Asset.String() || files[0].Make == nil {
		t.Errorf("files %+v, want the icon copied", files)
	}
	if got := siteIcon(site); got.URL != f.Icon || got.Type != "image/png" {
		t.Errorf("the pages' icon is %+v", got)
	}
	site.Icon.Name = "" // the site's generator publishes it
	if files := pictureFiles(site); len(files) != 0 {
		t.Errorf("a picture the generator publishes is copied: %+v", files)
	}
}

// TestPictureFirst: an item's content starts with its picture unless its
// body shows it; with image_from_body, an item without one takes its
// body's first, in summaries too.
func TestPictureFirst(t *testing.T) {
	base, _ := url.Parse("https://example.com/")
	link, _ := url.Parse("https://example.com/post/")
	body := `<p>x <img src="https://example.com/post/a.png" alt="a"></p>`
	tests := []struct {
		name, image, alt string
		fromBody, full   bool
		content, picture string
	}{
		{"picture first", "https://example.com/c.png", "", false, true, `<p><img src="https://example.com/c.png" alt="Title"></p>` + "\n" + body, "https://example.com/c.png"},
		{"its own text", "https://example.com/c.png", "Cup", false, true, `<p><img src="https://example.com/c.png" alt="Cup"></p>` + "\n" + body, "https://example.com/c.png"},
		{"shown", "https://example.com/post/a.png", "", false, true, body, "https://example.com/post/a.png"},
		{"summaries", "https://example.com/c.png", "", false, false, "", "https://example.com/c.png"},
		{"none", "", "", false, true, body, ""},
		{"from the body", "", "", true, true, body, "https://example.com/post/a.png"},
		{"from the body, summaries", "", "", true, false, "", "https://example.com/post/a.png"},
		{"named, from the body", "https://example.com/c.png", "", true, true, `<p><img src="https://example.com/c.png" alt="Title"></p>` + "\n" + body, "https://example.com/c.png"},
	}
	for _, tt := range tests {
		site := &config.Site{BaseURL: base, Articles: t.TempDir(), ImageFromBody: tt.fromBody}
		e := &scan.Entry{Art: &article.Article{Path: "post.md", ImageAlt: tt.alt}, Item: &model.Item{Title: "Title", Image: tt.image}, URL: link}
		got := pictureFirst(Options{Site: site}, e, body, tt.full)
		if got != tt.content || e.Item.Image != tt.picture {
			t.Errorf("%s: content %q, picture %q; want %q, %q", tt.name, got, e.Item.Image, tt.content, tt.picture)
		}
	}
}
