package content

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/feedpub/feedpub/internal/corpus"
)

// fastRenderers are renderers with every option the fast path looks at.
func fastRenderers() map[string]*Renderer {
	return map[string]*Renderer{
		"feedpub":     New(),
		"typographer": NewWith(Options{Footnotes: true, Typographer: true}),
		"nolinkify":   NewWith(Options{NoLinkify: true, NoTables: true, NoStrikethrough: true, NoTaskLists: true}),
		"hugo":        hugoRenderer(),
		"jekyll":      jekyllRenderer(""),
		"attributes":  NewWith(Options{HeadingAttributes: true, HeadingIDs: true, OmitRawHTML: true}),
	}
}

// slowSummary is the first paragraph's summary by parsing all of body
// with goldmark, rendering the paragraph and reading its text back.
func slowSummary(r *Renderer, body []byte) (string, bool) {
	return r.paragraphSummary(prepared{body: body}, r.parse(body))
}

// checkFast compares the fast path with the slow one on body, for
// summaries and plain text, and says which the fast path took.
func checkFast(t testing.TB, name string, r *Renderer, body []byte) (summary, plain bool) {
	if got, ok := r.fastSummary(body); ok {
		want, text := slowSummary(r, body)
		if got != want || !text {
			t.Fatalf("%s: %q:\nfast summary %q\nslow summary %q (of a paragraph's text: %v)", name, body, got, want, text)
		}
		summary = true
	}
	if got, ok := r.fastPlainText(body); ok {
		if want := r.slowPlainText(prepared{body: body}); got != want {
			t.Fatalf("%s: %q:\nfast plain text %q\nslow plain text %q", name, body, got, want)
		}
		plain = true
	}
	return summary, plain
}

