package output

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// group writes each of contents to its file, in pieces, failing after
// the first file when fail is set.
func group(contents map[string]string, fail bool) *Group {
	g := &Group{}
	for name := range contents {
		g.Names = append(g.Names, name)
	}
	g.Write = func(ws []io.Writer) error {
		for i, name := range g.Names {
			for _, piece := range strings.SplitAfter(contents[name], " ") {
				io.WriteString(ws[i], piece)
			}
			if fail {
				return errors.New("render failed")
			}
		}
		return nil
	}
	return g
}

func groupFiles(g *Group) []File {
	var out []File
	for _, n := range g.Names {
		out = append(out, File{Name: n, Group: g})
	}
	return out
}

func TestWriteAllGroup(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	big := strings.Repeat("item ", 500_000) // more than one comparison buffer
	want := map[string]string{"rss.xml": big + "rss", "sub/atom.xml": big + "atom", "feed.json": "{}"}
	res, err := WriteAll(dir, groupFiles(group(want, false)))
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 3 {
		t.Fatalf("%d results, want 3", len(res))
	}
	for _, r := range res {
		name, _ := filepath.Rel(dir, r.Path)
		data, _ := os.ReadFile(r.Path)
		if r.Status != Written || string(data) != want[filepath.ToSlash(name)] || r.Size != len(data) {
			t.Errorf("%s: %s, %d bytes; want written with its contents", r.Path, r.Status, r.Size)
		}
		if st, _ := os.Stat(r.Path); st.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, want 0644", r.Path, st.Mode().Perm())
		}
	}

	// The same bytes again leave the files alone; a changed one is
	// replaced, however late in the file the change is.
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	for _, r := range res {
		os.Chtimes(r.Path, old, old)
	}
	want["sub/atom.xml"] = big + "atoms"
	want["rss.xml"] = big + "RSS"
	res, err = WriteAll(dir, groupFiles(group(want, false)))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		st, _ := os.Stat(r.Path)
		changed := !strings.HasSuffix(r.Path, "feed.json")
		if (r.Status == Written) != changed || st.ModTime().Equal(old) != !changed {
			t.Errorf("%s: %s, mtime %v; want changed=%v", r.Path, r.Status, st.ModTime(), changed)
		}
	}
	assertNoTemp(t, dir)

	// A file cut short is a change too.
	want["sub/atom.xml"] = big
	res, err = WriteAll(dir, groupFiles(group(want, false)))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if changed := strings.HasSuffix(r.Path, "atom.xml"); (r.Status == Written) != changed {
			t.Errorf("%s: %s after cutting atom.xml short", r.Path, r.Status)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "sub", "atom.xml")); string(data) != big {
		t.Error("atom.xml was not cut short")
	}

	// A failure while writing changes nothing and leaves no temporary file.
	before := map[string]string{}
	for name := range want {
		data, _ := os.ReadFile(filepath.Join(dir, name))
		before[name] = string(data)
	}
	if _, err := WriteAll(dir, groupFiles(group(map[string]string{"rss.xml": "new", "sub/atom.xml": "new", "feed.json": "new"}, true))); err == nil || err.Error() != "render failed" {
		t.Fatalf("error %v, want the writer's", err)
	}
	for name, data := range before {
		if now, _ := os.ReadFile(filepath.Join(dir, name)); string(now) != data {
			t.Errorf("%s changed after a failed write", name)
		}
	}
	assertNoTemp(t, dir)
}

// TestWriteEachProgress checks that progress counts every file and every
// step of a group, in order, up to the total.
func TestWriteEachProgress(t *testing.T) {
	g := &Group{Names: []string{"a.xml", "b.json"}, Steps: 5}
	g.Write = func(ws []io.Writer) error {
		for i := range g.Steps {
			for _, w := range ws {
				fmt.Fprintf(w, "item %d\n", i)
			}
			g.Step()
		}
		return nil
	}
	files := append([]File{{Name: "first.html", Data: []byte("x")}}, groupFiles(g)...)
	files = append(files, File{Name: "last.html", Make: func() ([]byte, error) { return []byte("y"), nil }})
	var seen []string
	if err := WriteEach(t.TempDir(), files, func(done, total int) {
		seen = append(seen, fmt.Sprintf("%d/%d", done, total))
	}, func(int, Result) {}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(seen, " "); got != "1/9 2/9 3/9 4/9 5/9 6/9 7/9 8/9 9/9" {
		t.Errorf("progress %s, want 1/9 … 9/9", got)
	}
}
