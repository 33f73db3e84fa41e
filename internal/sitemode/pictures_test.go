package sitemode

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/feedpub/feedpub/internal/config"
)

// TestSitePictures: a Hugo or Jekyll site's favicon and logo are the
// feeds' and pages' icon and logo, found where the site publishes them.
func TestSitePictures(t *testing.T) {
	var square bytes.Buffer
	if err := png.Encode(&square, image.NewGray(image.Rect(0, 0, 16, 16))); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		files      map[string]string
		icon, logo string // the URLs resolved, "" for none
		source     string // the icon's file, below the site
	}{
		{"hugo without a favicon", map[string]string{"hugo.toml": "baseURL = 'https://example.org/'\n"}, "", "", ""},
		{"hugo static", map[string]string{"hugo.toml": "baseURL = 'https://example.org/'\n", "static/favicon.png": "PNG"},
			"https://example.org/favicon.png", "", "static/favicon.png"},
		{"hugo theme and params", map[string]string{
			"hugo.toml":                       "baseURL = 'https://example.org/'\ntheme = 'paper'\n[params.assets]\nfavicon = '/img/fav.png'\n",
			"static/favicon.png":              "PNG",
			"themes/paper/static/img/fav.png": "PNG"},
			"https://example.org/img/fav.png", "", "themes/paper/static/img/fav.png"},
		{"hugo params elsewhere", map[string]string{
			"hugo.toml": "baseURL = 'https://example.org/'\n[params]\nfavicon = 'https://cdn.example.net/f.png'\n"},
			"https://cdn.example.net/f.png", "", ""},
		{"hugo params not there", map[string]string{
			"hugo.toml": "baseURL = 'https://example.org/'\n[params]\nfavicon = 'made-by-pipes.png'\n", "static/favicon.ico": "ICO"},
			"https://example.org/favicon.ico", "", "static/favicon.ico"},
		{"jekyll root", map[string]string{"_config.yml": "url: https://example.org\nbaseurl: /blog\n", "favicon.png": "PNG"},
			"https://example.org/blog/favicon.png", "", "favicon.png"},
		{"jekyll feed icon and logo", map[string]string{
			"_config.yml":            "url: https://example.org\nfeed:\n  icon: /assets/icon.png\nlogo: /assets/logo.png\n",
			"assets/icon.png":        "PNG",
			"assets/logo.png":        "PNG",
			"favicon.png":            "PNG",
			"_posts/2024-01-01-a.md": "---\ntitle: a\n---\n"},
			"https://example.org/assets/icon.png", "https://example.org/assets/logo.png", "assets/icon.png"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range tt.files {
				if text == "PNG" || text == "ICO" {
					text = square.String()
					if filepath.Ext(name) == ".ico" {
						text = "\x00\x00\x01\x00\x01\x00\x10\x10\x00\x00\x01\x00\x20\x00\x00\x00\x00\x00\x00\x00\x00\x00"
					}
				}
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
				t.Fatal(err)
			}
			s := config.Defaults()
			if _, err := Apply(dir, &s); err != nil {
				t.Fatal(err)
			}
			site, err := s.Resolve()
			if err != nil {
				t.Fatal(err)
			}
			if site.Icon.At(site.BaseURL) != tt.icon || site.Logo.At(site.BaseURL) != tt.logo {
				t.Errorf("icon %q logo %q, want %q %q", site.Icon.At(site.BaseURL), site.Logo.At(site.BaseURL), tt.icon, tt.logo)
			}
			want := ""
			if tt.source != "" {
				want = filepath.Join(dir, filepath.FromSlash(tt.source))
			}
			if site.Icon.Source != want || site.Icon.Name != "" {
				t.Errorf("icon's file %q, copied to %q; want %q, not copied", site.Icon.Source, site.Icon.Name, want)
			}
		})
	}
}
