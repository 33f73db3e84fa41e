package encode

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/feedpub/feedpub/internal/model"
)

var feedsDir = flag.String("feeds", "", "write the reader corpus's feeds (rss.xml, atom.xml, feed.json) into this folder, to try them in readers and validators")

// readerCorpus is a feed with every case readers have shown wrongly:
// titles, summaries, names and tags that look like markup, two authors
// with e-mail addresses, a link post, a repost, an image of known size
// and the site's icon and logo.
func readerCorpus() *model.Feed {
	at := func(day int) time.Time { return time.Date(2024, 6, day, 9, 0, 0, 0, time.FixedZone("", 2*3600)) }
	item := func(slug, title string, day int) *model.Item {
		u := "https://example.com/" + slug + "/"
		return &model.Item{ID: u, URL: u, Title: title, Summary: title, ContentHTML: "<p>Body of " + escapeHTMLText(title) + ".</p>",
			Published: at(day), Updated: at(day), Authors: []model.Person{{Name: "Ann Example"}}}
	}
	div := item("div", "A <div> in a title", 9)
	div.Categories = []string{"a<b>c", "AT&T"}
	mm := item("mm", "M&M's & <b>not bold</b>", 8)
	mm.Summary = "AT&T, M&M's & <b>not bold</b>, &copy; and a <div>."
	two := item("two", "Two authors", 7)
	two.Authors = []model.Person{{Name: "Zoe Zed", Email: "zoe@example.com"}, {Name: "Bob Builder", Email: "bob@example.com"}}
	link := item("link", "A link post", 6)
	link.ExternalURL = "https://other.example/story?a=1&b=2"
	repost := item("repost", "A repost", 5)
	repost.Source = &model.Source{Title: "Other & <Co>", URL: "https://other.example/feed.xml"}
	pic := item("picture", "A picture", 4)
	pic.Image, pic.ImageType, pic.ImageLength = "https://example.com/picture/cover.jpg", "image/jpeg", 48213
	entity := item("entity", "&copy; is not ©", 2)
	odd := item("odd", "Tag & name", 3)
	odd.Authors = []model.Person{{Name: "Dr. <b>Bob</b> &amp; Co", Email: "bob@example.com"}}
	f := &model.Feed{
		Title: "Site & <Co>", Description: "About AT&T and <div>", HomeURL: "https://example.com/", ID: "https://example.com/",
		Language: "en", Generator: "feedpub 1.0", Authors: []model.Person{{Name: "Site & <Co>"}},
		Icon: "https://example.com/icon.png", Logo: "https://example.com/logo.png",
		Items: []*model.Item{div, mm, two, link, repost, pic, odd, entity},
	}
	f.Updated = model.Newest(f.Items)
	return f
}

// TestReaderCorpus checks that gofeed reads the reader corpus's feeds,
// every item as written, and writes them with -feeds DIR.
func TestReaderCorpus(t *testing.T) {
	f := readerCorpus()
	names := map[Format]string{RSS: "rss.xml", Atom: "atom.xml", JSON: "feed.json"}
	for _, format := range Formats {
		var buf bytes.Buffer
		self := "https://example.com/" + names[format]
		if err := Encode(&buf, format, f, Links{Self: self}); err != nil {
			t.Fatal(err)
		}
		got, err := gofeed.NewParser().Parse(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if len(got.Items) != len(f.Items) || got.Title != f.Title {
			t.Errorf("%s: %d items, title %q", format, len(got.Items), got.Title)
		}
		for i, gi := range got.Items {
			if gi.Title != f.Items[i].Title {
				t.Errorf("%s: title %q, want %q", format, gi.Title, f.Items[i].Title)
			}
		}
		if *feedsDir != "" {
			if err := os.WriteFile(filepath.Join(*feedsDir, names[format]), buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
