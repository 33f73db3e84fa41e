package scan

import (
	"bytes"
	"image"
	"image/png"
	"net/url"
	"path/filepath"
	"testing"

	"github.com/feedpub/feedpub/internal/article"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/model"
	"github.com/feedpub/feedpub/internal/testfiles"
)

// TestSetImage: an item's picture gets its media type from its name or,
// for a local file whose name says none, from its bytes, and its size
// when it is a local file of the site.
func TestSetImage(t *testing.T) {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 3, 3))); err != nil {
		t.Fatal(err)
	}
	pic := b.String()
	root := t.TempDir()
	articles, static := filepath.Join(root, "articles"), filepath.Join(root, "static")
	testfiles.Write(t, articles, map[string]string{
		"post/index.md":      "x",
		"post/cover.jpg":     pic, // named JPEG: the name wins
		"post/raw":           pic, // no extension: its bytes tell
		"images/shared.webp": "RIFF\x00\x00\x00\x00WEBP",
		".hidden/h.png":      pic,
	})
	testfiles.Write(t, static, map[string]string{"img/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"})
	base, _ := url.Parse("https://example.com/blog/")
	link, _ := url.Parse("https://example.com/blog/post/")
	tests := []struct {
		name, image, typ string
		length           int64
		generator        bool
	}{
		{"beside the article", "https://example.com/blog/post/cover.jpg", "image/jpeg", int64(len(pic)), false},
		{"sniffed", "https://example.com/blog/post/raw", "image/png", int64(len(pic)), false},
		{"below the root", "https://example.com/blog/images/shared.webp", "image/webp", 12, false},
		{"not there", "https://example.com/blog/post/missing.png", "image/png", 0, false},
		{"elsewhere", "https://cdn.example.net/post/cover.jpg", "image/jpeg", 0, false},
		{"above base_url", "https://example.com/post/cover.jpg", "image/jpeg", 0, false},
		{"elsewhere, no extension", "https://cdn.example.net/pic", "", 0, false},
		{"hidden", "https://example.com/blog/.hidden/h.png", "image/png", 0, false},
		{"with a query", "https://example.com/blog/post/cover.jpg?w=2", "image/jpeg", 0, false},
		{"a generator's static file", "https://example.com/blog/img/logo.svg", "image/svg+xml", 41, true},
		{"no generator, no static", "https://example.com/blog/img/logo.svg", "image/svg+xml", 0, false},
	}
	for _, tt := range tests {
		site := &config.Site{BaseURL: base, Articles: articles}
		if tt.generator {
			site.Generator = config.Generator{Name: "Hugo", Static: []string{static}}
		}
		a := &article.Article{Path: filepath.Join(articles, "post", "index.md")}
		it := &model.Item{}
		SetImage(site, a, link, it, tt.image)
		if it.Image != tt.image || it.ImageType != tt.typ || it.ImageLength != tt.length {
			t.Errorf("%s: %s, %q, %d; want %q, %d", tt.name, it.Image, it.ImageType, it.ImageLength, tt.typ, tt.length)
		}
	}
}
