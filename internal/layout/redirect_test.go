package layout

import (
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/encode"
	"github.com/feedpub/feedpub/internal/feedcheck"
)

// TestRedirectDoc checks each format's redirect document: what it holds,
// that RedirectTarget reads the new address back, and that gofeed, as a
// reader, reads a feed at the new address holding the entry that says so.
func TestRedirectDoc(t *testing.T) {
	when := time.Date(2024, 5, 1, 9, 0, 0, 0, time.FixedZone("", 7200))
	for _, tc := range []struct {
		format encode.Format
		want   string
	}{
		{encode.RSS, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n  <channel>\n" +
			"    <title>News &amp; more</title>\n    <link>https://example.com/</link>\n" +
			"    <description>This feed is now at https://example.com/a&amp;b/feed.rss — subscribe to that address to keep receiving new articles.</description>\n" +
			"    <atom:link href=\"https://example.com/a&amp;b/feed.rss\" rel=\"self\" type=\"application/rss+xml\"></atom:link>\n" +
			"    <item>\n      <title>This feed has moved</title>\n      <link>https://example.com/a&amp;b/feed.rss</link>\n" +
			"      <guid isPermaLink=\"false\">https://example.com/a&amp;b/feed.rss#moved</guid>\n      <pubDate>Wed, 01 May 2024 07:00:00 +0000</pubDate>\n" +
			"      <description>This feed is now at https://example.com/a&amp;b/feed.rss — subscribe to that address to keep receiving new articles.</description>\n" +
			"    </item>\n  </channel>\n</rss>\n"},
		{encode.Atom, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <title>News &amp; more</title>\n  <id>https://example.com/a&amp;b/feed.rss</id>\n" +
			"  <updated>2024-05-01T07:00:00Z</updated>\n  <link href=\"https://example.com/a&amp;b/feed.rss\" rel=\"self\" type=\"application/atom+xml\"></link>\n" +
			"  <link href=\"https://example.com/\" rel=\"alternate\"></link>\n  <author>\n    <name>News &amp; more</name>\n  </author>\n" +
			"  <entry>\n    <title>This feed has moved</title>\n    <id>https://example.com/a&amp;b/feed.rss#moved</id>\n    <updated>2024-05-01T07:00:00Z</updated>\n" +
			"    <link href=\"https://example.com/a&amp;b/feed.rss\" rel=\"alternate\"></link>\n" +
			"    <summary type=\"text\">This feed is now at https://example.com/a&amp;b/feed.rss — subscribe to that address to keep receiving new articles.</summary>\n" +
			"  </entry>\n</feed>\n"},
		{encode.JSON, "{\n  \"version\": \"https://jsonfeed.org/version/1.1\",\n  \"title\": \"News \\u0026 more\",\n  \"home_page_url\": \"https://example.com/\",\n" +
			"  \"feed_url\": \"https://example.com/a\\u0026b/feed.rss\",\n  \"items\": [\n    {\n      \"id\": \"https://example.com/a\\u0026b/feed.rss#moved\",\n" +
			"      \"url\": \"https://example.com/a\\u0026b/feed.rss\",\n      \"title\": \"This feed has moved\",\n" +
			"      \"content_text\": \"This feed is now at https://example.com/a\\u0026b/feed.rss — subscribe to that address to keep receiving new articles.\",\n" +
			"      \"date_published\": \"2024-05-01T07:00:00Z\"\n    }\n  ]\n}\n"},
	} {
		t.Run(string(tc.format), func(t *testing.T) {
			to := "https://example.com/a&b/feed.rss"
			got := string(RedirectDoc(Move{Old: "rss.xml", Format: tc.format, To: to}, "News & more", "https://example.com/", when))
			if got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
			if back := RedirectTarget([]byte(got)); back != to {
				t.Errorf("RedirectTarget = %q, want %q", back, to)
			}
			f, err := gofeed.NewParser().ParseString(got)
			if tc.format != encode.JSON {
				if err := feedcheck.WellFormed([]byte(got)); err != nil {
					t.Error(err)
				}
			}
			switch {
			case err != nil:
				t.Fatal(err)
			case f.FeedLink != to || f.Title != "News & more":
				t.Errorf("gofeed reads feed link %q, title %q", f.FeedLink, f.Title)
			case len(f.Items) != 1 || f.Items[0].Title != "This feed has moved" || f.Items[0].Link != to || !strings.Contains(f.Items[0].Description+f.Items[0].Content, to):
				t.Errorf("gofeed reads the items %+v, want the one saying where the feed went", f.Items)
			}
		})
	}
	if got := RedirectTarget([]byte("<redirect><newLocation> https://example.com/x </newLocation></redirect>")); got != "https://example.com/x" {
		t.Errorf("the RSS Advisory Board's redirect document: %q", got)
	}
	for _, notOne := range []string{"", "{}", "<rss><channel/></rss>", `<feed xmlns="http://www.w3.org/2005/Atom"><link rel="alternate" href="x"/></feed>`, "{"} {
		if got := RedirectTarget([]byte(notOne)); got != "" {
			t.Errorf("RedirectTarget(%q) = %q, want none", notOne, got)
		}
	}
}

func TestRedirectRulesDoc(t *testing.T) {
	s := config.Defaults()
	s.BaseURL = "https://example.com/news/"
	site, err := s.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	got := string(RedirectRulesDoc(site, []Move{
		{Old: "rss.xml", To: MovedTo(site, "feed.rss")},
		{Old: "tags/a b/rss.xml", To: MovedTo(site, "tags/a b/feed.rss")},
		{Old: "feed.json", To: MovedTo(site, "https://feeds.example.org/news.json")},
	}))
	want := "/news/rss.xml /news/feed.rss 301\n/news/tags/a%20b/rss.xml /news/tags/a%20b/feed.rss 301\n/news/feed.json https://feeds.example.org/news.json 301\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if !strings.HasPrefix(MovedTo(site, "x.xml"), "https://example.com/news/") {
		t.Errorf("MovedTo = %s", MovedTo(site, "x.xml"))
	}
}
