package article

import (
	"strings"
	"testing"
	"time"
)

// TestDialects checks front matter read as Hugo and Jekyll read it.
func TestDialects(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	day := func(y int, m time.Month, d int, loc *time.Location) time.Time {
		return time.Date(y, m, d, 0, 0, 0, 0, loc)
	}
	tests := []struct {
		name, path, src string
		o               Options
		check           func(a *Article) string
	}{
		{"hugo draft yes is no draft", "p.md", "---\ntitle: x\ndate: 2024-01-02\ndraft: yes\n---\n", Options{Dialect: Hugo},
			func(a *Article) string { return want(!a.Draft, "draft") }},
		{"hugo draft 1 is a draft", "p.md", "---\ntitle: x\ndate: 2024-01-02\ndraft: 1\n---\n", Options{Dialect: Hugo},
			func(a *Article) string { return want(a.Draft, "not draft") }},
		{"hugo publishDate wins", "p.md", "---\ntitle: x\ndate: 2024-01-02\npublishDate: 2024-02-03\nlastmod: 2024-03-04\nexpiryDate: 2025-01-01\n---\n", Options{Dialect: Hugo},
			func(a *Article) string {
				return want(a.Date.Equal(day(2024, 2, 3, time.UTC)) && a.Updated.Equal(day(2024, 3, 4, time.UTC)) && a.Expires.Equal(day(2025, 1, 1, time.UTC)),
					"dates "+a.Date.String()+" "+a.Updated.String()+" "+a.Expires.String())
			}},
		{"hugo no date: left out", "2024-03-05-x.md", "---\ntitle: x\n---\n", Options{Dialect: Hugo},
			func(a *Article) string { return want(a.Skip != "" && a.Date.IsZero(), "not skipped") }},
		{"hugo :filename", "2024-03-05-x.md", "---\ntitle: x\n---\n", Options{Dialect: Hugo, HugoDates: &HugoDates{Date: []string{":filename", "date"}}},
			func(a *Article) string {
				_, slugSet := a.Pos["slug"]
				return want(a.Date.Equal(day(2024, 3, 5, time.UTC)) && a.Slug == "x" && slugSet, "date "+a.Date.String()+" slug "+a.Slug)
			}},
		{"hugo link is not url", "p.md", "---\ntitle: x\ndate: 2024-01-02\nlink: https://example.com/\n---\n", Options{Dialect: Hugo},
			func(a *Article) string { return want(a.URL == "", "url "+a.URL) }},
		{"hugo headless", "p/index.md", "---\ntitle: x\ndate: 2024-01-02\nheadless: true\n---\n", Options{Dialect: Hugo},
			func(a *Article) string { return want(a.Skip != "", "not skipped") }},
		{"hugo build list never", "p.md", "---\ntitle: x\ndate: 2024-01-02\nbuild:\n  list: never\n---\n", Options{Dialect: Hugo},
			func(a *Article) string { return want(a.Skip != "", "not skipped") }},
		{"hugo weight and own taxonomy", "p.md", "---\ntitle: x\ndate: 2024-01-02\nweight: 3\nseries: [Go basics]\n---\n", Options{Dialect: Hugo, Taxonomies: []string{"series"}},
			func(a *Article) string {
				return want(a.Weight == 3 && strings.Join(a.Terms["series"], ",") == "Go basics", "weight/series")
			}},
		{"empty values are absent", "p.md", "---\ntitle: x\ndate: 2024-01-02\nurl: \"\"\nslug:\n---\n", Options{Dialect: Hugo},
			func(a *Article) string { return want(a.URL == "" && a.Slug == "p", "url/slug") }},
		{"jekyll published false", "_posts/2024-01-02-x.md", "---\ntitle: x\npublished: false\n---\n", Options{Dialect: Jekyll, Location: ny},
			func(a *Article) string { return want(a.Skip != "", "not skipped") }},
		{"jekyll category keeps spaces, categories string splits", "_posts/2024-01-02-x.md", "---\ntitle: x\ncategory: Foo Bar\ntags: a b\n---\n", Options{Dialect: Jekyll, Location: ny},
			func(a *Article) string {
				return want(strings.Join(a.Categories, "|") == "Foo Bar" && strings.Join(a.Tags, "|") == "a|b", "categories/tags")
			}},
		{"jekyll categories string", "_posts/2024-01-02-x.md", "---\ntitle: x\ncategories: extra More\n---\n", Options{Dialect: Jekyll, Location: ny},
			func(a *Article) string {
				return want(strings.Join(a.Categories, "|") == "extra|More", strings.Join(a.Categories, "|"))
			}},
		{"jekyll file date is local midnight", "_posts/2024-01-02-x.md", "---\ntitle: x\n---\n", Options{Dialect: Jekyll, Location: ny},
			func(a *Article) string { return want(a.Date.Equal(day(2024, 1, 2, ny)), a.Date.String()) }},
		{"jekyll offset-less time is UTC", "_posts/2024-07-01-x.md", "---\ntitle: x\ndate: 2024-07-01 02:00:00\n---\n", Options{Dialect: Jekyll, Location: ny},
			func(a *Article) string {
				return want(a.Date.Equal(time.Date(2024, 7, 1, 2, 0, 0, 0, time.UTC)) && a.Date.Location() == ny, a.Date.String())
			}},
		{"jekyll reads dates as Ruby does", "_posts/2023-01-29-x.md", "---\ntitle: x\ndate: 2023-01-29 18:30:22 2023 -0800\n---\n", Options{Dialect: Jekyll, Location: ny},
			func(a *Article) string {
				return want(a.Date.Equal(time.Date(2023, 1, 29, 18, 30, 22, 0, ny)), a.Date.String())
			}},
		{"jekyll reads a zone right after the time", "_posts/2023-01-29-x.md", "---\ntitle: x\ndate: 2023-01-29 18:30:22 -0800 2023\n---\n", Options{Dialect: Jekyll, Location: ny},
			func(a *Article) string {
				return want(a.Date.Equal(time.Date(2023, 1, 30, 2, 30, 22, 0, time.UTC)), a.Date.String())
			}},
		{"jekyll reads no zone after a day alone", "_posts/2024-01-01-x.md", "---\ntitle: x\ndate: 2024-01-01 +0200\n---\n", Options{Dialect: Jekyll, Location: ny},
			func(a *Article) string { return want(a.Date.Equal(day(2024, 1, 1, ny)), a.Date.String()) }},
		{"jekyll repeated key: the last wins", "_posts/2024-01-01-x.md", "---\ntitle: First\ntitle: Second\n---\n", Options{Dialect: Jekyll, Location: ny},
			func(a *Article) string { return want(a.Title == "Second", a.Title) }},
		{"jekyll untitled takes the slug", "_posts/2024-01-02-no-title_here.md", "---\ndate: 2024-01-02\n---\n", Options{Dialect: Jekyll, Location: ny},
			func(a *Article) string { return want(a.Title == "No Title_here", a.Title) }},
		{"jekyll description beats excerpt", "_posts/2024-01-02-x.md", "---\ntitle: x\nexcerpt: E\ndescription: D\n---\n", Options{Dialect: Jekyll, Location: ny},
			func(a *Article) string { return want(a.Summary == "D", a.Summary) }},
		{"jekyll permalink is the url", "_posts/2024-01-02-x.md", "---\ntitle: x\npermalink: /a/:title/\n---\n", Options{Dialect: Jekyll, Location: ny},
			func(a *Article) string { return want(a.URL == "/a/:title/", a.URL) }},
		{"blank lines before the front matter", "p.md", "\n\n---\ntitle: x\ndate: 2024-01-02\n---\nBody\n", Options{Dialect: Hugo},
			func(a *Article) string { return want(a.BodyLine == 7 && a.At("title") == Pos{4, 1}, "body line") }},
		{"redirect stub", "_posts/2024-01-02-x.md", "---\ntitle: x\nredirect_to: https://example.com/\n---\n", Options{Dialect: Jekyll, Location: ny},
			func(a *Article) string { return want(a.Skip == "a redirect stub", a.Skip) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.o.Location == nil {
				tc.o.Location = time.UTC
			}
			a, errs := ParseWith(tc.path, []byte(tc.src), tc.o)
			if errs != nil {
				t.Fatal(errs)
			}
			if msg := tc.check(a); msg != "" {
				t.Error(msg)
			}
		})
	}
}

func want(ok bool, got string) string {
	if ok {
		return ""
	}
	return "got " + got
}
