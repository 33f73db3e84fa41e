package picture

import (
	"bytes"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// encoded is a w×h picture in a raster format the standard library writes.
func encoded(t *testing.T, f Format, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	var b bytes.Buffer
	var err error
	switch f {
	case PNG:
		err = png.Encode(&b, img)
	case JPEG:
		err = jpeg.Encode(&b, img, nil)
	case GIF:
		err = gif.Encode(&b, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Headers of the formats the standard library does not write, as their
// specifications lay them out.
var (
	// VP8X: canvas 63+1 × 31+1.
	webpExtended = []byte("RIFF\x00\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x00\x00\x00\x00\x3f\x00\x00\x1f\x00\x00")
	// VP8L: 16×16 (14 bits each, less one).
	webpLossless = append([]byte("RIFF\x00\x00\x00\x00WEBPVP8L\x00\x00\x00\x00\x2f"), 0x0f, 0xc0, 0x03, 0x00, 0, 0, 0, 0, 0)
	// VP8: a key frame of 40×20.
	webpLossy = []byte("RIFF\x00\x00\x00\x00WEBPVP8 \x00\x00\x00\x00\x00\x00\x00\x9d\x01\x2a\x28\x00\x14\x00")
	// Two pictures: 16×16 and 0 (256) × 0 (256).
	ico = []byte("\x00\x00\x01\x00\x02\x00" +
		"\x10\x10\x00\x00\x01\x00\x20\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
		"\x00\x00\x00\x00\x01\x00\x20\x00\x00\x00\x00\x00\x00\x00\x00\x00")
	icoWide = []byte("\x00\x00\x01\x00\x01\x00\x20\x10\x00\x00\x01\x00\x20\x00\x00\x00\x00\x00\x00\x00\x00\x00")
)

func TestInspect(t *testing.T) {
	tests := []struct {
		name   string
		data   []byte
		format Format
		w, h   int
		square bool
	}{
		{"png", encoded(t, PNG, 32, 32), PNG, 32, 32, true},
		{"wide png", encoded(t, PNG, 64, 48), PNG, 64, 48, false},
		{"jpeg", encoded(t, JPEG, 20, 10), JPEG, 20, 10, false},
		{"gif", encoded(t, GIF, 8, 8), GIF, 8, 8, true},
		{"webp extended", webpExtended, WebP, 64, 32, false},
		{"webp lossless", webpLossless, WebP, 16, 16, true},
		{"webp lossy", webpLossy, WebP, 40, 20, false},
		{"ico", ico, ICO, 256, 256, true},
		{"wide ico", icoWide, ICO, 32, 16, false},
		{"svg viewBox", []byte(`<?xml version="1.0"?>
<!-- a comment -->
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect/></svg>`), SVG, 24, 24, true},
		{"svg size", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="120px" height="60" viewBox="0 0 1 1"/>`), SVG, 120, 60, false},
		{"svg after a byte order mark and a doctype", []byte("\xef\xbb\xbf<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"5\" height=\"5\"/>"), SVG, 5, 5, true},
		{"svg no size", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="100%"/>`), SVG, 0, 0, true},
		{"html", []byte(`<!DOCTYPE html><html><body>no</body></html>`), Unknown, 0, 0, true},
		{"other xml", []byte(`<rss version="2.0"/>`), Unknown, 0, 0, true},
		{"text", []byte("hello"), Unknown, 0, 0, true},
		{"empty", nil, Unknown, 0, 0, true},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		name := filepath.Join(dir, tt.name)
		if err := os.WriteFile(name, tt.data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := Inspect(name)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got.Format != tt.format || got.Width != tt.w || got.Height != tt.h || got.Square() != tt.square || got.Size != int64(len(tt.data)) {
			t.Errorf("%s: got %+v (square %v), want %s %d×%d (square %v)", tt.name, got, got.Square(), tt.format, tt.w, tt.h, tt.square)
		}
	}
}

func TestByNameAndTypes(t *testing.T) {
	for name, want := range map[string]string{
		"a/b.PNG": "image/png", "x.jpeg": "image/jpeg", "favicon.ico": "image/vnd.microsoft.icon",
		"logo.svg": "image/svg+xml", "p.avif": "image/avif", "noext": "", "page.html": "",
	} {
		if got := ByName(name).MediaType(); got != want {
			t.Errorf("ByName(%q) is %q, want %q", name, got, want)
		}
	}
	if got := (Info{Format: PNG, Width: 3, Height: 2}).String(); got != "a PNG image of 3×2 pixels" {
		t.Errorf("String: %q", got)
	}
}
