package config

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pngOf is a w×h PNG.
func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestPictureSettings holds each icon and logo setting to the picture it
// gives, or to the exact problem reported at its line.
func TestPictureSettings(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"site/icon.png":         pngOf(t, 32, 32),
		"site/images/wide.png":  pngOf(t, 64, 32),
		"site/icon.svg":         []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"/>`),
		"site/favicon.ico":      []byte("\x00\x00\x01\x00\x01\x00\x20\x20\x00\x00\x01\x00\x20\x00\x00\x00\x00\x00\x00\x00\x00\x00"),
		"site/notes.txt":        []byte("hello"),
		"site/fake.png":         []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"/>`),
		"site/folder.png/x.txt": []byte("x"),
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	art := filepath.Join(dir, "site")
	tests := []struct {
		name, yaml string
		icon, logo Picture
		want       string // the problems, or "" for none
	}{
		{name: "none", yaml: ""},
		{name: "local png", yaml: "icon: icon.png\nlogo: /images/wide.png\n",
			icon: Picture{Path: "icon.png", Source: filepath.Join(art, "icon.png"), Name: "icon.png", Type: "image/png"},
			logo: Picture{Path: "images/wide.png", Source: filepath.Join(art, "images", "wide.png"), Name: "images/wide.png", Type: "image/png"}},
		{name: "svg and ico", yaml: "icon: favicon.ico\nlogo: icon.svg\n",
			icon: Picture{Path: "favicon.ico", Source: filepath.Join(art, "favicon.ico"), Name: "favicon.ico", Type: "image/vnd.microsoft.icon"},
			logo: Picture{Path: "icon.svg", Source: filepath.Join(art, "icon.svg"), Name: "icon.svg", Type: "image/svg+xml"}},
		{name: "urls", yaml: "icon: https://cdn.example.net/i.png\nlogo: http://cdn.example.net/l.svg\n",
			icon: Picture{URL: "https://cdn.example.net/i.png"}, logo: Picture{URL: "http://cdn.example.net/l.svg"}},
		{name: "not there", yaml: "icon: missing.png\n",
			want: "feedpub.yaml:3:1: the icon ART/missing.png is not there — put the picture there, or correct the path"},
		{name: "not square", yaml: "icon: images/wide.png\n",
			want: "feedpub.yaml:3:1: the icon ART/images/wide.png is a PNG image of 64×32 pixels, not square — crop it square: readers show the icon in a square (a wide picture can be the logo)"},
		{name: "not a picture", yaml: "logo: notes.txt\n",
			want: "feedpub.yaml:3:1: the logo ART/notes.txt is not a PNG, JPEG, GIF, WebP, SVG or ICO image — convert it to one of them (PNG or SVG for an icon)"},
		{name: "named otherwise", yaml: "icon: fake.png\n",
			want: "feedpub.yaml:3:1: the icon ART/fake.png is an SVG image of 16×16 pixels, not the PNG its name says — rename it to end in the extension of its format, or convert it"},
		{name: "a folder", yaml: "icon: folder.png\n",
			want: "feedpub.yaml:3:1: the icon ART/folder.png is not a plain file — name a picture file, not a folder or a link"},
		{name: "climbs", yaml: "icon: ../icon.png\nlogo: .hidden/l.png\n",
			want: "feedpub.yaml:3:1: the icon \"../icon.png\" is not a file's path inside the site — write a path in the articles folder, such as images/icon.png, or an absolute URL\n" +
				"feedpub.yaml:4:1: the logo \".hidden/l.png\" is not a file's path inside the site — write a path in the articles folder, such as images/icon.png, or an absolute URL"},
		{name: "other scheme", yaml: "icon: ftp://example.com/i.png\n",
			want: "feedpub.yaml:3:1: the icon \"ftp://example.com/i.png\" is not an http or https URL — write a path in the articles folder, such as images/icon.png, or an absolute URL"},
		{name: "not a bool", yaml: "image_from_body: sometimes\n",
			want: "feedpub.yaml:3:18: image_from_body: \"sometimes\" is not true or false — write image_from_body: true or image_from_body: false"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, "feedpub.yaml")
			text := "base_url: https://example.com/blog/\narticles: site\n" + tt.yaml
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			s := Defaults()
			err := s.Load(path)
			var site *Site
			if err == nil {
				site, err = s.Resolve()
			}
			got := ""
			if err != nil {
				got = strings.ReplaceAll(strings.ReplaceAll(err.Error(), path, "feedpub.yaml"), art, "ART")
			}
			if got != tt.want {
				t.Fatalf("problems:\n got %s\nwant %s", got, tt.want)
			}
			if err != nil {
				return
			}
			if site.Icon.Path != "" && site.Icon.At(site.BaseURL) != "https://example.com/blog/"+site.Icon.Path {
				t.Errorf("the icon is at %s", site.Icon.At(site.BaseURL))
			}
			if site.Icon != tt.icon || site.Logo != tt.logo {
				t.Errorf("pictures:\n got %+v, %+v\nwant %+v, %+v", site.Icon, site.Logo, tt.icon, tt.logo)
			}
		})
	}
}

// TestPicturesOfAGenerator: a site generator's pictures are looked for in
// its static folders, first first, and are not copied.
func TestPicturesOfAGenerator(t *testing.T) {
	dir := t.TempDir()
	static, theme := filepath.Join(dir, "static"), filepath.Join(dir, "themes", "t", "static")
	for _, d := range []string{static, theme} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(theme, "favicon.png"), pngOf(t, 16, 16), 0o644); err != nil {
		t.Fatal(err)
	}
	s := Defaults()
	s.BaseURL = "https://example.org/"
	s.Icon = "favicon.png"
	s.SetBy("icon", "hugo.toml")
	s.Generator = Generator{Name: "Hugo", Static: []string{static, theme}}
	site, err := s.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	want := Picture{Path: "favicon.png", Source: filepath.Join(theme, "favicon.png"), Type: "image/png"}
	if site.Icon != want {
		t.Errorf("icon %+v, want %+v", site.Icon, want)
	}
	s.Icon = "nothing.ico"
	_, err = s.Resolve()
	if got, want := fmt.Sprint(err), "hugo.toml: the icon "+filepath.Join(theme, "nothing.ico")+" is not there — put the picture there, or correct the path"; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}
