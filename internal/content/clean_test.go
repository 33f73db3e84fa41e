package content

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/feedpub/feedpub/internal/corpus"
	"github.com/feedpub/feedpub/internal/shortcode"
)

// cleanPair is a site's renderer, and the same renderer sanitising all
// its HTML as before cleanRendered, whose output is the reference.
type cleanPair struct {
	name       string
	fast, slow *Renderer
}

func cleanPairs() []cleanPair {
	makers := map[string]func() *Renderer{
		"feedpub": New,
		"hugo":    hugoRenderer,
		"jekyll":  func() *Renderer { return jekyllRenderer("") },
		// Hugo with markup.goldmark.renderer.unsafe, every extension off.
		"hugo-unsafe": func() *Renderer {
			return NewWith(Options{NoLinkify: true, NoTables: true, NoStrikethrough: true, NoTaskLists: true,
				Summary: HugoSummary, Shortcodes: &shortcode.Site{Syntax: shortcode.Hugo}})
		},
		// URLs made absolute in the rendered HTML.
		"tokens": func() *Renderer { r := New(); r.tokenURLs = true; return r },
		"hugo-tokens": func() *Renderer {
			r := hugoRenderer()
			r.tokenURLs = true
			return r
		},
	}
	var pairs []cleanPair
	for _, name := range []string{"feedpub", "hugo", "jekyll", "hugo-unsafe", "tokens", "hugo-tokens"} {
		slow := makers[name]()
		slow.sanitizeAll = true
		pairs = append(pairs, cleanPair{name, makers[name](), slow})
	}
	return pairs
}

// compare checks that body renders to the same HTML with cleanRendered
// as with the sanitiser, and reports whether it took cleanRendered's path
// (whether goldmark's output held no raw HTML).
func (p cleanPair) compare(t testing.TB, body []byte) bool {
	t.Helper()
	got, err1 := p.fast.HTML(body, postURL)
	want, err2 := p.slow.HTML(body, postURL)
	if got != want || (err1 == nil) != (err2 == nil) {
		t.Fatalf("%s: %q:\nwithout the sanitiser: %q (%v)\nwith it:               %q (%v)", p.name, body, got, err1, want, err2)
	}
	pb := p.fast.prepare(body, Page{})
	doc := p.fast.parse(pb.body)
	if len(pb.blocks) > 0 || hasRawHTML(doc) && !p.fast.opts.OmitRawHTML {
		return false
	}
	var buf bytes.Buffer
	if err := p.fast.md.Renderer().Render(&buf, pb.body, doc); err != nil {
		t.Fatal(err)
	}
	if _, ok := cleanRendered(nil, buf.Bytes(), postURL, true); !ok {
		t.Fatalf("%s: %q: goldmark's HTML was refused, and sanitised:\n%s", p.name, body, buf.Bytes())
	}
	return true
}

// cleanBlocks are Markdown of every kind goldmark renders: each block is
// combined with the others.
var cleanBlocks = []string{
	"It's \"quoted\" & <b>bold</b>, &copy; &amp;amp; &#39; &#x27; &quot; &#0; &nbsp; &notit; \\& \\<x> 3 > 2",
	"# Heading *one*\n\n## Ünïcödé 東京\n\n### Title {#custom .c onclick=x style=\"color:red\" data-x=1 title=\"A title\" lang=fr dir=rtl}",
	"## Odd {#東京 title=\"what?\" lang=\"x\" dir=up id=two}\n\nSetext\n===",
	"[link](rel/ \"Title\") [t2](x 'It''s: a title?') [empty]() [frag](#x) [abs](https://example.com/a?b=1&c=2#f)",
	"[js](javascript:alert(1)) [vb](vbscript:x) [data](data:text/html,x) [img data](data:image/png;base64,xx) [file](file:///etc/passwd) [ftp](ftp://x.example/) [tel](tel:123)",
	"![png](data:image/png;base64,iVBOR) ![svg](DATA:image/svg+xml,<svg>) ![ref][d] ![ok](ok.png)\n\n[d]: data:image/gif;base64,R0lG",
	"![alt](i.png) ![Alt, with: colon?](i.png \"T\") ![](javascript:x) ![*em* `code` & \"q\"](i.png) ![x  \ny](i.png)",
	"[![inner](javascript:x)](javascript:y) [![ok](i.png)](rel/) [![](x)](y)",
	"<https://example.com/a b> <mailto:a@example.com> a@example.com www.example.com/x?y=1&z https://example.com/'q'",
	"`code & \"stuff\" 'q'` ``a ` b`` and *em* **strong** ~~del~~ ***both***",
	"```go\nx := \"1\" & '2' < 3\n```\n\n```\nno lang\n```\n\n``` weird\"lang<x> {.c}\n~\n```\n\n```c++\nint x;\n```",
	"    indented code 'q' \"q\"\n    more",
	"> quote *em*\n> > nested\n\n---\n\n***",
	"- a\n- b\n  - nested\n\n1. one\n2. two\n\n3. three\n4. four\n\n7) seven",
	"- [ ] todo\n- [x] done *em*\n- plain",
	"| a | b | c |\n|:-|:-:|-:|\n| 1 | 'q' | \"r\" |\n| [l](l/) | ![i](i.png) | `c` |",
	"Claim[^1] and another[^note] and again[^1].\n\n[^1]: First *note*.\n[^note]: Second, with [a link](x/).",
	"Term\n: Definition *one*\n: Two\n\nOther\n: Def",
	"\"Curly\" 'single' -- dash --- em... <<angle>> It's 1990's",
	"Hard  \nbreak and soft\nbreak\\\nand backslash",
	"Line with CR\r\nand LF\rand lone CR\n\n```\ncode\r\nCR\r\n```",
	"NUL \x00 byte and `code \x00` and [l\x00](x\x00y)",
	"[ref][r] [collapsed][] [r]\n\n[r]: https://example.com/ref \"Ref title\"\n[collapsed]: <rel path/> 'T'",
	"<div>raw block</div>\n\ninline <span onclick=x>raw</span> <!-- c -->",
	"![x](https://example.com/a.png \"title & 'more'\") [x](<a b> \"t\") [x](a%20b) [x](%zz) [x](http://[::1]:80/)",
	"[e](mailto:ann@example.com) [E](MAILTO:x@y) [H](HTTP://EXAMPLE.COM/A) [s]( https://x.example/ ) [sp](<x\ty>)",
	"",
}

