package permalink

import (
	"strings"
	"testing"
	"time"
)

func TestHugoURLize(t *testing.T) {
	tests := []struct {
		in            string
		lower, accent bool
		want          string
	}{
		{"My First Post", true, false, "my-first-post"},
		{"Café Crème! (v2)", true, false, "caf%C3%A9-cr%C3%A8me-v2"},
		{"x&y", true, false, "xy"},
		{"don't stop", true, false, "dont-stop"},
		{"a - b", true, false, "a-b"},
		{"A/B/C", true, false, "a/b/c"},
		{"a+b", true, false, "a+b"},
		{"C++ file", true, false, "c++-file"},
		{"  lead  and trail  ", true, false, "lead-and-trail"},
		{"Café Ünï", true, true, "cafe-uni"},
		{"Café Ünï", false, true, "Cafe-Uni"},
		{"Ünïcode Tag", false, false, "%C3%9Cn%C3%AFcode-Tag"},
		{"100%25 sure", true, false, "100%25-sure"},
	}
	for _, tt := range tests {
		if got := HugoURLize(tt.in, tt.lower, tt.accent); got != tt.want {
			t.Errorf("HugoURLize(%q, %v, %v) = %q, want %q", tt.in, tt.lower, tt.accent, got, tt.want)
		}
	}
}

// The default URL table of the design notes, with baseURL ".../blog/".
func TestHugoDefaultURL(t *testing.T) {
	tests := []struct {
		name string
		h    Hugo
		p    Page
		want string
	}{
		{"spaces", Hugo{}, Page{Path: "posts/My First Post.md"}, "posts/my-first-post/"},
		{"accents and punctuation", Hugo{}, Page{Path: "posts/Café Crème! (v2).md"}, "posts/caf%C3%A9-cr%C3%A8me-v2/"},
		{"slug &", Hugo{}, Page{Path: "x.md", Slug: "x&y"}, "xy/"},
		{"slug apostrophe", Hugo{}, Page{Path: "x.md", Slug: "don't stop"}, "dont-stop/"},
		{"slug dash", Hugo{}, Page{Path: "x.md", Slug: "a - b"}, "a-b/"},
		{"slug slashes", Hugo{}, Page{Path: "x.md", Slug: "A/B/C"}, "a/b/c/"},
		// Hugo's RSS shows "a&#43;b/": that is the XML encoder's escaping.
		{"slug plus", Hugo{}, Page{Path: "x.md", Slug: "a+b"}, "a+b/"},
		{"file plus", Hugo{}, Page{Path: "C++ file.md"}, "c++-file/"},
		{"url absolute", Hugo{}, Page{Path: "posts/x.md", URL: "/Some/Path"}, "Some/Path/"},
		{"url relative", Hugo{}, Page{Path: "posts/x.md", URL: "rel/x"}, "rel/x/"},
		{"url with extension", Hugo{}, Page{Path: "posts/x.md", URL: "/T.html"}, "T.html"},
		{"url escaped", Hugo{}, Page{Path: "posts/x.md", URL: "/a b/Ä/"}, "a%20b/%C3%84/"},
		{"url root", Hugo{}, Page{Path: "posts/x.md", URL: "/"}, ""},
		{"bundle", Hugo{}, Page{Path: "posts/bundle/index.md"}, "posts/bundle/"},
		{"bundle slug", Hugo{}, Page{Path: "posts/bundle/index.md", Slug: "s"}, "posts/s/"},
		{"no file-name dates", Hugo{}, Page{Path: "posts/2024-03-05-x.md"}, "posts/2024-03-05-x/"},
		{"title unused", Hugo{}, Page{Path: "posts/x.md", Title: "Other"}, "posts/x/"},
		{"remove accents", Hugo{RemovePathAccents: true}, Page{Path: "Café Ünï.md"}, "cafe-uni/"},
		{"keep case", Hugo{DisablePathToLower: true}, Page{Path: "Posts/My Post.md"}, "Posts/My-Post/"},
		{"ugly", Hugo{UglyURLs: true}, Page{Path: "posts/x.md"}, "posts/x.html"},
		{"ugly bundle", Hugo{UglyURLs: true}, Page{Path: "posts/leaf/index.md"}, "posts/leaf.html"},
		{"real: Hugo's release notes", Hugo{}, Page{Path: "news/2021/0.91.2-relnotes/index.md"}, "news/2021/0.91.2-relnotes/"},
		{"hash", Hugo{}, Page{Path: "C# tips.md"}, "c%23-tips/"},
		{"ugly section", Hugo{UglySections: map[string]bool{"notes": true}}, Page{Path: "notes/x.md"}, "notes/x.html"},
		{"ugly other section", Hugo{UglySections: map[string]bool{"notes": true}}, Page{Path: "posts/x.md"}, "posts/x/"},
		{"translation", Hugo{Languages: []string{"en", "fr"}}, Page{Path: "posts/hello.fr.md"}, "posts/hello/"},
		{"translated bundle", Hugo{Languages: []string{"en", "fr"}}, Page{Path: "posts/trip/index.fr.md"}, "posts/trip/"},
		{"no such language", Hugo{Languages: []string{"en", "fr"}}, Page{Path: "posts/v1.2.md"}, "posts/v1.2/"},
	}
	for _, tt := range tests {
		link, id, err := tt.h.Link(tt.p)
		if err != nil || link != tt.want || id != link {
			t.Errorf("%s: Link(%+v) = %q, %q, %v; want %q", tt.name, tt.p, link, id, err, tt.want)
		}
	}
}

