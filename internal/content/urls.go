package content

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// urlAttrs are the attributes whose values are URLs. (srcset is not among
// them: the sanitiser removes it, since it cannot check the URLs in it.)
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
			for i, a := range t.Attr {
				if urlAttrs[a.Key] {
					t.Attr[i].Val = resolve(base, a.Val)
				}
			}
			out.WriteString(t.String())
		default:
			out.Write(z.Raw())
		}
	}
}

// resolve makes ref absolute against base; a ref that does not parse is
// returned as it is (the sanitiser then drops it).
func resolve(base *url.URL, ref string) string {
	u, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return ref
	}
	return base.ResolveReference(u).String()
}
