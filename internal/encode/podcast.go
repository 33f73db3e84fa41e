package encode

import (
	"strconv"
	"strings"
	"time"

	"github.com/feedpub/feedpub/internal/model"
	"github.com/feedpub/feedpub/internal/podcast"
)

// Namespaces of a podcast show's RSS feed.
const (
	itunesNS  = "http://www.itunes.com/dtds/podcast-1.0.dtd"
	podcastNS = "https://podcastindex.org/namespace/1.0"
)

// ShowRSS writes a podcast show as the RSS 2.0 feed Apple Podcasts,
// Spotify and the Podcasting 2.0 apps read: the show's itunes: and
// podcast: tags on the channel, each episode's on its item, and the
// episode's artwork as itunes:image only (a media:content beside the
// enclosure is taken for a second enclosure by some apps). f gives the
// channel's title, links, description, language, copyright, generator
// and date; its items are not read. A show feed has its own writer, one
// path only: no gorilla/feeds document stands behind it.
func ShowRSS(f *model.Feed, show *podcast.Show, items []*podcast.Item, l Links) []byte {
	w := &xw{b: make([]byte, 0, 4096+2048*len(items))}
	w.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	if l.Stylesheet != "" {
		w.raw(`<?xml-stylesheet type="text/xsl" href="`).text(l.Stylesheet).raw("\"?>\n")
	}
	w.raw(`<rss version="2.0" xmlns:itunes="` + itunesNS + `" xmlns:podcast="` + podcastNS +
		`" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/">` + "\n")
	w.raw("  <channel>\n")
	w.in = "    "
	w.el("title", nil, f.Title)
	w.el("link", nil, f.HomeURL)
	w.el("description", nil, f.Description)
	w.el("language", nil, show.Language)
	w.el("copyright", nil, show.Copyright)
	w.el("generator", nil, f.Generator)
	if !f.Updated.IsZero() {
		w.el("lastBuildDate", nil, rssDate(f.Updated))
	}
	w.empty("atom:link", "href", l.Self, "rel", "self", "type", "application/rss+xml")
	for _, h := range l.Hubs {
		w.empty("atom:link", "href", h, "rel", "hub")
	}
	showChannel(w, f, show)
	for _, it := range items {
		showItem(w, show, it)
	}
	w.raw("  </channel>\n</rss>\n")
	return w.b
}

// showChannel writes the channel's itunes: and podcast: tags.
func showChannel(w *xw, f *model.Feed, show *podcast.Show) {
	w.raw(w.in + "<image>\n")
	w.in = "      "
	w.el("url", nil, show.Artwork)
	w.el("title", nil, f.Title)
	w.el("link", nil, f.HomeURL)
	w.in = "    "
	w.raw(w.in + "</image>\n")
	w.empty("itunes:image", "href", show.Artwork)
	if show.Subcategory != "" {
		w.raw(w.in + `<itunes:category text="`).text(show.Category).raw("\">\n")
		w.raw(w.in + `  <itunes:category text="`).text(show.Subcategory).raw("\"/>\n")
		w.raw(w.in + "</itunes:category>\n")
	} else {
		w.empty("itunes:category", "text", show.Category)
	}
	w.el("itunes:explicit", nil, strconv.FormatBool(show.Explicit))
	w.el("itunes:author", nil, show.Author)
	if show.OwnerName != "" || show.OwnerEmail != "" {
		w.raw(w.in + "<itunes:owner>\n")
		w.in = "      "
		w.el("itunes:name", nil, show.OwnerName)
		w.el("itunes:email", nil, show.OwnerEmail)
		w.in = "    "
		w.raw(w.in + "</itunes:owner>\n")
	}
	w.el("itunes:type", nil, show.Type)
	if show.Complete {
		w.el("itunes:complete", nil, "Yes")
	}
	if show.Block {
		w.el("itunes:block", nil, "Yes")
	}
	w.el("itunes:new-feed-url", nil, show.NewFeedURL)
	w.el("podcast:guid", nil, show.GUID)
	locked := "no"
	if show.Locked {
		locked = "yes"
	}
	w.el("podcast:locked", attrs("owner", show.OwnerEmail), locked)
	w.el("podcast:medium", nil, show.Medium)
	for _, fu := range show.Funding {
		w.el("podcast:funding", attrs("url", fu.URL), fu.Text)
	}
	for _, p := range show.Persons {
		person(w, p)
	}
	if l := show.Location; l != nil && l.Name != "" {
		w.el("podcast:location", attrs("geo", l.Geo, "osm", l.OSM), l.Name)
	}
	if l := show.License; l != nil && l.Name != "" {
		w.el("podcast:license", attrs("url", l.URL), l.Name)
	}
	if u := show.Update; u != nil && u.Text != "" {
		w.el("podcast:updateFrequency", attrs("rrule", u.RRule, "complete", boolAttr(show.Complete)), u.Text)
	}
	if len(show.Podroll) > 0 {
		w.raw(w.in + "<podcast:podroll>\n")
		for _, r := range show.Podroll {
			w.empty("  podcast:remoteItem", "feedGuid", r.FeedGUID, "feedUrl", r.FeedURL)
		}
		w.raw(w.in + "</podcast:podroll>\n")
	}
	for _, t := range show.Txt {
		w.el("podcast:txt", attrs("purpose", t.Purpose), t.Value)
	}
	for _, t := range show.Trailers {
		a := attrs("pubdate", rssDate(t.Date), "url", t.URL, "length", int64Attr(t.Length), "type", t.Type)
		if t.Season > 0 {
			a = append(a, "season", strconv.Itoa(t.Season))
		}
		w.el("podcast:trailer", a, t.Title)
	}
}

