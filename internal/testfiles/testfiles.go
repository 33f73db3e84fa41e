// Package testfiles writes the trees of files that tests build from. It
// is for tests only.
package testfiles

import (
	"os"
	"path/filepath"
	"testing"
)

// Write writes files below dir, each by its path relative to dir with
// slashes, making the folders they need; it stops the test at the first
// failure.
func Write(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
