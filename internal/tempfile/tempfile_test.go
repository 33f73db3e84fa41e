package tempfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestNothingStays checks that a temporary file can be written and read
// while open, and that nothing of it is left in its folder, open or
// closed.
func TestNothingStays(t *testing.T) {
	dir := t.TempDir()
	f, err := New(dir, "feedpub-test-*")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte("hello"), 3); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 5)
	if _, err := f.ReadAt(buf, 3); err != nil || string(buf) != "hello" {
		t.Fatalf("read back %q, %v", buf, err)
	}
	left := func() []string {
		names, _ := filepath.Glob(filepath.Join(dir, "*"))
		return names
	}
	if f.name == "" && len(left()) != 0 {
		t.Errorf("unlinked, yet the folder holds %q", left())
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if len(left()) != 0 {
		t.Errorf("after Close the folder holds %q", left())
	}
	if _, err := os.Stat(f.Name()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the file is still at its name: %v", err)
	}
}
