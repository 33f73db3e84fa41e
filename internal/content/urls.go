package content

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
)

// urlAttrs are the attributes whose values are URLs. (srcset, a list of
// URLs, is made absolute apart: see absoluteSrcset.)
var urlAttrs = map[string]bool{"href": true, "src": true, "poster": true, "cite": true, "action": true, "longdesc": true}

// absolutize rewrites every URL attribute in the HTML fragment src so it is
// absolute, resolved against base. Feed readers show content away from the
// site, where relative URLs would point nowhere.
func absolutize(src []byte, base *url.URL) ([]byte, error) {
	var out bytes.Buffer
	z := html.NewTokenizer(bytes.NewReader(src))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				return out.Bytes(), nil
			}
			return nil, fmt.Errorf("reading rendered HTML: %w", z.Err())
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			kept := t.Attr[:0]
			for _, a := range t.Attr {
				switch {
				case urlAttrs[a.Key]:
					a.Val = resolve(base, a.Val)
				case a.Key == "srcset":
					if a.Val = absoluteSrcset(base, a.Val); a.Val == "" {
						continue
					}
				}
				kept = append(kept, a)
			}
			t.Attr = kept
			out.WriteString(t.String())
		default:
			out.Write(z.Raw())
		}
	}
}

// resolve makes ref absolute against base; a ref that does not parse is
// returned as it is (the sanitiser then drops it).
func resolve(base *url.URL, ref string) string {
	if plainURL(ref) {
		return ref
	}
	return resolveParsed(base, ref)
}

// resolveParsed is resolve by net/url, for every URL.
func resolveParsed(base *url.URL, ref string) string {
	u, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return ref
	}
	return base.ResolveReference(u).String()
}

// absolutizeTree makes the destinations of the links and images in doc
// absolute, resolved against base, so that the rendered HTML need not be
// read again for them, and reports whether it did. It does nothing and
// reports false when doc holds raw HTML, whose URLs only absolutize
// finds, or when a URL would render otherwise than absolutize would
// write it: both ways give the same bytes.
func absolutizeTree(doc ast.Node, source []byte, base *url.URL) bool {
	type change struct {
		dest *[]byte
		abs  []byte
	}
	var changes []change
	ok := true
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest *[]byte
		switch n := n.(type) {
		case *ast.HTMLBlock, *ast.RawHTML, *east.FootnoteLink, *east.FootnoteBacklink:
			// Footnotes link to their notes by fragments the renderer
			// writes itself.
			ok = false
		case *ast.AutoLink:
			// Rendered from its text: absolute already, but absolutize
			// would still normalise it.
			href := util.URLEscape(n.URL(source), false)
			if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(href), []byte("mailto:")) {
				href = append([]byte("mailto:"), href...)
			}
			if resolve(base, string(href)) != string(href) {
				ok = false
			}
		case *ast.Link:
			dest = &n.Destination
		case *ast.Image:
			dest = &n.Destination
		}
		if dest != nil {
			// What the renderer writes, then what absolutize makes of it.
			abs := []byte(resolve(base, string(util.URLEscape(*dest, true))))
			if !bytes.Equal(util.URLEscape(abs, true), abs) {
				ok = false
			}
			changes = append(changes, change{dest, abs})
		}
		if !ok {
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if !ok {
		return false
	}
	for _, c := range changes {
		*c.dest = c.abs
	}
	return true
}

// plainURL reports whether s is an http or https URL that net/url writes
// back exactly as it is, whether it is parsed alone or resolved against
// any base: a host name of lower-case letters, digits, dots and hyphens,
// then nothing or a path of unreserved characters with no "." or ".."
// segment, no query and no fragment. Most links in articles are such, and
// these need not be parsed.
func plainURL(s string) bool {
	rest, ok := strings.CutPrefix(s, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(s, "http://"); !ok {
			return false
		}
	}
	i := 0
	for i < len(rest) && (rest[i] >= 'a' && rest[i] <= 'z' || rest[i] >= '0' && rest[i] <= '9' || rest[i] == '.' || rest[i] == '-') {
		i++
	}
	if i == 0 {
		return false
	}
	path := rest[i:]
	if path == "" {
		return true
	}
	if path[0] != '/' || strings.Contains(path, "/.") {
		return false
	}
	for j := 0; j < len(path); j++ {
		c := path[j]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '/' || c == '.' || c == '_' || c == '~' || c == '-') {
			return false
		}
	}
	return true
}
