package sitemode

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/feedpub/feedpub/internal/config"
)

func TestHugoMarkup(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "hugo.toml"), []byte(`baseURL = "https://example.org/"
title = "T"
summaryLength = 30
[params]
  mastodon = "@ann"
[markup.goldmark.extensions]
  footnote = false
  [markup.goldmark.extensions.typographer]
    disable = true
[markup.goldmark.renderer]
  unsafe = true
`), 0o644)
	s := config.Defaults()
	if _, err := Apply(dir, &s); err != nil {
		t.Fatal(err)
	}
	m := s.Markup
	if m.SummaryLength != 30 || m.Params["mastodon"] != "@ann" {
		t.Errorf("markup %+v", m)
	}
	for name, want := range map[string]bool{"footnote": false, "typographer": false, "unsafe": true} {
		if got, ok := m.Goldmark[name]; !ok || got != want {
			t.Errorf("%s = %v, %v; want %v", name, got, ok, want)
		}
	}
	if _, set := m.Goldmark["linkify"]; set {
		t.Error("linkify set although the site leaves it")
	}
}

func TestJekyllMarkup(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "_config.yml"), []byte("title: T\nurl: https://example.org\nexcerpt_separator: <!--more-->\nrepository: https://github.com/x/y\ncollections:\n  docs:\n    permalink: /:collection/:path/\n  notes: {}\n"), 0o644)
	s := config.Defaults()
	if _, err := Apply(dir, &s); err != nil {
		t.Fatal(err)
	}
	m := s.Markup
	if m.ExcerptSeparator != "<!--more-->" || m.Params["repository"] != "https://github.com/x/y" || m.Root != dir ||
		m.Collections["docs"] != "/:collection/:path/" || m.Collections["notes"] != "" || len(m.Collections) != 2 {
		t.Errorf("markup %+v", m)
	}
}
