package cache

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/feedpub/feedpub/internal/filelist"
)

func TestLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache")
	c := New("key")
	c.Entries = []Entry{{Path: "a.md", Size: 10, ModTime: 20, URLHash: 1, IDHash: 2, PublishedSec: 3}, {Path: "c.md"}}
	if err := c.Save(path); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path, "key")
	if err != nil || got == nil || !reflect.DeepEqual(got.Entries[0], c.Entries[0]) {
		t.Fatalf("round trip: %+v, %v", got, err)
	}
	if got, err := Load(path, "other settings"); got != nil || err != nil {
		t.Errorf("a cache made with other settings was used: %v %v", got, err)
	}
	c.Version = version + 1
	c.Save(path)
	if got, err := Load(path, "key"); got != nil || err != nil {
		t.Errorf("a cache of another format version was used: %v %v", got, err)
	}
	if got, err := Load(filepath.Join(t.TempDir(), "none"), "key"); got != nil || err != nil {
		t.Errorf("a missing cache: %v %v", got, err)
	}
	os.WriteFile(path, []byte("garbage"), 0o644)
	if got, err := Load(path, "key"); got != nil || err == nil {
		t.Errorf("a damaged cache: %v %v", got, err)
	}
}

func TestMatch(t *testing.T) {
	c := New("k")
	c.Entries = []Entry{{Path: "a.md"}, {Path: "c.md"}, {Path: "d/e.md"}}
	files := &filelist.List{}
	for _, p := range []string{"a.md", "b.md", "c.md", "d/e.md", "z.md"} {
		files.Add(p, 0, 0)
	}
	got := c.Match(files)
	want := []int32{0, -1, 1, 2, -1}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Match = %v, want %v", got, want)
		}
	}
}

// TestSaveSource saves entries given by Source, more than one chunk of
// them, and checks that a cut file is damaged, not short.
func TestSaveSource(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache")
	c := New("key")
	n := saveChunk*2 + 17
	c.Count = n
	c.Source = func(yield func(Entry) bool) {
		for i := range n {
			if !yield(Entry{Path: fmt.Sprintf("%06d.md", i), Size: int64(i), Terms: []string{"t"}}) {
				return
			}
		}
	}
	if err := c.Save(path); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path, "key")
	if err != nil || got == nil || len(got.Entries) != n || got.Entries[n-1].Size != int64(n-1) || got.Entries[saveChunk].Path != fmt.Sprintf("%06d.md", saveChunk) {
		t.Fatalf("loaded %v entries, %v", len(got.Entries), err)
	}
	data, _ := os.ReadFile(path)
	for _, cut := range []int{len(data) - 1, len(data) / 2, len(data) / 5} {
		os.WriteFile(path, data[:cut], 0o644)
		if got, err := Load(path, "key"); got != nil || err == nil {
			t.Errorf("a cache cut at %d of %d bytes was used", cut, len(data))
		}
	}
	c.Count = n + 1
	if err := c.Save(path); err == nil {
		t.Error("saving fewer entries than counted succeeded")
	}
}

// TestIntact checks that a file is intact with its recorded size and
// time, or with a new time and the same bytes, and not otherwise.
func TestIntact(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	want, ok := StampOf(p, Stamp{})
	if !ok || want.Size != 5 || want.Hash != Hash([]byte("hello")) {
		t.Fatalf("StampOf = %+v, %v", want, ok)
	}
	later := time.Unix(want.ModTime/1e9+60, 0)
	for _, tc := range []struct {
		name   string
		change func()
		intact bool
	}{
		{"as written", func() {}, true},
		{"touched", func() { os.Chtimes(p, later, later) }, true},
		{"same size, other bytes", func() { os.WriteFile(p, []byte("jello"), 0o644) }, false},
		{"other size", func() { os.WriteFile(p, []byte("hello!"), 0o644) }, false},
		{"removed", func() { os.Remove(p) }, false},
	} {
		tc.change()
		now, ok := Intact(p, want)
		if ok != tc.intact {
			t.Errorf("%s: intact %v, want %v", tc.name, ok, tc.intact)
		}
		if ok {
			if st, _ := os.Stat(p); now.ModTime != st.ModTime().UnixNano() || now.Hash != want.Hash {
				t.Errorf("%s: the stamp %+v is not the file's as it is now", tc.name, now)
			}
			if again, _ := StampOf(p, now); again != now {
				t.Errorf("%s: StampOf with the new stamp = %+v, want %+v", tc.name, again, now)
			}
		}
	}
}

// TestSaveOutputsAndPages saves more outputs and article pages than one
// chunk holds, the pages given by ArticleSource, and reads them back.
func TestSaveOutputsAndPages(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache")
	c := New("key")
	var pages []ArticlePage
	for i := range saveChunk + 7 {
		c.Outputs[fmt.Sprintf("out/p%05d/index.html", i)] = Stamp{Size: int64(i), ModTime: 1, Hash: uint64(i)}
		p := ArticlePage{Path: fmt.Sprintf("articles/%05d.md", i), Hash: uint64(i), Name: fmt.Sprintf("p%05d/index.html", i)}
		if i == 3 {
			p.Copies = []Copy{{Source: "articles/a.jpg", Name: "p00003/a.jpg", Stamp: Stamp{Size: 2}}}
		}
		pages = append(pages, p)
	}
	c.ArticleSource, c.ArticleCount = slices.Values(pages), len(pages)
	if err := c.Save(path); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path, "key")
	if err != nil || got == nil {
		t.Fatalf("Load: %v, %v", got, err)
	}
	if !reflect.DeepEqual(got.Outputs, c.Outputs) {
		t.Errorf("outputs: %d read back, want %d the same", len(got.Outputs), len(c.Outputs))
	}
	if !reflect.DeepEqual(got.Articles, pages) {
		t.Errorf("article pages: %d read back, want %d the same", len(got.Articles), len(pages))
	}
	if p, ok := got.Article("articles/00003.md"); !ok || !reflect.DeepEqual(p, pages[3]) {
		t.Errorf("Article(00003) = %+v, %v", p, ok)
	}
	if _, ok := got.Article("articles/none.md"); ok {
		t.Error("Article found a page the cache never recorded")
	}
	// Saved again, as a build that changed nothing saves it.
	if err := got.Save(path); err != nil {
		t.Fatal(err)
	}
	if again, err := Load(path, "key"); err != nil || !reflect.DeepEqual(again.Articles, pages) {
		t.Errorf("a loaded cache saved again: %v", err)
	}
	c.ArticleCount++
	if err := c.Save(path); err == nil || err.Error() != fmt.Sprintf("writing %s: encoding the cache: %d article pages given, not %d", path, len(pages), len(pages)+1) {
		t.Errorf("a source giving fewer pages than counted: %v", err)
	}
}

func TestLoadPagesOutOfOrder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache")
	c := New("key")
	c.Articles = []ArticlePage{{Path: "b.md", Name: "b/index.html"}, {Path: "a.md", Name: "a/index.html"}}
	if err := c.Save(path); err != nil {
		t.Fatal(err)
	}
	if got, err := Load(path, "key"); got != nil || err == nil {
		t.Errorf("a cache whose pages are out of order was used: %v", err)
	}
}
