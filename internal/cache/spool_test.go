package cache

import (
	"path/filepath"
	"reflect"
	"testing"
)

// TestSpool writes entries of every shape to a spool and checks that
// they come back equal, in order, twice, and that a saved cache made from
// the spool loads with them.
func TestSpool(t *testing.T) {
	want := []Entry{
		{Path: "a.md", Size: 10, ModTime: -20, Hash: 1 << 63, URLHash: 1, IDHash: 2, PublishedSec: -62135596800, PublishedNsec: 999999999},
		{Path: "b/ü €.md", Draft: true, Terms: []string{"tgo", "aAnn <a@example.com>", ""}, Order: &Order{Weight: -3, Title: "Ünïcode"}},
		{Path: "c.md", Order: &Order{}},
	}
	s, err := NewSpool(t.TempDir(), func(yield func(Entry) bool) {
		for _, e := range want {
			if !yield(e) {
				return
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Len() != len(want) {
		t.Fatalf("Len %d, want %d", s.Len(), len(want))
	}
	for range 2 {
		var got []Entry
		s.Entries(func(e Entry) bool { got = append(got, e); return true })
		if s.Err() != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("read back %+v (%v), want %+v", got, s.Err(), want)
		}
	}
	c := New("key")
	c.Source, c.Count = s.Entries, s.Len()
	path := filepath.Join(t.TempDir(), "cache")
	if err := c.Save(path); err != nil {
		t.Fatal(err)
	}
	loaded, err := Load(path, "key")
	if err != nil || loaded == nil || !reflect.DeepEqual(loaded.Entries, want) {
		t.Fatalf("saved from the spool and loaded: %+v, %v", loaded, err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("closing: %v", err)
	}
}
