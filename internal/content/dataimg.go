package content

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
	nethtml "golang.org/x/net/html"
)

// An image whose URL is a data: URL (the picture's bytes in the URL
// itself, as some editors paste it) is left out whole, with a warning:
// the policy refuses data: URLs, which would leave an <img> with its
// text and no picture, and many feed readers refuse them too. The
// Markdown's images are left out as goldmark renders them, the HTML's
// before the sanitiser reads it; cleanRendered never sees one.

// dataImageHint is what the warning about an image left out says to do.
const dataImageHint = "put the image in a file next to the article and link to it by name, as ![…](picture.png)"

// isDataURL reports whether a URL, as an attribute holds it, is a data:
// URL: its scheme, after any white space, is "data", in any case.
func isDataURL(u []byte) bool {
	u = bytes.TrimLeft(u, " \t\n\f\r")
	return len(u) >= 5 && bytes.EqualFold(u[:5], []byte("data:"))
}

// isDataImage reports whether a Markdown image's URL, as goldmark writes
// it (character references resolved), is a data: URL.
func isDataImage(img *ast.Image) bool {
	if bytes.IndexByte(img.Destination, '&') >= 0 {
		return isDataURL(util.URLEscape(img.Destination, true))
	}
	return isDataURL(img.Destination)
}

// imageRenderer renders Markdown images as goldmark does, but leaves out
// those whose URL is a data: URL.
type imageRenderer struct {
	image renderer.NodeRendererFunc // goldmark's
}

// newImageRenderer is an imageRenderer writing the others with goldmark's
// HTML renderer made with opts.
func newImageRenderer(opts ...html.Option) imageRenderer {
	g := grabbed{}
	html.NewRenderer(opts...).RegisterFuncs(g)
	return imageRenderer{image: g[ast.KindImage]}
}

// grabbed holds the functions a renderer registers.
type grabbed map[ast.NodeKind]renderer.NodeRendererFunc

func (g grabbed) Register(k ast.NodeKind, f renderer.NodeRendererFunc) { g[k] = f }

func (r imageRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindImage, r.render)
}

func (r imageRenderer) render(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if img, ok := n.(*ast.Image); ok && isDataImage(img) {
		return ast.WalkSkipChildren, nil
	}
	return r.image(w, source, n, entering)
}

// mayHoldDataImage reports whether a body may hold a Markdown image with
// a data: URL, for the cost of a scan: one is looked for only then.
func mayHoldDataImage(body []byte) bool {
	return indexFold(body, "data:") >= 0 || bytes.Contains(body, []byte("&#"))
}

// dataImagesIn are the text and URL of each Markdown image in doc whose
// URL is a data: URL, in the order of the body.
func dataImagesIn(doc ast.Node, source []byte) (alts, urls []string) {
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if img, ok := n.(*ast.Image); ok && entering && isDataImage(img) {
			var alt strings.Builder
			for c := img.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					alt.Write(t.Segment.Value(source))
				}
			}
			alts, urls = append(alts, alt.String()), append(urls, string(img.Destination))
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return alts, urls
}

// dropDataImages removes from an HTML fragment every <img> whose src is
// a data: URL, and returns what is left, as it was otherwise, with the
// text and URL of each image removed.
func dropDataImages(src []byte) (out []byte, alts, urls []string) {
	if indexFold(src, "<img") < 0 {
		return src, nil, nil
	}
	var b bytes.Buffer
	z := nethtml.NewTokenizer(bytes.NewReader(src))
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			if z.Err() != io.EOF {
				return src, nil, nil // the sanitiser will make of it what it can
			}
			break
		}
		raw := z.Raw()
		if (tt == nethtml.StartTagToken || tt == nethtml.SelfClosingTagToken) && len(raw) > 4 && bytes.EqualFold(raw[1:4], []byte("img")) {
			raw = bytes.Clone(raw) // TagName writes the name in lower case in place
			if name, attrs := z.TagName(); string(name) == "img" && attrs {
				if alt, url, ok := dataImageAttrs(z); ok {
					alts, urls = append(alts, alt), append(urls, url)
					continue
				}
			}
		}
		b.Write(raw)
	}
	if len(urls) == 0 {
		return src, nil, nil
	}
	return b.Bytes(), alts, urls
}

// dataImageAttrs reads an <img>'s attributes and reports its alt and src
// when its src, as the sanitiser reads it, is a data: URL.
func dataImageAttrs(z *nethtml.Tokenizer) (alt, src string, data bool) {
	seenSrc := false
	for more := true; more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		switch string(k) {
		case "alt":
			alt = string(v)
		case "src":
			if !seenSrc { // the first of two counts, as the parser reads it
				seenSrc, data, src = true, isDataURL(v), string(v)
			}
		}
	}
	return alt, src, data
}

// indexFold is the index of the first instance of the ASCII lower-case
// word in b, in any case, or -1.
func indexFold(b []byte, word string) int {
	first := word[0]
	for i := 0; i+len(word) <= len(b); i++ {
		if c := b[i] | 0x20; c == first && bytes.EqualFold(b[i:i+len(word)], []byte(word)) {
			return i
		}
	}
	return -1
}

// dataImageWarnings are the warnings about the images left out, each at
// its line of the article's file: found as the URL in the body as written
// (raw), from where the one before was found. None without a file.
func dataImageWarnings(p Page, raw []byte, alts, urls []string) []string {
	if p.File == "" || len(urls) == 0 {
		return nil
	}
	out := make([]string, len(urls))
	from := 0
	for i, u := range urls {
		at := -1
		if key := []byte(u[:min(len(u), 48)]); len(key) > 0 {
			at = bytes.Index(raw[from:], key)
		}
		if at < 0 {
			at = indexFold(raw[from:], "data:")
		}
		line := p.Line
		if at >= 0 {
			at += from
			from = at + 1
			line += bytes.Count(raw[:at], []byte("\n"))
		}
		what := "an image"
		if alts[i] != "" {
			what = fmt.Sprintf("the image %q", alts[i])
		}
		place := p.File
		if line > 0 {
			place = fmt.Sprintf("%s:%d", p.File, line)
		}
		out[i] = fmt.Sprintf("%s: %s is left out: its URL is a data: URL, which feed readers do not show — %s", place, what, dataImageHint)
	}
	return out
}
