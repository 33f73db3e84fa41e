package encode

import (
	"bytes"
	"fmt"
	"sync"
	"testing"

	"github.com/mmcdole/gofeed"

	"github.com/feedpub/feedpub/internal/model"
)

// TestStreamConcurrent encodes the items of a feed on many goroutines, in
// no particular order, and checks that head, items and tail put together
// are the document Encode writes and that a reader finds every item.
func TestStreamConcurrent(t *testing.T) {
	var items []*model.Item
	for i := range 50 {
		it := sampleItem(fmt.Sprintf("item-%02d", i))
		if i%7 == 0 {
			it.Image = "https://example.com/i.png"
		}
		items = append(items, it)
	}
	for _, f := range []*model.Feed{sampleFeed(items...), sampleFeed()} {
		for _, format := range Formats {
			want := encode(t, format, f)
			s, err := NewStream(format, f, Links{Self: "https://example.com/feed"})
			if err != nil {
				t.Fatal(err)
			}
			parts := make([][]byte, len(f.Items))
			var wg sync.WaitGroup
			for i := len(f.Items) - 1; i >= 0; i-- {
				wg.Add(1)
				go func() {
					defer wg.Done()
					b, err := s.AppendItem(nil, f.Items[i], i == 0)
					if err != nil {
						t.Error(err)
					}
					parts[i] = b
				}()
			}
			wg.Wait()
			got := append([]byte{}, s.Head()...)
			for _, p := range parts {
				got = append(got, p...)
			}
			got = append(got, s.Tail(len(f.Items) == 0)...)
			if !bytes.Equal(got, want) {
				t.Fatalf("%s with %d items: pieces differ from Encode:\n%s\n---\n%s", format, len(f.Items), got, want)
			}
			parsed, err := gofeed.NewParser().ParseString(string(got))
			if err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			if len(parsed.Items) != len(f.Items) {
				t.Fatalf("%s: %d items, want %d", format, len(parsed.Items), len(f.Items))
			}
		}
	}
}
