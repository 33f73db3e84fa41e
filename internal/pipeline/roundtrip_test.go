package pipeline

import (
	"bytes"
	"html"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/feedpub/feedpub/internal/feedcheck"
)

// parse reads a feed with gofeed, the parser many Go feed readers use.
func parse(t *testing.T, data []byte) *gofeed.Feed {
	t.Helper()
	f, err := gofeed.NewParser().ParseString(string(data))
	if err != nil {
		t.Fatalf("gofeed cannot parse the feed: %v\n%s", err, data)
	}
	return f
}

type person struct{ name, email string }

// item is what a reader must recover of one fixture article.
type item struct {
	title, url, id     string
	published, updated string // RFC 3339, with the zone the article gives
	authors            []person
	categories         []string
	summary            string
	contentHas         []string
	noContent          bool
	image              string // its URL
	enclosure          string // "url length type"
}

// wantItems are the fixture articles in testdata/articles as readers must
// see them, newest first (drafts and future articles left out).
var wantItems = []item{
	{
		title: "Un article en TOML", url: "https://elsewhere.example/articles/toml/", id: "tag:example.org,2024:toml-post",
		published: "2024-03-10T08:00:00+02:00", updated: "2024-03-12T09:15:00+02:00",
		authors:    []person{{"Claire", "claire@example.org"}, {"Dan", ""}},
		categories: []string{"toml"},
		summary:    "Un paragraphe avec un lien relatif et du code.",
		contentHas: []string{`<a href="https://elsewhere.example/articles/voir/">lien relatif</a>`, "<code>code</code>"},
	},
	{
		title: "A page bundle", url: "https://example.com/blog/bundle/", id: "https://example.com/blog/bundle/",
		published: "2024-02-20T12:00:00Z", updated: "2024-02-20T12:00:00Z",
		authors:    []person{{"Eve", "eve@example.com"}},
		summary:    "Front matter summary with a link & markup.",
		contentHas: []string{"<p>Intro paragraph.</p>", "<p>The rest.</p>"},
		image:      "https://example.com/blog/bundle/cover.jpg",
		enclosure:  "https://example.com/blog/bundle/audio/episode.mp3 1234567 audio/mpeg",
	},
	{
		title: "Escaping: & < > \" ' ]]>  done", url: "https://example.com/blog/escaping/", id: "https://example.com/blog/escaping/",
		published: "2024-02-01T10:30:00+01:00", updated: "2024-02-01T10:30:00+01:00",
		authors:    []person{{"Ann Example", "ann@example.com"}, {"Bob", ""}},
		categories: []string{"a&b", "c<d", "news"},
		summary:    "Tom & Jerry <3 ]]> emoji 🎉, RTL שלום مرحبا",
		contentHas: []string{"Body with ]]&gt; inside, a control char here: , emoji 🎉 and RTL שלום.",
			`<img src="https://example.com/blog/escaping/img/pic.png" alt="pic">`,
			`<img src="https://example.com/blog/escaping/x.png">`,
			`<a href="https://example.com/ok">ok</a>`},
	},
	{
		title: "Summary from the marker", url: "https://example.com/blog/summary-marker/", id: "https://example.com/blog/summary-marker/",
		published: "2024-01-20T08:00:00+01:00", updated: "2024-01-20T08:00:00+01:00",
		authors:    []person{{"Site Owner", "owner@example.com"}},
		summary:    "Before the marker, first part. Second part, still before.",
		contentHas: []string{"<p>Before the <strong>marker</strong>, first part.</p>", "<p>After the marker.</p>"},
	},
	{
		title: "Hello, world", url: "https://example.com/blog/hello/", id: "https://example.com/blog/hello/",
		published: "2024-01-15T00:00:00+01:00", updated: "2024-01-15T00:00:00+01:00",
		authors:    []person{{"Site Owner", "owner@example.com"}},
		categories: []string{"go", "feeds"},
		summary: "This first paragraph is long on purpose so that the summary taken from it has to be cut at a word boundary: " +
			"one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen " +
			"nineteen twenty twenty-one twenty-two twenty-three twenty-four twenty-five twenty-six twenty-seven twenty-eight " +
			"twenty-nine thirty thirty-one thirty-two thirty-three thirty-four thirty-five thirty-six thirty-seven thirty-eight " +
			"thirty-nine forty forty-one forty-two forty-three forty-four forty-five forty-six forty-seven forty-eight…",
		contentHas: []string{`<a href="https://example.com/blog/hello/other/">page-relative link</a>`, `<a href="https://example.com/about/">root link</a>`},
	},
	{
		title: "Front matter only", url: "https://example.com/blog/nobody/", id: "https://example.com/blog/nobody/",
		published: "2024-01-01T00:00:00+01:00", updated: "2024-01-01T00:00:00+01:00",
		authors: []person{{"Site Owner", "owner@example.com"}},
		summary: "There is no body.", noContent: true,
	},
}

