package encode

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"

	"github.com/feedpub/feedpub/internal/model"
)

// trickyText are strings that exercise every escaping rule of the three
// formats: XML's five characters and its forbidden ones, JSON's escapes,
// CDATA ends, invalid UTF-8, U+2028 and U+2029, text that looks like
// markup, the content mark, and spaces at the ends.
var trickyText = []string{
	"",
	"plain",
	`a & b < c > d " ' ]]> e \ f`,
	"tab\tnew\nline\rcr",
	"ctl \x00\x01\x08\x0b\x0c\x1b\x1f\x7f end",
	"c1 \u0085\u009f",
	"bad \xff\xfe utf8 \xed\xa0\x80 surrogate \xc3",
	"sep \u2028 and \u2029",
	"é 東京 🎉 שלום \uFFFD \uFFFE \uFFFF \U0010FFFF \uD7FF \uE000 \U00010000",
	"&copy; notice &amp; &#169; &x1 AT&T",
	"Using <em>emphasis</em>",
	"Vec<T> and <b>lone",
	"Site — </b>",
	"<p>Para</p><br/><img src=x>",
	contentMark,
	"]]>]]]>]]",
	"  spaces around  ",
	"https://example.com/a?b=1&c=<2>#\"q\"",
}

// trickyContent adds long HTML bodies to trickyText, long enough for the
// reference path to escape them on their own.
var trickyContent = append([]string{
	strings.Repeat("<p>Tom &amp; Jerry's \"best\" <a href=\"https://example.com/?a=1&amp;b=2\">link</a> ]]> é 🎉\t\r\n</p>\n", 8),
	strings.Repeat("<p>Bad \xff and \x00 and \u2028 in a long body.</p>\n", 12),
	contentMark + strings.Repeat("<p>x</p>", 60),
}, trickyText...)

var trickyTimes = []time.Time{
	{},
	time.Date(2024, 5, 1, 9, 30, 0, 0, time.UTC),
	time.Date(2024, 5, 1, 9, 30, 15, 123456789, time.FixedZone("", 2*3600)),
	time.Date(2019, 12, 31, 23, 59, 59, 0, time.FixedZone("NPT", 5*3600+45*60)),
	time.Date(2019, 12, 31, 23, 59, 59, 0, time.FixedZone("", -(9*3600+30*60))),
	time.Date(1880, 1, 1, 0, 0, 0, 0, time.FixedZone("LMT", 3600+17)), // local mean time: seconds in the offset
}

var trickyPeople = [][]model.Person{
	nil,
	{{Name: "Ann"}},
	{{Name: "Ann <em>E.</em>", Email: "ann@example.com"}},
	{{Email: "ann@example.com"}},
	{{Name: "Ann", Email: "ann@example.com", URL: "https://example.com/ann?a&b"}},
	{{URL: "https://example.com/nobody"}},
	{{}},
	{{Name: "Ann & <Bob>", URL: "https://example.com/x"}, {Email: "c@example.com"}, {}},
}

var trickyEnclosures = []*model.Enclosure{
	nil,
	{URL: "https://example.com/a.mp3", Type: "audio/mpeg", Length: 12345},
	{URL: "https://example.com/a&b.mp3", Type: "", Length: 1},
	{URL: "https://example.com/\xff\x01.mp3", Type: "audio/\"x\"\u2028", Length: 0},
	{URL: "", Type: "video/mp4", Length: -5},
}

