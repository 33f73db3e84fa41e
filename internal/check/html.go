package check

import (
	"strings"

	"golang.org/x/net/html"
)

// relativeRef is the first link (a href) or image (img src) of the HTML
// fragment s that stays relative once resolved against base, or "".
// Readers show the HTML away from the page it was written for, where
// such a URL leads nowhere.
func relativeRef(s, base string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return "" // the end, or HTML past mending: nothing more to find
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		key := map[string]string{"a": "href", "img": "src"}[tok.Data]
		for _, a := range tok.Attr {
			if key != "" && a.Key == key && !absolute(resolved(a.Val, base)) {
				return a.Val
			}
		}
	}
}

// relRefs warns of HTML content whose links or images are relative.
func relRefs(r *findings, at pos, what, content, base string) {
	if ref := relativeRef(content, base); ref != "" {
		r.warnf(at, "ContainsRelRef", "write the link's URL in full, with https:// and the host: readers show the content away from its page",
			"%s should not contain relative URL references: %q", what, ref)
	}
}
