package sitemode

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/feedpub/feedpub/internal/article"
	"github.com/feedpub/feedpub/internal/config"
)

// TestApply reads the fixture sites' settings and checks what feedpub
// takes from them.
func TestApply(t *testing.T) {
	tests := []struct {
		dir                         string
		read                        string
		baseURL, title, rss, atom   string
		limit                       int
		articles, output            string
		tags, cats, sections, pages bool
	}{
		{"hugo/urls", "read the Hugo site's settings from hugo.toml", "https://example.org/blog/", "URLs", "index.xml", "atom.xml", 0, "content", "public", true, true, true, false},
		{"hugo/multilingual-split", "", "", "", "feed.xml", "atom.xml", 2, "content/en", "public", true, true, true, false},
		{"hugo/taxonomies", "", "https://example.org/", "Taxonomies", "index.xml", "atom.xml", 0, "content", "public", true, false, true, false},
		{"jekyll/news-collection", "read the Jekyll site's settings from _config.yml", "https://example.org/", "News", "atom.rss.xml", "atom.xml", 3, ".", "_site", true, true, false, false},
		{"jekyll/pretty-baseurl", "", "", "", "feed.rss.xml", "feed.xml", 10, ".", "_site", false, false, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.dir, func(t *testing.T) {
			dir := filepath.Join("testdata", tc.dir)
			s := config.Defaults()
			read, err := Apply(dir, &s)
			if err != nil {
				t.Fatal(err)
			}
			if tc.read != "" && read != tc.read {
				t.Errorf("read %q, want %q", read, tc.read)
			}
			if tc.baseURL != "" && s.BaseURL != tc.baseURL {
				t.Errorf("base URL %q, want %q", s.BaseURL, tc.baseURL)
			}
			if tc.title != "" && s.Title != tc.title {
				t.Errorf("title %q, want %q", s.Title, tc.title)
			}
			if s.RSSFile != tc.rss || s.AtomFile != tc.atom || s.Limit != tc.limit {
				t.Errorf("rss %q atom %q limit %d, want %q %q %d", s.RSSFile, s.AtomFile, s.Limit, tc.rss, tc.atom, tc.limit)
			}
			if s.Articles != filepath.Join(dir, tc.articles) || s.Output != filepath.Join(dir, tc.output) {
				t.Errorf("articles %q output %q", s.Articles, s.Output)
			}
			if s.TagFeeds != tc.tags || s.CategoryFeeds != tc.cats || s.SectionFeeds != tc.sections || s.Pages != tc.pages {
				t.Errorf("tags %v categories %v sections %v pages %v", s.TagFeeds, s.CategoryFeeds, s.SectionFeeds, s.Pages)
			}
			if _, err := s.Resolve(); err != nil {
				t.Errorf("the settings do not resolve: %v", err)
			}
		})
	}
}

// TestApplyNone leaves settings alone in a folder that is no site.
func TestApplyNone(t *testing.T) {
	s := config.Defaults()
	read, err := Apply(t.TempDir(), &s)
	if err != nil || read != "" || s.Generator.Name != "" || s.Title != config.Defaults().Title {
		t.Errorf("read %q, err %v, generator %q", read, err, s.Generator.Name)
	}
}

// TestHugoSettings checks Hugo settings beyond the fixtures: params,
// locale, [frontmatter] and a broken file.
func TestHugoSettings(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "hugo.yaml", "baseURL: https://example.com/\ntitle: Site\nlocale: fr-FR\ntimeZone: Europe/Paris\n"+
		"copyright: © Me\nparams:\n  description: About\n  author:\n    name: Ann\n    email: ann@example.com\n"+
		"frontmatter:\n  date: [':filename', ':default']\n")
	s := config.Defaults()
	if _, err := Apply(dir, &s); err != nil {
		t.Fatal(err)
	}
	if s.Language != "fr-FR" || s.Timezone != "Europe/Paris" || s.Copyright != "© Me" || s.Description != "About" {
		t.Errorf("got %+v", s)
	}
	if a, ok := s.Author.(map[string]any); !ok || a["name"] != "Ann" || a["email"] != "ann@example.com" {
		t.Errorf("author %v", s.Author)
	}
	d := s.Generator.Dates
	if d == nil || d.Date[0] != ":filename" || d.Date[1] != article.DefaultHugoDates.Date[0] || len(d.PublishDate) != len(article.DefaultHugoDates.PublishDate) {
		t.Errorf("dates %+v", d)
	}

	write(t, dir, "hugo.yaml", "baseURL: https://example.com/\ntitle: Site\nbuildFuture: true\noutputs:\n  section: [HTML]\n  term: [html, rss]\n")
	s = config.Defaults()
	if _, err := Apply(dir, &s); err != nil {
		t.Fatal(err)
	}
	if !s.Future || s.Drafts || s.Expired {
		t.Errorf("buildFuture: future %v, drafts %v, expired %v", s.Future, s.Drafts, s.Expired)
	}
	if s.SectionFeeds || !s.TagFeeds || !s.CategoryFeeds {
		t.Errorf("outputs: section feeds %v, tag feeds %v, category feeds %v", s.SectionFeeds, s.TagFeeds, s.CategoryFeeds)
	}

	broken := t.TempDir()
	write(t, broken, "hugo.toml", "baseURL = \n")
	if _, err := Apply(broken, &s); err == nil || !strings.HasPrefix(err.Error(), filepath.Join(broken, "hugo.toml")+":1:") {
		t.Errorf("a broken hugo.toml: %v, want an error at its line and column", err)
	}
	os.Remove(filepath.Join(broken, "hugo.toml"))
	write(t, broken, "_config.yml", "title: [x\n")
	if _, err := Apply(broken, &s); err == nil || !strings.HasPrefix(err.Error(), filepath.Join(broken, "_config.yml")+":") {
		t.Errorf("a broken _config.yml: %v, want an error at its line and column", err)
	}
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