// The permalinks token table of the design notes.
func TestHugoPermalinks(t *testing.T) {
	date := time.Date(2024, 3, 5, 23, 30, 0, 0, time.FixedZone("", -5*3600))
	page := Page{
		Path:     "d/x/y/My File, Ünï!.md",
		Sections: []string{"d", "x", "y"},
		Title:    "Hello, World! Ünïcode & C++ (2nd)",
		Date:     date,
	}
	tests := []struct{ pattern, want string }{
		{"/:year/:month/:day/", "2024/03/05/"},
		{"/:monthname/", "march/"},
		{"/:weekday/:weekdayname/", "2/tuesday/"},
		{"/:yearday/", "65/"},
		{"/:section/", "d/"},
		{"/:sections/", "d/x/y/"},
		{"/:sections[1:]/", "x/y/"},
		{"/:sections[last]/", "y/"},
		{"/:sections[:last]/", "d/x/"},
		{"/:sections[0]/", "d/"},
		{"/:sections[7]/:year/", "2024/"},
		{"/:title/", "hello-world-%C3%BCn%C3%AFcode-c-2nd/"},
		{"/:slug/", "hello-world-%C3%BCn%C3%AFcode-c-2nd/"},
		{"/:contentbasename/", "my-file-%C3%BCn%C3%AF/"},
		{"/:slugorcontentbasename/", "my-file-%C3%BCn%C3%AF/"},
		{"/:filename/", "my-file-%C3%BCn%C3%AF/"},
		{"/:slugorfilename/", "my-file-%C3%BCn%C3%AF/"},
		{"/:06/:1/:2/", "24/3/5/"},
		{"/:2006-01-02/", "2024-01-02/"}, // a token is a word: only ":2006" is one
		{"/posts/:slug", "posts/hello-world-%C3%BCn%C3%AFcode-c-2nd/"},
		{`/at\:home/:year/`, "athome/2024/"},
	}
	for _, tt := range tests {
		h := Hugo{Permalinks: map[string]string{"d": tt.pattern}}
		if err := h.Check(); err != nil {
			t.Errorf("Check(%q): %v", tt.pattern, err)
		}
		link, id, err := h.Link(page)
		if err != nil || link != tt.want || id != link {
			t.Errorf("pattern %q: got %q, %q, %v; want %q", tt.pattern, link, id, err, tt.want)
		}
	}
}

