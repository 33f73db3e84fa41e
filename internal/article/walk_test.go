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

// TestFindThroughLinkedFolder lists a folder named by a symbolic link,
// as a site whose content folder is a link to another place has it.
func TestFindThroughLinkedFolder(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	if err := os.MkdirAll(filepath.Join(real, "posts"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(real, "posts", "a.md"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "content")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	files, problems, err := Find(link)
	if err != nil || problems != nil {
		t.Fatal(err, problems)
	}
	if got := files.Paths(); !slices.Equal(got, []string{filepath.Join(link, "posts", "a.md")}) {
		t.Errorf("listed %q through the link", got)
	}
}