// forbidden must not survive sanitising in any feed.
var forbidden = []string{"<script", "alert(", "onerror", "onclick", "javascript:", "\x0b", "\x1b"}

// viewerScript is the one script element a feed may hold: feedpub's own,
// which shows the feed as a page in browsers.
const viewerScript = `<script xmlns="http://www.w3.org/1999/xhtml" src="feed.js"></script>`

func TestRoundTrip(t *testing.T) {
	got := files(t, Options{Site: testSite(t, nil)})
	for _, name := range []string{"rss.xml", "atom.xml", "feed.json"} {
		t.Run(name, func(t *testing.T) {
			raw := bytes.Replace(got[name], []byte(viewerScript), nil, 1)
			for _, bad := range forbidden {
				if strings.Contains(string(raw), bad) {
					t.Errorf("the feed contains %q", bad)
				}
			}
			if name == "feed.json" {
				for _, err := range feedcheck.JSONFeed(raw) {
					t.Error(err)
				}
			} else if err := feedcheck.WellFormed(raw); err != nil {
				t.Error(err)
			}
			f := parse(t, raw)
			if f.Title != "Test site & friends" || f.Link != "https://example.com/blog/" {
				t.Errorf("feed title, link = %q, %q", f.Title, f.Link)
			}
			if f.Language != "en" {
				t.Errorf("feed language = %q, want en", f.Language)
			}
			if f.FeedLink != "https://example.com/blog/"+name {
				t.Errorf("self link = %q", f.FeedLink)
			}
			if len(f.Items) != len(wantItems) {
				t.Fatalf("%d items, want %d", len(f.Items), len(wantItems))
			}
			for i, w := range wantItems {
				checkItem(t, name, f.Items[i], w)
			}
		})
	}
}

