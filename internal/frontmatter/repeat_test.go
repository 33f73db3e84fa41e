package frontmatter

import (
	"errors"
	"testing"

	"github.com/feedpub/feedpub/internal/diag"
)

// TestRepeatedKeys reads a front matter that repeats a key: an error
// (as Hugo reads YAML) unless the last key wins (as Jekyll reads it),
// nested mappings alike; delimiter lines may end in blanks.
func TestRepeatedKeys(t *testing.T) {
	tests := []struct {
		name, src string
		lastWins  bool
		want      string // the title, or the error
	}{
		{"error", "---\ntitle: First\ntitle: Second\n---\n", false,
			`f.md:3:1: invalid YAML front matter: mapping key "title" already defined on line 2 — keep one of them`},
		{"last wins", "---\ntitle: First\ntitle: Second\n---\n", true, "Second"},
		{"last wins, after others", "---\ntitle: First\ndate: 2024-01-01\ntitle: Third\n---\n", true, "Third"},
		{"nested", "---\ntitle: T\nsource: {title: a, title: b}\n---\n", true, "T"},
		{"blanks after delimiters", "---  \ntitle: Trail\n---\t \n", false, "Trail"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ParseWith("f.md", []byte(tt.src), Options{LastKeyWins: tt.lastWins})
			got := ""
			if err != nil {
				var de *diag.Error
				if !errors.As(err, &de) {
					t.Fatalf("not located: %v", err)
				}
				got = de.Error()
			} else {
				n := 0
				for _, f := range doc.Fields.Map {
					if f.Key == "title" {
						got, n = f.Value.Str, n+1
					}
				}
				if n != 1 {
					t.Errorf("%d title fields", n)
				}
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
