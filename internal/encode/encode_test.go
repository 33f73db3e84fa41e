package encode

import (
	"bytes"
	"html"
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

func TestRSSAuthors(t *testing.T) {
	tests := []struct {
		name    string
		authors []model.Person
		want    []string // lines expected in the item
		notWant []string
	}{
		{"one with email", []model.Person{{Name: "Ann", Email: "ann@example.com"}},
			[]string{"<author>ann@example.com (Ann)</author>"}, []string{"dc:creator"}},
		{"email only", []model.Person{{Email: "ann@example.com"}},
			[]string{"<author>ann@example.com</author>"}, []string{"dc:creator"}},
		{"name only", []model.Person{{Name: "Ann"}},
			[]string{"<dc:creator>Ann</dc:creator>"}, []string{"<author>"}},
		{"several", []model.Person{{Name: "Ann", Email: "ann@example.com"}, {Name: "B & C"}},
			[]string{"<dc:creator>Ann</dc:creator>", "<dc:creator>B &#x26; C</dc:creator>"}, []string{"<author>"}},
	}
	for _, tt := range tests {
		it := sampleItem("x")
		it.Authors = tt.authors
		data := string(encode(t, RSS, sampleFeed(it)))
		item := data[strings.Index(data, "<item>"):]
		for _, w := range tt.want {
			if !strings.Contains(item, w) {
				t.Errorf("%s: the item lacks %s:\n%s", tt.name, w, item)
			}
		}
		for _, w := range tt.notWant {
			if strings.Contains(item, w) {
				t.Errorf("%s: the item has %s:\n%s", tt.name, w, item)
			}
		}
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

func TestLooksLikeMarkup(t *testing.T) {
	for s, want := range map[string]bool{
		"Using <em>emphasis</em>": true, "&copy; notice": true, "&#169;": true, "AT&amp;T": true, "&x1": true,
		"Tom & Jerry": false, "AT&T": false, "R&D": false, "a < b > c": false, "Vec<T>": false, "<br> alone": false,
		"</notatag>": false, "Escaping: & < > \" ' ]]>": false,
	} {
		if got := looksLikeMarkup(s); got != want {
			t.Errorf("looksLikeMarkup(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestStripTags(t *testing.T) {
	for s, want := range map[string]string{
		"Using <em>emphasis</em> & <b>bold</b>":  "Using emphasis & bold",
		"A line<br/>break and <p>paragraph</p>":  "A line break and paragraph",
		`<a href="x">link</a> text`:              "link text",
		"Generics: Vec<T> and Option<String>":    "Generics: Vec<T> and Option<String>",
		"a < b > c":                              "a < b > c",
		"</b>":                                   "‹/b›",
		"<em>":                                   "‹em›",
		"Dr. <b>Bob</b> &amp; Co":                "Dr. Bob &amp; Co",
		"Escaping: & < > \" ' ]]>  done":         "Escaping: & < > \" ' ]]>  done",
		"<notatag>kept</notatag> <i>i</i> again": "<notatag>kept</notatag> i again",
		"Site — </b>":                            "Site — ‹/b›",
		"Use <br> for breaks":                    "Use for breaks",
		"<b>nested <b>bold</b></b> and </i>":     "nested bold and ‹/i›",
	} {
		if got := stripTags(s); got != want {
			t.Errorf("stripTags(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestMarkupLikeText: text that looks like markup is shown as written by
// Atom readers (type="html" holding the escaped text) and without its
// tags in RSS, and draws no "contains HTML" warning.
func TestMarkupLikeText(t *testing.T) {
	it := sampleItem("markup")
	it.Title = "Using <em>emphasis</em> & <b>bold</b>"
	it.Summary = "&copy; notice"
	it.Authors = []model.Person{{Name: "Dr. <b>Bob</b> &amp; Co"}}
	f := sampleFeed(it)
	f.Title = "Site — </b>"
	rss, atom := string(encode(t, RSS, f)), string(encode(t, Atom, f))
	for _, want := range []string{
		"<title>Site — ‹/b›</title>",
		"<title>Using emphasis &#x26; bold</title>",
		"<description>&amp;amp;copy; notice</description>",
		"<dc:creator>Dr. Bob &#x26;amp; Co</dc:creator>",
	} {
		if !strings.Contains(rss, want) {
			t.Errorf("RSS lacks %s:\n%s", want, rss)
		}
	}
	for _, want := range []string{
		`<title type="html">Site — &amp;lt;/b&amp;gt;</title>`,
		`<title type="html">Using &amp;lt;em&amp;gt;emphasis&amp;lt;/em&amp;gt; &amp;amp; &amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt;</title>`,
		`<summary type="html">&amp;amp;copy; notice</summary>`,
		`<name>Dr. Bob &#x26;amp; Co</name>`,
		"<title>Site</title>", // a plain title has no type
	} {
		if want == "<title>Site</title>" {
			if p := string(encode(t, Atom, sampleFeed(sampleItem("plain")))); !strings.Contains(p, want) {
				t.Errorf("Atom lacks %s:\n%s", want, p)
			}
			continue
		}
		if !strings.Contains(atom, want) {
			t.Errorf("Atom lacks %s:\n%s", want, atom)
		}
	}
	af, err := gofeed.NewParser().ParseString(atom)
	if err != nil {
		t.Fatal(err)
	}
	// gofeed gives html text as it is: readers that show it as HTML see
	// the text as written.
	for _, x := range []struct{ got, want string }{{af.Title, f.Title}, {af.Items[0].Title, it.Title}, {af.Items[0].Description, it.Summary}} {
		if html.UnescapeString(x.got) != x.want {
			t.Errorf("gofeed reads %q, which shows as %q, want %q", x.got, html.UnescapeString(x.got), x.want)
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
