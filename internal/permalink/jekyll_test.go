package permalink

import (
	"strings"
	"testing"
	"time"
)

func TestJekyllSlugify(t *testing.T) {
	tests := []struct{ in, mode, want string }{
		{"The _config.yml file", "", "the-config-yml-file"},
		{"The _config.yml file", "default", "the-config-yml-file"},
		{"The _config.yml file", "pretty", "the-_config.yml-file"},
		{"The _config.yml file", "ascii", "the-config-yml-file"},
		{"The _config.yml file", "latin", "the-config-yml-file"},
		{"The _config.yml file", "raw", "the-_config.yml-file"},
		{"The _config.yml file", "none", "the _config.yml file"},
		{"My Post, Ünï & C++ (2nd)!", "default", "my-post-ünï-c-2nd"},
		{"Café Crème", "latin", "cafe-creme"},
		{"Straße Ærø", "latin", "strasse-aero"},
		{"日本語 text", "latin", "text"},
		{"Ünï", "ascii", "n"},
		{"  spaced   out  ", "raw", "spaced-out"},
		{"-dashes-", "default", "dashes"},
	}
	for _, tt := range tests {
		if got := JekyllSlugify(tt.in, tt.mode); got != tt.want {
			t.Errorf("JekyllSlugify(%q, %q) = %q, want %q", tt.in, tt.mode, got, tt.want)
		}
	}
}

// The token table of the design notes: Cat One/_posts/2024-03-05-My Post,
// Ünï & C++ (2nd)!.md with categories [Tech News, Go] at 14:07:09.
func TestJekyllTokens(t *testing.T) {
	page := Page{
		Path:       "Cat One/_posts/2024-03-05-My Post, Ünï & C++ (2nd)!.md",
		Categories: []string{"Tech News", "Go"},
		Date:       time.Date(2024, 3, 5, 14, 7, 9, 0, time.UTC),
	}
	tests := []struct{ pattern, want string }{
		{"/:categories/", "cat%20one/tech%20news/go/"},
		{"/:title/", "My-Post,-%C3%9Cn%C3%AF-&-C++-(2nd)!/"},
		{"/:slug/", "my-post-%C3%BCn%C3%AF-c-2nd/"},
		{"/:year/:month/:i_month/:day/:i_day/:short_year/", "2024/03/3/05/5/24/"},
		{"/:hour/:minute/:second/x:output_ext", "14/07/09/x.html"},
		{"/:slugified_categories/", "cat-one/tech-news/go/"},
		{"/:short_month/:long_month/", "Mar/March/"},
		{"/:y_day/:week/:short_day/:long_day/:w_day/:w_year/", "065/10/Tue/Tuesday/2/2024/"},
		{"/:month_:day/", "03_05/"},
		{"/:collection/:name/", "posts/2024-03-05-my-post-%C3%BCn%C3%AF-c-2nd/"},
		{"/:path/", "Cat%20One/2024-03-05-My%20Post,%20%C3%9Cn%C3%AF%20&%20C++%20(2nd)!/"},
	}
	for _, tt := range tests {
		j := Jekyll{Permalink: tt.pattern}
		if err := j.Check(); err != nil {
			t.Errorf("Check(%q): %v", tt.pattern, err)
		}
		link, _, err := j.Link(page)
		if err != nil || link != tt.want {
			t.Errorf("pattern %q: got %q, %v; want %q", tt.pattern, link, err, tt.want)
		}
	}
}

