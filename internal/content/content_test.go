package content

import (
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestSummary(t *testing.T) {
	long := strings.Repeat("word ", 80)
	tests := []struct{ name, body, want string }{
		{"first paragraph", "First *para*graph with `code` and [a link](x/).\n\nSecond.", "First paragraph with code and a link."},
		{"more marker", "One.\n\nTwo **bold**.\n\n<!--more-->\n\nThree.", "One. Two bold."},
		{"marker wins over length", strings.Repeat("w ", 100) + "\n<!--more-->\nrest", strings.TrimSpace(strings.Repeat("w ", 100))},
		{"heading skipped", "# Title\n\nThe text.", "The text."},
		{"cut at 70 words", long, strings.TrimSpace(strings.Repeat("word ", 70)) + "…"},
		{"entities decoded", "Tom &amp; Jerry &lt;3 &#x1F389;", "Tom & Jerry <3 🎉"},
		{"raw HTML dropped", "Text <span onclick=\"x()\">inside</span> <script>alert(1)</script> end.", "Text inside end."},
		{"line breaks", "one\ntwo  \nthree", "one two three"},
		{"no paragraph", "```\ncode only\n```", ""},
		{"image first", "![A heron](heron.jpg)\n\nThe heron *waited*.", "The heron waited."},
		{"only images", "![](a.jpg)\n\n![A  sunset\nover the bay](s.jpg) ![Other](o.jpg)", "A sunset over the bay"},
		{"image without alt", "![](a.jpg)", ""},
		{"empty", "", ""},
	}
	r := New()
	for _, tt := range tests {
		if got := r.Summary([]byte(tt.body)); got != tt.want {
			t.Errorf("%s: Summary = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestPlainText(t *testing.T) {
	r := New()
	got := r.PlainText([]byte("A *short* summary with [a link](x/) & `code`."))
	if want := "A short summary with a link & code."; got != want {
		t.Errorf("PlainText = %q, want %q", got, want)
	}
}

func TestHTMLURLs(t *testing.T) {
	base, _ := url.Parse("https://example.com/blog/post/")
	tests := []struct{ md, want string }{
		{"[a](other/)", `<a href="https://example.com/blog/post/other/">a</a>`},
		{"[a](../up/)", `<a href="https://example.com/blog/up/">a</a>`},
		{"[a](/root)", `<a href="https://example.com/root">a</a>`},
		{"[a](#frag)", `<a href="https://example.com/blog/post/#frag">a</a>`},
		{"[a](?q=1)", `<a href="https://example.com/blog/post/?q=1">a</a>`},
		{"[a](https://other.example/x)", `<a href="https://other.example/x">a</a>`},
		{"[a](//cdn.example/x)", `<a href="https://cdn.example/x">a</a>`},
		{"[a](mailto:ann@example.com)", `<a href="mailto:ann@example.com">a</a>`},
		{"![i](img/p.png)", `<img src="https://example.com/blog/post/img/p.png" alt="i">`},
		{`<img src="a.png" srcset="javascript:x 1x, b.png 2x">`, `<img src="https://example.com/blog/post/a.png" srcset="https://example.com/blog/post/b.png 2x">`},
		{"<a href='x y/'>s</a>", `<a href="https://example.com/blog/post/x%20y/">s</a>`},
	}
	r := New()
	for _, tt := range tests {
		got, err := r.HTML([]byte(tt.md), base)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(got, tt.want) {
			t.Errorf("HTML(%q) = %q, want it to contain %q", tt.md, got, tt.want)
		}
	}
}

func TestHTMLSanitised(t *testing.T) {
	base, _ := url.Parse("https://example.com/p/")
	vectors := []string{
		"<script>alert(1)</script>",
		`<img src=x onerror="alert(1)">`,
		`<a href="javascript:alert(1)">x</a>`,
		"[x](javascript:alert(1))",
		`<a href="JaVaScRiPt:alert(1)">x</a>`,
		`<a href="&#106;avascript:alert(1)">x</a>`,
		`<iframe src="https://evil.example/"></iframe>`,
		`<svg onload="alert(1)"></svg>`,
		`<div style="background:url(javascript:alert(1))">x</div>`,
		`<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>`,
		`<body onload="alert(1)">`,
		`<form action="javascript:alert(1)"><input></form>`,
		`<object data="x.swf"></object>`,
		`<p onmouseover="alert(1)">hover</p>`,
	}
	bad := []string{"<script", "alert", "onerror", "javascript", "iframe", "onload", "style=", "data:", "<form", "<object", "onmouseover"}
	r := New()
	for _, v := range vectors {
		got, err := r.HTML([]byte(v), base)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range bad {
			if strings.Contains(strings.ToLower(got), b) {
				t.Errorf("HTML(%q) = %q still contains %q", v, got, b)
			}
		}
	}
	// What is harmless survives.
	got, _ := r.HTML([]byte("# T\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ <abbr title=\"x\">y</abbr>\n\n```go\nx := 1\n```"), base)
	for _, want := range []string{"<h1>T</h1>", "<table>", "<del>old</del>", `<abbr title="x">y</abbr>`, `<code class="language-go">x := 1`} {
		if !strings.Contains(got, want) {
			t.Errorf("safe markup %q was lost: %s", want, got)
		}
	}
	if strings.Contains(got, "nofollow") {
		t.Errorf("the publisher's own links must not be nofollow: %s", got)
	}
}

func TestHasRefDef(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"[a]: https://example.com/", true},
		{"text\n   [a]: /x", true},
		{"text\n    [a]: /x", false}, // four spaces: code
		{"[a\nb]: /x", true},
		{"[a](b): c", false},
		{"a [b]: c", false},
		{"no brackets", false},
		{"[unclosed", false},
		{"", false},
	} {
		if got := hasRefDef([]byte(tc.text)); got != tc.want {
			t.Errorf("hasRefDef(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// TestQuickSummary checks that parsing only the beginning of a body finds
// the same summary as parsing all of it, on bodies built from every kind
// of block that could reach past a cut (unclosed fences and HTML blocks,
// lists, quotes, setext underlines, reference definitions) and on the
// fuzz corpus in testdata, with prefixes small enough to cut anywhere.
func TestQuickSummary(t *testing.T) {
	blocks := []string{"Para one.", "Para *two*\nwith a second line.", "# Heading", "```\ncode", "```", "    indented code",
		"- item\n\n  continued item", "> quote\ncontinued", "Setext\n===", "---", "<div>\nhtml", "</div>", "<!-- comment",
		"-->", "[ref]: https://example.com/", "A [link][ref] here.", "| a | b |\n| - | - |\n| 1 | 2 |", "1. one\n2. two", "![An image](i.png)", "![](i.png)", ""}
	var bodies []string
	for i := range blocks {
		for j := range blocks {
			for k := range blocks {
				bodies = append(bodies, blocks[i]+"\n\n"+blocks[j]+"\n\n"+blocks[k]+"\n\nLast paragraph.\n")
				bodies = append(bodies, blocks[i]+"\n"+blocks[j]+"\n\n"+blocks[k]+"\n")
			}
		}
	}
	seeds, _ := filepath.Glob(filepath.Join("testdata", "fuzz", "FuzzSummary", "*"))
	for _, f := range seeds {
		data, _ := os.ReadFile(f)
		if _, v, ok := strings.Cut(string(data), "\n"); ok {
			v = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(v), "[]byte("), ")")
			if s, err := strconv.Unquote(v); err == nil {
				bodies = append(bodies, s)
			}
		}
	}
	full := New()
	for _, prefix := range []int{4, 8, 16, 32} {
		short := New()
		short.quickPrefix = prefix
		for _, b := range bodies {
			if strings.Contains(b, MoreMarker) {
				continue
			}
			if got, want := short.Summary([]byte(b)), full.summary(prepared{body: []byte(b)}, full.parse([]byte(b))); got != want {
				t.Fatalf("prefix %d: %q: the quick summary is %q, the whole body's %q", prefix, b, got, want)
			}
		}
	}
}

// urlBodies are Markdown bodies with URLs of every kind absolutizeTree
// meets, and some it must leave to the rendered HTML.
var urlBodies = []string{
	"[a](other/) [b](../up/) [c](/root) [d](#frag) [e](?q=1&r=2) [f](//cdn.example/x)",
	"[sp](<x y/>) [uni](ünï/cödé) [pct](a%20b/%zz) [q](x\"y) [lt](<a<b>)",
	"[dots](https://Example.COM/a/../b/./c) [port](http://example.com:80/) [up](HTTP://x.example/%7Euser)",
	"![i](img/p.png) ![t](p.png \"Title\") [ref][r] [javascript](javascript:alert(1)) [data](data:text/html,x)",
	"Autolinks: <https://example.com/a b> <mailto:ann@example.com> ann@example.com www.example.com/x?y=1&z",
	"https://example.com/../x and http://example.com/%zz and <ftp://example.com/> [e](mailto:ann@example.com)",
	"Raw <a href='rel/'>html</a> and [md](rel/)",
	"<div>\n<img src=\"a.png\">\n</div>\n\n[x](y/)",
	"| [t](t/) | ![c](c.png) |\n| - | - |\n| 1 | 2 |\n\n- [ ] task [l](l/)\n- [x] done",
	"\n[r]: rel/page \"t\"\n",
	"[emoji](🎉/) [tab](a\tb) [bs](a\\\\b) [amp](a&amp;b) [ent](&#x6a;avascript:x)",
}

// TestTreeURLs checks that making URLs absolute in the Markdown tree gives
// the bytes that making them absolute in the rendered HTML gives.
func TestTreeURLs(t *testing.T) {
	base, _ := url.Parse("https://example.com/blog/post/")
	tree, tokens := New(), New()
	tokens.tokenURLs = true
	bodies := append([]string{}, urlBodies...)
	for i := range urlBodies {
		for j := range urlBodies {
			bodies = append(bodies, urlBodies[i]+"\n\n"+urlBodies[j])
		}
	}
	inTree := 0
	for _, b := range bodies {
		if absolutizeTree(tree.parse([]byte(b)), []byte(b), base) {
			inTree++
		}
		got, err1 := tree.HTML([]byte(b), base)
		want, err2 := tokens.HTML([]byte(b), base)
		if err1 != nil || err2 != nil || got != want {
			t.Errorf("%q:\nin the tree:   %s (%v)\nin the tokens: %s (%v)", b, got, err1, want, err2)
		}
	}
	if inTree == 0 || inTree == len(bodies) {
		t.Errorf("%d of %d bodies had their URLs made absolute in the tree; want some, not all", inTree, len(bodies))
	}
}