// fastBlocks are blocks that come before a first paragraph, and
// paragraphs, which the fast path must read as goldmark does or leave to
// it.
var fastBlocks = []string{
	"# Heading", "## Heading *with* [link](x/)", "####### seven", "#hashtag text", "#\tTab heading", "#",
	"```go\nif a < b && c > d {\n\n\treturn \"x\"\n}\n```", "```\nunclosed fence\n\nText after.", "~~~\ncode\n~~~~",
	"``` a`b\nnot a fence\n```", "````\n```\nstill code\n````", "```\n  ```\nafter", "```\n    ```\nstill code\n```",
	"- one\n- two\n- three", "- one\ncontinued\n- two", "- one\n\n  second paragraph\n- two", "- one\n\n      code in item\nlazy",
	"- one\n\n- two", "* star\n* items", "+ plus", "1. one\n2. two", "1) one\n2) two", "10. ten\n11. eleven", "- one\n* other list",
	"- one\n---", "- one\n  - nested", "- [ ] task", "- one\n # heading", "-not a list", "- - -", "* * *", "***", "---", "___",
	"1234567890. big number", "2024 was a year.", "3.5 million people.", "1.", "-", "- ",
	"> quote\ncontinued", "    indented code", "   three spaces", "<div>\nhtml\n</div>", "<!-- comment -->", "[ref]: https://example.com/",
	"[^1]: A footnote.", "Term\n: definition", "| a | b |\n| - | - |\n| 1 | 2 |", "a | b\n--- | ---\n1 | 2", "Para\n    | --- |",
	"Setext\n===", "Setext\n---", "Para\n= not", "Para\n- item", "Para\n1. item", "Para\n2. item", "Para\n# heading", "Para\n> quote",
	"Para\n```\ncode\n```", "Para\n<div>", "Para\n    indented", "Para\n\tTabbed", "Para\n   spaced", "Para\n*emph* line", "Para\n* item",
	"Para\n[link](x) line", "Para\n(paren)", "Para\n\"quoted\"", "Para\n'single'", "Para\n&amp; entity", "Para\n|pipe",
	"First *paragraph*.", "The **strong** one.", "Both ***at once***.", "Under _score_ and __double__.", "snake_case_name here",
	"2 * 3 * 4 = 24", "a*b*c", "*a **b** c*", "**a*", "*a**", "*open only", "close only*", "**[link](x)**", "*a [b](c) d*",
	"foo*bar*", "*foo*bar", "_foo_bar", "foo_bar_", "*(*a*)*", "*.a.*", "\"*a*\"", "*é*", "é*a*é", "*“a”*", "a —*b*— c", "*a*—b",
	"* a *", "** a **", "****a****", "*a* *b* **c**", "*a*\n*b*",
	"See [the earlier report](../city/) and ![a chart](img/chart-3.png).", "Profits & losses: 3 < 4 > 2, *emphasis* and **strong** text.",
	"More at <https://example.com/12> and [the archive](/archive/34/).", "Non-ASCII: café naïve São Zürich Kraków 東京 Øresund façade.",
	"[empty]() link", "[](x) empty text", "![only](img.png)", "![a](b) ![c](d)", "[a](b \"title\")", "[a](<b c>)", "[a](b(c))",
	"[a] [b]", "[a][b]", "[a]: b", "[a\nb](c)", "[*a*](b)", "[a `b`](c)", "[a](b)c", "x[a](b)", "[a](b)*c*", "*c*[a](b)",
	"[see www.example.com](x)", "[mail a@b.co](x)", "[a&b](c)", "[a & b](c)", "[a&amp;b](c)", "[\"q\"](x)", "[a--b](x)",
	"`code`", "`a *b* c`", "``a ` b``", "`unclosed", "``a`", "`<a href=\"`\">`", "`a\nb`", "`&amp;`", "`a\\`b", "a ` b",
	"<https://example.com/a_b_*c*>", "<http://x.y>", "<https://x.y/a&b>", "<mailto:a@b.c>", "<a@b.co>", "<https://>",
	"<b>bold</b>", "</b>", "<!-- c -->", "<?php ?>", "<!DOCTYPE>", "a < b", "a <b", "a <3", "a <\nb", "a<", "1 << 2", "2 >> 1",
	"a > b", "a>b", "Tom &amp; Jerry", "AT&T", "a & b", "a &", "&#123;", "&copy 2024", "a &; b", "&", "a\\*b", "end\\",
	"~~strike~~", "~tilde~", "a ~ b", "x\x00y", "x\ry", "x\r\ny", "x\fy", "x\vy", "x\x7fy", "tab\there", "nbsp\u00a0here",
	"thin\u2009space", "ideo\u3000space", "nel\u0085x", "\xff\xfe", "trailing  \nbreak", "trailing\\\nbackslash",
	"http://example.com/x here", "see https://example.com/a_b", "www.example.com/*x*", "(www.example.com)", "*www.example.com*",
	"mail a@b.co now", "a_b@c.co", "ftp://x.y/z", "HTTP://X.Y", "https:// spaced", "a@b", "@handle", "x http:y",
	"It's \"quoted\" -- dash --- em... ellipsis", "'90s", "a -- b", "a...", "<<a>>",
	"Claim[^1] here.", "[^1]", "Hard  \nline", "a\n  b\n    c", "       deep", "\n\n\nAfter blanks.", "   \nSpaces line.",
	"Line\n\n\n", "Ünïcödé start", "éa", "_a_", "__a__", "___a___", "*", "**", "!", "![", "!x", "[", "]", "a ] b", "a [ b", "[a](",
	"", "\t", " ", "x",
}

// TestFastSummary compares the fast path with the slow one on bodies
// built from tricky blocks, with every renderer, and checks that the
// fast path takes the plain cases.
func TestFastSummary(t *testing.T) {
	var bodies []string
	for _, a := range fastBlocks {
		bodies = append(bodies, a, a+"\n", a+"\n\nLast *paragraph*.\n")
		for _, b := range []string{"First *paragraph*.", "Para\ncontinued", "- item", "# Heading", "```\ncode\n```", "![x](y)", "[a]: b"} {
			bodies = append(bodies, a+"\n\n"+b+"\n", a+"\n"+b+"\n", b+"\n\n"+a+"\n", b+"\n"+a+"\n", a+" "+b)
		}
	}
	for i := 0; i < len(fastBlocks); i += 3 {
		for j := 1; j < len(fastBlocks); j += 5 {
			bodies = append(bodies, fastBlocks[i]+"\n\n"+fastBlocks[j]+"\n", fastBlocks[i]+" "+fastBlocks[j], fastBlocks[i]+"\n"+fastBlocks[j])
		}
	}
	long := strings.Repeat("word *em* [l](x) ", 40)
	bodies = append(bodies, long, "# T\n\n"+long+"\n\nnext")
	for name, r := range fastRenderers() {
		took := 0
		for _, b := range bodies {
			if s, _ := checkFast(t, name, r, []byte(b)); s {
				took++
			}
		}
		if took < len(bodies)/5 {
			t.Errorf("%s: the fast path took %d of %d bodies", name, took, len(bodies))
		}
	}
	// Plain cases the fast path must take, with what they give.
	r := New()
	for body, want := range map[string]string{
		"First *paragraph* with `code` and [a link](x/).\n\nSecond.":                                     "First paragraph with code and a link.",
		"## Heading\n\n- item\n- item\n\n```go\nx\n```\n\nText & <https://e.com/1> ![img](i.png) **b**.": "Text & https://e.com/1 b.",
		"Profits & losses: 3 < 4 > 2.":             "Profits & losses: 3 < 4 > 2.",
		strings.Repeat("w ", 71):                   strings.TrimSpace(strings.Repeat("w ", 70)) + "…",
		"See www.example.com and a@b.co today.":    "See www.example.com and a@b.co today.",
		"`code` starts it.":                        "code starts it.",
		"*Emphasis* starts it, _too_.":             "Emphasis starts it, too.",
		"1990 was a year.\nAnd 2 more.":            "1990 was a year. And 2 more.",
		"- a\n- b\n\n1. c\n\n   d\n\nAfter lists.": "After lists.",
		"# H\nRight after.":                        "Right after.",
	} {
		if got, ok := r.fastSummary([]byte(body)); !ok || got != want {
			t.Errorf("fastSummary(%q) = %q, %v; want %q, true", body, got, ok, want)
		}
	}
	if got, ok := r.fastPlainText([]byte("One *two*.\n\nThree [four](x).")); !ok || got != "One two. Three four." {
		t.Errorf("fastPlainText = %q, %v", got, ok)
	}
}

