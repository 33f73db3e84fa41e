package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLanguageTags builds articles whose language tags are written as
// people write them and checks every feed carries the canonical tag:
// RSS's <language>, Atom's xml:lang, JSON Feed's language.
func TestLanguageTags(t *testing.T) {
	tests := []struct{ site, lang, wantSite, wantItem string }{
		{"EN", "zh_cn", "en", "zh-CN"},
		{"pt-br", "zh_TW", "pt-BR", "zh-TW"},
		{"en_us", "PT-BR", "en-US", "pt-BR"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			dir := site(t, map[string]string{"a.md": "---\ntitle: A\ndate: 2024-01-01\nlang: " + tt.lang + "\n---\nBody.\n"})
			os.WriteFile(filepath.Join(dir, "feedpub.yaml"), []byte("base_url: https://example.com/\nlanguage: "+tt.site+"\n"), 0o644)
			if code, _, errOut := run(t, dir, "build", "--quiet"); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			for file, wants := range map[string][]string{
				"rss.xml":   {"<language>" + tt.wantSite + "</language>"},
				"atom.xml":  {`xml:lang="` + tt.wantItem + `"`},
				"feed.json": {`"language": "` + tt.wantSite + `"`, `"language": "` + tt.wantItem + `"`},
			} {
				b, err := os.ReadFile(filepath.Join(dir, "public", file))
				if err != nil {
					t.Fatal(err)
				}
				for _, w := range wants {
					if !strings.Contains(string(b), w) {
						t.Errorf("%s lacks %s:\n%s", file, w, b)
					}
				}
			}
		})
	}
	dir := site(t, map[string]string{"a.md": "---\ntitle: A\ndate: 2024-01-01\nlang: klingon\n---\nBody.\n"})
	code, _, errOut := run(t, dir, "build", "--quiet")
	if want := `articles/a.md:4:1: "klingon" is not a language tag — write it like en, fr or pt-BR`; code == 0 || !strings.Contains(errOut, want) {
		t.Errorf("exit %d, stderr lacks %q:\n%s", code, want, errOut)
	}
}
