package config

import (
	"os"
	"path/filepath"
	"testing"
)

// TestNews checks the news setting: the publication's name, its
// language (the site's by default, canonical), and each mistake, located.
func TestNews(t *testing.T) {
	for _, tc := range []struct {
		yaml string
		want *News
		err  string
	}{
		{"title: x\n", nil, ""},
		{"news: {name: ' The Times '}\n", &News{Name: "The Times", Language: "en"}, ""},
		{"language: zh_tw\nnews: {name: T}\n", &News{Name: "T", Language: "zh-TW"}, ""},
		{"news:\n  name: T\n  language: pt-br\n", &News{Name: "T", Language: "pt-BR"}, ""},
		{"news: {name: ''}\n", nil, "f.yaml:1:1: the publication's name is empty — write it exactly as Google News shows it: 'news: {name: The Example Times}'"},
		{"news: {name: T, language: 'no such'}\n", nil, `f.yaml:1:1: the language "no such" is not a language tag — write it like en, fr or zh-TW, or leave it out for the site's language`},
		{"news: {name: T, lang: fr}\n", nil, `f.yaml:1:1: unknown key "lang" — write only name and language: 'news: {name: The Example Times, language: en}'`},
	} {
		dir := t.TempDir()
		path := filepath.Join(dir, "f.yaml")
		if err := os.WriteFile(path, []byte(tc.yaml), 0o644); err != nil {
			t.Fatal(err)
		}
		s := Defaults()
		err := s.Load(path)
		var site *Site
		if err == nil {
			site, err = s.Resolve()
		}
		if tc.err != "" {
			if err == nil || err.Error() != filepath.Join(dir, tc.err) {
				t.Errorf("%q: error %v, want %s", tc.yaml, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tc.yaml, err)
			continue
		}
		if (site.News == nil) != (tc.want == nil) || site.News != nil && *site.News != *tc.want {
			t.Errorf("%q: %+v, want %+v", tc.yaml, site.News, tc.want)
		}
	}
}

// TestSitemapSetting: sitemap.xml of the article pages is written with
// news unless turned off, without it only when asked, and never without
// the pages.
func TestSitemapSetting(t *testing.T) {
	for _, tc := range []struct {
		yaml string
		want bool
	}{
		{"title: x\n", false},
		{"sitemap: true\n", true},
		{"news: {name: T}\n", true},
		{"news: {name: T}\nsitemap: false\n", false},
		{"sitemap: true\narticle_pages: false\n", false},
	} {
		path := filepath.Join(t.TempDir(), "f.yaml")
		if err := os.WriteFile(path, []byte(tc.yaml), 0o644); err != nil {
			t.Fatal(err)
		}
		s := Defaults()
		if err := s.Load(path); err != nil {
			t.Fatal(err)
		}
		site, err := s.Resolve()
		if err != nil {
			t.Fatal(err)
		}
		if site.Sitemap != tc.want {
			t.Errorf("%q: sitemap %v, want %v", tc.yaml, site.Sitemap, tc.want)
		}
	}
}
