package media

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"strings"
)

// The artwork sizes Apple Podcasts accepts, in pixels a side.
const (
	MinArtwork = 1400
	MaxArtwork = 3000
)

// ArtInfo is what CheckArtwork learned of an image: a small plain value,
// a function of the file's bytes alone.
type ArtInfo struct {
	Type   string // "image/jpeg" or "image/png"
	Width  int    // in pixels
	Height int
	Length int64 // the file's size in bytes
}

// artHint is how to fix artwork of the wrong size.
const artHint = "Apple Podcasts needs square artwork of 1400 to 3000 px"

// rgbHint is how to fix artwork that is not in RGB colour.
const rgbHint = "Apple Podcasts needs artwork in RGB colour; convert it to RGB and export it again"

// alphaHint is how to fix artwork with transparency.
const alphaHint = "Apple Podcasts needs artwork without transparency; flatten it onto a background and export it again"

// CheckArtwork checks the image at path as a show's or an episode's
// artwork: see CheckArtworkReader. Messages name the file by path as
// given.
func CheckArtwork(path string) (ArtInfo, error) {
	f, err := os.Open(path)
	if err != nil {
		return ArtInfo{}, fmt.Errorf("reading %s: %w", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return ArtInfo{}, fmt.Errorf("reading %s: %w", path, err)
	}
	return CheckArtworkReader(path, f, st.Size())
}

// CheckArtworkReader checks an image of size bytes read through r against
// Apple Podcasts' artwork rules: JPEG or PNG by content, with a name
// whose extension says the same (.jpg, .jpeg or .png), square, from 1400
// to 3000 px a side, in RGB colour (not grayscale, not CMYK) and without
// transparency (no alpha channel, no transparent palette entries). name
// is the file's name for messages. It reads the image's header only, not
// its pixels.
//
// A problem with the image is an *Error (errors.Is tells ErrEmpty,
// ErrUnsupported, ErrExtension, ErrDamaged, ErrArtwork); an error reading
// r is returned wrapped as it is.
func CheckArtworkReader(name string, r io.ReaderAt, size int64) (ArtInfo, error) {
	if size <= 0 {
		return ArtInfo{}, problem(ErrEmpty, name, "export the artwork again, or point to the right file", "is empty")
	}
	s := &source{r: r, size: size, name: name}
	head, err := s.read(0, 8)
	if err != nil {
		return ArtInfo{}, err
	}
	var kind, typ string
	var exts []string
	switch {
	case bytes.HasPrefix(head, []byte("\xFF\xD8\xFF")):
		kind, typ, exts = "JPEG", "image/jpeg", []string{".jpg", ".jpeg"}
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		kind, typ, exts = "PNG", "image/png", []string{".png"}
	default:
		return ArtInfo{}, problem(ErrUnsupported, name, "Apple Podcasts takes artwork only as JPEG or PNG; export it as one",
			"is not a JPEG or PNG image")
	}
	if ext := extOf(name); ext != exts[0] && (len(exts) < 2 || ext != exts[1]) {
		return ArtInfo{}, mismatch(name, "a "+kind+" image", exts[0])
	}
	cfg, err := decodeConfig(kind, io.NewSectionReader(r, 0, size))
	if err != nil {
		return ArtInfo{}, damaged(name, kind, "%s", strings.TrimPrefix(strings.TrimPrefix(err.Error(), "png: "), "jpeg: "))
	}
	info := ArtInfo{Type: typ, Width: cfg.Width, Height: cfg.Height, Length: size}
	if cfg.Width != cfg.Height {
		return info, problem(ErrArtwork, name, artHint+"; crop it to a square", "is %d×%d px, not square", cfg.Width, cfg.Height)
	}
	if cfg.Width < MinArtwork || cfg.Width > MaxArtwork {
		return info, problem(ErrArtwork, name, artHint, "is %d×%d px", cfg.Width, cfg.Height)
	}
	if kind == "JPEG" {
		return info, jpegColour(name, cfg.ColorModel)
	}
	return info, pngColour(s)
}

// decodeConfig reads an image's header.
func decodeConfig(kind string, r io.Reader) (image.Config, error) {
	if kind == "JPEG" {
		return jpeg.DecodeConfig(r)
	}
	return png.DecodeConfig(r)
}

// jpegColour refuses a grayscale or CMYK JPEG.
func jpegColour(name string, m color.Model) error {
	switch m {
	case color.GrayModel, color.Gray16Model:
		return problem(ErrArtwork, name, rgbHint, "is a grayscale image")
	case color.CMYKModel:
		return problem(ErrArtwork, name, rgbHint, "is in CMYK colour")
	}
	return nil
}

// PNG colour types, from the IHDR chunk.
const (
	pngGray      = 0
	pngPalette   = 3
	pngGrayAlpha = 4
	pngRGBA      = 6
)

// maxChunks bounds how many PNG chunks before the image data are read.
const maxChunks = 1 << 12

// pngColour refuses a grayscale PNG and one with transparency: an alpha
// channel, or a tRNS chunk that makes a colour or palette entry
// transparent. It reads the chunk headers before the image data.
func pngColour(s *source) error {
	ihdr, err := s.read(8, 25)
	if err != nil {
		return err
	}
	if len(ihdr) < 25 {
		return damaged(s.name, "PNG", "its header is cut short")
	}
	switch ihdr[17] {
	case pngGray, pngGrayAlpha:
		return problem(ErrArtwork, s.name, rgbHint, "is a grayscale image")
	case pngRGBA:
		return problem(ErrArtwork, s.name, alphaHint, "has an alpha channel (transparency)")
	}
	for off, n := int64(8), 0; n < maxChunks; n++ {
		h, err := s.read(off, 8)
		if err != nil || len(h) < 8 {
			return err
		}
		length := int64(binary.BigEndian.Uint32(h))
		switch string(h[4:]) {
		case "IDAT", "IEND":
			return nil
		case "tRNS":
			t, err := s.read(off+8, int(min(length, 256)))
			if err != nil {
				return err
			}
			if ihdr[17] != pngPalette || !opaque(t) {
				return problem(ErrArtwork, s.name, alphaHint, "has transparent pixels")
			}
		}
		off += 12 + length
	}
	return nil
}

// opaque tells whether every palette entry of a tRNS chunk is opaque.
func opaque(alphas []byte) bool {
	for _, a := range alphas {
		if a != 0xFF {
			return false
		}
	}
	return true
}
