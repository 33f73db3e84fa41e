package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/model"
)

func write(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "feedpub.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDefaultsResolve(t *testing.T) {
	s := Defaults()
	site, err := s.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	if site.BaseURL.String() != "http://localhost:8080/" || site.Limit != 20 || !site.FullContent ||
		site.RSSFile != "rss.xml" || site.AtomFile != "atom.xml" || site.JSONFile != "feed.json" ||
		site.Location.String() != "UTC" || site.Language != "en" || site.Articles != "articles" || site.Output != "public" ||
		site.MaxArticleSize != 10<<20 || site.PublishFeedXML {
		t.Errorf("unexpected defaults: %+v", site)
	}
}

func TestLoad(t *testing.T) {
	path := write(t, `title: My site
base_url: https://example.com/blog
author: {name: Ann, email: ann@example.com}
timezone: America/New_York
articles: content/posts
limit: 0
content: summary
json_file: feeds/feed.json
publish_feed_type: xml
`)
	s := Defaults()
	if err := s.Load(path); err != nil {
		t.Fatal(err)
	}
	site, err := s.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(path)
	if site.Title != "My site" || site.BaseURL.String() != "https://example.com/blog/" || site.Limit != 0 || site.FullContent ||
		site.Articles != filepath.Join(dir, "content/posts") || site.Output != "public" || site.JSONFile != "feeds/feed.json" ||
		site.Location.String() != "America/New_York" || len(site.Authors) != 1 || site.Authors[0].Email != "ann@example.com" ||
		!site.PublishFeedXML {
		t.Errorf("unexpected site: %+v", site)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"unknown key", "title: x\nbaseurl: https://example.com/\n",
			`feedpub.yaml:2:1: unknown field "baseurl" — the settings are title, description, base_url, language, author, copyright, timezone, articles, output, limit, content, rss_file, atom_file, json_file`},
		{"wrong type", "title: x\nlimit: lots\n",
			`feedpub.yaml:2:8: "lots" should be a whole number — see the settings list in docs/settings.md`},
		{"syntax", "title: [x\n", "feedpub.yaml:1:8: sequence end token ']' not found — check the indentation"},
	}
	for _, tt := range tests {
		s := Defaults()
		err := s.Load(write(t, tt.text))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want %q", tt.name, err, tt.want)
		}
		if p := diag.Problems(err); len(p) != 1 || p[0].Kind != diag.Settings {
			t.Errorf("%s: %v is not one settings problem", tt.name, err)
		}
	}
}

func TestResolveErrors(t *testing.T) {
	path := write(t, `title: ""
base_url: ftp://example.com/
language: "english please"
timezone: Mars/Olympus
limit: -1
content: everything
author: "Ann <nope>"
rss_file: ../rss.xml
atom_file: feed.json
publish_feed_type: rss
`)
	s := Defaults()
	if err := s.Load(path); err != nil {
		t.Fatal(err)
	}
	_, err := s.Resolve()
	if err == nil {
		t.Fatal("Resolve accepted bad settings")
	}
	for _, want := range []string{
		path + ":1:1: the title is empty",
		path + `:2:1: "ftp://example.com/" is not an absolute http or https URL`,
		path + `:3:1: "english please" is not a language tag`,
		path + `:4:1: "Mars/Olympus" is not a time zone`,
		path + ":5:1: -1 is negative",
		path + `:6:1: "everything" is neither full nor summary`,
		path + `:7:1: "nope" is not an email address`,
		path + `:8:1: "../rss.xml" is not a file name inside the output directory`,
		`default json_file: "feed.json" is also the atom_file`,
		path + `:10:1: "rss" is neither specific nor xml`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the errors lack %q:\n%v", want, err)
		}
	}
	for _, p := range diag.Problems(err) {
		if p.Kind != diag.Settings || (p.Path != path && !strings.HasPrefix(p.Msg, "default ")) {
			t.Errorf("%v is a %v problem at %q, want a settings problem in the file", p, p.Kind, p.Path)
		}
	}
	s = Defaults()
	s.BaseURL = "not a url"
	s.SetBy("base_url", "--base-url")
	if _, err := s.Resolve(); err == nil || !strings.HasPrefix(err.Error(), `--base-url: "not a url"`) {
		t.Errorf("a bad flag must be named: %v", err)
	}
}

func TestLoadEmpty(t *testing.T) {
	for _, text := range []string{"", "# only a comment\n", "---\n"} {
		s := Defaults()
		if err := s.Load(write(t, text)); err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		if s.Title != Defaults().Title || s.Limit != 20 {
			t.Errorf("%q: an empty file changed the defaults: %+v", text, s)
		}
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   any
		want int64
	}{{"10MiB", 10 << 20}, {"512 KiB", 512 << 10}, {"1MB", 1e6}, {uint64(4096), 4096}, {"2.5 KiB", 2560}, {"100", 100}}
	for _, tt := range tests {
		if got, err := parseSize(tt.in); err != nil || got != tt.want {
			t.Errorf("parseSize(%v) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []any{"ten", "5 XB", "-3", "0", true} {
		if _, err := parseSize(bad); err == nil {
			t.Errorf("parseSize(%v) accepted a bad size", bad)
		}
	}
}

func TestAuthorSetting(t *testing.T) {
	tests := []struct {
		in   any
		want model.Person
		err  string
	}{
		{"Ann <ann@example.com>", model.Person{Name: "Ann", Email: "ann@example.com"}, ""},
		{map[string]any{"name": "Ann", "email": "ann@example.com", "url": "https://example.com/"},
			model.Person{Name: "Ann", Email: "ann@example.com", URL: "https://example.com/"}, ""},
		{map[string]any{"name": "Ann", "uri": "https://example.com/"}, model.Person{Name: "Ann", URL: "https://example.com/"}, ""},
		{"Ann <nope>", model.Person{}, `"nope" is not an email address`},
		{map[string]any{"email": "nope"}, model.Person{}, `"nope" is not an email address`},
		{map[string]any{"name": "Ann", "twitter": "@ann"}, model.Person{}, `author has an unknown key "twitter"`},
		{map[string]any{"name": 3}, model.Person{}, "author.name is not a string"},
		{map[string]any{"url": "https://example.com/"}, model.Person{}, "author has neither a name nor an email"},
		{3, model.Person{}, "author is neither text nor a mapping"},
	}
	for _, tt := range tests {
		got, err := people(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("people(%v) error %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || len(got) != 1 || got[0] != tt.want {
			t.Errorf("people(%v) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
}
