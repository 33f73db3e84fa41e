package layout

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/encode"
)

// RedirectsFile lists the moved feeds' redirects for hosts that read it
// (Netlify, Cloudflare Pages): "/old /new 301", one a line.
const RedirectsFile = "_redirects"

// A Move is a feed that moved: its old file, relative to the output
// directory, its format, and the absolute URL it went to.
type Move struct {
	Old    string
	Format encode.Format
	To     string
}

// MovedTo is the absolute URL of to, a 'moved' value: a path in the
// output directory, below base_url, or an absolute URL as it is.
func MovedTo(site *config.Site, to string) string {
	if u, err := url.Parse(to); err == nil && u.IsAbs() {
		return to
	}
	return site.BaseURL.JoinPath(to).String()
}

// RedirectDoc is what a moved feed's old file holds, for readers that
// fetch it where no HTTP 301 sends them on (a host that cannot redirect):
// a valid feed in the old file's format that names the new URL as its
// own, and holds one entry, "This feed has moved", linking to it.
//   - RSS: atom:link rel="self". Not the RSS Advisory Board's
//     <redirect><newLocation> document: Miniflux refuses it ("unable to
//     detect feed format"), feedparser reads it as an empty feed, gofeed
//     as an error, and the W3C validator as an undefined root element;
//   - Atom: link rel="self";
//   - JSON Feed: feed_url, which the specification names as the way to
//     tell readers of a move.
//
// Few readers act on the self link (Miniflux, feedparser and gofeed
// follow a 301, not a self link), but every one shows the entry. title
// and home are the site's; updated dates the entry.
func RedirectDoc(m Move, title, home string, updated time.Time) []byte {
	var b bytes.Buffer
	esc := func(s string) string {
		var e strings.Builder
		xml.EscapeText(&e, []byte(s))
		return e.String()
	}
	date := updated.UTC().Format(time.RFC3339)
	switch m.Format {
	case encode.RSS:
		b.WriteString(xml.Header)
		fmt.Fprintf(&b, "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n"+
			"  <channel>\n    <title>%s</title>\n    <link>%s</link>\n    <description>%s</description>\n"+
			"    <atom:link href=\"%s\" rel=\"self\" type=\"application/rss+xml\"></atom:link>\n"+
			"    <item>\n      <title>%s</title>\n      <link>%s</link>\n      <guid isPermaLink=\"false\">%s</guid>\n      <pubDate>%s</pubDate>\n"+
			"      <description>%s</description>\n    </item>\n  </channel>\n</rss>\n",
			esc(title), esc(home), esc(movedText(m.To)), esc(m.To), movedTitle, esc(m.To), esc(m.To+"#moved"),
			updated.UTC().Format(time.RFC1123Z), esc(movedText(m.To)))
	case encode.Atom:
		b.WriteString(xml.Header)
		fmt.Fprintf(&b, "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <title>%s</title>\n  <id>%s</id>\n  <updated>%s</updated>\n"+
			"  <link href=\"%s\" rel=\"self\" type=\"application/atom+xml\"></link>\n  <link href=\"%s\" rel=\"alternate\"></link>\n"+
			"  <author>\n    <name>%s</name>\n  </author>\n  <entry>\n    <title>%s</title>\n    <id>%s</id>\n    <updated>%s</updated>\n"+
			"    <link href=\"%s\" rel=\"alternate\"></link>\n    <summary type=\"text\">%s</summary>\n  </entry>\n</feed>\n",
			esc(title), esc(m.To), date, esc(m.To), esc(home), esc(title), movedTitle, esc(m.To+"#moved"), date, esc(m.To), esc(movedText(m.To)))
	default:
		type item struct {
			ID        string `json:"id"`
			URL       string `json:"url"`
			Title     string `json:"title"`
			Text      string `json:"content_text"`
			Published string `json:"date_published"`
		}
		doc := struct {
			Version string `json:"version"`
			Title   string `json:"title"`
			Home    string `json:"home_page_url"`
			FeedURL string `json:"feed_url"`
			Items   []item `json:"items"`
		}{"https://jsonfeed.org/version/1.1", title, home, m.To, []item{{m.To + "#moved", m.To, movedTitle, movedText(m.To), date}}}
		data, _ := json.MarshalIndent(doc, "", "  ")
		b.Write(data)
		b.WriteString("\n")
	}
	return b.Bytes()
}

// movedTitle is the title of the entry a moved feed's old file holds.
const movedTitle = "This feed has moved"

// movedText is that entry's text.
func movedText(to string) string {
	return "This feed is now at " + to + " — subscribe to that address to keep receiving new articles."
}

// RedirectTarget is the URL a document RedirectDoc wrote sends readers
// to (or the <redirect><newLocation> document earlier versions wrote for
// RSS), or "" when data is no such document.
func RedirectTarget(data []byte) string {
	if bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")) {
		var doc struct {
			FeedURL string `json:"feed_url"`
		}
		if json.Unmarshal(data, &doc) != nil {
			return ""
		}
		return doc.FeedURL
	}
	type link struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	}
	var doc struct {
		XMLName     xml.Name
		NewLocation string `xml:"newLocation"`
		Links       []link `xml:"link"`
		Channel     struct {
			Links []link `xml:"http://www.w3.org/2005/Atom link"`
		} `xml:"channel"`
	}
	if xml.Unmarshal(data, &doc) != nil {
		return ""
	}
	switch doc.XMLName.Local {
	case "redirect":
		return strings.TrimSpace(doc.NewLocation)
	case "rss":
		doc.Links = doc.Channel.Links
		fallthrough
	case "feed":
		for _, l := range doc.Links {
			if l.Rel == "self" {
				return l.Href
			}
		}
	}
	return ""
}

// RedirectRulesDoc is the _redirects file for moves: each old path below
// base_url's path, its new one (or its absolute URL, when it left the
// site) and 301.
func RedirectRulesDoc(site *config.Site, moves []Move) []byte {
	var b bytes.Buffer
	base := site.BaseURL.String()
	for _, m := range moves {
		to := m.To
		if rest, ok := strings.CutPrefix(to, base); ok {
			to = site.BaseURL.EscapedPath() + rest
		}
		old := (&url.URL{Path: site.BaseURL.Path + m.Old}).EscapedPath()
		fmt.Fprintf(&b, "%s %s 301\n", old, to)
	}
	return b.Bytes()
}
