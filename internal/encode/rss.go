package encode

import (
	"cmp"
	"encoding/xml"
	"strings"
	"time"

	"github.com/gorilla/feeds"

	"github.com/feedpub/feedpub/internal/model"
)

// rssRoot replaces gorilla's RssFeedXml, whose Channel is typed *RssFeed,
// to declare the namespaces feedpub's additions use.
type rssRoot struct {
	XMLName   xml.Name `xml:"rss"`
	Version   string   `xml:"version,attr"`
	ContentNS string   `xml:"xmlns:content,attr"`
	AtomNS    string   `xml:"xmlns:atom,attr"`
	DCNS      string   `xml:"xmlns:dc,attr"`
	HistoryNS string   `xml:"xmlns:fh,attr,omitempty"`
	MediaNS   string   `xml:"xmlns:media,attr,omitempty"`
	Channel   *rssChannel
}

// rssChannel is gorilla's channel with a self link and patched items. The
// fields named like gorilla's replace them in the output.
type rssChannel struct {
	XMLName     xml.Name `xml:"channel"`
	Title       rssText  `xml:"title"`
	Link        string   `xml:"link"`
	Description rssText  `xml:"description"`
	*feeds.RssFeed
	Image     *rssImage     `xml:"image"`
	AtomLinks []rssAtomLink `xml:"atom:link"`
	Archive   *struct{}     `xml:"fh:archive"`
	Items     []*rssItem    `xml:"item"`
}

// rssImage is the channel's picture, its title plain text as the
// channel's is; it replaces gorilla's.
type rssImage struct {
	URL   string  `xml:"url"`
	Title rssText `xml:"title"`
	Link  string  `xml:"link"`
}

// rssAtomLink is an <atom:link>: the rel="self" that RSS Best Practices
// ask for, WebSub hubs and RFC 5005 archive links.
type rssAtomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
}

// feedLinks lists the feed-level links of l other than self, for RSS and
// Atom, with the media type of the documents they point to.
func feedLinks(l Links, mediaType string) []rssAtomLink {
	var out []rssAtomLink
	for _, h := range l.Hubs {
		out = append(out, rssAtomLink{Href: h, Rel: "hub"})
	}
	for _, x := range []struct{ rel, href string }{
		{"current", l.Current}, {"prev-archive", l.PrevArchive}, {"next-archive", l.NextArchive},
	} {
		if x.href != "" {
			out = append(out, rssAtomLink{Href: x.href, Rel: x.rel, Type: mediaType})
		}
	}
	return out
}

// rssMedia is the media:content naming an item's image, with its type
// and size when known, and the image again as its media:thumbnail. The
// thumbnail is inside the content, where Media RSS allows it: readers
// such as Miniflux take an item's own media:thumbnail first, and a
// thumbnail has neither type nor size.
type rssMedia struct {
	URL       string         `xml:"url,attr"`
	Medium    string         `xml:"medium,attr,omitempty"`
	Type      string         `xml:"type,attr,omitempty"`
	FileSize  int64          `xml:"fileSize,attr,omitempty"`
	Thumbnail *rssMediaThumb `xml:"media:thumbnail"`
}

// rssMediaThumb is a media:thumbnail.
type rssMediaThumb struct {
	URL string `xml:"url,attr"`
}

// rssItem is gorilla's item with one <category> per tag, the authors'
// names in one dc:creator, no <author> (whose e-mail form readers show
// as it is), no empty description, and the feed a repost comes from.
// Content is declared again so that it follows the description, as
// readers expect; Source replaces gorilla's.
type rssItem struct {
	XMLName xml.Name `xml:"item"`
	Title   rssText  `xml:"title"`
	*feeds.RssItem
	Description string            `xml:"description,omitempty"`
	Content     *feeds.RssContent `xml:"content:encoded"`
	Creator     *rssText          `xml:"dc:creator"`
	Categories  []rssText         `xml:"category"`
	Media       *rssMedia         `xml:"media:content"`
	Source      *rssSource        `xml:"source"`
}

// rssSource is an item's <source>: the title of the feed a repost comes
// from, and that feed's URL.
type rssSource struct {
	URL   string `xml:"url,attr"`
	Title string `xml:",innerxml"`
}

// rssText is plain text written as the RSS Best Practices Profile asks:
// '&' and '<' as hexadecimal character references. Every reader tried
// (Miniflux, newsboat, gofeed, and feedparser unless the text holds an
// HTML end tag or entity) shows it as written, "<b>" included: see
// TestTextAsWritten.
type rssText struct {
	XML string `xml:",innerxml"`
}

var rssTextEscaper = strings.NewReplacer("&", "&#x26;", "<", "&#x3C;", ">", "&#x3E;")

func plain(s string) rssText { return rssText{XML: rssTextEscaper.Replace(s)} }

// authorLine is the authors as one person when there are several, named
// by their names joined in the article's order. Readers show only that
// order when a feed gives one author: Miniflux sorts the names of several
// Atom and JSON Feed authors, and feedparser shows only an entry's last
// Atom author. One author keeps a URL, and is named by the e-mail address
// only when it has no name.
func authorLine(ps []model.Person) []model.Person {
	switch len(ps) {
	case 0:
		return nil
	case 1:
		// No e-mail: feedparser shows an entry's author as "Name (email)".
		return []model.Person{{Name: ps[0].Label(), URL: ps[0].URL}}
	}
	return []model.Person{{Name: joinNames(ps)}}
}

