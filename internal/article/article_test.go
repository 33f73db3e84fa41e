package article

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/feedpub/feedpub/internal/model"
)

func TestParseFields(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	src := "---\n" +
		"Title: Hello\n" +
		"date: 2024-05-01 09:30\n" +
		"lastmod: 2024-05-02T10:00:00Z\n" +
		"description: A *short* summary.\n" +
		"authors:\n  - Ann <ann@example.com>\n  - {name: Bob, url: 'https://bob.example/'}\n" +
		"tags: [go, 2024]\n" +
		"categories: notes\n" +
		"link: /elsewhere/\n" +
		"id: tag:example.com,2024:hello\n" +
		"image: cover.png\n" +
		"lang: fr\n" +
		"draft: true\n" +
		"weight: 10\n" +
		"layout: post\n" +
		"---\n" +
		"Body.\n"
	a, errs := Parse("posts/2024-05-01-hello-world.md", []byte(src), paris)
	if errs != nil {
		t.Fatal(errs)
	}
	want := &Article{
		Title: "Hello", Date: time.Date(2024, 5, 1, 9, 30, 0, 0, paris), Updated: time.Date(2024, 5, 2, 10, 0, 0, 0, time.UTC),
		Summary: "A *short* summary.",
		Authors: []model.Person{{Name: "Ann", Email: "ann@example.com"}, {Name: "Bob", URL: "https://bob.example/"}},
		Tags:    []string{"go", "2024"}, Categories: []string{"notes"}, Slug: "hello-world", URL: "/elsewhere/",
		ID: "tag:example.com,2024:hello", Image: "cover.png", Lang: "fr", Draft: true, BodyLine: 19,
	}
	if a.Title != want.Title || !a.Date.Equal(want.Date) || !a.Updated.Equal(want.Updated) || a.Summary != want.Summary ||
		a.Slug != want.Slug || a.URL != want.URL || a.ID != want.ID || a.Image != want.Image || a.Lang != want.Lang ||
		a.Draft != want.Draft || a.BodyLine != want.BodyLine || string(a.Body) != "Body.\n" {
		t.Errorf("got  %+v\nwant %+v", *a, *want)
	}
	if a.Date.Location() != paris {
		t.Errorf("a date without a zone must be read in the site's zone, got %v", a.Date.Location())
	}
	if len(a.Authors) != 2 || a.Authors[0] != want.Authors[0] || a.Authors[1] != want.Authors[1] {
		t.Errorf("authors %+v, want %+v", a.Authors, want.Authors)
	}
	if strings.Join(a.Tags, ",") != "go,2024" || strings.Join(a.Categories, ",") != "notes" {
		t.Errorf("tags %q categories %q", a.Tags, a.Categories)
	}
	if p := a.At("url"); p != (Pos{11, 1}) {
		t.Errorf("url written at %v, want 11:1", p)
	}
}

