package config

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/feedpub/feedpub/internal/diag"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestLoadGolden loads each settings file in testdata/load, as
// feedpub.yaml, and holds every problem reported, one a line, to the
// .golden file beside it ("ok" for none).
func TestLoadGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "load", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no settings files in testdata/load: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			text, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			path := write(t, string(text))
			s := Defaults()
			got := "ok\n"
			if err := s.Load(path); err != nil {
				got = strings.ReplaceAll(err.Error(), path, "feedpub.yaml") + "\n"
				for _, p := range diag.Problems(err) {
					if p.Kind != diag.Settings || p.Line == 0 {
						t.Errorf("%v is not a located settings problem", p)
					}
				}
			} else if _, err := s.Resolve(); err != nil {
				t.Errorf("an ok file must resolve: %v", err)
			}
			golden := strings.TrimSuffix(file, ".yaml") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("problems differ from %s:\n got:\n%s\nwant:\n%s", golden, got, want)
			}
		})
	}
}

func TestLoadAnchors(t *testing.T) {
	s := Defaults()
	if err := s.Load(write(t, "title: &name My site\ndescription: *name\n\"limit\": 5\n")); err != nil {
		t.Fatal(err)
	}
	if s.Title != "My site" || s.Description != "My site" || s.Limit != 5 {
		t.Errorf("anchors or quoted keys were not read: %+v", s)
	}
}

func TestSuggest(t *testing.T) {
	tests := []struct{ key, want string }{
		{"baseURL", "base_url"}, {"baseurl", "base_url"}, {"url", "base_url"}, {"BaseUrl", "base_url"},
		{"base-url", "base_url"}, {"siteurl", "base_url"},
		{"languageCode", "language"}, {"lang", "language"}, {"timeZone", "timezone"}, {"TimeZone", "timezone"},
		{"publishDir", "output"}, {"destination", "output"}, {"out", "output"}, {"contentDir", "articles"},
		{"buildDrafts", "drafts"}, {"show_drafts", "drafts"}, {"buildFuture", "future"}, {"buildExpired", "expired"},
		{"permalinks", "permalink"}, {"rssLimit", "limit"},
		{"titel", "title"}, {"tilte", "title"}, {"limt", "limit"}, {"autor", "author"}, {"descripton", "description"},
		{"tagfeeds", "tag_feeds"}, {"archive_sizes", "archive_size"}, {"shortcode", "shortcodes"},
		{"colour", ""}, {"paginate", ""}, {"x", ""}, {"", ""}, {"plugins", ""}, {"hubs", "hub"}, {"ur", ""},
	}
	for _, tt := range tests {
		if got := closest(tt.key); got != tt.want {
			t.Errorf("closest(%q) = %q, want %q", tt.key, got, tt.want)
		}
	}
}

func TestKeys(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range Keys() {
		if k == "" || k == "-" || strings.ContainsAny(k, ", ") || seen[k] {
			t.Errorf("bad or repeated key %q in %v", k, Keys())
		}
		seen[k] = true
	}
	for _, k := range []string{"title", "base_url", "shortcodes", "publish_feed_type"} {
		if !seen[k] {
			t.Errorf("Keys lacks %q", k)
		}
	}
	for _, k := range []string{"markup", "generator", "origin"} {
		if seen[k] {
			t.Errorf("Keys lists %q, which no settings file sets", k)
		}
	}
	if hint := suggest("colour"); strings.Contains(hint, "-") || !strings.HasSuffix(hint, ", shortcodes") {
		t.Errorf("the list of settings is wrong: %s", hint)
	}
}

func TestFind(t *testing.T) {
	tests := []struct {
		files []string
		want  string // the file found, or the error
	}{
		{nil, ""},
		{[]string{"feedpub.yaml"}, "feedpub.yaml"},
		{[]string{"feedpub.yml"}, "feedpub.yml"},
		{[]string{"feedpub.yaml", "feedpub.yml"}, "error: two settings files, DIR/feedpub.yaml and DIR/feedpub.yml — keep one and remove the other (both names are read the same way)"},
		{[]string{"feedpub.YAML", "_config.yml"}, ""},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		for _, f := range tt.files {
			if err := os.WriteFile(filepath.Join(dir, f), []byte("title: x\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		path, err := Find(dir)
		got := strings.TrimPrefix(path, dir+string(filepath.Separator))
		if err != nil {
			got = "error: " + strings.ReplaceAll(err.Error(), dir, "DIR")
			var de *diag.Error
			if !errors.As(err, &de) || de.Kind != diag.Settings {
				t.Errorf("%v: %v is not a settings problem", tt.files, err)
			}
		}
		if got != tt.want && !(tt.want == "" && path == "" && err == nil) {
			t.Errorf("%v: got %q, want %q", tt.files, got, tt.want)
		}
	}
	if path, err := Find("."); err != nil || path != "" {
		t.Errorf("Find(.) in the package folder = %q, %v", path, err)
	}
}

// TestFindAndLoadYML reads feedpub.yml the same way as feedpub.yaml.
func TestFindAndLoadYML(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "feedpub.yml"), []byte("title: From yml\narticles: posts\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	path, err := Find(dir)
	if err != nil {
		t.Fatal(err)
	}
	s := Defaults()
	if err := s.Load(path); err != nil {
		t.Fatal(err)
	}
	if s.Title != "From yml" || s.Articles != filepath.Join(dir, "posts") {
		t.Errorf("feedpub.yml was not read as feedpub.yaml is: %+v", s)
	}
}
