package media

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// rgb is an opaque RGB picture of w×h px.
func rgb(w, h int) image.Image {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(m.Pix); i += 4 {
		m.Pix[i], m.Pix[i+1], m.Pix[i+2], m.Pix[i+3] = 200, 40, 90, 255
	}
	return m
}

func encodePNG(t *testing.T, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeJPEG(t *testing.T, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// cmykJPEG is the start of a 1400×1400 px JPEG in CMYK, as print
// software writes it: an Adobe marker, a frame of four components and
// the start of a scan.
// Go writes no CMYK JPEG, and the header is all that is checked.
func cmykJPEG() []byte {
	adobe := []byte("\xFF\xEE\x00\x0EAdobe\x00\x64\x00\x00\x00\x00\x00")
	sof := []byte("\xFF\xC0\x00\x14\x08\x05\x78\x05\x78\x04\x01\x11\x00\x02\x11\x00\x03\x11\x00\x04\x11\x00")
	sos := []byte("\xFF\xDA\x00\x0E\x04\x01\x00\x02\x00\x03\x00\x04\x00\x00\x3F\x00")
	return cat([]byte("\xFF\xD8"), adobe, sof, sos, []byte("\xFF\xD9"))
}

func TestCheckArtwork(t *testing.T) {
	square := encodePNG(t, rgb(1400, 1400))
	gray := image.NewGray(image.Rect(0, 0, 1400, 1400))
	alpha := image.NewNRGBA(image.Rect(0, 0, 1400, 1400))
	alpha.Pix[3] = 255 // one opaque pixel, the rest transparent
	palette := func(p color.Palette) image.Image { return image.NewPaletted(image.Rect(0, 0, 1400, 1400), p) }
	for _, c := range []struct {
		name string
		b    []byte
		kind error  // nil for artwork that passes
		want string // the error's text
	}{
		{"cover.png", square, nil, ""},
		{"cover.PNG", square, nil, ""},
		{"cover.jpg", encodeJPEG(t, rgb(3000, 3000)), nil, ""},
		{"cover.jpeg", encodeJPEG(t, rgb(2000, 2000)), nil, ""},
		{"cover.png", encodePNG(t, palette(color.Palette{color.RGBA{1, 2, 3, 255}})), nil, ""},
		{"cover.png", encodePNG(t, rgb(1000, 1000)), ErrArtwork,
			"cover.png is 1000×1000 px — Apple Podcasts needs square artwork of 1400 to 3000 px"},
		{"cover.png", encodePNG(t, rgb(3001, 3001)), ErrArtwork,
			"cover.png is 3001×3001 px — Apple Podcasts needs square artwork of 1400 to 3000 px"},
		{"cover.jpg", encodeJPEG(t, rgb(1600, 1400)), ErrArtwork,
			"cover.jpg is 1600×1400 px, not square — Apple Podcasts needs square artwork of 1400 to 3000 px; crop it to a square"},
		{"cover.png", encodePNG(t, gray), ErrArtwork,
			"cover.png is a grayscale image — Apple Podcasts needs artwork in RGB colour; convert it to RGB and export it again"},
		{"cover.jpg", encodeJPEG(t, gray), ErrArtwork,
			"cover.jpg is a grayscale image — Apple Podcasts needs artwork in RGB colour; convert it to RGB and export it again"},
		{"cover.jpg", cmykJPEG(), ErrArtwork,
			"cover.jpg is in CMYK colour — Apple Podcasts needs artwork in RGB colour; convert it to RGB and export it again"},
		{"cover.png", encodePNG(t, alpha), ErrArtwork,
			"cover.png has an alpha channel (transparency) — Apple Podcasts needs artwork without transparency; flatten it onto a background and export it again"},
		{"cover.png", encodePNG(t, palette(color.Palette{color.RGBA{1, 2, 3, 255}, color.RGBA{}})), ErrArtwork,
			"cover.png has transparent pixels — Apple Podcasts needs artwork without transparency; flatten it onto a background and export it again"},
		{"cover.jpg", square, ErrExtension,
			"cover.jpg is a PNG image but its name ends in .jpg — rename it to cover.png"},
		{"art/cover.png", encodeJPEG(t, rgb(1400, 1400)), ErrExtension,
			"art/cover.png is a JPEG image but its name ends in .png — rename it to cover.jpg"},
		{"cover.gif", []byte("GIF89a\x01\x00\x01\x00"), ErrUnsupported,
			"cover.gif is not a JPEG or PNG image — Apple Podcasts takes artwork only as JPEG or PNG; export it as one"},
		{"cover.png", square[:20], ErrDamaged,
			"cover.png is a damaged PNG file: unexpected EOF — export or download the file again"},
		{"cover.png", nil, ErrEmpty,
			"cover.png is empty — export the artwork again, or point to the right file"},
	} {
		info, err := CheckArtworkReader(c.name, bytes.NewReader(c.b), int64(len(c.b)))
		if c.kind == nil {
			if err != nil || info.Width != info.Height || info.Length != int64(len(c.b)) || info.Type == "" {
				t.Errorf("%s: %+v %v", c.name, info, err)
			}
			continue
		}
		if err == nil || err.Error() != c.want || !errors.Is(err, c.kind) {
			t.Errorf("%s:\n got %v\nwant %s", c.name, err, c.want)
		}
	}
}

func TestCheckArtworkFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cover.jpg")
	if err := os.WriteFile(path, encodeJPEG(t, rgb(1400, 1400)), 0o644); err != nil {
		t.Fatal(err)
	}
	info, err := CheckArtwork(path)
	if err != nil || info != (ArtInfo{Type: "image/jpeg", Width: 1400, Height: 1400, Length: info.Length}) || info.Length == 0 {
		t.Errorf("CheckArtwork = %+v, %v", info, err)
	}
	if _, err := CheckArtwork(path + ".missing"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}
