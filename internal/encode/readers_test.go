package encode

import (
	"bytes"
	"encoding/json"
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"

	"github.com/feedpub/feedpub/internal/model"
)

// asWritten are texts that readers mangle when a feed writes them as
// HTML or strips what looks like markup.
var asWritten = []string{
	"A <div> in a title",
	"AT&T",
	"M&M's & <b>not bold</b>",
	"&copy; is not ©",
	"a<b>c",
}

// feedparserLooksLikeHTML is Python feedparser's looks_like_html (6.0):
// RSS text that holds an end tag or a character reference, and only
// tags and entities HTML knows, is taken for HTML.
func feedparserLooksLikeHTML(s string) bool {
	endTag := regexp.MustCompile(`</(\w+)>`)
	ref := regexp.MustCompile(`&#?\w+;`)
	if !endTag.MatchString(s) && !ref.MatchString(s) {
		return false
	}
	for _, m := range regexp.MustCompile(`</?(\w+)`).FindAllStringSubmatch(s, -1) {
		if !feedparserElements[strings.ToLower(m[1])] {
			return false
		}
	}
	for _, m := range regexp.MustCompile(`&(\w+);`).FindAllStringSubmatch(s, -1) {
		if html.UnescapeString("&"+m[1]+";") == "&"+m[1]+";" {
			return false
		}
	}
	return true
}

// feedparserElements are some of the elements feedparser's sanitizer
// accepts, enough for the texts above.
var feedparserElements = map[string]bool{"a": true, "b": true, "div": true, "em": true, "i": true, "p": true, "span": true, "strong": true}

// TestTextAsWritten: titles, summaries, names and categories reach
// readers as written. RSS writes them as plain text with hexadecimal
// references and Atom as type="text"; gofeed reads every one back as
// written, as Miniflux (which unescapes RSS titles twice) and newsboat
// show them. Python feedparser guesses that RSS text holding an HTML end
// tag or entity is HTML, and shows "<b>not bold</b>" bold: the one
// reader and case that differ, and the same texts the W3C validator
// warns of (ContainsHTML).
func TestTextAsWritten(t *testing.T) {
	var items []*model.Item
	for i, s := range asWritten {
		it := sampleItem(strings.Repeat("x", i+1))
		it.Title, it.Summary = s, s
		it.Authors = []model.Person{{Name: s}}
		it.Categories = []string{s}
		items = append(items, it)
	}
	f := sampleFeed(items...)
	f.Title = "Site & <Co>"
	for _, format := range Formats {
		data := encode(t, format, f)
		got, err := gofeed.NewParser().Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if got.Title != f.Title {
			t.Errorf("%s: gofeed reads the feed's title as %q, want %q", format, got.Title, f.Title)
		}
		for i, gi := range got.Items {
			want := asWritten[i]
			checks := map[string]string{"title": gi.Title, "categories": strings.Join(gi.Categories, "|")}
			if format != RSS { // an RSS description is HTML, checked below
				checks["summary"] = gi.Description
			}
			if len(gi.Authors) == 1 {
				checks["author"] = gi.Authors[0].Name
			}
			for what, g := range checks {
				if g != want {
					t.Errorf("%s: gofeed reads the %s %q, want %q", format, what, g, want)
				}
			}
			if format == RSS {
				if shown := html.UnescapeString(gi.Description); shown != want {
					t.Errorf("RSS: the description %q shows as %q, want %q", gi.Description, shown, want)
				}
				// Miniflux's RSS titles: the XML text unescaped twice.
				if shown := html.UnescapeString(html.UnescapeString(gi.Title)); shown != want && !strings.Contains(want, "&copy;") {
					t.Errorf("RSS: Miniflux shows the title %q as %q", gi.Title, shown)
				}
				wantHTML := strings.Contains(want, "</b>") || strings.Contains(want, "&copy;")
				if feedparserLooksLikeHTML(gi.Title) != wantHTML {
					t.Errorf("RSS: feedparser takes %q for HTML: %v, want %v", gi.Title, !wantHTML, wantHTML)
				}
			}
		}
	}
	rss, atom := string(encode(t, RSS, f)), string(encode(t, Atom, f))
	for _, want := range []string{
		"<title>M&#x26;M's &#x26; &#x3C;b&#x3E;not bold&#x3C;/b&#x3E;</title>",
		"<category>a&#x3C;b&#x3E;c</category>",
		"<dc:creator>A &#x3C;div&#x3E; in a title</dc:creator>",
		"<description>M&amp;amp;M&#39;s &amp;amp; &amp;lt;b&amp;gt;not bold&amp;lt;/b&amp;gt;</description>",
	} {
		if !strings.Contains(rss, want) {
			t.Errorf("RSS lacks %s:\n%s", want, rss)
		}
	}
	for _, want := range []string{
		"<title>M&amp;M&#39;s &amp; &lt;b&gt;not bold&lt;/b&gt;</title>",
		`<summary type="text">&amp;copy; is not ©</summary>`,
		`<category term="a&lt;b&gt;c"></category>`,
		"<name>AT&#x26;T</name>",
	} {
		if !strings.Contains(atom, want) {
			t.Errorf("Atom lacks %s:\n%s", want, atom)
		}
	}
	if strings.Contains(atom, `type="html">`) && !strings.Contains(atom, `<content type="html">`) {
		t.Errorf("Atom declares plain text HTML:\n%s", atom)
	}
}

