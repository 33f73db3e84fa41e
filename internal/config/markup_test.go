package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestShortcodesSetting(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "feedpub.yaml")
	os.WriteFile(path, []byte("shortcodes:\n  gh: '<a href=\"https://github.com/{{ .Get 0 }}\">x</a>'\n"), 0o644)
	s := Defaults()
	if err := s.Load(path); err != nil {
		t.Fatal(err)
	}
	site, err := s.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(site.Shortcodes["gh"], ".Get 0") {
		t.Errorf("shortcodes %v", site.Shortcodes)
	}
	os.WriteFile(path, []byte("shortcodes:\n  gh: '{{ .Get 0 '\n"), 0o644)
	s = Defaults()
	if err := s.Load(path); err != nil {
		t.Fatal(err)
	}
	_, err = s.Resolve()
	if err == nil || !strings.Contains(err.Error(), "feedpub.yaml:1:1: shortcode \"gh\"") {
		t.Errorf("a template that does not parse: %v", err)
	}
}