// randomItem picks every field of an item from the tables above.
func randomItem(r *rand.Rand) *model.Item {
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	it := &model.Item{
		URL:         pick(trickyText),
		Title:       pick(trickyText),
		Summary:     pick(trickyText),
		ContentHTML: pick(trickyContent),
		Published:   trickyTimes[r.IntN(len(trickyTimes))],
		Updated:     trickyTimes[r.IntN(len(trickyTimes))],
		Authors:     trickyPeople[r.IntN(len(trickyPeople))],
		Enclosure:   trickyEnclosures[r.IntN(len(trickyEnclosures))],
		Language:    []string{"", "en", "fr", "pt-BR", "x\"y"}[r.IntN(5)],
	}
	switch r.IntN(3) {
	case 0:
		it.ID = it.URL
	case 1:
		it.ID = pick(trickyText)
	case 2:
		it.ID = "tag:example.com,2024:" + pick(trickyText)
	}
	for range r.IntN(4) {
		it.Categories = append(it.Categories, pick(trickyText))
	}
	if r.IntN(2) == 0 {
		it.Image = pick(trickyText)
		it.ImageType = []string{"", "image/png", "image/\"odd\" & <x>", "\xff\x00"}[r.IntN(4)]
		it.ImageLength = []int64{0, 0, 1, 123456, -3}[r.IntN(5)]
	}
	if r.IntN(3) == 0 {
		it.ExternalURL = pick(trickyText)
	}
	if r.IntN(3) == 0 {
		it.Source = &model.Source{Title: pick(trickyText), URL: pick(trickyText)}
	}
	for range r.IntN(3) {
		it.Translations = append(it.Translations, model.Translation{Lang: pick(trickyText), URL: pick(trickyText)})
	}
	return it
}

// sameAsReference checks that the fast appenders write it, cleaned as
// AppendItem cleans it, as the reflection path does, with long content
// spliced in and not, in every format, as first item and not, behind
// bytes already in the buffer.
func sameAsReference(t testing.TB, it *model.Item, feedLang string) {
	t.Helper()
	f := sampleFeed()
	f.Language = feedLang
	for _, format := range Formats {
		s, err := NewStream(format, f, Links{Self: "https://example.com/feed"})
		if err != nil {
			t.Fatal(err)
		}
		x := cleanItem(it) // as AppendItem has it
		for _, first := range []bool{true, false} {
			got, ok := s.appendFast([]byte("prefix"), x, first)
			if !ok {
				if format == Atom && x.ID == "" {
					continue // gorilla makes up a random id: no bytes to compare
				}
				t.Fatalf("%s: the fast path refuses %#v", format, x)
			}
			for _, splice := range []bool{false, true} {
				want, err := s.appendItem([]byte("prefix"), x, first, splice)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want) {
					t.Fatalf("%s (first %v, splice %v) of %#v:\nfast\n%s\nreference\n%s", format, first, splice, x, got, want)
				}
			}
		}
	}
}

// TestFastItemsTable compares the fast appenders with the reference on
// thousands of items made of tricky values, each field present and absent.
func TestFastItemsTable(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 2026))
	for range 3000 {
		sameAsReference(t, randomItem(r), []string{"en", ""}[r.IntN(2)])
	}
	for _, s := range trickyText {
		it := sampleItem("x")
		it.ID, it.URL, it.Title, it.Summary, it.ContentHTML, it.Image, it.ImageType = s, s, s, s, s, s, s
		it.Categories = []string{s, s}
		it.Authors = []model.Person{{Name: s, Email: s, URL: s}}
		it.Enclosure = &model.Enclosure{URL: s, Type: s, Length: 7}
		it.Language = s
		it.ImageLength, it.ExternalURL, it.Source = 99, s, &model.Source{Title: s, URL: s}
		it.Translations = []model.Translation{{Lang: s, URL: s}, {Lang: "fr", URL: s}}
		sameAsReference(t, it, "en")
	}
}

// TestFastFeedParses checks that a feed the fast appenders write from
// tricky items is one a reader parses, with every item.
func TestFastFeedParses(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 1))
	var items []*model.Item
	for range 40 {
		it := randomItem(r)
		if it.ID == "" {
			it.ID = "urn:x"
		}
		items = append(items, it)
	}
	f := sampleFeed(items...)
	for _, format := range Formats {
		data := encode(t, format, f)
		if format != JSON {
			wellFormed(t, data)
		}
		got, err := gofeed.NewParser().Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if len(got.Items) != len(items) {
			t.Fatalf("%s: %d items, want %d", format, len(got.Items), len(items))
		}
	}
}

