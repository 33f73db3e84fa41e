package render

import (
	"slices"
	"testing"

	"github.com/feedpub/feedpub/internal/output"
)

// TestPageNames checks that of pages of one name only the first in the
// articles' order keeps it, and that first finds the earliest page of a
// name, or none.
func TestPageNames(t *testing.T) {
	names := []string{"b/index.html", "a/index.html", "b/index.html", "c/index.html", "a/index.html", "b/index.html"}
	files := make([]output.File, len(names))
	pages := make([]pageMark, len(names))
	for n, name := range names {
		files[n] = output.File{Name: name}
	}
	byName := pageNames(files, pages)
	var again []int
	for n, pg := range pages {
		if pg.again {
			again = append(again, n)
		}
	}
	if want := []int{2, 4, 5}; !slices.Equal(again, want) {
		t.Errorf("pages named again: %v, want %v", again, want)
	}
	for _, tc := range []struct {
		name string
		want int
	}{{"a/index.html", 1}, {"b/index.html", 0}, {"c/index.html", 3}, {"a/x.jpg", len(names)}, {"", len(names)}, {"z", len(names)}} {
		if got := byName.first(tc.name); got != tc.want {
			t.Errorf("first(%q) = %d, want %d", tc.name, got, tc.want)
		}
	}
}
