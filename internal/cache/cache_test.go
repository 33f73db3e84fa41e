package cache

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache")
	c := New("key")
	c.Entries = []Entry{{Path: "a.md", Size: 10, ModTime: 20, URLHash: 1, IDHash: 2, PublishedSec: 3, ID: "urn:a"}, {Path: "c.md"}}
	c.Chosen = []string{"a.md"}
	if err := c.Save(path); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path, "key")
	if err != nil || got == nil || !reflect.DeepEqual(got.Entries[0], c.Entries[0]) || got.Chosen[0] != "a.md" {
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
	got := c.Match([]string{"a.md", "b.md", "c.md", "d/e.md", "z.md"})
	want := []int32{0, -1, 1, 2, -1}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Match = %v, want %v", got, want)
		}
	}
}
