package content

import (
	"net/url"
	"strings"
	"testing"

	"github.com/feedpub/feedpub/internal/shortcode"
)

var postURL, _ = url.Parse("https://example.com/blog/post/")

func hugoRenderer() *Renderer {
	return NewWith(Options{Footnotes: true, DefinitionLists: true, Typographer: true, HeadingAttributes: true,
		HeadingIDs: true, OmitRawHTML: true, Summary: HugoSummary, Shortcodes: &shortcode.Site{Syntax: shortcode.Hugo}})
}

func jekyllRenderer(sep string) *Renderer {
	return NewWith(Options{Footnotes: true, DefinitionLists: true, Typographer: true, HeadingIDs: true, Kramdown: true,
		NoLinkify: true, Summary: JekyllExcerpt, ExcerptSeparator: sep, Shortcodes: &shortcode.Site{Syntax: shortcode.Jekyll}})
}

func TestFootnotes(t *testing.T) {
	for name, r := range map[string]*Renderer{"feedpub": New(), "hugo": hugoRenderer(), "jekyll": jekyllRenderer("")} {
		got, err := r.HTML([]byte("Claim[^1] and another[^note].\n\n[^1]: First.\n[^note]: Second.\n"), postURL)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(got, "[^") || !strings.Contains(got, `<sup id="fnref:1"><a href="https://example.com/blog/post/#fn:1">1</a></sup>`) ||
			!strings.Contains(got, `<li id="fn:2">`) || !strings.Contains(got, "Second.") {
			t.Errorf("%s: footnotes not rendered: %s", name, got)
		}
	}
}

func TestHugoMarkdown(t *testing.T) {
	r := hugoRenderer()
	got, _ := r.HTML([]byte("## Title {#custom .c}\n\nTerm\n: Definition\n\n\"Quoted\" -- dash... www.example.com\n\n<div onclick=x>raw</div>\n"), postURL)
	for _, want := range []string{`<h2 id="custom">Title</h2>`, "<dl>\n<dt>Term</dt>\n<dd>Definition</dd>\n</dl>",
		"“Quoted” – dash…", `<a href="http://www.example.com">www.example.com</a>`} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if strings.Contains(got, "raw") {
		t.Errorf("raw HTML kept although Hugo omits it: %s", got)
	}
	// markup.goldmark.renderer.unsafe keeps it.
	unsafe := NewWith(Options{Summary: HugoSummary})
	if got, _ := unsafe.HTML([]byte("<div>raw</div>\n"), postURL); got != "<div>raw</div>" {
		t.Errorf("unsafe: %q", got)
	}
}

func TestKramdownMarkers(t *testing.T) {
	r := jekyllRenderer("")
	got, _ := r.HTML([]byte("* TOC\n{:toc}\n\n## Heading\n{: .note #id}\n\nA *span*{: .x} text.\n{: .para}\n\n{::options parse_block_html=\"true\" /}\n\nEnd.\n"), postURL)
	if strings.Contains(got, "{:") || strings.Contains(got, "TOC") {
		t.Errorf("kramdown markers shown: %s", got)
	}
	for _, want := range []string{"Heading</h2>", "<em>span</em> text.", "<p>End.</p>"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in %s", want, got)
		}
	}
}

