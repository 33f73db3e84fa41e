package encode

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/feedpub/feedpub/internal/model"
	"github.com/feedpub/feedpub/internal/podcast"
)

// TestShowRSSText checks that text and attributes come out as written,
// whatever characters they hold, and that a show without optional
// settings writes none of their tags.
func TestShowRSSText(t *testing.T) {
	odd := "Tom & Jerry <live> \"quoted\" 'single' \x01bell ]]> end"
	f := &model.Feed{Title: odd, HomeURL: "https://example.com/?a=1&b=2", Description: odd}
	show := &podcast.Show{Title: odd, Artwork: "https://example.com/c.jpg?x=1&y=2", Category: "TV & Film", Explicit: true,
		Type: "episodic", GUID: "9b024349-ccf0-5f69-a609-6b82873eab3c", Language: "en"}
	it := &podcast.Item{Item: &model.Item{ID: "tag:x", URL: "https://example.com/1", Title: odd, Summary: odd,
		ContentHTML: "<p>a ]]> b</p>", Published: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC),
		Enclosure: &model.Enclosure{URL: "https://cdn.example.com/1.mp3?k=1&v=2", Type: "audio/mpeg", Length: 42}},
		Episode: &podcast.Episode{Title: odd}}
	doc := ShowRSS(f, show, []*podcast.Item{it}, Links{Self: "https://example.com/feed.xml"})
	var v struct {
		Channel struct {
			Title string `xml:"title"`
			Image struct {
				Href string `xml:"href,attr"`
			} `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd image"`
			Category struct {
				Text string `xml:"text,attr"`
			} `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd category"`
			Item struct {
				Title     string `xml:"title"`
				Content   string `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
				Enclosure struct {
					URL string `xml:"url,attr"`
				} `xml:"enclosure"`
			} `xml:"item"`
		} `xml:"channel"`
	}
	if err := xml.Unmarshal(doc, &v); err != nil {
		t.Fatalf("%v\n%s", err, doc)
	}
	want := strings.Replace(odd, "\x01", "\uFFFD", 1)
	for what, got := range map[string]string{"title": v.Channel.Title, "item title": v.Channel.Item.Title} {
		if got != want {
			t.Errorf("%s = %q, want %q", what, got, want)
		}
	}
	if v.Channel.Image.Href != show.Artwork || v.Channel.Category.Text != "TV & Film" || v.Channel.Item.Enclosure.URL != it.Enclosure.URL {
		t.Errorf("attributes read back as %+v", v.Channel)
	}
	if !strings.Contains(string(doc), "<itunes:title>Tom &amp; Jerry &lt;live&gt; &#34;quoted&#34; &#39;single&#39; \uFFFDbell ]]&gt; end</itunes:title>") {
		t.Errorf("itunes:title not escaped as XML text:\n%s", doc)
	}
	if v.Channel.Item.Content != "<p>a ]]> b</p>" {
		t.Errorf("content:encoded = %q", v.Channel.Item.Content)
	}
	for _, absent := range []string{"itunes:owner", "itunes:complete", "itunes:block", "podcast:funding", "podcast:person", "media:", "itunes:episode"} {
		if strings.Contains(string(doc), absent) {
			t.Errorf("the feed has %s, which nothing set:\n%s", absent, doc)
		}
	}
}
