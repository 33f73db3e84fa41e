package cli

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the catalogue's want files")

// generators make the catalogue cases that cannot, or should not, live in
// git: very large files, special files and symbolic links. Each writes
// into dir, a copy of the case's folder.
var generators = map[string]func(t *testing.T, dir string){
	"huge-article": func(t *testing.T, dir string) {
		f := create(t, dir, "articles/huge.md")
		defer f.Close()
		f.WriteString("---\ntitle: Huge\ndate: 2024-01-01\n---\n")
		if err := f.Truncate(50 << 20); err != nil { // 50 MiB, sparse
			t.Fatal(err)
		}
	},
	"title-1mb": func(t *testing.T, dir string) {
		writeFile(t, dir, "articles/a.md", "---\ntitle: "+strings.Repeat("x", 1<<20)+"\ndate: 2024-01-01\n---\n")
	},
	"tags-10000": func(t *testing.T, dir string) {
		var b strings.Builder
		for i := 0; i < 10000; i++ {
			fmt.Fprintf(&b, "  - tag%d\n", i)
		}
		writeFile(t, dir, "articles/a.md", "---\ntitle: T\ndate: 2024-01-01\ntags:\n"+b.String()+"---\n")
	},
	"yaml-too-many-keys": func(t *testing.T, dir string) {
		var b strings.Builder
		for i := 0; i < 20000; i++ {
			fmt.Fprintf(&b, "key%d: v\n", i)
		}
		writeFile(t, dir, "articles/a.md", "---\ntitle: T\ndate: 2024-01-01\n"+b.String()+"---\n")
	},
	"fifo": func(t *testing.T, dir string) {
		os.MkdirAll(filepath.Join(dir, "articles"), 0o755)
		if err := syscall.Mkfifo(filepath.Join(dir, "articles", "pipe.md"), 0o644); err != nil {
			t.Skipf("cannot make a FIFO here: %v", err)
		}
	},
	"symlink-outside": func(t *testing.T, dir string) {
		writeFile(t, dir, "secret.md", "---\ntitle: Secret\ndate: 2024-01-01\n---\n")
		symlink(t, "../secret.md", filepath.Join(dir, "articles", "leak.md"))
	},
	"symlink-loop": func(t *testing.T, dir string) {
		symlink(t, "b.md", filepath.Join(dir, "articles", "a.md"))
		symlink(t, "a.md", filepath.Join(dir, "articles", "b.md"))
	},
	"symlink-dangling": func(t *testing.T, dir string) {
		symlink(t, "gone.md", filepath.Join(dir, "articles", "a.md"))
	},
	"symlink-to-folder-ok": func(t *testing.T, dir string) {
		writeFile(t, dir, "articles/real/a.md", "---\ntitle: T\ndate: 2024-01-01\n---\n")
		symlink(t, "real", filepath.Join(dir, "articles", "loop.md"))
		symlink(t, ".", filepath.Join(dir, "articles", "real", "self"))
	},
}

// TestCatalogue builds each case in testdata/bad and checks the exit
// status and every line feedpub writes to stderr. Run with -update to
// rewrite the want files, then review them.
func TestCatalogue(t *testing.T) {
	cases, err := os.ReadDir(filepath.Join("testdata", "bad"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 40 {
		t.Errorf("the catalogue has %d cases, want at least 40", len(cases))
	}
	for _, c := range cases {
		name := c.Name()
		t.Run(name, func(t *testing.T) {
			src := filepath.Join("testdata", "bad", name)
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
				t.Fatal(err)
			}
			os.Remove(filepath.Join(dir, "want"))
			os.MkdirAll(filepath.Join(dir, "articles"), 0o755)
			if gen := generators[name]; gen != nil {
				gen(t, dir)
			}
			start := time.Now()
			code, _, stderr := run(t, dir)
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("the build took %v: hostile input must not stall it", d)
			}
			got := "exit " + strconv.Itoa(code) + "\n" + stderr
			wantPath := filepath.Join(src, "want")
			if *update {
				if err := os.WriteFile(wantPath, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(wantPath)
			if err != nil {
				t.Fatalf("%v (run 'go test ./internal/cli -run TestCatalogue -update')", err)
			}
			if got != string(want) {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
			if code != 0 {
				if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
					t.Errorf("a failed build created the output directory")
				}
			}
		})
	}
}

func create(t *testing.T, dir, rel string) *os.File {
	t.Helper()
	p := filepath.Join(dir, rel)
	os.MkdirAll(filepath.Dir(p), 0o755)
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func writeFile(t *testing.T, dir, rel, text string) {
	t.Helper()
	f := create(t, dir, rel)
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(link), 0o755)
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("cannot make symbolic links here: %v", err)
	}
}
