package content

import (
	"net/url"
	"testing"
)

// TestSrcset holds the srcset of images and of a picture's sources to
// what the feeds carry: every URL absolute, those the policy refuses
// left out with their descriptors, the attribute gone when none is left.
func TestSrcset(t *testing.T) {
	base, _ := url.Parse("https://example.com/blog/post/")
	tests := []struct{ name, html, want string }{
		{"relative and absolute",
			`<img src="a.jpg" srcset="a.jpg 800w, /big.jpg 1600w, https://cdn.example.net/c.jpg 2400w" sizes="(max-width: 600px) 100vw, 50vw" alt="x">`,
			`<img src="https://example.com/blog/post/a.jpg" srcset="https://example.com/blog/post/a.jpg 800w, https://example.com/big.jpg 1600w, https://cdn.example.net/c.jpg 2400w" sizes="(max-width: 600px) 100vw, 50vw" alt="x">`},
		{"refused URLs", `<img src="a.jpg" srcset="javascript:alert(1) 1x, data:image/png;base64,AAAA 2x, mailto:x@example.com 3x, ok.jpg 4x">`,
			`<img src="https://example.com/blog/post/a.jpg" srcset="https://example.com/blog/post/ok.jpg 4x">`},
		{"nothing left", `<img src="a.jpg" srcset="javascript:alert(1) 2x">`, `<img src="https://example.com/blog/post/a.jpg">`},
		{"bad descriptors", `<img src="a.jpg" srcset="b.jpg 2x 3x, c.jpg huge, d.jpg 1.5x, e.jpg">`,
			`<img src="https://example.com/blog/post/a.jpg" srcset="https://example.com/blog/post/d.jpg 1.5x, https://example.com/blog/post/e.jpg">`},
		{"commas in URLs", `<img src="a.jpg" srcset="https://img.example.net/w_300,h_200/p.jpg 300w,b.jpg, c.jpg 2x">`,
			`<img src="https://example.com/blog/post/a.jpg" srcset="https://img.example.net/w_300,h_200/p.jpg 300w, https://example.com/blog/post/b.jpg, https://example.com/blog/post/c.jpg 2x">`},
		{"picture", `<picture><source srcset="p.webp 1x, p2.webp 2x" type="image/webp" media="(min-width: 40em)"><source srcset="javascript:x"><img src="p.jpg" alt="p"></picture>`,
			`<p><picture><source srcset="https://example.com/blog/post/p.webp 1x, https://example.com/blog/post/p2.webp 2x" type="image/webp" media="(min-width: 40em)"><img src="https://example.com/blog/post/p.jpg" alt="p"></picture></p>`},
		{"bad source type", `<picture><source srcset="p.webp" type="text/html" onerror="x()"><img src="p.jpg"></picture>`,
			`<p><picture><source srcset="https://example.com/blog/post/p.webp"><img src="https://example.com/blog/post/p.jpg"></picture></p>`},
	}
	r := New()
	for _, tt := range tests {
		got, err := r.HTML([]byte(tt.html), base)
		if err != nil {
			t.Fatal(err)
		}
		if got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}

// TestWithPicture: the article's picture comes first in its content,
// unless the content shows it already.
func TestWithPicture(t *testing.T) {
	const img = "https://example.com/post/cover.jpg"
	tests := []struct{ name, content, image, alt, want string }{
		{"first", "<p>Hello.</p>", img, "A cover", `<p><img src="https://example.com/post/cover.jpg" alt="A cover"></p>` + "\n<p>Hello.</p>"},
		{"empty body", "", img, "T", `<p><img src="https://example.com/post/cover.jpg" alt="T"></p>`},
		{"alt escaped", "<p>x</p>", "https://example.com/a.jpg?w=1&h=2", `AT&T "<b>"`,
			`<p><img src="https://example.com/a.jpg?w=1&amp;h=2" alt="AT&amp;T &#34;&lt;b&gt;&#34;"></p>` + "\n<p>x</p>"},
		{"no picture", "<p>x</p>", "", "T", "<p>x</p>"},
		{"shown already", `<p>See <img src="https://example.com/post/cover.jpg" alt="c"></p>`, img, "T", `<p>See <img src="https://example.com/post/cover.jpg" alt="c"></p>`},
		{"shown in a srcset", `<p><img src="https://example.com/s.jpg" srcset="https://example.com/s.jpg 1x, https://example.com/post/cover.jpg 2x"></p>`, img, "T",
			`<p><img src="https://example.com/s.jpg" srcset="https://example.com/s.jpg 1x, https://example.com/post/cover.jpg 2x"></p>`},
		{"shown in a source", `<p><picture><source srcset="https://example.com/post/cover.jpg"><img src="https://example.com/p.png"></picture></p>`, img, "T",
			`<p><picture><source srcset="https://example.com/post/cover.jpg"><img src="https://example.com/p.png"></picture></p>`},
		{"only linked", `<p><a href="https://example.com/post/cover.jpg">big</a></p>`, img, "T",
			`<p><img src="https://example.com/post/cover.jpg" alt="T"></p>` + "\n" + `<p><a href="https://example.com/post/cover.jpg">big</a></p>`},
		{"another picture", `<p><img src="https://example.com/post/other.jpg" alt="o"></p>`, img, "T",
			`<p><img src="https://example.com/post/cover.jpg" alt="T"></p>` + "\n" + `<p><img src="https://example.com/post/other.jpg" alt="o"></p>`},
		{"same URL written otherwise", `<p><img src="https://EXAMPLE.com/post/cover.jpg"></p>`, "https://EXAMPLE.com/post/cover.jpg", "T",
			`<p><img src="https://EXAMPLE.com/post/cover.jpg"></p>`},
		{"refused URL", "<p>x</p>", "javascript:alert(1)", "T", "<p>x</p>"},
	}
	for _, tt := range tests {
		if got := WithPicture(tt.content, tt.image, tt.alt); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}

func TestFirstImage(t *testing.T) {
	tests := []struct{ content, want string }{
		{`<p>x</p>`, ""},
		{`<p><a href="https://e.com/a.jpg">a</a> <img alt="no src"><img src="https://e.com/b.png" alt="b"><img src="https://e.com/c.png"></p>`, "https://e.com/b.png"},
		{`<p><picture><source srcset="https://e.com/p.webp"><img src="https://e.com/p.jpg"></picture></p>`, "https://e.com/p.jpg"},
		{`<p><img src="https://e.com/a.jpg?x=1&amp;y=2"></p>`, "https://e.com/a.jpg?x=1&y=2"},
	}
	for _, tt := range tests {
		if got := FirstImage(tt.content); got != tt.want {
			t.Errorf("FirstImage(%s) = %q, want %q", tt.content, got, tt.want)
		}
	}
}
