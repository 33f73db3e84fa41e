// Package picture tells what an image file is from its bytes: its format
// (PNG, JPEG, GIF, WebP, SVG, ICO, AVIF), its media type and, where the
// format says, its size in pixels. The site's icon and logo are checked
// with it, and an article's local image gets its media type from it when
// its name tells none.
package picture

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	_ "image/gif"  // GIF sizes
	_ "image/jpeg" // JPEG sizes
	_ "image/png"  // PNG sizes
	"io"
	"os"
	"path"
	"strings"
)

// Format is an image format.
type Format string

// The formats known.
const (
	Unknown Format = ""
	PNG     Format = "PNG"
	JPEG    Format = "JPEG"
	GIF     Format = "GIF"
	WebP    Format = "WebP"
	SVG     Format = "SVG"
	ICO     Format = "ICO"
	AVIF    Format = "AVIF"
)

// types are the formats' media types: a fixed table, since the system's
// MIME database differs from machine to machine and output must not.
var types = map[Format]string{
	PNG: "image/png", JPEG: "image/jpeg", GIF: "image/gif", WebP: "image/webp",
	SVG: "image/svg+xml", ICO: "image/vnd.microsoft.icon", AVIF: "image/avif",
}

// MediaType is the format's media type, or "" for Unknown.
func (f Format) MediaType() string { return types[f] }

// exts are the formats file names say, by extension.
var exts = map[string]Format{
	".png": PNG, ".jpg": JPEG, ".jpeg": JPEG, ".gif": GIF, ".webp": WebP,
	".svg": SVG, ".ico": ICO, ".avif": AVIF,
}

// ByName is the format a file name's extension says, or Unknown.
func ByName(name string) Format { return exts[strings.ToLower(path.Ext(name))] }

// Sniff is the format the first bytes of a file say, or Unknown. An SVG
// is told by its first element being <svg>.
func Sniff(head []byte) Format {
	switch {
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return PNG
	case bytes.HasPrefix(head, []byte("\xff\xd8\xff")):
		return JPEG
	case bytes.HasPrefix(head, []byte("GIF87a")), bytes.HasPrefix(head, []byte("GIF89a")):
		return GIF
	case len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		return WebP
	case len(head) >= 6 && string(head[:4]) == "\x00\x00\x01\x00" && head[4]|head[5] != 0:
		return ICO
	case len(head) >= 12 && string(head[4:8]) == "ftyp" && (string(head[8:12]) == "avif" || string(head[8:12]) == "avis"):
		return AVIF
	case isSVG(head):
		return SVG
	}
	return Unknown
}

// Info is what a file's bytes say of it.
type Info struct {
	Format        Format
	Width, Height int   // in pixels; 0 when the format does not say (an SVG without a size)
	Size          int64 // the file's bytes
}

// Square reports whether the picture is as wide as it is tall, as far as
// it says: a picture of no known size counts as square.
func (i Info) Square() bool { return i.Width == 0 || i.Height == 0 || i.Width == i.Height }

// sniffLen is how much of a file Inspect reads: enough for every format's
// header, and for an SVG's root element after a long prologue.
const sniffLen = 64 << 10

// Inspect reads the head of the file at name and says what it is.
func Inspect(name string) (Info, error) {
	f, err := os.Open(name)
	if err != nil {
		return Info{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return Info{}, err
	}
	head := make([]byte, min(st.Size(), sniffLen))
	if _, err := io.ReadFull(f, head); err != nil {
		return Info{}, err
	}
	info := Info{Format: Sniff(head), Size: st.Size()}
	info.Width, info.Height = dimensions(info.Format, head, f)
	return info, nil
}

// dimensions are the picture's width and height as its head says (with
// rest, the file after it, for a JPEG whose metadata comes first), or 0, 0.
func dimensions(f Format, head []byte, rest io.Reader) (int, int) {
	switch f {
	case PNG, JPEG, GIF:
		if c, _, err := image.DecodeConfig(io.MultiReader(bytes.NewReader(head), rest)); err == nil {
			return c.Width, c.Height
		}
	case WebP:
		return webpSize(head)
	case ICO:
		return icoSize(head)
	case SVG:
		return svgSize(head)
	}
	return 0, 0
}

// webpSize reads a WebP file's canvas: VP8X's, or the one lossy (VP8) or
// lossless (VP8L) frame's.
func webpSize(b []byte) (int, int) {
	if len(b) < 30 {
		return 0, 0
	}
	u24 := func(p []byte) int { return int(p[0]) | int(p[1])<<8 | int(p[2])<<16 }
	switch string(b[12:16]) {
	case "VP8X":
		return u24(b[24:]) + 1, u24(b[27:]) + 1
	case "VP8L":
		if b[20] != 0x2f {
			return 0, 0
		}
		v := binary.LittleEndian.Uint32(b[21:25])
		return int(v&0x3fff) + 1, int(v>>14&0x3fff) + 1
	case "VP8 ":
		if string(b[23:26]) != "\x9d\x01\x2a" {
			return 0, 0
		}
		return int(binary.LittleEndian.Uint16(b[26:28]) & 0x3fff), int(binary.LittleEndian.Uint16(b[28:30]) & 0x3fff)
	}
	return 0, 0
}

// icoSize is the size of an icon file's largest picture (0 in its
// directory means 256).
func icoSize(b []byte) (int, int) {
	n := int(binary.LittleEndian.Uint16(b[4:6]))
	w, h := 0, 0
	for k := 0; k < n && 6+16*k+2 <= len(b); k++ {
		e := b[6+16*k:]
		ew, eh := int(e[0]), int(e[1])
		if ew == 0 {
			ew = 256
		}
		if eh == 0 {
			eh = 256
		}
		if ew*eh > w*h {
			w, h = ew, eh
		}
	}
	return w, h
}

// String describes a picture in a message: "a PNG image of 64×48 pixels".
func (i Info) String() string {
	if i.Format == Unknown {
		return "not a PNG, JPEG, GIF, WebP, SVG, ICO or AVIF image"
	}
	s := "a " + string(i.Format) + " image"
	if i.Format == SVG || i.Format == ICO || i.Format == AVIF {
		s = "an" + s[1:]
	}
	if i.Width > 0 && i.Height > 0 {
		s += fmt.Sprintf(" of %d×%d pixels", i.Width, i.Height)
	}
	return s
}
