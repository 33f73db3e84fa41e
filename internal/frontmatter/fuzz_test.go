package frontmatter

import (
	"errors"
	"testing"

	"github.com/feedpub/feedpub/internal/diag"
)

// FuzzParse checks that any file either parses, with every key placed on
// a line of the file, or fails with a located diag.Error; never a panic.
func FuzzParse(f *testing.F) {
	f.Add([]byte("---\ntitle: x\ndate: 2024-01-01\n---\nbody"))
	f.Add([]byte("+++\ntitle = 'x'\n[author]\nname = 'a'\n+++\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		lines := countLines(src) // LF, CRLF and lone CR end lines, as in YAML and editors
		doc, err := Parse("a.md", src)
		if err != nil {
			var de *diag.Error
			if !errors.As(err, &de) {
				t.Fatalf("an error without a place: %v", err)
			}
			if de.Line < 0 || de.Line > lines+1 || de.Col < 0 {
				t.Fatalf("the error points outside the file (%d lines): %v", lines, err)
			}
			return
		}
		if doc.Fields == nil || doc.Fields.Kind != KindMap {
			t.Fatal("parsed front matter is not a mapping")
		}
		for _, fl := range doc.Fields.Map {
			if fl.Line < 1 || fl.Line > lines {
				t.Fatalf("key %q placed on line %d of %d", fl.Key, fl.Line, lines)
			}
		}
		if doc.BodyLine < 2 || doc.BodyLine > lines+1 {
			t.Fatalf("the body starts on line %d of %d", doc.BodyLine, lines)
		}
	})
}