// cleanBodies are the bodies compared: the blocks in pairs, the URL
// bodies, the fuzz corpora, the XSS catalogue's vectors, the project's own
// test articles and generated ones.
func cleanBodies(t testing.TB) []string {
	t.Helper()
	var bodies []string
	for _, a := range cleanBlocks {
		for _, b := range cleanBlocks {
			bodies = append(bodies, a+"\n\n"+b, a+"\n"+b)
		}
	}
	bodies = append(bodies, urlBodies...)
	for _, dir := range []string{"FuzzHTML", "FuzzSummary", "FuzzClean"} {
		seeds, _ := filepath.Glob(filepath.Join("testdata", "fuzz", dir, "*"))
		for _, f := range seeds {
			data, _ := os.ReadFile(f)
			if _, v, ok := strings.Cut(string(data), "\n"); ok {
				v = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(v), "[]byte("), ")")
				if s, err := strconv.Unquote(v); err == nil {
					bodies = append(bodies, s)
				}
			}
		}
	}
	bodies = append(bodies, repoVectors(t)...)
	bodies = append(bodies, repoArticles(t)...)
	dir := t.TempDir()
	if err := corpus.Generate(dir, 300, 7); err != nil {
		t.Fatal(err)
	}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			bodies = append(bodies, string(data))
		}
		return err
	})
	return bodies
}

// moduleRoot is the folder of go.mod.
func moduleRoot(t testing.TB) string {
	dir, _ := filepath.Abs(".")
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = up
	}
}

// repoVectors are the XSS catalogue's vectors, read from the test that
// holds them (wherever its package lives), each as a body of its own and
// between paragraphs as the catalogue puts it.
func repoVectors(t testing.TB) []string {
	var vectors []string
	list := regexp.MustCompile(`(?s)var xssVectors = \[\]string\{\n(.*?)\n\}`)
	filepath.WalkDir(filepath.Join(moduleRoot(t), "internal"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, "_test.go") {
			return err
		}
		src, _ := os.ReadFile(p)
		m := list.FindSubmatch(src)
		if m == nil {
			return nil
		}
		for _, line := range strings.Split(string(m[1]), "\n") {
			line = strings.TrimSuffix(strings.TrimSpace(line), ",")
			if v, err := strconv.Unquote(line); err == nil {
				vectors = append(vectors, v, "Before.\n\n"+v+"\n\nAfter.\n")
			}
		}
		return nil
	})
	if len(vectors) < 60 {
		t.Fatalf("found %d of the XSS catalogue's vectors", len(vectors)/2)
	}
	return vectors
}

// repoArticles are the Markdown files in the project's test data.
func repoArticles(t testing.TB) []string {
	var bodies []string
	filepath.WalkDir(filepath.Join(moduleRoot(t), "internal"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.Contains(filepath.ToSlash(p), "/testdata/") &&
			(strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".markdown")) {
			if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() && st.Size() < 1<<20 {
				data, _ := os.ReadFile(p)
				bodies = append(bodies, string(data))
			}
		}
		return nil
	})
	if len(bodies) < 20 {
		t.Fatalf("found %d test articles", len(bodies))
	}
	return bodies
}

