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
// SummaryWords words (unless the author marked it with MoreMarker).
func FuzzSummary(f *testing.F) {
	f.Add([]byte("First *paragraph*.\n\nSecond."))
	f.Add([]byte("a <!--more--> b"))
	f.Add([]byte("<script>x</script> &amp; &#0; [a](b)"))
	r := New()
	f.Fuzz(func(t *testing.T, body []byte) {
		s := r.Summary(body)
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
