package encode

import (
	"bytes"
	"fmt"
	"strings"
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

// TestContentSplice checks that escaping an item's content on its own
// and putting it in place gives the bytes the encoders give, also when the
// item's own text holds the mark that stands for the content.
func TestContentSplice(t *testing.T) {
	long := strings.Repeat("<p>Tom &amp; Jerry's \"best\" <a href=\"https://example.com/?a=1&amp;b=2\">link</a> ]]> é 🎉\t\r\n</p>\n", 20)
	titles := []string{"Plain", "Has the " + contentMark + " in it", "<>&\"'"}
	for _, format := range Formats {
		s, err := NewStream(format, sampleFeed(), Links{Self: "https://example.com/feed"})
		if err != nil {
			t.Fatal(err)
		}
		for _, title := range titles {
			for _, content := range []string{long, long[:300], "<p>short</p>", contentMark + long} {
				it := sampleItem("x")
				it.Title, it.Summary, it.ContentHTML = title, title, content
				it = cleanItem(it)
				for _, first := range []bool{true, false} {
					got, err1 := s.appendItem([]byte("prefix"), it, first, true)
					want, err2 := s.appendItem([]byte("prefix"), it, first, false)
					if err1 != nil || err2 != nil || !bytes.Equal(got, want) {
						t.Fatalf("%s, title %q, %d bytes of content: spliced\n%s\nwant\n%s", format, title, len(content), got, want)
					}
				}
			}
		}
	}
}

// TestAppendItems checks that AppendItems appends to each buffer what
// AppendItem appends with its stream.
func TestAppendItems(t *testing.T) {
	var streams []*Stream
	for _, format := range Formats {
		s, err := NewStream(format, sampleFeed(), Links{Self: "https://example.com/feed"})
		if err != nil {
			t.Fatal(err)
		}
		streams = append(streams, s)
	}
	for _, title := range []string{"Plain", " padded \x00 <em>x</em>"} {
		it := sampleItem(title)
		for _, first := range []bool{true, false} {
			prefixes := []string{"a", "b", ""}
			bufs := [][]byte{[]byte("a"), []byte("b"), nil}
			if err := AppendItems(streams, bufs, it, first); err != nil {
				t.Fatal(err)
			}
			for k, s := range streams {
				want, err := s.AppendItem([]byte(prefixes[k]), it, first)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(bufs[k], want) {
					t.Errorf("%s: AppendItems gives\n%s\nAppendItem\n%s", Formats[k], bufs[k], want)
				}
			}
		}
	}
}