func TestHugoPermalinksPages(t *testing.T) {
	tests := []struct {
		name string
		h    Hugo
		p    Page
		want string
	}{
		{"slug beats title", Hugo{Permalinks: map[string]string{"posts": "/:slug/"}},
			Page{Path: "posts/x.md", Slug: "a+b", Title: "T"}, "a-b/"},
		{"slug or file name", Hugo{Permalinks: map[string]string{"posts": "/:slugorfilename/"}},
			Page{Path: "posts/C++.md"}, "c/"},
		{"bundle file name", Hugo{Permalinks: map[string]string{"posts": "/:year/:filename/"}},
			Page{Path: "posts/Leaf/index.md", Date: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)}, "2024/leaf/"},
		{"sub-section covered", Hugo{Permalinks: map[string]string{"posts": "/p/:slug/"}},
			Page{Path: "posts/sub/x.md", Slug: "s"}, "p/s/"},
		{"other section not covered", Hugo{Permalinks: map[string]string{"posts": "/p/:slug/"}},
			Page{Path: "news/x.md", Slug: "s"}, "news/s/"},
		{"nearest section wins", Hugo{Permalinks: map[string]string{"posts": "/p/:slug/", "posts/sub": "/q/:slug/"}},
			Page{Path: "posts/sub/x.md", Slug: "s"}, "q/s/"},
		{"root key covers root pages only", Hugo{Permalinks: map[string]string{"/": "/r/:filename/"}},
			Page{Path: "x.md"}, "r/x/"},
		{"root key", Hugo{Permalinks: map[string]string{"/": "/r/:filename/"}},
			Page{Path: "posts/x.md"}, "posts/x/"},
		{"ugly pattern", Hugo{UglyURLs: true, Permalinks: map[string]string{"posts": "/:year/:slug/"}},
			Page{Path: "posts/x.md", Slug: "s", Date: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)}, "2024/s.html"},
		{"url beats pattern", Hugo{Permalinks: map[string]string{"posts": "/p/:slug/"}},
			Page{Path: "posts/x.md", URL: "/Kept/"}, "Kept/"},
		{"tokens in url", Hugo{},
			Page{Path: "posts/x.md", URL: "/Arch/:year/", Date: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)}, "Arch/2024/"},
		{"empty sections collapse", Hugo{Permalinks: map[string]string{"/": "/:sections/:year/"}},
			Page{Path: "x.md", Date: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)}, "2024/"},
		{"section slugs", Hugo{Permalinks: map[string]string{"d": "/:sectionslugs/:sectionslug/"}},
			Page{Path: "d/e/x.md", Sections: []string{"d", "e"}, SectionSlugs: []string{"Ds", "E Title"}}, "ds/e-title/ds/"},
		{"keep case in patterns", Hugo{DisablePathToLower: true, Permalinks: map[string]string{"posts": "/:title/"}},
			Page{Path: "posts/x.md", Title: "Big News"}, "Big-News/"},
	}
	for _, tt := range tests {
		link, _, err := tt.h.Link(tt.p)
		if err != nil || link != tt.want {
			t.Errorf("%s: got %q, %v; want %q", tt.name, link, err, tt.want)
		}
	}
}

func TestHugoErrors(t *testing.T) {
	h := Hugo{Permalinks: map[string]string{"posts": "/:year/:nope/"}}
	if err := h.Check(); err == nil || !strings.Contains(err.Error(), ":nope") {
		t.Errorf("Check = %v, want an error naming :nope", err)
	}
	if _, _, err := h.Link(Page{Path: "posts/x.md"}); err == nil || !strings.Contains(err.Error(), ":nope") {
		t.Errorf("Link = %v, want an error naming :nope", err)
	}
	if _, _, err := (Hugo{}).Link(Page{Path: "posts/x.md", URL: "/:bogus/"}); err == nil {
		t.Error("Link with an unknown token in url: no error")
	}
	if _, _, err := (Hugo{}).Link(Page{Path: "posts/_index.md"}); err == nil {
		t.Error("Link of a list page: no error")
	}
	sl := Hugo{Permalinks: map[string]string{"d": "/:sectionslug/"}}
	if _, _, err := sl.Link(Page{Path: "d/x.md", Sections: []string{"d"}}); err == nil {
		t.Error(":sectionslug without section slugs: no error")
	}
}

// TestHugoTermPath checks term folders and file names against what Hugo
// 0.165 wrote for the fixture sites: runs stay, unlike in slugs.
func TestHugoTermPath(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"A - B", "a---b"},
		{"C++ & Go", "c++--go"},
		{"Community", "community"},
		{"Ünïcode Tag", "ünïcode-tag"},
	} {
		if got := HugoTermPath(tc.in, true, false); got != tc.want {
			t.Errorf("HugoTermPath(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestHugoTranslationKey is what translations by file name and by folder
// share: the path without the language.
func TestHugoTranslationKey(t *testing.T) {
	h := Hugo{Languages: []string{"en", "fr", "pt-br"}}
	for in, want := range map[string]string{
		"posts/hello.md":         "posts/hello",
		"posts/hello.fr.md":      "posts/hello",
		"posts/hello.pt-BR.md":   "posts/hello",
		"posts/trip/index.fr.md": "posts/trip/index",
		"posts/v1.2.md":          "posts/v1.2",
		"top.en.markdown":        "top",
	} {
		if got := h.TranslationKey(in); got != want {
			t.Errorf("TranslationKey(%q) = %q, want %q", in, got, want)
		}
	}
}