// joinNames is the line readers show for people: their names (or
// e-mail addresses, for those without a name) in the order given,
// joined by ", ".
func joinNames(ps []model.Person) string {
	var b strings.Builder
	for _, p := range ps {
		if l := p.Label(); l != "" {
			if b.Len() > 0 {
				b.WriteString(", ")
			}
			b.WriteString(l)
		}
	}
	return b.String()
}

// rssHead is the document without items; hasImage declares the Media RSS
// namespace that items with images need.
func rssHead(f *model.Feed, l Links, hasImage bool) *rssRoot {
	ch := (&feeds.Rss{Feed: toGorilla(f)}).RssFeed()
	ch.Language = f.Language
	ch.Generator = f.Generator
	ch.Docs = "https://www.rssboard.org/rss-specification"
	// gorilla writes " (Name)" when the author has no e-mail; the element
	// must hold an address, so it is left out then.
	ch.ManagingEditor = ""
	if len(f.Authors) > 0 && f.Authors[0].Email != "" {
		ch.ManagingEditor = rssPerson(f.Authors[0])
	}
	ch.PubDate, ch.LastBuildDate = "", "" // both optional: left out of an empty feed
	if !f.Updated.IsZero() {
		ch.PubDate = rssDate(f.Updated)
		ch.LastBuildDate = rssDate(f.Updated)
	}
	c := &rssChannel{
		RssFeed:     ch,
		Title:       plain(f.Title),
		Link:        ch.Link,
		Description: plain(f.Description),
		Image:       rssImageOf(f),
		AtomLinks:   append([]rssAtomLink{{Href: l.Self, Rel: "self", Type: RSS.MediaType()}}, feedLinks(l, RSS.MediaType())...),
	}
	root := &rssRoot{
		Version:   "2.0",
		ContentNS: "http://purl.org/rss/1.0/modules/content/",
		AtomNS:    "http://www.w3.org/2005/Atom",
		DCNS:      "http://purl.org/dc/elements/1.1/",
		Channel:   c,
	}
	if l.Archive {
		c.Archive, root.HistoryNS = &struct{}{}, historyNS
	}
	if hasImage {
		root.MediaNS = mediaNS
	}
	return root
}

// rssImageOf is the picture readers show for the channel, the icon or
// else the logo, with the channel's title and link as RSS requires; nil
// when the site has neither.
func rssImageOf(f *model.Feed) *rssImage {
	pic := cmp.Or(f.Icon, f.Logo)
	if pic == "" {
		return nil
	}
	return &rssImage{URL: pic, Title: plain(f.Title), Link: f.HomeURL}
}

// rssItemOf is one item of the channel. A link post links to the page
// it is about, and its guid stays its own page.
func rssItemOf(it *model.Item) *rssItem {
	gi := (&feeds.Rss{Feed: gorillaItems(it)}).RssFeed().Items[0]
	gi.Author = ""
	if it.ExternalURL != "" {
		gi.Link = it.ExternalURL
	}
	ri := &rssItem{RssItem: gi, Title: plain(it.Title), Content: gi.Content}
	// RSS descriptions are HTML; the summary is plain text. An item with
	// no summary (its body has no text) is described by its title, since
	// readers show the description as the item's text and expect one
	// before content:encoded.
	ri.Description = escapeHTMLText(it.Summary)
	if it.Summary == "" {
		ri.Description = escapeHTMLText(it.Title)
	}
	ri.PubDate = rssDate(it.Published)
	for _, c := range it.Categories {
		ri.Categories = append(ri.Categories, plain(c))
	}
	// One dc:creator: readers that read one keep the last of several.
	if names := joinNames(it.Authors); names != "" {
		c := plain(names)
		ri.Creator = &c
	}
	if it.Image != "" {
		ri.Media = &rssMedia{URL: it.Image, Medium: "image", Type: it.ImageType, FileSize: max(it.ImageLength, 0),
			Thumbnail: &rssMediaThumb{URL: it.Image}}
	}
	if s := it.Source; s != nil {
		ri.Source = &rssSource{URL: s.URL, Title: plain(s.Title).XML}
	}
	return ri
}

// rssPerson formats a person as RSS wants: "email (Name)".
func rssPerson(p model.Person) string {
	if p.Name == "" {
		return p.Email
	}
	return p.Email + " (" + p.Name + ")"
}

// rssDate formats t as RFC 822 with a numeric zone and a four-digit year.
// An offset that is not a whole or half hour (Kathmandu's +0545,
// Chatham's +1245) is written as UTC, the same instant: RFC 822 zones
// are whole hours, RSS validators accept half hours too, and readers
// that follow them may reject other minutes.
func rssDate(t time.Time) string {
	if _, off := t.Zone(); off%1800 != 0 {
		t = t.UTC()
	}
	return t.Format(time.RFC1123Z)
}

var htmlTextEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// escapeHTMLText escapes plain text for a field readers treat as HTML.
func escapeHTMLText(s string) string { return htmlTextEscaper.Replace(s) }