// TestAuthorLine: readers show an item's authors' names as the article
// lists them, without e-mail addresses or the site's name.
func TestAuthorLine(t *testing.T) {
	two := []model.Person{{Name: "Zoe Zed", Email: "zoe@example.com"}, {Name: "Bob Builder", Email: "bob@example.com", URL: "https://example.com/bob"}}
	it := sampleItem("two")
	it.Authors = two
	one := sampleItem("one")
	one.Authors = []model.Person{{Email: "ann@example.com"}}
	f := sampleFeed(it, one)
	f.Authors = []model.Person{{Name: "Site"}}

	rss := string(encode(t, RSS, f))
	for _, want := range []string{"<dc:creator>Zoe Zed, Bob Builder</dc:creator>", "<dc:creator>ann@example.com</dc:creator>"} {
		if !strings.Contains(rss, want) {
			t.Errorf("RSS lacks %s:\n%s", want, rss)
		}
	}
	if strings.Count(rss, "<dc:creator>") != 2 || strings.Contains(rss, "<author>") {
		t.Errorf("RSS: want one dc:creator per item and no <author>:\n%s", rss)
	}

	atom := string(encode(t, Atom, f))
	if strings.Count(atom, "<author>") != 3 || !strings.Contains(atom, "<name>Site</name>") ||
		!strings.Contains(atom, "<name>Zoe Zed, Bob Builder</name>") || strings.Contains(atom, "zoe@example.com") {
		t.Errorf("Atom: want the feed's author and one <author> per entry, naming several people in one line:\n%s", atom)
	}

	var jf struct {
		Authors []map[string]string `json:"authors"`
		Items   []struct {
			Authors []map[string]string `json:"authors"`
			Author  map[string]string   `json:"author"`
		} `json:"items"`
	}
	data := encode(t, JSON, f)
	if err := json.Unmarshal(data, &jf); err != nil {
		t.Fatal(err)
	}
	if jf.Authors != nil {
		t.Errorf("JSON: the feed's authors, which readers add to every item's, are written although every item has its own:\n%s", data)
	}
	first := jf.Items[0]
	if len(first.Authors) != 1 || first.Authors[0]["name"] != "Zoe Zed, Bob Builder" ||
		first.Author["name"] != "Zoe Zed, Bob Builder" || jf.Items[1].Author["name"] != "ann@example.com" {
		t.Errorf("JSON: want the authors as one line in order, in authors and author:\n%s", data)
	}
	checkJSONFeed(t, data)
	// Miniflux's author line of a JSON item: the names of the feed's
	// authors, the item's authors and its author, each once, sorted.
	var line []string
	for _, p := range append(append(jf.Authors, first.Authors...), first.Author) {
		if n := p["name"]; n != "" && !slices.Contains(line, n) {
			line = append(line, n)
		}
	}
	slices.Sort(line)
	if strings.Join(line, ", ") != "Zoe Zed, Bob Builder" {
		t.Errorf("JSON: Miniflux shows the authors as %q", strings.Join(line, ", "))
	}

	for _, format := range Formats {
		got, err := gofeed.NewParser().Parse(bytes.NewReader(encode(t, format, f)))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, p := range got.Items[0].Authors {
			names = append(names, p.Name)
		}
		want := []string{"Zoe Zed, Bob Builder"}
		if !slices.Equal(names, want) {
			t.Errorf("%s: gofeed reads the authors %q, want %q", format, names, want)
		}
	}

	// An item without authors of its own has the feed's.
	none := sampleItem("none")
	none.Authors = nil
	data = encode(t, JSON, sampleFeed(it, none))
	if !strings.Contains(string(data), `"authors": [`+"\n    {\n      \"name\": \"Owner\"") {
		t.Errorf("JSON: an item without authors needs the feed's:\n%s", data)
	}
	checkJSONFeed(t, data)
}

