package sitemode

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/feedpub/feedpub/internal/config"
)

// TestLanguages lists the languages built, the default first, then by
// weight; disabled ones and one-language sites are not listed.
func TestLanguages(t *testing.T) {
	tests := []struct {
		dir  string
		want []string
	}{
		{"hugo/languages", []string{"en", "fr", "es"}},
		{"hugo/languages-subdir", []string{"pt", "en", "it"}},
		{"hugo/multilingual-split", []string{"en", "de"}},
		{"hugo/urls", nil},
		{"jekyll/dates", nil},
	}
	for _, tc := range tests {
		got, err := Languages(filepath.Join("testdata", tc.dir))
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("%s: Languages = %q, %v; want %q", tc.dir, got, err, tc.want)
		}
	}
}

// TestApplyLanguage reads each language's own settings, folders and
// files.
func TestApplyLanguage(t *testing.T) {
	tests := []struct {
		dir, lang                       string
		baseURL, title, language, descr string
		articles, output, cache         string
		keep, drop                      []string
	}{
		{"hugo/languages", "en", "https://example.org/blog/", "Three languages", "en-US", "Three languages", "content", "public", ".feedpub-cache",
			[]string{"posts/hello.md", "posts/trip/index.md"}, []string{"posts/hello.fr.md", "posts/hello.de.md"}},
		{"hugo/languages", "fr", "https://example.org/blog/fr/", "Trois langues", "fr-FR", "En français", "content", "public/fr", ".feedpub-cache-fr",
			[]string{"posts/hello.fr.md", "posts/trip/index.fr.md"}, []string{"posts/hello.md", "posts/hello.de.md"}},
		{"hugo/languages", "es", "https://example.org/blog/es/", "Tres idiomas", "es", "Tres idiomas", "content-es", "public/es", ".feedpub-cache-es",
			[]string{"posts/hola.md"}, []string{"posts/hola.fr.md"}},
		{"hugo/languages-subdir", "", "https://example.org/pt/", "Pastas", "pt", "Pastas", "content/pt", "public/pt", ".feedpub-cache",
			[]string{"posts/ola.md"}, nil},
		{"hugo/languages-subdir", "it", "https://example.org/it/", "Cartelle", "it", "Cartelle", "content/it", "public/it", ".feedpub-cache-it",
			[]string{"posts/ciao.md"}, []string{"posts/ciao.en.md"}},
	}
	for _, tc := range tests {
		dir := filepath.Join("testdata", tc.dir)
		s := config.Defaults()
		if _, err := ApplyLanguage(dir, tc.lang, &s); err != nil {
			t.Fatalf("%s %s: %v", tc.dir, tc.lang, err)
		}
		got := []string{s.BaseURL, s.Title, s.Language, s.Description, s.Articles, s.Output, s.Cache}
		want := []string{tc.baseURL, tc.title, tc.language, tc.descr, filepath.Join(dir, tc.articles), filepath.Join(dir, tc.output), tc.cache}
		if !slices.Equal(got, want) {
			t.Errorf("%s %s: settings %q, want %q", tc.dir, tc.lang, got, want)
		}
		for _, rel := range tc.keep {
			if !s.Generator.Keep(rel) {
				t.Errorf("%s %s: %s left out", tc.dir, tc.lang, rel)
			}
		}
		for _, rel := range tc.drop {
			if s.Generator.Keep(rel) {
				t.Errorf("%s %s: %s kept", tc.dir, tc.lang, rel)
			}
		}
	}
}

// TestHugoConfigPart places config/_default/ files as Hugo does.
func TestHugoConfigPart(t *testing.T) {
	part := tree{"x": "1"}
	tests := []struct {
		name, want string
	}{
		{"hugo", "map[x:1]"},
		{"params", "map[params:map[x:1]]"},
		{"languages", "map[languages:map[x:1]]"},
		{"languages.fr", "map[languages:map[fr:map[x:1]]]"},
		{"params.fr", "map[languages:map[fr:map[params:map[x:1]]]]"},
		{"menus.fr", "map[languages:map[fr:map[menus:map[x:1]]]]"},
	}
	for _, tc := range tests {
		if got := fmtTree(hugoConfigPart(tc.name, part)); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}

func fmtTree(t tree) string {
	var out []byte
	out = append(out, "map["...)
	for i, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range t {
			if !yield(k) {
				return
			}
		}
	}) {
		if i > 0 {
			out = append(out, ' ')
		}
		out = append(out, k...)
		out = append(out, ':')
		switch v := t[k].(type) {
		case tree:
			out = append(out, fmtTree(v)...)
		default:
			out = append(out, v.(string)...)
		}
	}
	return string(append(out, ']'))
}

// TestHugoUgly reads uglyURLs in both forms.
func TestHugoUgly(t *testing.T) {
	all, none := hugoUgly(tree{"uglyurls": true})
	if !all || none != nil {
		t.Errorf("uglyURLs = true: %v, %v", all, none)
	}
	all, sections := hugoUgly(tree{"uglyurls": tree{"posts": true, "notes": false}})
	if all || !sections["posts"] || sections["notes"] {
		t.Errorf("uglyURLs = {posts = true}: %v, %v", all, sections)
	}
}
