package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestWriteAll(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	files := []File{{Name: "rss.xml", Data: []byte("one")}, {Name: "sub/feed.json", Data: []byte("two")}}
	res, err := WriteAll(dir, files)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if r.Status != Written {
			t.Errorf("%s: %s, want written", r.Path, r.Status)
		}
		if data, _ := os.ReadFile(r.Path); string(data) != string(files[i].Data) {
			t.Errorf("%s holds %q", r.Path, data)
		}
	}

	// A second write with the same bytes leaves the files alone.
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	for _, r := range res {
		os.Chtimes(r.Path, old, old)
	}
	files[1].Data = []byte("changed")
	res, err = WriteAll(dir, files)
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Status != Unchanged || res[1].Status != Written {
		t.Errorf("statuses %s, %s; want unchanged, wrote", res[0].Status, res[1].Status)
	}
	if st, _ := os.Stat(res[0].Path); !st.ModTime().Equal(old) {
		t.Errorf("an unchanged file was touched: mtime %v, want %v", st.ModTime(), old)
	}
	if st, _ := os.Stat(res[1].Path); st.ModTime().Equal(old) {
		t.Errorf("a changed file kept its old mtime")
	}
	assertNoTemp(t, dir)
}

func TestWriteFileFailureKeepsOld(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rss.xml")
	if err := WriteFile(path, []byte("old")); err != nil {
		t.Fatal(err)
	}
	// A path below a regular file cannot be written.
	bad := filepath.Join(path, "child.xml")
	if err := WriteFile(bad, []byte("new")); err == nil {
		t.Fatal("writing below a file succeeded")
	}
	if data, _ := os.ReadFile(path); string(data) != "old" {
		t.Errorf("the old file now holds %q", data)
	}
	// Replacing a directory with a file fails at the rename; the temp file
	// must not be left behind.
	sub := filepath.Join(dir, "feed.json")
	os.MkdirAll(filepath.Join(sub, "x"), 0o755)
	if err := WriteFile(sub, []byte("new")); err == nil {
		t.Fatal("renaming over a non-empty directory succeeded")
	}
	assertNoTemp(t, dir)
}

func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && filepath.Ext(p) != ".xml" && filepath.Ext(p) != ".json" {
			t.Errorf("a temporary file was left behind: %s", p)
		}
		return nil
	})
}

// TestFailureReplacesNothing checks that a file that fails to be made
// leaves every file of the build as it was, those made before it too, and
// no temporary file behind.
func TestFailureReplacesNothing(t *testing.T) {
	dir := t.TempDir()
	if _, err := WriteAll(dir, []File{{Name: "a.xml", Data: []byte("old a")}, {Name: "sub/b.xml", Data: []byte("old b")}}); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	_, err := WriteAll(dir, []File{
		{Name: "a.xml", Data: []byte("new a")},
		{Name: "sub/b.xml", Make: func() ([]byte, error) { return nil, boom }},
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err %v, want boom", err)
	}
	for name, want := range map[string]string{"a.xml": "old a", "sub/b.xml": "old b"} {
		if got, _ := os.ReadFile(filepath.Join(dir, name)); string(got) != want {
			t.Errorf("%s holds %q, want %q", name, got, want)
		}
	}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if strings.Contains(d.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", p)
		}
		return nil
	})
	// Then all of them are replaced together.
	res, err := WriteAll(dir, []File{{Name: "a.xml", Data: []byte("new a")}, {Name: "sub/b.xml", Data: []byte("new b")}})
	if err != nil || len(res) != 2 || res[0].Status != Written || res[1].Status != Written {
		t.Fatalf("%v %v", res, err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "sub/b.xml")); string(got) != "new b" {
		t.Errorf("b holds %q", got)
	}
}
