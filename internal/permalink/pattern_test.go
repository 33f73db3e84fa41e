package permalink

import (
	"strings"
	"testing"
	"time"
)

func TestPattern(t *testing.T) {
	d := time.Date(2019, 10, 10, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name, pattern string
		p             Page
		want          string
	}{
		{"default: slug as written", "", Page{Path: "inside-rust/2019-10-10-Lang-Team.md"}, "Lang-Team/"},
		{"default: front matter slug", "", Page{Path: "x.md", Slug: "My Slug"}, "My%20Slug/"},
		{"default: bundle", "", Page{Path: "posts/Leaf/index.md"}, "Leaf/"},
		{"sections and file name", "/:sections/:year/:month/:day/:filename.html",
			Page{Path: "inside-rust/2019-10-10-Lang-Team.md", Sections: []string{"inside-rust"}, Date: d},
			"inside-rust/2019/10/10/Lang-Team.html"},
		{"root: empty sections collapse", "/:sections/:year/:month/:day/:filename.html",
			Page{Path: "2014-09-15-Rust-1.0.md", Date: time.Date(2014, 9, 15, 0, 0, 0, 0, time.UTC)},
			"2014/09/15/Rust-1.0.html"},
		{"no section, dated folder", "/:sections/:year/", Page{Path: "x.md", Date: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}, "2024/"},
		{"slug beats file name", "/:slug/", Page{Path: "a/2019-10-10-x.md", Slug: "Kept+Case!"}, "Kept+Case%21/"},
		{"file name ignores slug", "/:filename/", Page{Path: "a/2019-10-10-x.md", Slug: "s"}, "x/"},
		{"slug or file name", "/:slugorfilename/:slugorcontentbasename/:contentbasename/",
			Page{Path: "a/2019-10-10-x.md"}, "x/x/x/"},
		{"title urlized", "/:title/", Page{Path: "x.md", Title: "Hello, World!"}, "hello-world/"},
		{"non-ASCII", "/:slug/", Page{Path: "Ünï café.md"}, "%C3%9Cn%C3%AF%20caf%C3%A9/"},
		{"percent in a slug", "/:slug/", Page{Path: "x.md", Slug: "100%"}, "100%25/"},
		{"section cuts", "/:section/:sections[1:]/:sections[last]/",
			Page{Path: "a/b/c/x.md", Sections: []string{"a", "b", "c"}}, "a/b/c/c/"},
		{"names and days", "/:monthname/:weekdayname/:weekday/:yearday/", Page{Path: "x.md", Date: d}, "October/Thursday/4/283/"},
		{"Go layouts", "/:06/:1/:2/", Page{Path: "x.md", Date: d}, "19/10/10/"},
		{"literal text escaped", "/my notes/:slug/", Page{Path: "x.md"}, "my%20notes/x/"},
		{"escaped colon", `/a\:b/:slug/`, Page{Path: "x.md"}, "a:b/x/"},
		{"base itself", "/", Page{Path: "x.md"}, ""},
	}
	for _, tt := range tests {
		pt := Pattern{Pattern: tt.pattern}
		if err := pt.Check(); err != nil {
			t.Errorf("%s: Check: %v", tt.name, err)
		}
		link, id, err := pt.Link(tt.p)
		if err != nil || link != tt.want || id != link {
			t.Errorf("%s: got %q, %q, %v; want %q", tt.name, link, id, err, tt.want)
		}
	}
}

func TestPatternErrors(t *testing.T) {
	for _, pattern := range []string{"/:year/:nope/", "/:sectionslug/", "/:categories/"} {
		pt := Pattern{Pattern: pattern}
		token := strings.Split(pattern, "/")[2]
		if err := pt.Check(); err == nil || !strings.Contains(err.Error(), token) {
			t.Errorf("Check(%q) = %v, want an error naming %s", pattern, err, token)
		}
		if _, _, err := pt.Link(Page{Path: "x.md"}); err == nil {
			t.Errorf("Link with %q: no error", pattern)
		}
	}
}

func TestFileSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2014-09-15-Rust-1.0.md", "Rust-1.0"},
		{"inside-rust/2019-10-10-Lang-Team.md", "Lang-Team"},
		{"posts/Leaf/index.md", "Leaf"},
		{"2024-3-5-x.md", "2024-3-5-x"},
		{"README", "README"},
	}
	for _, tt := range tests {
		if got := FileSlug(tt.in); got != tt.want {
			t.Errorf("FileSlug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
