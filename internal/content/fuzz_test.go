package content

import (
	"bytes"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/feedpub/feedpub/internal/feedcheck"
)

// FuzzSummary checks that a summary is plain, valid text of at most
// SummaryWords words (unless the author marked it with MoreMarker), and
// that parsing only the beginning of a body finds the same summary as
// parsing all of it (with a tiny prefix, so short inputs exercise it).
func FuzzSummary(f *testing.F) {
	f.Add([]byte("First *paragraph*.\n\nSecond."))
	f.Add([]byte("a <!--more--> b"))
	f.Add([]byte("<script>x</script> &amp; &#0; [a](b)"))
	f.Add([]byte("# Title\n\n```\ncode\n\nmore code\n```\n\nThe [first][r] paragraph.\n\n[r]: https://example.com/\n"))
	f.Add([]byte("- item\n\n  still the item\n\nA paragraph\n===\n\nAnother one.\n\n"))
	r := New()
	short := New()
	short.quickPrefix = 8
	f.Fuzz(func(t *testing.T, body []byte) {
		s := r.Summary(body)
		if !bytes.Contains(body, []byte(MoreMarker)) {
			if quick := short.Summary(body); quick != s {
				t.Fatalf("the summary from the first bytes, %q, is not the whole body's, %q", quick, s)
			}
		}
		if utf8.Valid(body) && !utf8.ValidString(s) {
			t.Fatalf("summary is not UTF-8: %q", s)
		}
		if strings.TrimSpace(s) != s || strings.Contains(s, "  ") {
			t.Fatalf("summary has stray white space: %q", s)
		}
		if !bytes.Contains(body, []byte(MoreMarker)) && len(strings.Fields(s)) > SummaryWords {
			t.Fatalf("summary has %d words", len(strings.Fields(s)))
		}
	})
}

// FuzzHTML checks that rendered content never carries a script, an event
// handler or a URL that is not absolute http(s) or mailto.
func FuzzHTML(f *testing.F) {
	f.Add([]byte("[a](rel/) ![i](/img.png) <a href='javascript:x'>j</a>"))
	f.Add([]byte(`<img src=x onerror=alert(1)><svg onload=x><a href="  JaVa&#x09;script:x">y</a>`))
	f.Add([]byte("<a href=\"//evil.example/\">p</a> <a href='#top'>t</a>"))
	base, _ := url.Parse("https://example.com/blog/post/")
	r := New()
	f.Fuzz(func(t *testing.T, body []byte) {
		out, err := r.HTML(body, base)
		if err != nil {
			return
		}
		if err := feedcheck.SafeHTML(out); err != nil {
			t.Fatalf("%v in %q", err, out)
		}
	})
}
