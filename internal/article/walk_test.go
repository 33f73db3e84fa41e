package article

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// The listing comes sorted as strings, also where a folder's name starts
// a file's, as "x" and "x-y.md" do.
func TestFindListsInPathOrder(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"x/a.md", "x-y.md", "x.md", "x0.md", "x/b/c.md", "x.b/d.md", "a b.md", "ab/z.md", "a.md", "ü.md", "Z.md", "x/b.md", "xy/x.md"} {
		path := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, problems, err := Find(dir)
	if err != nil || problems != nil {
		t.Fatal(err, problems)
	}
	got := files.Paths()
	want := slices.Clone(got)
	slices.Sort(want)
	if !slices.Equal(got, want) || len(got) != 13 {
		t.Errorf("listed\n%q\nwant\n%q", got, want)
	}
}
