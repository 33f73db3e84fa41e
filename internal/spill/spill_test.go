package spill

import (
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/feedpub/feedpub/internal/model"
)

func TestRoundTrip(t *testing.T) {
	kathmandu := time.FixedZone("NPT", 5*3600+45*60)
	items := []*model.Item{
		{ID: "https://example.com/a/", URL: "https://example.com/a/", Title: "A", Summary: "Sum & <more>",
			Published: time.Date(2024, 1, 2, 3, 4, 5, 6, kathmandu), Updated: time.Date(2024, 2, 2, 3, 4, 5, 0, time.UTC),
			Authors: []model.Person{{Name: "Ann", Email: "ann@example.com", URL: "https://ann.example/"}}, Categories: []string{"go", "東京"}},
		{ID: "tag:example.com,2024:b", URL: "https://example.com/b/", Title: "", ContentHTML: "<p>x</p>",
			Published: time.Date(1850, 1, 1, 0, 0, 0, 0, time.FixedZone("LMT", -17762)), Updated: time.Date(2262, 1, 1, 0, 0, 0, 0, time.UTC),
			Image: "https://example.com/i.png", ImageType: "image/png", ImageLength: 12345, Language: "fr",
			Translations: []model.Translation{{Lang: "en", URL: "https://example.com/en/b/"}, {Lang: "pt-BR", URL: "https://example.com/pt-br/b/"}},
			ExternalURL:  "https://elsewhere.example/story", Source: &model.Source{Title: "Wire", URL: "https://wire.example/rss"},
			Enclosure: &model.Enclosure{URL: "https://example.com/e.mp3", Type: "audio/mpeg", Length: 1 << 40}},
	}
	s := New(t.TempDir(), 5)
	defer s.Close()
	var wg sync.WaitGroup
	for k, it := range items {
		wg.Add(1)
		go func() { defer wg.Done(); s.Put(2*k+1, it) }()
	}
	wg.Wait()
	if err := s.Done(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		got, ok, err := s.Get(i)
		if err != nil {
			t.Fatal(err)
		}
		if ok != (i == 1 || i == 3) {
			t.Fatalf("item %d: ok %v", i, ok)
		}
		if !ok {
			continue
		}
		want := items[i/2]
		for _, p := range [][2]time.Time{{got.Published, want.Published}, {got.Updated, want.Updated}} {
			_, g := p[0].Zone()
			_, w := p[1].Zone()
			if !p[0].Equal(p[1]) || g != w || p[0].Format(time.RFC3339Nano) != p[1].Format(time.RFC3339Nano) {
				t.Errorf("item %d: time %v, want %v", i, p[0], p[1])
			}
		}
		g, w := *got, *want
		g.Published, g.Updated, w.Published, w.Updated = time.Time{}, time.Time{}, time.Time{}, time.Time{}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("item %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}

func TestNothingPut(t *testing.T) {
	s := New(t.TempDir(), 3)
	if err := s.Done(); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := s.Get(1); ok || err != nil {
		t.Fatalf("got an item, or %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestItemsAroundTheFirstRead stores items smaller and larger than what Get
// reads at first, the last one at the end of the file, and reads each back.
func TestItemsAroundTheFirstRead(t *testing.T) {
	sizes := []int{0, firstRead - 60, firstRead - 1, firstRead, firstRead + 7, 10 * firstRead, 3}
	s := New(t.TempDir(), len(sizes))
	defer s.Close()
	for i, n := range sizes {
		s.Put(i, &model.Item{ID: "id", Summary: strings.Repeat("é", n/2) + strings.Repeat("x", n%2)})
	}
	if err := s.Done(); err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{6, 5, 0, 3, 1, 4, 2} {
		got, ok, err := s.Get(i)
		if err != nil || !ok {
			t.Fatalf("item %d: ok %v, %v", i, ok, err)
		}
		if want := strings.Repeat("é", sizes[i]/2) + strings.Repeat("x", sizes[i]%2); got.Summary != want || got.ID != "id" {
			t.Errorf("item %d: summary of %d bytes, want %d", i, len(got.Summary), len(want))
		}
	}
}
