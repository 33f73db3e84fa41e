package corpus

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// summaries counts the generated articles and those with a summary in
// their front matter.
func summaries(t *testing.T, dir string) (files, with int) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files++
		fm, _, _ := bytes.Cut(bytes.TrimPrefix(b, []byte("---\n")), []byte("\n---\n"))
		if bytes.Contains(fm, []byte("\nsummary: ")) {
			with++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files, with
}

func TestShapes(t *testing.T) {
	tests := []struct {
		shape    Shape
		min, max int // articles of 300 with a summary
	}{
		{Shape{}, 60, 140},
		{Shape{AllSummaries: true}, 300, 300},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		if err := GenerateShaped(dir, 300, 1, tt.shape); err != nil {
			t.Fatal(err)
		}
		files, with := summaries(t, dir)
		if files != 300 || with < tt.min || with > tt.max {
			t.Errorf("%+v: %d files, %d with a summary; want 300, %d–%d", tt.shape, files, with, tt.min, tt.max)
		}
	}
}

func TestSameSeedSameFiles(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, d := range []string{a, b} {
		if err := Generate(d, 20, 9); err != nil {
			t.Fatal(err)
		}
	}
	err := filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, p)
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs with the same seed", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
