package encode

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
)

// TestViewerScript checks that the script element that shows RSS and Atom
// as a page in browsers is the root's first child, that the document
// stays well-formed, and that feed readers (gofeed here) read exactly the
// same feed with it as without it, but for one extension entry in Atom.
func TestViewerScript(t *testing.T) {
	const tag = `<script xmlns="http://www.w3.org/1999/xhtml" src="../feed.js?a=1&amp;b=2"></script>`
	f := sampleFeed(sampleItem("one"), sampleItem("two"))
	for _, format := range []Format{RSS, Atom} {
		t.Run(string(format), func(t *testing.T) {
			var plain, viewed bytes.Buffer
			if err := Encode(&plain, format, f, Links{Self: "https://example.com/feed"}); err != nil {
				t.Fatal(err)
			}
			if err := Encode(&viewed, format, f, Links{Self: "https://example.com/feed", Stylesheet: "../feed.js?a=1&b=2"}); err != nil {
				t.Fatal(err)
			}
			wellFormed(t, viewed.Bytes())
			lines := strings.Split(viewed.String(), "\n")
			if len(lines) < 3 || !strings.HasPrefix(lines[1], "<"+map[Format]string{RSS: "rss", Atom: "feed"}[format]+" ") || lines[2] != "  "+tag {
				t.Fatalf("the script is not the root's first child:\n%s", viewed.Bytes())
			}
			if got := strings.Replace(viewed.String(), "\n  "+tag, "", 1); got != plain.String() {
				t.Errorf("the script changed more than its own line:\n%s\nwant\n%s", got, plain.Bytes())
			}
			if strings.Contains(viewed.String(), "xml-stylesheet") {
				t.Errorf("the feed still names an XSLT stylesheet:\n%s", viewed.Bytes())
			}
			a, err := gofeed.NewParser().Parse(bytes.NewReader(plain.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			b, err := gofeed.NewParser().Parse(bytes.NewReader(viewed.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			// gofeed keeps an unknown element of an Atom feed as an
			// extension (RSS's <rss> level it skips); that entry aside,
			// the feeds read the same.
			if format == Atom {
				if s := b.Extensions["xhtml"]["script"]; len(s) != 1 || s[0].Attrs["src"] != "../feed.js?a=1&b=2" {
					t.Errorf("gofeed's extensions: %+v", b.Extensions)
				}
				delete(b.Extensions, "xhtml")
				if len(b.Extensions) == 0 && a.Extensions == nil {
					b.Extensions = nil
				}
			}
			if !reflect.DeepEqual(a, b) {
				t.Errorf("gofeed reads the feed differently with the script:\n%+v\nwant\n%+v", b, a)
			}
		})
	}
}