// FuzzFastItem compares the fast appenders with the reference on items
// of arbitrary text.
func FuzzFastItem(f *testing.F) {
	f.Add("https://example.com/a/", "Title & <em>x</em>", "Summary", "<p>Body ]]> é</p>", "Ann", "ann@example.com", "tag", "https://example.com/i.png", "image/png", "audio/mpeg", "fr", int64(100), 3600, uint8(0))
	f.Add("", "", "", "", "", "", "", "", "", "", "", int64(0), 0, uint8(255))
	f.Add("\xff", "\u2028\x00", "&copy;", contentMark, "<b>", "\x7f", "]]>", "\"'", "\xed\xa0\x80", "\x1b", "en", int64(-1), 17, uint8(7))
	f.Fuzz(func(t *testing.T, url, title, summary, content, name, email, category, image, imageType, encType, lang string, length int64, offset int, flags uint8) {
		at := time.Date(2024, 5, 1, 9, 30, 0, 0, time.FixedZone("", offset%(24*3600)))
		it := &model.Item{
			ID: url, URL: url, Title: title, Summary: summary, ContentHTML: content,
			Published: at, Updated: at.Add(time.Hour), Image: image, ImageType: imageType, Language: lang,
		}
		if flags&1 != 0 {
			it.ID = "urn:" + title
		}
		if flags&2 != 0 {
			it.Authors = []model.Person{{Name: name, Email: email, URL: image}}
		}
		if flags&4 != 0 {
			it.Authors = append(it.Authors, model.Person{Name: email, Email: name})
		}
		if flags&8 != 0 {
			it.Categories = []string{category, title}
		}
		if flags&16 != 0 {
			it.Enclosure = &model.Enclosure{URL: url, Type: encType, Length: length}
		}
		if flags&32 != 0 {
			it.Published = time.Time{}
		}
		if flags&64 != 0 {
			it.ExternalURL, it.ImageLength = summary, length
		}
		if flags&128 != 0 {
			it.Source = &model.Source{Title: name, URL: category}
		}
		sameAsReference(t, it, "en")
	})
}

