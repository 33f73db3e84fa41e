package content

import (
	"bytes"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// An article's picture (its front matter's image) is what many readers
// show of it, and most take it from the first image of the content, not
// from the feeds' own fields: so it is also the first thing in the
// content, unless the body shows it already.

// WithPicture is content, sanitised HTML with absolute URLs, with the
// picture at image (an absolute URL) first, as a paragraph of its own
// with alt for its text, unless content shows that picture already (an
// <img>'s src, or a candidate of a srcset, is its URL) or image is not a
// URL the policy keeps.
func WithPicture(content, image, alt string) string {
	abs, ok := allowedURL(image)
	if image == "" || !ok || !(strings.HasPrefix(abs, "http://") || strings.HasPrefix(abs, "https://")) {
		return content
	}
	if shows(content, abs) {
		return content
	}
	b := make([]byte, 0, len(content)+len(abs)+len(alt)+32)
	b = append(b, `<p><img src="`...)
	b = appendEscaped(b, abs)
	b = append(b, `" alt="`...)
	b = appendEscaped(b, alt)
	b = append(b, `"></p>`...)
	if content != "" {
		b = append(b, '\n')
	}
	return string(append(b, content...))
}

// shows reports whether the HTML content shows the picture at the
// absolute URL image: an <img> whose src, or a candidate of an <img>'s or
// a <source>'s srcset, is that URL once both are written alike.
func shows(content, image string) bool {
	want := sameForm(image)
	// The URL as the HTML escapes it must be in it somewhere, in the form
	// the sanitiser writes URLs: most bodies are passed over by a search.
	if !strings.Contains(content, string(appendEscaped(nil, want))) && !strings.Contains(content, string(appendEscaped(nil, image))) {
		return false
	}
	found := false
	eachImage(content, func(src string) bool {
		found = sameForm(src) == want
		return !found
	})
	return found
}

// FirstImage is the URL of the first picture the HTML content shows (an
// <img>'s src), or "".
func FirstImage(content string) string {
	first := ""
	z := html.NewTokenizer(strings.NewReader(content))
	for first == "" {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		if name, has := z.TagName(); atom.Lookup(name) == atom.Img && has {
			for {
				k, v, more := z.TagAttr()
				if string(k) == "src" && len(v) > 0 {
					first = string(v)
					break
				}
				if !more {
					break
				}
			}
		}
	}
	return first
}

// eachImage calls f with every image URL in content, the src of each
// <img> and the candidates of every srcset, until f returns false.
func eachImage(content string, f func(string) bool) {
	z := html.NewTokenizer(strings.NewReader(content))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, has := z.TagName()
		el := atom.Lookup(name)
		if !has || el != atom.Img && el != atom.Source {
			continue
		}
		for more := true; more; {
			var k, v []byte
			k, v, more = z.TagAttr()
			switch {
			case string(k) == "src" && el == atom.Img:
				if !f(string(v)) {
					return
				}
			case string(k) == "srcset":
				for _, u := range SrcsetURLs(string(v)) {
					if !f(u) {
						return
					}
				}
			}
		}
	}
}

// sameForm is an absolute URL written as net/url writes it, so that two
// spellings of one URL compare equal.
func sameForm(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return s
	}
	return u.String()
}

// MayHoldImage reports whether a body may show a picture, for the cost of
// a search: a Markdown image, an <img>, or a shortcode or tag that may
// write one.
func MayHoldImage(body []byte) bool {
	return bytes.Contains(body, []byte("![")) || indexFold(body, "<img") >= 0 || indexFold(body, "<picture") >= 0 ||
		bytes.Contains(body, []byte("{{")) || bytes.Contains(body, []byte("{%"))
}
