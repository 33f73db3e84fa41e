package render

import "testing"

func TestRelPath(t *testing.T) {
	for _, tc := range []struct{ dir, to, want string }{
		{"/first-espresso/", "/first-espresso/images/espresso.jpg", "images/espresso.jpg"},
		{"/blog/bundle/", "/blog/bundle/beans.png", "beans.png"},
		{"/", "/a/b.png", "a/b.png"},
		{"/2024/01/", "/2024/img/x.png", "../img/x.png"},
		{"/a/b/", "/c.png", "../../c.png"},
		{"/a/", "/a", "../a"},
	} {
		if got, ok := relPath(tc.dir, tc.to); !ok || got != tc.want {
			t.Errorf("relPath(%q, %q) = %q, %v; want %q", tc.dir, tc.to, got, ok, tc.want)
		}
	}
	if _, ok := relPath("a/", "/b"); ok {
		t.Error("a relative folder is taken")
	}
}

func TestReferenceLine(t *testing.T) {
	body := []byte("First.\n\n![x](images/x.jpg)\n<img src=\"./y.png\">\n[z](my%20z.pdf) and notimages/w.png\n")
	for _, tc := range []struct {
		rel  string
		line int
		ok   bool
	}{
		{"images/x.jpg", 2, true},
		{"y.png", 3, true},
		{"my z.pdf", 4, true},
		{"w.png", 0, false},
		{"images/w.png", 0, false},
		{"x.jpg", 0, false},
	} {
		line, ok := referenceLine(body, tc.rel)
		if line != tc.line || ok != tc.ok {
			t.Errorf("%q: line %d, %v; want %d, %v", tc.rel, line, ok, tc.line, tc.ok)
		}
	}
}

func TestAttrName(t *testing.T) {
	for s, want := range map[string]string{`<img alt="a" src`: "src", `<a HREF`: "href", `<video poster`: "poster", `x`: "x", ``: ""} {
		if got := attrName(s); got != want {
			t.Errorf("attrName(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestBodyReference(t *testing.T) {
	body := []byte("One.\n![a](../../../gallery/a.png)\n![b](../b.png) ![c](../../c.png)\n")
	for _, tc := range []struct {
		rel   string
		depth int // of the article's link
		line  int
		as    string
		ok    bool
	}{
		{"../gallery/a.png", 1, 1, "../../../gallery/a.png", true}, // clamped at the root, climbing further
		{"../../gallery/a.png", 2, 1, "../../../gallery/a.png", true},
		{"../b.png", 1, 2, "../b.png", true}, // as written
		{"../c.png", 2, 0, "", false},        // does not climb to the root: no further climbing is looked for
		{"gallery/a.png", 0, 1, "../../../gallery/a.png", true},
		{"../gallery/a.png", 4, 0, "", false}, // a link deeper than the reference climbs
	} {
		line, as, ok := bodyReference(body, tc.rel, tc.depth)
		if line != tc.line || as != tc.as || ok != tc.ok {
			t.Errorf("bodyReference(%q, %d) = %d, %q, %v; want %d, %q, %v", tc.rel, tc.depth, line, as, ok, tc.line, tc.as, tc.ok)
		}
	}
	for dir, want := range map[string]int{"/": 0, "/post/": 1, "/2024/post/": 2} {
		if got := depth(dir); got != want {
			t.Errorf("depth(%q) = %d, want %d", dir, got, want)
		}
	}
}
