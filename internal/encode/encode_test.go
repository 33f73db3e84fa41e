package encode

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/feedpub/feedpub/internal/feedcheck"
	"github.com/feedpub/feedpub/internal/model"
)

func sampleFeed(items ...*model.Item) *model.Feed {
	return &model.Feed{
		Title: "Site", Description: "About the site", HomeURL: "https://example.com/", ID: "https://example.com/",
		Language: "en", Generator: "feedpub 1.0", Authors: []model.Person{{Name: "Owner", Email: "owner@example.com"}},
		Updated: model.Newest(items), Items: items,
	}
}

func sampleItem(title string) *model.Item {
	t := time.Date(2024, 5, 1, 9, 30, 0, 0, time.FixedZone("", 2*3600))
	return &model.Item{
		ID: "https://example.com/" + title + "/", URL: "https://example.com/" + title + "/", Title: title,
		Summary: "A summary.", ContentHTML: "<p>Body.</p>", Published: t, Updated: t,
		Authors: []model.Person{{Name: "Ann"}}, Categories: []string{"one", "two"},
	}
}

func encode(t *testing.T, format Format, f *model.Feed) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, format, f, Links{Self: "https://example.com/feed"}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// wellFormed checks data with encoding/xml's strict parser.
func wellFormed(t *testing.T, data []byte) {
	t.Helper()
	if err := feedcheck.WellFormed(data); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
}

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"tab\tnew\nline\rcr", "tab\tnew\nline\rcr"},
		{"nul\x00 vt\x0b esc\x1b del\x7f", "nul vt esc del"},
		{"c1\u0085\u009f", "c1"},
		{"bad utf8 \xff!", "bad utf8 \uFFFD!"},
		{"nonchars \uFFFE\uFFFF", "nonchars "},
		{"emoji 🎉 rtl שלום", "emoji 🎉 rtl שלום"},
	}
	for _, tt := range tests {
		if got := cleanText(tt.in); got != tt.want {
			t.Errorf("cleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestHostileText puts every troublesome string in every field and checks
// that each format stays well-formed and gives the text back.
func TestHostileText(t *testing.T) {
	hostile := "\x1b a & b < c > d \" ' ]]> e \x00\x0b\x1b f 🎉 שלום\x00"
	clean := "a & b < c > d \" ' ]]> e  f 🎉 שלום"
	it := sampleItem("x")
	it.Title, it.Summary, it.Categories = hostile, hostile, []string{hostile}
	it.ContentHTML = "<p>" + hostile + "</p>"
	it.Authors = []model.Person{{Name: hostile}}
	f := sampleFeed(it)
	f.Title, f.Description = hostile, hostile
	for _, format := range Formats {
		t.Run(string(format), func(t *testing.T) {
			data := encode(t, format, f)
			if format != JSON {
				wellFormed(t, data)
			}
			for _, c := range []string{"\x00", "\x0b", "\x1b"} {
				if bytes.Contains(data, []byte(c)) {
					t.Errorf("output contains %q", c)
				}
			}
			got, err := gofeed.NewParser().Parse(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			gi := got.Items[0]
			if got.Title != clean || gi.Title != clean {
				t.Errorf("titles %q, %q; want %q", got.Title, gi.Title, clean)
			}
			if gi.Content != "<p> "+clean+"</p>" {
				t.Errorf("content %q, want %q", gi.Content, "<p> "+clean+"</p>")
			}
			if len(gi.Categories) != 1 || gi.Categories[0] != clean {
				t.Errorf("categories %q, want [%q]", gi.Categories, clean)
			}
		})
	}
}

func TestEmptyFeed(t *testing.T) {
	f := sampleFeed()
	for _, format := range Formats {
		data := encode(t, format, f)
		got, err := gofeed.NewParser().Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if len(got.Items) != 0 || got.Title != "Site" {
			t.Errorf("%s: %d items, title %q", format, len(got.Items), got.Title)
		}
	}
	if data := encode(t, JSON, f); !bytes.Contains(data, []byte(`"items": []`)) {
		t.Errorf("the JSON feed must always have an items array:\n%s", data)
	}
	if data := encode(t, Atom, f); !bytes.Contains(data, []byte("<updated>2000-01-01T00:00:00Z</updated>")) {
		t.Errorf("an empty Atom feed still needs <updated>, a fixed one:\n%s", data)
	}
	if data := encode(t, RSS, f); bytes.Contains(data, []byte("Date>")) {
		t.Errorf("an empty RSS feed has no date to give:\n%s", data)
	}
}

// checkJSONFeed fails t for every JSON Feed 1.1 rule data breaks.
func checkJSONFeed(t *testing.T, data []byte) {
	t.Helper()
	for _, err := range feedcheck.JSONFeed(data) {
		t.Error(err)
	}
}

func TestJSONFeedSpec(t *testing.T) {
	noBody := sampleItem("nobody")
	noBody.ContentHTML = ""
	checkJSONFeed(t, encode(t, JSON, sampleFeed(sampleItem("a"), noBody)))
	checkJSONFeed(t, encode(t, JSON, sampleFeed()))
	data := string(encode(t, JSON, sampleFeed(noBody)))
	if !strings.Contains(data, `"content_text": "A summary."`) {
		t.Errorf("an item without a body must carry its summary as content_text:\n%s", data)
	}
}

func TestItemLanguage(t *testing.T) {
	it := sampleItem("x")
	it.Language = "fr"
	f := sampleFeed(it, sampleItem("y"))
	if a := string(encode(t, Atom, f)); !strings.Contains(a, `<entry xml:lang="fr">`) || strings.Count(a, "xml:lang") != 2 {
		t.Errorf("Atom: want xml:lang on the feed and the French entry only:\n%s", a)
	}
	if j := string(encode(t, JSON, f)); strings.Count(j, `"language": "fr"`) != 1 {
		t.Errorf("JSON: want language on the French item:\n%s", j)
	}
}

func TestTitleOnlyItem(t *testing.T) {
	it := sampleItem("x")
	it.Summary, it.ContentHTML = "", ""
	f := sampleFeed(it)
	if a := string(encode(t, Atom, f)); !strings.Contains(a, `<summary type="text">x</summary>`) {
		t.Errorf("an Atom entry without summary or content must still carry text:\n%s", a)
	}
	if r := string(encode(t, RSS, f)); strings.Contains(r, "<description></description>") {
		t.Errorf("an empty description must be left out:\n%s", r)
	}
	checkJSONFeed(t, encode(t, JSON, f))
}

// TestDateZones: RSS writes offsets that are not a whole or half hour as
// UTC, which validators and readers accept; Atom and JSON Feed keep every
// offset RFC 3339 can write.
func TestDateZones(t *testing.T) {
	for _, tc := range []struct {
		offset          int // seconds east of UTC
		rss, atom, json string
	}{
		{2 * 3600, "Wed, 01 May 2024 09:30:00 +0200", "2024-05-01T09:30:00+02:00", "2024-05-01T09:30:00+02:00"},
		{-(3*3600 + 1800), "Wed, 01 May 2024 09:30:00 -0330", "2024-05-01T09:30:00-03:30", "2024-05-01T09:30:00-03:30"},
		{5*3600 + 45*60, "Wed, 01 May 2024 03:45:00 +0000", "2024-05-01T09:30:00+05:45", "2024-05-01T09:30:00+05:45"},
		{12*3600 + 45*60, "Tue, 30 Apr 2024 20:45:00 +0000", "2024-05-01T09:30:00+12:45", "2024-05-01T09:30:00+12:45"},
		// Local mean time has seconds, which RFC 3339 cannot write.
		{19*60 + 32, "Wed, 01 May 2024 09:10:28 +0000", "2024-05-01T09:10:28Z", "2024-05-01T09:10:28Z"},
	} {
		it := sampleItem("zone")
		it.Published = time.Date(2024, 5, 1, 9, 30, 0, 0, time.FixedZone("", tc.offset))
		it.Updated = it.Published
		f := sampleFeed(it)
		for format, want := range map[Format]string{RSS: "<pubDate>" + tc.rss + "</pubDate>",
			Atom: "<published>" + tc.atom + "</published>", JSON: `"date_published": "` + tc.json + `"`} {
			if got := string(encode(t, format, f)); !strings.Contains(got, want) {
				t.Errorf("offset %ds: %s lacks %s:\n%s", tc.offset, format, want, got)
			}
		}
	}
}

// TestDescriptionBeforeContent: an RSS item with content always has a
// description before it, the title when there is no summary.
func TestDescriptionBeforeContent(t *testing.T) {
	it := sampleItem("image")
	it.Summary, it.ContentHTML = "", `<p><img src="https://example.com/i.png"></p>`
	rss := string(encode(t, RSS, sampleFeed(it)))
	d, c := strings.Index(rss, "<description>image</description>"), strings.Index(rss, "<content:encoded>")
	if d < 0 || c < 0 || d > c {
		t.Errorf("the item has no description before its content:\n%s", rss)
	}
}
