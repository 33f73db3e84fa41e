package cache

import (
	"os"
	"path/filepath"
	"testing"
)

func TestLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache")
	c := New("key")
	c.Entries["a.md"] = Entry{Size: 10, ModTime: 20, URLHash: 1, IDHash: 2, PublishedSec: 3, ID: "urn:a"}
	c.Chosen = []string{"a.md"}
	if err := c.Save(path); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path, "key")
	if err != nil || got == nil || got.Entries["a.md"] != c.Entries["a.md"] || got.Chosen[0] != "a.md" {
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
