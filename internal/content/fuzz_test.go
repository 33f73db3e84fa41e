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
// SummaryWords words (unless the author marked it with MoreMarker), also
// when only the beginning of a body is parsed (with a tiny prefix, so
// short inputs take that path). Under -fuzz, goldmark once parsed one input
// two ways in one process, which no replay reproduced, so the two paths
// are compared in TestQuickSummary, deterministically.
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
		_ = short.Summary(body) // the quick path must not fail either; TestQuickSummary compares them
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
// handler or a URL that is not absolute http(s) or mailto, and that URLs
// made absolute in the Markdown tree give the same HTML as when made
// absolute in the rendered HTML.
func FuzzHTML(f *testing.F) {
	f.Add([]byte("[a](rel/) ![i](/img.png) <a href='javascript:x'>j</a>"))
	f.Add([]byte(`<img src=x onerror=alert(1)><svg onload=x><a href="  JaVa&#x09;script:x">y</a>`))
	f.Add([]byte("<a href=\"//evil.example/\">p</a> <a href='#top'>t</a>"))
	f.Add([]byte("{{< figure src=\"javascript:x\" caption=\"<script>\" >}} {{< details >}}*x*{{< /details >}} {% highlight x %}<b>{% endhighlight %}"))
	f.Add([]byte("a[^1]\n\n[^1]: <pre>note\n\n{{< youtube \"x\\\" onload=y\" >}}"))
	f.Add([]byte("![a](data:image/png;base64,AA) <img src=\" DATA:x\" alt=b><img src=&#100;ata:y>"))
	f.Add([]byte(`<picture><source srcset="a.webp 1x,javascript:x 2x, b c, ,d.jpg," type="image/webp"><img src="p.jpg" srcset="x.jpg 10w, //cdn/y.jpg 2.5x" sizes="50vw"></picture>`))
	base, _ := url.Parse("https://example.com/blog/post/")
	sites := []*Renderer{hugoRenderer(), jekyllRenderer("")}
	r := New()
	tokens := New()
	tokens.tokenURLs = true
	f.Fuzz(func(t *testing.T, body []byte) {
		out, err := r.HTML(body, base)
		if err != nil {
			return
		}
		if err := feedcheck.SafeHTML(out); err != nil {
			t.Fatalf("%v in %q", err, out)
		}
		if want, err := tokens.HTML(body, base); err != nil || want != out {
			t.Fatalf("URLs made absolute in the tree give\n%q\nin the rendered HTML\n%q (%v)", out, want, err)
		}
		for _, s := range sites {
			res, err := s.Render(body, base, Page{File: "x.md"}, true)
			if err != nil {
				continue
			}
			if err := feedcheck.SafeHTML(res.HTML); err != nil {
				t.Fatalf("%v in %q", err, res.HTML)
			}
		}
	})
}