func TestBrokenHTMLRepaired(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<pre>\nunclosed\n\nText after.\n", "<pre>unclosed\n\nText after.\n</pre>"},
		{"<div>\nA div.\n</div>\n</div>\n\nAfter.\n", "<div>\nA div.\n</div>\n\n<p>After.</p>"},
		{`<img src="a.png"></img> and <b><i>misnested</b></i>`, `<p><img src="https://example.com/blog/post/a.png"> and <b><i>misnested</i></b></p>`},
		{"<p>para <div>block</div> end</p>", "<p>para </p><div>block</div> end<p></p>"},
	}
	r := New()
	for _, tt := range tests {
		got, err := r.HTML([]byte(tt.in), postURL)
		if err != nil || got != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestShortcodesRendered(t *testing.T) {
	r := hugoRenderer()
	res, err := r.Render([]byte("Look:\n\n{{< figure src=\"img/cat.jpg\" caption=\"A *cat*\" >}}\n\nEnd {{< gh 1 >}}.\n"), postURL,
		Page{File: "content/post/index.md", Line: 4}, true)
	if err != nil {
		t.Fatal(err)
	}
	want := `<p>Look:</p>` + "\n" + `<figure><img src="https://example.com/blog/post/img/cat.jpg" alt="A cat"><figcaption><p>A <em>cat</em></p></figcaption></figure>` + "\n<p>End .</p>"
	if res.HTML != want {
		t.Errorf("got\n%s\nwant\n%s", res.HTML, want)
	}
	if len(res.Warnings) != 1 || !strings.HasPrefix(res.Warnings[0], "content/post/index.md:8: shortcode \"gh\"") {
		t.Errorf("warnings %q", res.Warnings)
	}
	if res.Summary != "Look: A cat End ." {
		t.Errorf("summary %q", res.Summary)
	}
}

func TestSummaryRules(t *testing.T) {
	words := func(n int, w string) string { return strings.TrimSpace(strings.Repeat(w+" ", n)) }
	hugo := hugoRenderer()
	short := NewWith(Options{Summary: HugoSummary, SummaryLength: 5})
	tests := []struct {
		name string
		r    *Renderer
		body string
		want string
	}{
		{"hugo: across paragraphs up to summaryLength", hugo,
			words(40, "a") + "\n\n- " + words(20, "b") + "\n\n" + words(20, "c") + "\n\n" + words(10, "d"),
			words(40, "a") + " " + words(20, "b") + " " + words(20, "c")},
		{"hugo: short post whole", hugo, "One.\n\n## Two\n\nThree.", "One. Two Three."},
		{"hugo: summaryLength", short, "One two three.\n\nFour five six.\n\nSeven.", "One two three. Four five six."},
		{"hugo: more marker", hugo, "One.\n\n<!--more-->\n\nTwo.", "One."},
		{"hugo: marker in code is code", short, "One.\n\n```\n<!--more-->\n```\n\nTwo three four five.\n\nSix.", "One. <!--more--> Two three four five."},
		{"hugo: image-only paragraph", short, "![A heron](h.jpg)\n\nThe heron waited.", "The heron waited."},
		{"jekyll: first paragraph", jekyllRenderer(""), "Hello Jekyllers!\n\nMore text.", "Hello Jekyllers!"},
		{"jekyll: separator", jekyllRenderer("<!-- more -->"), "One.\n\nTwo.\n<!-- more -->\nThree.", "One. Two."},
		{"jekyll: no separator, whole post", jekyllRenderer("<!-- more -->"), "One.\n\nTwo.", "One. Two."},
		{"jekyll: reference links of the rest", jekyllRenderer(""), "See [the docs][d].\n\nMore.\n\n[d]: https://example.com/", "See the docs."},
		{"jekyll: image-only excerpt", jekyllRenderer(""), "![](sticker.png)\n\nYou may have heard.", "You may have heard."},
		{"jekyll: liquid in excerpt", jekyllRenderer(""), "Read {% raw %}{{ this }}{% endraw %}.\n\nMore.", "Read {{ this }}."},
		{"feedpub: first paragraph", New(), "![x](a.png)\n\nFirst.\n\nSecond.", "First."},
	}
	for _, tt := range tests {
		if got := tt.r.Summary([]byte(tt.body)); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
	if got := jekyllRenderer("").FrontMatterSummary("It's <b>raw</b> -- as written"); got != "It's raw -- as written" {
		t.Errorf("jekyll description: %q", got)
	}
}

func TestHTMLFile(t *testing.T) {
	r := hugoRenderer()
	res, err := r.Render([]byte("<p>By bep</p>\n<table><tr><td>x<td>y</table>\n<p>More <a href=\"rel/\">link</a></p>"), postURL,
		Page{File: "content/news/x/index.html"}, true)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.HTML, `<td>x</td><td>y</td>`) || !strings.Contains(res.HTML, `href="https://example.com/blog/post/rel/"`) || res.Summary != "By bep x y More link" {
		t.Errorf("got %q, %q", res.HTML, res.Summary)
	}
}