// TestEscapers compares each escaping appender with what encoding/xml
// and encoding/json write of the same string: those for any string on
// the tricky strings as they are, those for cleaned text on them cleaned.
func TestEscapers(t *testing.T) {
	xmlOf := func(s string) string {
		var b strings.Builder
		xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	jsonOf := func(s string) string {
		var b strings.Builder
		e := json.NewEncoder(&b)
		e.SetEscapeHTML(false)
		e.Encode(s)
		return strings.TrimSuffix(b.String(), "\n")
	}
	cdataOf := func(s string) string {
		b, err := xml.Marshal(struct {
			XMLName xml.Name `xml:"x"`
			S       string   `xml:",cdata"`
		}{S: s})
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimSuffix(strings.TrimPrefix(string(b), "<x>"), "</x>")
	}
	var all []string
	for b := range 256 {
		all = append(all, string([]byte{byte(b)}), "a"+string([]byte{byte(b)})+"z")
	}
	all = append(append(all, trickyText...), trickyContent...)
	for _, raw := range all {
		s := cleanText(raw)
		for _, c := range []struct {
			name      string
			got, want string
		}{
			{"appendXMLAny", string(appendXMLAny(nil, raw)), xmlOf(raw)},
			{"appendJSONAny", string(appendJSONAny(nil, raw)), jsonOf(raw)},
			{"appendXMLText", string(appendXMLText(nil, s)), xmlOf(s)},
			{"appendXMLHTMLText", string(appendXMLHTMLText(nil, s)), xmlOf(escapeHTMLText(s))},
			{"appendRSSText", string(appendRSSText(nil, s)), rssTextEscaper.Replace(s)},
			{"appendJSONString", string(appendJSONString(nil, s)), jsonOf(s)},
			{"appendCDATA", string(appendCDATA(nil, s)), cdataOf(s)},
		} {
			if c.got != c.want {
				t.Errorf("%s(%q) = %q, want %q", c.name, raw, c.got, c.want)
			}
		}
	}
}

// TestIsClean compares isClean, which looks at eight bytes at a time,
// with a rune-by-rune reading of the rule, on every ASCII byte at every
// place of a word and on the tricky strings.
func TestIsClean(t *testing.T) {
	slow := func(s string) bool {
		if !utf8.ValidString(s) {
			return false
		}
		for _, r := range s {
			if !allowed(r) {
				return false
			}
		}
		return true
	}
	var cases []string
	for b := range 0x80 {
		for at := range 17 {
			c := []byte(strings.Repeat("abcdefgh", 3)[:17])
			c[at] = byte(b)
			cases = append(cases, string(c), string(c[at:]))
		}
	}
	for lead := 0x80; lead <= 0xFF; lead++ {
		for next := range 256 {
			c := string([]byte{byte(lead), byte(next)})
			cases = append(cases, c, c+"x", "x"+c[:1])
		}
	}
	for _, s := range append(trickyText, trickyContent...) {
		cases = append(cases, s, "padding "+s, s+" 12345678")
	}
	for _, s := range cases {
		if got, want := isClean(s), slow(s); got != want {
			t.Errorf("isClean(%q) = %v, want %v", s, got, want)
		}
	}
}

// BenchmarkAppendItem times AppendItem, whose appenders write the item,
// against the reference path, in each format, on an item as an archive
// document holds it (a summary, no content) and on one with content.
func BenchmarkAppendItem(b *testing.B) {
	summary := sampleItem("A title with some words in it")
	summary.Summary = strings.Repeat("Naïve café résumé in Zürich, 東京 & Kraków. ", 9)
	summary.ContentHTML = ""
	summary.Categories = []string{"tag-001", "tag-099", "tag-136", "tag-117"}
	full := *summary
	full.ContentHTML = strings.Repeat("<p>Paragraph with a <a href=\"https://example.com/?a=1&amp;b=2\">link</a>, café and 東京.</p>\n", 40)
	for _, c := range []struct {
		name string
		it   *model.Item
	}{{"summary", summary}, {"content", &full}} {
		for _, format := range Formats {
			s, err := NewStream(format, sampleFeed(), Links{Self: "https://example.com/feed"})
			if err != nil {
				b.Fatal(err)
			}
			b.Run(c.name+"/"+string(format)+"/fast", func(b *testing.B) {
				var buf []byte
				for b.Loop() {
					buf, _ = s.AppendItem(buf[:0], c.it, false)
				}
			})
			b.Run(c.name+"/"+string(format)+"/reference", func(b *testing.B) {
				var buf []byte
				for b.Loop() {
					buf, _ = s.appendItem(buf[:0], cleanItem(c.it), false, true)
				}
			})
		}
	}
}

// TestDocuments checks that Documents gives, in each format, the bytes
// Encode writes, for feeds of tricky items, of one item and of none.
func TestDocuments(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var items []*model.Item
	for range 60 {
		it := randomItem(r)
		if it.ID == "" {
			it.ID = "urn:x" // gorilla would make one up, at random
		}
		items = append(items, it)
	}
	links := func(f Format) Links {
		return Links{Self: "https://example.com/feed." + string(f), PrevArchive: "https://example.com/1." + string(f), Archive: true}
	}
	for _, f := range []*model.Feed{sampleFeed(items...), sampleFeed(items[0]), sampleFeed()} {
		docs, err := Documents(f, links)
		if err != nil {
			t.Fatal(err)
		}
		for k, format := range Formats {
			var want bytes.Buffer
			if err := Encode(&want, format, f, links(format)); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(docs[k], want.Bytes()) {
				t.Fatalf("%s of %d items differs from Encode:\n%s\n---\n%s", format, len(f.Items), docs[k], want.Bytes())
			}
		}
	}
}

// TestCleanItemShares checks that cleanItem returns a clean item as it
// is, and copies one it cleans, leaving the original as it was.
func TestCleanItemShares(t *testing.T) {
	clean := sampleItem("x")
	if cleanItem(clean) != clean {
		t.Error("a clean item was copied")
	}
	for _, dirty := range []func(it *model.Item){
		func(it *model.Item) { it.Title = " padded" },
		func(it *model.Item) { it.ContentHTML = "<p>\x00</p>" },
		func(it *model.Item) { it.Authors = []model.Person{{Name: "Ann", URL: "\xff"}} },
		func(it *model.Item) { it.Categories = []string{"ok", "tab\t"} },
		func(it *model.Item) { it.Language = "en\u0085" },
	} {
		it := sampleItem("x")
		dirty(it)
		before := *it
		c := cleanItem(it)
		if c == it || !itemIsClean(c) || cleanItem(c) != c {
			t.Errorf("%+v: cleaned to %+v", before, c)
		}
		if it.Title != before.Title || it.ContentHTML != before.ContentHTML || it.Language != before.Language {
			t.Errorf("cleaning changed the original %+v", it)
		}
	}
}
