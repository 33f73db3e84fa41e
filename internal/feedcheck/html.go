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
// image whose URL is not absolute http, https or mailto.
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
			"math", "base", "link", "meta", "video", "audio", "source", "xml":
			return fmt.Errorf("<%s> survived", tok.Data)
		}
		for _, a := range tok.Attr {
			key := strings.ToLower(a.Key)
			if strings.HasPrefix(key, "on") || key == "style" || key == "srcset" || key == "formaction" {
				return fmt.Errorf("the attribute %s survived on <%s>", a.Key, tok.Data)
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