func TestSlugAndDate(t *testing.T) {
	tests := []struct{ path, slug, date string }{
		{"a/2019-04-19-kim.md", "kim", "2019-04-19"},
		{"a/plain.markdown", "plain", ""},
		{"a/my-post/index.md", "my-post", ""},
		{"a/2020-01-02-x/index.md", "x", "2020-01-02"},
	}
	for _, tt := range tests {
		slug, date := nameSlug(tt.path)
		if slug != tt.slug || date != tt.date {
			t.Errorf("nameSlug(%q) = %q, %q; want %q, %q", tt.path, slug, date, tt.slug, tt.date)
		}
	}
	// Jekyll posts may leave out the date: the file name gives it.
	a, errs := Parse("_posts/2019-04-19-kim.md", []byte("---\ntitle: Kim\n---\n"), time.UTC)
	if errs != nil {
		t.Fatal(errs)
	}
	if !a.Date.Equal(time.Date(2019, 4, 19, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("date from the file name = %v", a.Date)
	}
}

func TestParseDate(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2024-05-01", time.Date(2024, 5, 1, 0, 0, 0, 0, ny)},
		{"2024-05-01 09:30", time.Date(2024, 5, 1, 9, 30, 0, 0, ny)},
		{"2024-05-01 09:30:15", time.Date(2024, 5, 1, 9, 30, 15, 0, ny)},
		{"2024-05-01T09:30:15", time.Date(2024, 5, 1, 9, 30, 15, 0, ny)},
		{"2024-05-01T09:30:15+02:00", time.Date(2024, 5, 1, 7, 30, 15, 0, time.UTC)},
		{"2024-05-01T09:30:15.5Z", time.Date(2024, 5, 1, 9, 30, 15, 5e8, time.UTC)},
		{"2024-05-01 09:30:15 -0500", time.Date(2024, 5, 1, 14, 30, 15, 0, time.UTC)},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in, ny)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

// TestErrors pins the message for each kind of broken article: where it
// points and what it says.
func TestErrors(t *testing.T) {
	const dateHint = " — write YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] (read in the site's time zone) or RFC 3339 such as 2024-05-01T09:30:00+02:00"
	const personHint = " — write 'Name', 'Name <email>', or a mapping with 'name', 'email' and 'url'"
	tests := []struct {
		name, src string
		want      []string
	}{
		{"no front matter", "just text\n",
			[]string{"a.md:1:1: the file does not start with front matter — make the first line '---', then write 'title:' and 'date:' lines, then a closing '---' line"}},
		{"unclosed", "---\ntitle: x\n",
			[]string{"a.md:1:1: the front matter is never closed — add a line '---' after the last front matter field"}},
		{"unclosed TOML", "+++\ntitle = 'x'\n",
			[]string{"a.md:1:1: the front matter is never closed — add a line '+++' after the last front matter field"}},
		{"YAML syntax", "---\ntitle: [x\ndate: 2024-01-01\n---\n",
			[]string{"a.md:3:1: invalid YAML front matter: ',' or ']' must be specified — check the indentation and quote values that contain ': ' or start with a special character"}},
		{"YAML duplicate key", "---\ntitle: x\ndate: 2024-01-01\ntitle: y\n---\n",
			[]string{`a.md:4:1: invalid YAML front matter: mapping key "title" already defined on line 2 — keep one of them`}},
		{"alias and its name", "---\ntitle: x\nlink: a/\ndate: 2024-01-01\nurl: b/\n---\n",
			[]string{`a.md:5:1: "url" repeats "link", which is already set — keep one of them`}},
		{"YAML alias", "---\ntitle: &a x\ndate: 2024-01-01\nsummary: *a\n---\n",
			[]string{"a.md:4:10: YAML aliases (*name) are not supported in front matter — write the value out in full"}},
		{"front matter is a list", "---\n- a\n- b\n---\n",
			[]string{"a.md:2:1: the front matter is a list, not a list of 'key: value' lines — write each field as 'key: value' on a line of its own"}},
		{"TOML syntax", "+++\ntitle = \"x\"\ntags = \"a\" \"b\"\n+++\n",
			[]string{"a.md:3:12: invalid TOML front matter: toml: expected newline but got U+0022 '\"' — write each field as 'key = value' and quote strings"}},
		{"TOML impossible date", "+++\ntitle = \"x\"\ndate = 2024-13-01\n+++\n",
			[]string{"a.md:3:13: invalid TOML front matter: toml: impossible date — write each field as 'key = value' and quote strings"}},
		{"missing title and date", "---\nsummary: x\n---\n",
			[]string{"a.md:1:1: the front matter has no 'title' — add a line such as 'title: My first post'",
				"a.md:1:1: the front matter has no 'date' — add a line such as 'date: 2024-05-01' or 'date: 2024-05-01T09:30:00+02:00'"}},
		{"missing title and date in TOML", "+++\nsummary = \"x\"\n+++\n",
			[]string{`a.md:1:1: the front matter has no 'title' — add a line such as 'title = "My first post"'`,
				"a.md:1:1: the front matter has no 'date' — add a line such as 'date = 2024-05-01' or 'date = 2024-05-01T09:30:00+02:00'"}},
		{"empty title", "---\ntitle: ''\ndate: 2024-01-01\n---\n",
			[]string{"a.md:2:8: 'title' is empty — give it a value or remove the line"}},
		{"title is a list", "---\ntitle: [a, b]\ndate: 2024-01-01\n---\n",
			[]string{"a.md:2:8: 'title' is a list, not a string — write it as a single line of text"}},
		{"impossible date", "---\ntitle: x\ndate: 2024-02-30\n---\n",
			[]string{`a.md:3:7: 'date': "2024-02-30" is not a real date or time (day out of range)` + dateHint}},
		{"impossible hour", "---\ntitle: x\ndate: 2024-02-03 25:00\n---\n",
			[]string{`a.md:3:7: 'date': "2024-02-03 25:00" is not a real date or time (hour out of range)` + dateHint}},
		{"words for a date", "---\ntitle: x\ndate: yesterday\n---\n",
			[]string{`a.md:3:7: 'date': "yesterday" is not a date feedpub understands` + dateHint}},
		{"bad lastmod", "---\ntitle: x\ndate: 2024-01-01\nlastmod: 01/02/2024\n---\n",
			[]string{`a.md:4:10: 'lastmod': "01/02/2024" is not a date feedpub understands` + dateHint}},
		{"date is a list", "---\ntitle: x\ndate: [2024]\n---\n",
			[]string{"a.md:3:7: 'date' is a list, not a date" + dateHint}},
		{"bad email", "---\ntitle: x\ndate: 2024-01-01\nauthor: Ann <not-an-email>\n---\n",
			[]string{`a.md:4:9: 'author': "not-an-email" is not an email address` + personHint}},
		{"bad author forms", "---\ntitle: x\ndate: 2024-01-01\nauthors: [1, {nick: a}, {email: b@c.d, name: [x]}]\n---\n",
			[]string{"a.md:4:11: 'authors' is a number, not an author" + personHint,
				`a.md:4:15: 'authors' has an unknown key "nick"` + personHint,
				"a.md:4:46: 'authors.name' is a list, not a string" + personHint}},
		{"author without name or email", "---\ntitle: x\ndate: 2024-01-01\nauthor: {url: 'https://x.example/'}\n---\n",
			[]string{"a.md:4:9: 'author' has neither a name nor an email" + personHint}},
		{"tags as a mapping", "---\ntitle: x\ndate: 2024-01-01\ntags: {a: b}\n---\n",
			[]string{"a.md:4:7: 'tags' is a mapping, not a list — write 'tags' as a list, e.g. [news, go]"}},
		{"nested tag", "---\ntitle: x\ndate: 2024-01-01\ncategories: [a, [b]]\n---\n",
			[]string{"a.md:4:17: an entry of 'categories' is a list, not a string — write 'categories' as a list of words, e.g. [news, go]"}},
		{"draft as text", "---\ntitle: x\ndate: 2024-01-01\ndraft: yes please\n---\n",
			[]string{"a.md:4:8: 'draft' is a string, not true or false — write 'draft: true' or 'draft: false'"}},
		{"slug with a slash", "---\ntitle: x\ndate: 2024-01-01\nslug: a/b\n---\n",
			[]string{`a.md:4:7: the slug "a/b" contains '/', '?' or '#' — use letters, digits and dashes, or set 'url' for a nested path`}},
		{"Latin-1", "---\ntitle: caf\xe9\ndate: 2024-01-01\n---\n",
			[]string{"a.md:2:11: invalid UTF-8 (byte 0xE9) — save the file as UTF-8; it may be in Latin-1 or Windows-1252"}},
		{"UTF-16", "\xff\xfe-\x00-\x00-\x00",
			[]string{"a.md:1:1: the file is encoded as UTF-16 — save it as UTF-8"}},
		{"NUL byte", "---\ntitle: a\x00b\n---\n",
			[]string{"a.md:2:9: the file contains a NUL byte — remove it; articles must be UTF-8 text"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, errs := Parse("a.md", []byte(tt.src), time.UTC)
			if a != nil {
				t.Errorf("Parse returned an article for broken input")
			}
			var got []string
			for _, e := range errs {
				got = append(got, e.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("errors:\n got: %s\nwant: %s", strings.Join(got, "\n      "), strings.Join(tt.want, "\n      "))
			}
		})
	}
}

// TestMissingFieldHintsParse adds the lines the hints for a missing
// title and date suggest, as written, to front matter of each language,
// and checks the article then reads without a problem.
func TestMissingFieldHintsParse(t *testing.T) {
	hinted := regexp.MustCompile(`'([^']+)'`)
	for _, delim := range []string{"---", "+++"} {
		t.Run(delim, func(t *testing.T) {
			_, errs := Parse("a.md", []byte(delim+"\n"+delim+"\n"), time.UTC)
			if len(errs) != 2 {
				t.Fatalf("got %d problems, want 2: %v", len(errs), errs)
			}
			var title, dates []string
			for _, m := range hinted.FindAllStringSubmatch(errs[0].Error(), -1)[1:] {
				title = append(title, m[1])
			}
			for _, m := range hinted.FindAllStringSubmatch(errs[1].Error(), -1)[1:] {
				dates = append(dates, m[1])
			}
			if len(title) != 1 || len(dates) != 2 {
				t.Fatalf("hints suggest %q and %q, want one title line and two date lines", title, dates)
			}
			for _, date := range dates {
				src := delim + "\n" + title[0] + "\n" + date + "\n" + delim + "\nBody.\n"
				a, errs := Parse("a.md", []byte(src), time.UTC)
				if len(errs) > 0 {
					t.Fatalf("with the suggested lines:\n%s\ngot %v", src, errs)
				}
				if a.Title != "My first post" || a.Date.Year() != 2024 {
					t.Errorf("with the suggested lines:\n%s\ngot title %q, date %v", src, a.Title, a.Date)
				}
			}
		})
	}
}

func TestBOMAndCRLF(t *testing.T) {
	a, errs := Parse("a.md", []byte("\xEF\xBB\xBF---\r\ntitle: x\r\ndate: 2024-01-01\r\n---\r\nBody\r\n"), time.UTC)
	if errs != nil {
		t.Fatal(errs)
	}
	if a.Title != "x" || string(a.Body) != "Body\r\n" {
		t.Errorf("title %q body %q", a.Title, a.Body)
	}
}

func TestUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every file; permissions cannot be tested as root")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	os.WriteFile(p, []byte("---\ntitle: T\ndate: 2024-01-01\n---\n"), 0o000)
	files, problems, err := Find(dir)
	if err != nil || problems != nil || files.Len() != 1 {
		t.Fatalf("Find: %v %v %v", files.Paths(), problems, err)
	}
	_, perr := ReadFile(files.Path(0), DefaultMaxSize)
	if perr == nil || perr.Error() != p+": cannot read: permission denied — check its permissions" {
		t.Errorf("problem: %v", perr)
	}
}