func TestJekyllLinks(t *testing.T) {
	d := time.Date(2024, 3, 5, 14, 7, 9, 0, time.UTC)
	release := time.Date(2025, 1, 29, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		j        Jekyll
		p        Page
		link, id string
	}{
		{"date", Jekyll{}, Page{Path: "_posts/2024-03-05-hello-world.md", Date: d},
			"2024/03/05/hello-world.html", "2024/03/05/hello-world"},
		{"date by name", Jekyll{Permalink: "date"}, Page{Path: "_posts/2024-03-05-hello-world.md", Date: d},
			"2024/03/05/hello-world.html", "2024/03/05/hello-world"},
		{"pretty", Jekyll{Permalink: "pretty"}, Page{Path: "_posts/2024-03-05-hello-world.md", Date: d},
			"2024/03/05/hello-world/", "2024/03/05/hello-world"},
		{"ordinal", Jekyll{Permalink: "ordinal"}, Page{Path: "_posts/2024-03-05-hello-world.md", Date: d},
			"2024/065/hello-world.html", "2024/065/hello-world"},
		{"weekdate", Jekyll{Permalink: "weekdate"}, Page{Path: "_posts/2024-03-05-hello-world.md", Date: d},
			"2024/W10/Tue/hello-world.html", "2024/W10/Tue/hello-world"},
		{"none", Jekyll{Permalink: "none"}, Page{Path: "_posts/2024-03-05-hello-world.md", Date: d},
			"hello-world.html", "hello-world"},
		{"no slash, no extension", Jekyll{Permalink: "/:year/:title"}, Page{Path: "_posts/2024-03-05-x.md", Date: d},
			"2024/x", "2024/x"},
		{"front matter permalink", Jekyll{}, Page{Path: "_posts/2024-03-05-permalink.md", Date: d, URL: "/Custom/Path/"},
			"Custom/Path/", "Custom/permalink"},
		{"tokens in front matter permalink", Jekyll{}, Page{Path: "_posts/2024-03-05-x.md", Date: d, URL: "/blog/:year/:title/"},
			"blog/2024/x/", "blog/2024/x"},
		{"slug with accents", Jekyll{}, Page{Path: "_posts/2024-03-05-x.md", Date: d, Slug: "Café Crème!"},
			"2024/03/05/Caf%C3%A9-Cr%C3%A8me!.html", "2024/03/05/Caf%C3%A9%20Cr%C3%A8me!"},
		{"same category twice", Jekyll{}, Page{Path: "_posts/2024-03-05-x.md", Date: d, Categories: []string{"A", "a"}},
			"a/2024/03/05/x.html", "a/2024/03/05/x"},
		{"folder under _posts is no category", Jekyll{}, Page{Path: "_posts/es/2024-03-05-x.md", Date: d},
			"2024/03/05/x.html", "2024/03/05/x"},
		{"trailing dots", Jekyll{}, Page{Path: "_posts/2024-03-05-v1.0..md", Date: d},
			"2024/03/05/v1.0.html", "2024/03/05/v1.0"},
		{"real: Jekyll's release post", Jekyll{Permalink: "/news/:year/:month/:day/:title/"},
			Page{Path: "_posts/2025-01-29-jekyll-4-4-1-released.markdown", Date: release, Categories: []string{"release"}},
			"news/2025/01/29/jekyll-4-4-1-released/", "news/2025/01/29/jekyll-4-4-1-released"},
		{"real: release post, permalink in front matter", Jekyll{},
			Page{Path: "_posts/2025-01-29-jekyll-4-4-1-released.markdown", Date: release, Categories: []string{"release"},
				URL: "/news/:year/:month/:day/:title/"},
			"news/2025/01/29/jekyll-4-4-1-released/", "news/2025/01/29/jekyll-4-4-1-released"},
		{"real: release post, date style", Jekyll{},
			Page{Path: "_posts/2025-01-29-jekyll-4-4-1-released.markdown", Date: release, Categories: []string{"release"}},
			"release/2025/01/29/jekyll-4-4-1-released.html", "release/2025/01/29/jekyll-4-4-1-released"},
		{"real: release post in a folder", Jekyll{},
			Page{Path: "release/_posts/2025-01-29-jekyll-4-4-1-released.markdown", Date: release},
			"release/2025/01/29/jekyll-4-4-1-released.html", "release/2025/01/29/jekyll-4-4-1-released"},
		{"root permalink", Jekyll{}, Page{Path: "_posts/2024-03-05-x.md", Date: d, URL: "/"}, "", "x"},
		{"dots in a permalink", Jekyll{}, Page{Path: "_posts/2024-03-05-x.md", Date: d, URL: "/a/../b/"}, "a/b/", "a/x"},
	}
	for _, tt := range tests {
		link, id, err := tt.j.Link(tt.p)
		if err != nil || link != tt.link || id != tt.id {
			t.Errorf("%s: got %q, %q, %v; want %q, %q", tt.name, link, id, err, tt.link, tt.id)
		}
	}
}

func TestJekyllErrors(t *testing.T) {
	j := Jekyll{Permalink: "/:year/:nope/"}
	if err := j.Check(); err == nil || !strings.Contains(err.Error(), ":nope") {
		t.Errorf("Check = %v, want an error naming :nope", err)
	}
	if _, _, err := (Jekyll{}).Link(Page{Path: "_posts/2024-03-05-x.md", URL: "/:bogus/"}); err == nil || !strings.Contains(err.Error(), ":bogus") {
		t.Errorf("Link = %v, want an error naming :bogus", err)
	}
}