// showItem writes one episode.
func showItem(w *xw, show *podcast.Show, it *podcast.Item) {
	w.raw("    <item>\n")
	w.in = "      "
	w.el("title", nil, it.Title)
	w.el("link", nil, it.URL)
	w.el("description", nil, it.Summary)
	if it.ContentHTML != "" {
		w.raw(w.in + "<content:encoded>")
		w.b = appendCDATA(w.b, cleanText(it.ContentHTML))
		w.raw("</content:encoded>\n")
	}
	w.el("guid", attrs("isPermaLink", strconv.FormatBool(it.IDIsURL())), it.ID)
	w.el("pubDate", nil, rssDate(it.Published))
	if e := it.Enclosure; e != nil {
		w.empty("enclosure", "url", e.URL, "length", strconv.FormatInt(e.Length, 10), "type", e.Type)
	}
	ep := it.Episode
	w.el("itunes:title", nil, ep.Title)
	if ep.Number > 0 {
		w.el("itunes:episode", nil, strconv.Itoa(ep.Number))
	}
	if ep.Season > 0 {
		w.el("itunes:season", nil, strconv.Itoa(ep.Season))
	}
	if ep.Type != "" {
		w.el("itunes:episodeType", nil, ep.Type)
	}
	if ep.Explicit != nil {
		w.el("itunes:explicit", nil, strconv.FormatBool(*ep.Explicit))
	}
	if ep.Duration > 0 {
		w.el("itunes:duration", nil, strconv.FormatInt(int64((ep.Duration+time.Second/2)/time.Second), 10))
	}
	if ep.Image != "" {
		w.empty("itunes:image", "href", ep.Image)
	}
	if ep.Season > 0 {
		w.el("podcast:season", attrs("name", ep.SeasonName), strconv.Itoa(ep.Season))
	}
	if ep.Number > 0 {
		w.el("podcast:episode", nil, strconv.Itoa(ep.Number))
	}
	for _, t := range ep.Transcripts {
		w.empty("podcast:transcript", "url", t.URL, "type", t.Type, "language", t.Language, "rel", t.Rel)
	}
	if c := ep.Chapters; c != nil && c.URL != "" {
		w.empty("podcast:chapters", "url", c.URL, "type", c.Type)
	}
	for _, s := range ep.Soundbites {
		w.el("podcast:soundbite", attrs("startTime", seconds(s.Start), "duration", seconds(s.Duration)), s.Title)
	}
	for _, p := range ep.Persons {
		person(w, p)
	}
	for _, a := range ep.AlternateEnclosures {
		at := attrs("type", a.Type, "length", int64Attr(a.Length), "title", a.Title)
		if a.Bitrate > 0 {
			at = append(at, "bitrate", seconds(a.Bitrate))
		}
		if a.Default {
			at = append(at, "default", "true")
		}
		w.raw(w.in + "<podcast:alternateEnclosure")
		w.attrs(at)
		w.raw(">\n")
		w.empty("  podcast:source", "uri", a.URL)
		w.raw(w.in + "</podcast:alternateEnclosure>\n")
	}
	w.in = "    "
	w.raw("    </item>\n")
}

func person(w *xw, p podcast.Person) {
	w.el("podcast:person", attrs("role", p.Role, "group", p.Group, "img", p.Img, "href", p.Href), p.Name)
}

// seconds writes a number of seconds as Podcasting 2.0 does: a decimal
// number, without a needless fraction.
func seconds(s float64) string { return strconv.FormatFloat(s, 'f', -1, 64) }

func int64Attr(n int64) string {
	if n <= 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}

func boolAttr(b bool) string {
	if b {
		return "true"
	}
	return ""
}

// attrs is a list of attribute names and values.
func attrs(kv ...string) []string { return kv }

// xw appends indented XML to b.
type xw struct {
	b  []byte
	in string // the indent of the current element
}

func (w *xw) raw(s string) *xw {
	w.b = append(w.b, s...)
	return w
}

func (w *xw) text(s string) *xw {
	w.b = appendXMLAny(w.b, s)
	return w
}

// attrs writes the attributes of kv whose value is not empty.
func (w *xw) attrs(kv []string) {
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			continue
		}
		w.raw(" " + kv[i] + `="`).text(kv[i+1]).raw(`"`)
	}
}

// el writes <name attrs>text</name> on a line, or nothing when text is
// empty.
func (w *xw) el(name string, kv []string, text string) {
	text = strings.TrimSpace(text)
	if text == "" {
		return
	}
	w.raw(w.in + "<" + name)
	w.attrs(kv)
	w.raw(">").text(text).raw("</" + name + ">\n")
}

// empty writes <name attrs/> on a line; name may start with spaces, to
// indent it further.
func (w *xw) empty(name string, kv ...string) {
	trimmed := strings.TrimLeft(name, " ")
	w.raw(w.in + name[:len(name)-len(trimmed)] + "<" + trimmed)
	w.attrs(kv)
	w.raw("/>\n")
}
