package content

import (
	"strings"
	"testing"
)

// TestDataImages checks that an image whose URL is a data: URL is left
// out whole, Markdown or HTML, on every kind of site and both ways of
// cleaning, with a warning at its line; and that other images stay.
func TestDataImages(t *testing.T) {
	const png = "data:image/png;base64,iVBORw0KGgo="
	hint := " is left out: its URL is a data: URL, which feed readers do not show — " + dataImageHint
	tests := []struct {
		name, body string
		file       string // the article's file name; "x.md" when empty
		want       string // the HTML, on every site
		warnings   []string
	}{
		{"markdown", "Intro.\n\n![Logo](" + png + ") after\n", "", "<p>Intro.</p>\n<p> after</p>",
			[]string{`x.md:12: the image "Logo"` + hint}},
		{"no text", "![](" + png + ")\n", "", "<p></p>", []string{"x.md:10: an image" + hint}},
		{"reference", "A ![Ref][r] b\n\n[r]: " + png + "\n", "", "<p>A  b</p>", []string{`x.md:12: the image "Ref"` + hint}},
		{"upper case", "![Up](DATA:image/gif;base64,R0lGOD)\n", "", "<p></p>", []string{`x.md:10: the image "Up"` + hint}},
		{"two", "![a](" + png + ")\n\n![b](" + png + ")\n", "", "<p></p>\n<p></p>",
			[]string{`x.md:10: the image "a"` + hint, `x.md:12: the image "b"` + hint}},
		{"kept", "![Pic](pic.png) ![Abs](https://cdn.example/data:x.png)\n", "",
			`<p><img src="https://example.com/blog/post/pic.png" alt="Pic"> <img src="https://cdn.example/data:x.png" alt="Abs"></p>`, nil},
		{"a link is no image", "[x](" + png + ")\n", "", "<p>x</p>", nil},
	}
	base := postURL
	for _, tt := range tests {
		for _, p := range cleanPairs() {
			file := tt.file
			if file == "" {
				file = "x.md"
			}
			page := Page{File: file, Line: 10}
			fast, err1 := p.fast.Render([]byte(tt.body), base, page, true)
			slow, err2 := p.slow.Render([]byte(tt.body), base, page, true)
			if err1 != nil || err2 != nil {
				t.Fatalf("%s: %s: %v %v", tt.name, p.name, err1, err2)
			}
			if fast.HTML != slow.HTML || strings.Join(fast.Warnings, "\n") != strings.Join(slow.Warnings, "\n") {
				t.Errorf("%s: %s: cleaned %q %q, sanitised %q %q", tt.name, p.name, fast.HTML, fast.Warnings, slow.HTML, slow.Warnings)
			}
			if fast.HTML != tt.want {
				t.Errorf("%s: %s: %q, want %q", tt.name, p.name, fast.HTML, tt.want)
			}
			if got, want := strings.Join(fast.Warnings, "\n"), strings.Join(tt.warnings, "\n"); got != want {
				t.Errorf("%s: %s: warnings\n%s\nwant\n%s", tt.name, p.name, got, want)
			}
		}
	}
}

// TestDataImagesHTML checks images in raw HTML, in an HTML article and
// from a shortcode: each left out whole, with its warning.
func TestDataImagesHTML(t *testing.T) {
	hint := " is left out: its URL is a data: URL, which feed readers do not show — " + dataImageHint
	tests := []struct {
		name string
		r    *Renderer
		file string
		body string
		want string
		warn []string
	}{
		{"raw HTML", New(), "x.md", "Text.\n\n<p><img alt=\"Chart\" src=\" data:image/png;base64,AAAA\" width=\"10\"> and <img src=\"ok.png\" alt=\"ok\"></p>\n",
			`<p>Text.</p>` + "\n" + `<p> and <img src="https://example.com/blog/post/ok.png" alt="ok"></p>`,
			[]string{`x.md:12: the image "Chart"` + hint}},
		{"upper-case tag", New(), "x.md", "<IMG SRC=\"Data:image/gif;base64,R0lG\">\n", "", []string{"x.md:10: an image" + hint}},
		{"character reference", New(), "x.md", "<img src=\"&#100;ata:image/png;base64,AA\" alt=\"E\">\n", "",
			[]string{`x.md:10: the image "E"` + hint}},
		{"HTML article", New(), "x.html", "<p>A</p>\n<img src=\"data:image/webp;base64,UklG\" alt=\"W\">\n", "<p>A</p>",
			[]string{`x.html:11: the image "W"` + hint}},
		{"figure shortcode", hugoRenderer(), "x.md", "Before.\n\n{{< figure src=\"data:image/png;base64,AAAA\" alt=\"Fig\" >}}\n", "<p>Before.</p>\n<figure></figure>",
			[]string{`x.md:12: the image "Fig"` + hint}},
	}
	for _, tt := range tests {
		res, err := tt.r.Render([]byte(tt.body), postURL, Page{File: tt.file, Line: 10}, true)
		if err != nil {
			t.Fatal(err)
		}
		if res.HTML != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, res.HTML, tt.want)
		}
		if got, want := strings.Join(res.Warnings, "\n"), strings.Join(tt.warn, "\n"); got != want {
			t.Errorf("%s: warnings\n%s\nwant\n%s", tt.name, got, want)
		}
	}
}

// TestDropDataImages checks that HTML without such images comes back as
// it was, byte for byte.
func TestDropDataImages(t *testing.T) {
	for _, h := range []string{"<p>x</p>", `<img src="a.png" alt="a"><IMG SRC='b.png'>`, "<script>'<img src=data:x>'</script>",
		`<a href="data:x">a</a>`, "<imgx src=\"data:x\">", "text &amp; <b>bold</b>"} {
		out, _, urls := dropDataImages([]byte(h))
		if string(out) != h || len(urls) != 0 {
			t.Errorf("%q became %q (%v)", h, out, urls)
		}
	}
	out, alts, urls := dropDataImages([]byte(`a<img src="data:x" alt="A"/>b<img src=ok.png>`))
	if string(out) != "ab<img src=ok.png>" || len(urls) != 1 || urls[0] != "data:x" || alts[0] != "A" {
		t.Errorf("got %q %q %q", out, alts, urls)
	}
}
