package cli

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// same checks that dir's published feeds are byte-identical to those of
// a build without the cache.
func same(t *testing.T, dir, when string) {
	t.Helper()
	fresh := t.TempDir()
	if code, _, errOut := run(t, dir, "--no-cache", "--out", fresh, "--force", "--allow-id-change"); code != 0 {
		t.Fatalf("%s: the uncached build failed: %s", when, errOut)
	}
	got, want := tree(t, filepath.Join(dir, "public")), tree(t, fresh)
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s: %s differs from an uncached build's", when, name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok && !strings.HasPrefix(name, "archive/") {
			// Archive documents beyond the last are left for readers who
			// hold links to them.
			t.Errorf("%s: %s is left over; an uncached build does not write it", when, name)
		}
	}
}

// tree reads every file below dir but hidden ones, by slash-separated
// relative name.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// age sets the published files' times back, so a rewrite would show.
func age(t *testing.T, dir string) time.Time {
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	for f := range tree(t, filepath.Join(dir, "public")) {
		os.Chtimes(filepath.Join(dir, "public", f), old, old)
	}
	return old
}

func untouched(t *testing.T, dir string, since time.Time) bool {
	for f := range tree(t, filepath.Join(dir, "public")) {
		if st, err := os.Stat(filepath.Join(dir, "public", f)); err != nil || !st.ModTime().Equal(since) {
			return false
		}
	}
	return true
}

func TestIncrementalRebuilds(t *testing.T) {
	arts := map[string]string{}
	for _, n := range []string{"a", "b", "c", "d", "e"} {
		arts[n+".md"] = article(strings.ToUpper(n), "2024-01-0"+string(rune('1'+n[0]-'a')))
	}
	dir := site(t, arts)
	os.WriteFile(filepath.Join(dir, "feedpub.yaml"), []byte("limit: 3\n"), 0o644)
	if code, out, errOut := run(t, dir); code != 0 || !strings.Contains(out, "5 articles read") {
		t.Fatalf("cold build: exit %d: %s%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, ".feedpub-cache")); err != nil {
		t.Fatalf("no cache was written: %v", err)
	}

	// Nothing changed: no article is read and no file rewritten.
	old := age(t, dir)
	code, out, _ := run(t, dir)
	if code != 0 || !strings.Contains(out, "5 articles (0 read, the rest unchanged)") || !strings.Contains(out, ": 0 written, 14 unchanged") {
		t.Errorf("unchanged rebuild: exit %d:\n%s", code, out)
	}
	if !untouched(t, dir, old) {
		t.Error("a rebuild with nothing changed rewrote a feed")
	}

	steps := []struct {
		name   string
		change func()
		read   string
	}{
		{"edited", func() {
			os.WriteFile(filepath.Join(dir, "articles", "e.md"), []byte(article("E, edited", "2024-01-05")), 0o644)
		}, "(1 read,"},
		{"added", func() {
			os.WriteFile(filepath.Join(dir, "articles", "f.md"), []byte(article("F", "2024-01-06")), 0o644)
		}, "(1 read,"},
		{"deleted", func() { os.Remove(filepath.Join(dir, "articles", "f.md")) }, "(0 read,"},
		{"old one edited", func() {
			os.WriteFile(filepath.Join(dir, "articles", "a.md"), []byte(article("A", "2024-01-09")), 0o644)
		}, "(1 read,"},
		{"draft", func() {
			os.WriteFile(filepath.Join(dir, "articles", "a.md"), []byte(article("A", "2024-01-09", "draft: true")), 0o644)
		}, "(1 read,"},
	}
	for _, s := range steps {
		s.change()
		code, out, errOut := run(t, dir, "--force")
		if code != 0 || !strings.Contains(out, s.read) {
			t.Errorf("%s: exit %d, want %q read:\n%s%s", s.name, code, s.read, out, errOut)
		}
		same(t, dir, s.name)
	}

	// Touched but not changed: its bytes are compared, not parsed again,
	// and the feeds stay.
	old = age(t, dir)
	later := time.Now().Add(time.Minute)
	os.Chtimes(filepath.Join(dir, "articles", "b.md"), later, later)
	if code, out, _ := run(t, dir); code != 0 || !strings.Contains(out, "(0 read,") || !strings.Contains(out, " 0 written") {
		t.Errorf("touched: exit %d:\n%s", code, out)
	}
	if !untouched(t, dir, old) {
		t.Error("a touched but unchanged article rewrote a feed")
	}

	// A fresh checkout: every article and output file, and the cache,
	// copied with new times. Nothing is parsed or written.
	fresh := t.TempDir()
	if err := os.CopyFS(fresh, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	old = age(t, fresh)
	if code, out, errOut := run(t, fresh); code != 0 || !strings.Contains(out, "(0 read,") || !strings.Contains(out, " 0 written") {
		t.Errorf("fresh checkout: exit %d:\n%s%s", code, out, errOut)
	}
	if !untouched(t, fresh, old) {
		t.Error("a fresh checkout rewrote a feed")
	}

	// Other settings: the cache is not used.
	os.WriteFile(filepath.Join(dir, "feedpub.yaml"), []byte("limit: 2\n"), 0o644)
	if code, out, _ := run(t, dir, "--force"); code != 0 || !strings.Contains(out, "5 articles read") {
		t.Errorf("new settings: exit %d:\n%s", code, out)
	}
	same(t, dir, "new settings")

	// A deleted output file is written again.
	os.Remove(filepath.Join(dir, "public", "rss.xml"))
	if code, out, _ := run(t, dir); code != 0 || !strings.Contains(out, "wrote     public/rss.xml") {
		t.Errorf("deleted output: exit %d:\n%s", code, out)
	}
}

func TestDamagedCache(t *testing.T) {
	dir := site(t, map[string]string{"a.md": article("A", "2024-01-01")})
	published(t, dir)
	for _, junk := range []string{"not a cache", "", "\x00\x01\x02"} {
		os.WriteFile(filepath.Join(dir, ".feedpub-cache"), []byte(junk), 0o644)
		code, out, errOut := run(t, dir)
		if code != 0 || !strings.Contains(out, "1 article read") {
			t.Errorf("%q: exit %d:\n%s%s", junk, code, out, errOut)
		}
		if junk != "" && !strings.Contains(errOut, "feedpub: the cache .feedpub-cache is damaged") {
			t.Errorf("%q: no word about the damaged cache: %q", junk, errOut)
		}
		same(t, dir, "damaged cache")
	}
	// --no-cache neither reads nor writes it.
	os.Remove(filepath.Join(dir, ".feedpub-cache"))
	run(t, dir, "--no-cache")
	if _, err := os.Stat(filepath.Join(dir, ".feedpub-cache")); err == nil {
		t.Error("--no-cache wrote a cache")
	}
}