func checkItem(t *testing.T, format string, got *gofeed.Item, w item) {
	t.Helper()
	errorf := func(field string, g, want any) {
		t.Errorf("%s: item %q: %s = %q, want %q", format, w.title, field, g, want)
	}
	if got.Title != w.title {
		errorf("title", got.Title, w.title)
	}
	if got.Link != w.url {
		errorf("link", got.Link, w.url)
	}
	if got.GUID != w.id {
		errorf("id", got.GUID, w.id)
	}
	checkTime(t, format, w.title, "published", got.PublishedParsed, got.Published, w.published)
	if format != "rss.xml" { // RSS has no per-item update date
		checkTime(t, format, w.title, "updated", got.UpdatedParsed, got.Updated, w.updated)
	}
	summary := got.Description
	if format == "rss.xml" {
		summary = html.UnescapeString(summary) // RSS descriptions are HTML
	}
	if summary != w.summary {
		errorf("summary", summary, w.summary)
	}
	if strings.Join(got.Categories, "|") != strings.Join(w.categories, "|") {
		errorf("categories", got.Categories, w.categories)
	}
	// Atom carries the image as an enclosure link of an image type.
	var image string
	var enclosures []string
	if got.Image != nil {
		image = got.Image.URL
	}
	for _, e := range got.Enclosures {
		if format == "atom.xml" && strings.HasPrefix(e.Type, "image/") {
			image = e.URL
			continue
		}
		enclosures = append(enclosures, e.URL+" "+e.Length+" "+e.Type)
	}
	// (gofeed takes an RSS item's first <img> for its image when it has
	// no media element.)
	if image != w.image && (format != "rss.xml" || w.image != "") {
		errorf("image", image, w.image)
	}
	if strings.Join(enclosures, ",") != w.enclosure {
		errorf("enclosures", enclosures, w.enclosure)
	}
	checkAuthors(t, format, got, w)
	switch {
	case w.noContent && format == "feed.json":
		if got.Content != w.summary { // content_text stands in for the missing body
			errorf("content_text", got.Content, w.summary)
		}
	case w.noContent:
		if got.Content != "" {
			errorf("content", got.Content, "")
		}
	default:
		for _, s := range w.contentHas {
			if !strings.Contains(got.Content, s) {
				t.Errorf("%s: item %q: content lacks %q:\n%s", format, w.title, s, got.Content)
			}
		}
	}
}

// checkTime checks the instant gofeed parsed and, since gofeed turns RSS
// and Atom dates into UTC, the zone offset in the text as written.
func checkTime(t *testing.T, format, title, field string, parsed *time.Time, raw, want string) {
	t.Helper()
	w, err := time.Parse(time.RFC3339, want)
	if err != nil {
		t.Fatal(err)
	}
	if parsed == nil || !parsed.Equal(w) {
		t.Errorf("%s: item %q: %s = %v, want %s", format, title, field, parsed, want)
		return
	}
	layout := time.RFC3339
	if format == "rss.xml" {
		layout = time.RFC1123Z
	}
	written, err := time.Parse(layout, raw)
	if err != nil {
		t.Errorf("%s: item %q: %s %q is not %s: %v", format, title, field, raw, layout, err)
		return
	}
	_, goff := written.Zone()
	_, woff := w.Zone()
	if goff != woff {
		t.Errorf("%s: item %q: %s written as %q, want the zone of %s", format, title, field, raw, want)
	}
}

func checkAuthors(t *testing.T, format string, got *gofeed.Item, w item) {
	t.Helper()
	var names, emails []string
	for _, p := range got.Authors {
		names = append(names, p.Name)
		emails = append(emails, p.Email)
	}
	var wantNames, wantEmails []string
	for _, p := range w.authors {
		wantNames = append(wantNames, p.name)
		wantEmails = append(wantEmails, p.email)
	}
	if len(wantNames) > 1 {
		// Several people are one author line in Atom and JSON Feed, as
		// readers show the order only so.
		wantNames = []string{strings.Join(wantNames, ", ")}
	}
	// No e-mail address in any format: readers show it beside the name.
	wantEmails = make([]string, len(wantNames))
	switch format {
	case "rss.xml":
		// RSS has the names in one dc:creator, without e-mail addresses.
		var creators []string
		if got.DublinCoreExt != nil {
			creators = got.DublinCoreExt.Creator
		}
		if want := strings.Join(wantNames, ", "); len(creators) != 1 || creators[0] != want {
			t.Errorf("%s: item %q: dc:creator %q, want [%q]", format, w.title, creators, want)
		}
	case "atom.xml":
		if strings.Join(names, "|") != strings.Join(wantNames, "|") || strings.Join(emails, "|") != strings.Join(wantEmails, "|") {
			t.Errorf("%s: item %q: authors %q %q, want %q %q", format, w.title, names, emails, wantNames, wantEmails)
		}
	case "feed.json": // JSON Feed authors have no e-mail
		if strings.Join(names, "|") != strings.Join(wantNames, "|") {
			t.Errorf("%s: item %q: authors %q, want %q", format, w.title, names, wantNames)
		}
	}
}