// TestFastSummaryCorpus compares the fast path with the slow one on every
// article of a generated corpus, the body's summary and the front
// matter's, and checks that it takes nearly all of them.
func TestFastSummaryCorpus(t *testing.T) {
	n := 2000
	if testing.Short() {
		n = 300
	}
	dir := t.TempDir()
	if err := corpus.Generate(dir, n, 14); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "articles", "*", "*.md"))
	if len(files) != n {
		t.Fatalf("%d articles generated, want %d", len(files), n)
	}
	rs := fastRenderers()
	var bodies, summaries, took, tookPlain int
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		front, body, ok := bytes.Cut(bytes.TrimPrefix(data, []byte("---\n")), []byte("\n---\n"))
		if !ok {
			t.Fatalf("%s: no front matter", f)
		}
		bodies++
		for name, r := range rs {
			if s, _ := checkFast(t, name, r, body); s && name == "feedpub" {
				took++
			}
		}
		for _, l := range bytes.Split(front, []byte("\n")) {
			if v, ok := bytes.CutPrefix(l, []byte("summary: ")); ok {
				s, err := strconv.Unquote(string(v))
				if err != nil {
					t.Fatal(err)
				}
				summaries++
				for name, r := range rs {
					if _, p := checkFast(t, name, r, []byte(s)); p && name == "feedpub" {
						tookPlain++
					}
				}
			}
		}
	}
	if took < bodies*95/100 || tookPlain < summaries*95/100 || summaries == 0 {
		t.Errorf("the fast path took %d of %d bodies and %d of %d front-matter summaries", took, bodies, tookPlain, summaries)
	}
}

// FuzzFastSummary compares the fast path with the slow one.
func FuzzFastSummary(f *testing.F) {
	for _, b := range fastBlocks {
		f.Add([]byte(b + "\n\nFirst *paragraph* [a](b).\n"))
	}
	rs := fastRenderers()
	f.Fuzz(func(t *testing.T, body []byte) {
		for name, r := range rs {
			checkFast(t, name, r, body)
		}
	})
}

// BenchmarkSummary is the summary of each article of a generated corpus,
// from its body or its front matter, as a build without full content
// derives it.
func BenchmarkSummary(b *testing.B) {
	dir := b.TempDir()
	if err := corpus.Generate(dir, 500, 14); err != nil {
		b.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "articles", "*", "*.md"))
	var bodies [][]byte
	var summaries []string
	for _, f := range files {
		data, _ := os.ReadFile(f)
		front, body, _ := bytes.Cut(bytes.TrimPrefix(data, []byte("---\n")), []byte("\n---\n"))
		summaries = append(summaries, "")
		for _, l := range bytes.Split(front, []byte("\n")) {
			if v, ok := bytes.CutPrefix(l, []byte("summary: ")); ok {
				summaries[len(summaries)-1], _ = strconv.Unquote(string(v))
			}
		}
		bodies = append(bodies, body)
	}
	r := New()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := i % len(bodies)
		if summaries[k] != "" {
			_ = r.FrontMatterSummary(summaries[k])
		} else {
			_ = r.Summary(bodies[k])
		}
	}
}