// TestLinkPostAndRepost: a link post links to the page it is about and
// keeps its own page as guid and alternate; a repost names its source.
func TestLinkPostAndRepost(t *testing.T) {
	it := sampleItem("link")
	it.ExternalURL = "https://other.example/story?a=1&b=2"
	it.Source = &model.Source{Title: "Other & <Co>", URL: "https://other.example/feed.xml"}
	f := sampleFeed(it)
	rss, atom, js := string(encode(t, RSS, f)), string(encode(t, Atom, f)), string(encode(t, JSON, f))
	for _, c := range []struct {
		doc  string
		want []string
	}{
		{rss, []string{
			"<link>https://other.example/story?a=1&amp;b=2</link>",
			`<guid isPermaLink="true">https://example.com/link/</guid>`,
			`<source url="https://other.example/feed.xml">Other &#x26; &#x3C;Co&#x3E;</source>`,
		}},
		{atom, []string{
			`<link href="https://example.com/link/" rel="alternate"></link>`,
			`<link href="https://other.example/story?a=1&amp;b=2" rel="related"></link>`,
			"<source>\n      <id>https://other.example/feed.xml</id>\n      <title>Other &amp; &lt;Co&gt;</title>\n" +
				`      <link href="https://other.example/feed.xml" rel="self"></link>` + "\n    </source>",
		}},
		{js, []string{`"url": "https://example.com/link/",` + "\n      " + `"external_url": "https://other.example/story?a=1&b=2",`}},
	} {
		for _, w := range c.want {
			if !strings.Contains(c.doc, w) {
				t.Errorf("lacks %s:\n%s", w, c.doc)
			}
		}
	}
	for _, format := range []Format{RSS, Atom} {
		got, err := gofeed.NewParser().Parse(bytes.NewReader(encode(t, format, f)))
		if err != nil {
			t.Fatal(err)
		}
		gi := got.Items[0]
		wantLink := "https://example.com/link/"
		if format == RSS {
			wantLink = it.ExternalURL
		}
		if gi.Link != wantLink || gi.GUID != it.ID {
			t.Errorf("%s: gofeed reads link %q and guid %q", format, gi.Link, gi.GUID)
		}
	}
}

