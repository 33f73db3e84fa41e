package feedcheck

import (
	"fmt"
	"io"
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// SafeHTML reports the first thing in the HTML fragment s that a feed
// reader could run or that could load from outside: an element such as
// <script> or <iframe>, an event handler or style attribute, or a link or
// image whose URL is not absolute http, https or mailto (in a srcset,
// http or https).
func SafeHTML(s string) error {
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				return fmt.Errorf("the HTML does not tokenize: %w", z.Err())
			}
			return nil
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		switch tok.Data {
		case "script", "iframe", "frame", "object", "embed", "applet", "style", "form", "input", "button", "svg",
			"math", "base", "link", "meta", "video", "audio", "xml":
			return fmt.Errorf("<%s> survived", tok.Data)
		}
		for _, a := range tok.Attr {
			key := strings.ToLower(a.Key)
			if strings.HasPrefix(key, "on") || key == "style" || key == "formaction" {
				return fmt.Errorf("the attribute %s survived on <%s>", a.Key, tok.Data)
			}
			if key == "srcset" {
				for _, c := range strings.Split(a.Val, ", ") {
					f := strings.Fields(c)
					if len(f) == 0 {
						return fmt.Errorf("srcset=%q has an empty candidate", a.Val)
					}
					u, err := url.Parse(f[0])
					if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
						return fmt.Errorf("srcset=%q holds %q, not an absolute http(s) URL", a.Val, c)
					}
				}
			}
			switch key {
			case "href", "src", "cite", "action", "poster", "background", "longdesc", "data":
				u, err := url.Parse(a.Val)
				if err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "mailto") {
					return fmt.Errorf("%s=%q is not an absolute http(s) or mailto URL", a.Key, a.Val)
				}
			}
		}
	}
}

// SafePage reports the first thing in a whole HTML page written by
// feedpub that its own template does not put there: a second <script> or
// one with attributes, an element that loads or runs something, an event
// handler, or a link whose URL is not absolute http or https. Text from
// articles must appear in the page only as text.
func SafePage(page []byte) error {
	z := html.NewTokenizer(strings.NewReader(string(page)))
	scripts := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				return fmt.Errorf("the page does not tokenize: %w", z.Err())
			}
			return nil
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		switch tok.Data {
		case "script":
			if scripts++; scripts > 1 || len(tok.Attr) > 0 {
				return fmt.Errorf("a <script> that the page's template does not write")
			}
		case "iframe", "frame", "object", "embed", "applet", "form", "input", "svg", "math", "base", "img",
			"video", "audio", "source", "xml":
			return fmt.Errorf("<%s> is in the page", tok.Data)
		}
		for _, a := range tok.Attr {
			key := strings.ToLower(a.Key)
			if strings.HasPrefix(key, "on") || key == "srcset" || key == "formaction" {
				return fmt.Errorf("the attribute %s is on <%s>", a.Key, tok.Data)
			}
			if key == "href" || key == "src" {
				u, err := url.Parse(a.Val)
				if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
					return fmt.Errorf("%s=%q is not an absolute http(s) URL", a.Key, a.Val)
				}
			}
		}
	}
}