// TestCleanRendered checks that HTML rendered without the sanitiser, for a
// body without raw HTML, is byte for byte what the sanitiser made of it,
// and that goldmark's HTML for such a body is never refused by
// cleanRendered, which would send it to the sanitiser.
func TestCleanRendered(t *testing.T) {
	bodies := cleanBodies(t)
	for _, p := range cleanPairs() {
		clean := 0
		for _, b := range bodies {
			if p.compare(t, []byte(b)) {
				clean++
			}
		}
		if clean < len(bodies)/3 || clean == len(bodies) {
			t.Errorf("%s: %d of %d bodies had no raw HTML; want many, not all", p.name, clean, len(bodies))
		}
		t.Logf("%s: %d of %d bodies rendered without the sanitiser", p.name, clean, len(bodies))
	}
}

// FuzzClean checks, on any body, that rendering without the sanitiser
// gives the HTML the sanitiser gives, for every kind of site.
func FuzzClean(f *testing.F) {
	for _, b := range cleanBlocks {
		f.Add([]byte(b))
	}
	pairs := cleanPairs()
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, p := range pairs {
			p.compare(t, body)
		}
	})
}

// TestCleanRefuses checks that HTML goldmark would not write goes to the
// sanitiser.
func TestCleanRefuses(t *testing.T) {
	for _, h := range []string{
		"<script>x</script>", "<p onclick=x>a</p>", "<p title='x'>a</p>", "<p title=x>a</p>", "<img src=x/>",
		"<br/>", "<P>a</P>", "<!-- other -->", "<!doctype html>", "<svg>", "</svg>", "<a href=\"x\" >a</a>",
		`<a title="&notit;">a</a>`, `<a title="&copy">a</a>`, "a < b", "<p", "<p a=\"x",
	} {
		if out, ok := cleanRendered(nil, []byte(h), postURL, false); ok {
			t.Errorf("%q was taken as goldmark's: %q", h, out)
		}
	}
	// What it takes, it writes as the sanitiser would.
	for _, tt := range []struct{ in, want string }{
		{`<p>It's &quot;q&quot;</p>`, `<p>It&#39;s &#34;q&#34;</p>`},
		{`<h2 id="東京" class="c" style="x">T</h2>`, `<h2>T</h2>`},
		{`<p><a href="javascript:x">a</a> <img src="" alt="b?"></p>`, `<p>a </p>`},
		{`<p><a href="vbscript:x" title="ok">a</a></p>`, `<p><a title="ok">a</a></p>`},
		{`<p><a href="https://EXAMPLE.com/%7e">a</a></p>`, `<p><a href="https://EXAMPLE.com/%7e">a</a></p>`},
		{"<ol start=\"3\">\n<li><input disabled=\"\" type=\"checkbox\"> x</li></ol>", "<ol>\n<li> x</li></ol>"},
		{`<p>&ldquo;x&rdquo;&#160;&#x21a9;</p>`, "<p>“x”\u00a0↩</p>"},
	} {
		out, ok := cleanRendered(nil, []byte(tt.in), postURL, false)
		if !ok || string(out) != tt.want {
			t.Errorf("%q: got %q (%v), want %q", tt.in, out, ok, tt.want)
		}
		// And so does the sanitiser.
		if s := string(New().policy.SanitizeBytes([]byte(tt.in))); s != tt.want {
			t.Errorf("%q: the sanitiser writes %q, not %q", tt.in, s, tt.want)
		}
	}
}

// TestCleanURLs checks the URLs of links and images rendered without the
// sanitiser against its rule, which is not goldmark's: goldmark's
// IsDangerousURL lets ftp:, tel: and data:image/png through, and refuses
// only javascript:, vbscript:, file: and other data: URLs; the policy keeps
// relative, http, https and mailto URLs only, whatever their case.
func TestCleanURLs(t *testing.T) {
	for _, tt := range []struct {
		url  string
		kept bool
	}{
		{"rel/x", true}, {"/root", true}, {"#frag", true}, {"?q", true}, {"//cdn.example/x", true},
		{"https://example.com/", true}, {"HTTP://example.com/", true}, {"mailto:a@example.com", true}, {"MailTo:a@example.com", true},
		{"javascript:alert(1)", false}, {"JaVaScRiPt:alert(1)", false}, {"vbscript:x", false}, {"file:///etc/passwd", false},
		{"data:text/html,x", false}, {"data:image/png;base64,iVBOR", false}, {"data:image/svg+xml,x", false},
		{"ftp://example.com/", false}, {"tel:123", false}, {"x-custom:y", false}, {"&#106;avascript:x", false},
	} {
		for _, p := range cleanPairs() {
			for _, md := range []string{"[link](" + tt.url + ")", "![image](" + tt.url + ")"} {
				p.compare(t, []byte(md))
				got, _ := p.fast.HTML([]byte(md), postURL)
				if p.fast.tokenURLs && p.fast.opts.OmitRawHTML {
					// goldmark writes href="" for what it refuses, which
					// absolutize then makes the article's own URL.
					continue
				}
				if kept := strings.Contains(got, "href=") || strings.Contains(got, "src="); kept != tt.kept {
					t.Errorf("%s: %q: %q; want the URL kept: %v", p.name, md, got, tt.kept)
				}
			}
		}
	}
}