// TestSitePictures: the site's icon and logo are written where each
// format names them, and nothing when there are none.
func TestSitePictures(t *testing.T) {
	const icon, logo = "https://example.com/icon.png", "https://example.com/logo.png"
	for _, c := range []struct {
		icon, logo       string
		rss, atom, jsons []string
	}{
		{icon, logo,
			[]string{"<image>\n      <url>" + icon + "</url>\n      <title>Site</title>\n      <link>https://example.com/</link>\n    </image>"},
			[]string{"<icon>" + icon + "</icon>", "<logo>" + logo + "</logo>"},
			[]string{`"icon": "` + logo + `"`, `"favicon": "` + icon + `"`}},
		{icon, "", []string{"<url>" + icon + "</url>"}, []string{"<icon>" + icon + "</icon>"},
			[]string{`"icon": "` + icon + `"`, `"favicon": "` + icon + `"`}},
		{"", logo, []string{"<url>" + logo + "</url>"}, []string{"<logo>" + logo + "</logo>"}, []string{`"icon": "` + logo + `"`}},
		{"", "", nil, nil, nil},
	} {
		f := sampleFeed(sampleItem("x"))
		f.Icon, f.Logo = c.icon, c.logo
		for _, d := range []struct {
			format   Format
			want     []string
			elements []string
		}{
			{RSS, c.rss, []string{"<image>"}}, {Atom, c.atom, []string{"<icon>", "<logo>"}}, {JSON, c.jsons, []string{`"icon"`, `"favicon"`}},
		} {
			doc := string(encode(t, d.format, f))
			n := 0
			for _, e := range d.elements {
				n += strings.Count(doc, e)
			}
			if n != len(d.want) {
				t.Errorf("icon %q, logo %q: %s has %d pictures, want %d:\n%s", c.icon, c.logo, d.format, n, len(d.want), doc)
			}
			for _, w := range d.want {
				if !strings.Contains(doc, w) {
					t.Errorf("icon %q, logo %q: %s lacks %s:\n%s", c.icon, c.logo, d.format, w, doc)
				}
			}
		}
		if got, err := gofeed.NewParser().ParseString(string(encode(t, RSS, f))); err != nil || (got.Image != nil) != (c.icon+c.logo != "") {
			t.Errorf("icon %q, logo %q: gofeed reads the RSS image %+v (%v)", c.icon, c.logo, got.Image, err)
		}
	}
}

// TestImageSize: an item's image has a size only when it is known, and
// no placeholder type.
func TestImageSize(t *testing.T) {
	it := sampleItem("sized")
	it.Image, it.ImageType, it.ImageLength = "https://example.com/a.webp", "image/webp", 2048
	unknown := sampleItem("unknown")
	unknown.Image = "https://example.com/b"
	unknown.Enclosure = &model.Enclosure{URL: "https://example.com/b.mp3", Type: "audio/mpeg"}
	f := sampleFeed(it, unknown)
	rss, atom := string(encode(t, RSS, f)), string(encode(t, Atom, f))
	for _, w := range []string{
		`<media:content url="https://example.com/a.webp" medium="image" type="image/webp" fileSize="2048">` + "\n        " +
			`<media:thumbnail url="https://example.com/a.webp"></media:thumbnail>` + "\n      </media:content>",
		`<media:content url="https://example.com/b" medium="image">`,
	} {
		if !strings.Contains(rss, w) {
			t.Errorf("RSS lacks %s:\n%s", w, rss)
		}
	}
	for _, w := range []string{
		`<link href="https://example.com/a.webp" rel="enclosure" type="image/webp" length="2048"></link>`,
		`<link href="https://example.com/b" rel="enclosure"></link>`,
		`<link href="https://example.com/b.mp3" rel="enclosure" type="audio/mpeg"></link>`,
	} {
		if !strings.Contains(atom, w) {
			t.Errorf("Atom lacks %s:\n%s", w, atom)
		}
	}
	if !strings.Contains(rss, `<enclosure url="https://example.com/b.mp3" length="0" type="audio/mpeg">`) {
		t.Errorf("RSS requires an enclosure's length, 0 when unknown:\n%s", rss)
	}
	for _, doc := range []string{rss[:strings.Index(rss, "<enclosure")], atom} {
		if strings.Contains(doc, `"0"`) || strings.Contains(doc, "image/*") {
			t.Errorf("a placeholder size or type:\n%s", doc)
		}
	}
}
