// Package encode writes a model.Feed as RSS 2.0, Atom 1.0 or JSON Feed 1.1.
//
// It builds on github.com/gorilla/feeds: the feed is converted to gorilla's
// generic Feed, gorilla's converters produce its intermediate structs
// (RssFeed, AtomFeed, JSONFeed), and this package wraps and patches those
// where they fall short of the specifications or of what readers show:
// self links, several categories, several authors as one line of names,
// xml:lang, Atom <published>, plain text written as the characters of the
// article, link posts, reposts, the site's icon and logo, image sizes,
// JSON items that are never omitted, and text cleaned of characters XML
// forbids.
//
// Those structs, marshalled by encoding/xml and encoding/json, define the
// bytes of every document. Items, which are most of a document, are
// written by hand-written appenders (fast.go) that give the same bytes at
// a fraction of the cost; the tests compare the two on many items.
package encode

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/feeds"

	"github.com/feedpub/feedpub/internal/model"
)

// Format is one of the feed formats.
type Format string

// The formats feedpub writes.
const (
	RSS  Format = "rss"
	Atom Format = "atom"
	JSON Format = "json"
)

// Formats lists every format, in the order feeds are written.
var Formats = []Format{RSS, Atom, JSON}

// MediaType is the media type a format is served with.
func (f Format) MediaType() string {
	switch f {
	case RSS:
		return "application/rss+xml"
	case Atom:
		return "application/atom+xml"
	}
	return "application/feed+json"
}

// Links are the URLs a feed document names besides its items' own, all
// absolute and in the document's format.
type Links struct {
	// Self is the URL at which the written file will be published; feeds
	// name it so readers can find the feed again.
	Self string
	// Hubs are WebSub hubs that readers may subscribe to for pushed
	// updates.
	Hubs []string
	// PrevArchive is the newest archive document older than this one
	// (RFC 5005); in JSON Feed, next_url.
	PrevArchive string
	// NextArchive is the archive document after this one, on archive
	// documents only.
	NextArchive string
	// Current is the subscription feed, named by archive documents.
	Current string
	// Archive marks an archive document (fh:archive): a page of the
	// feed's history, not a feed to subscribe to.
	Archive bool
	// Stylesheet, for RSS and Atom, is the href of the script that shows
	// the feed as a page in browsers (page.Viewer), or empty.
	Stylesheet string
}

// Namespaces of the RSS and Atom extensions feedpub writes.
const (
	historyNS = "http://purl.org/syndication/history/1.0" // RFC 5005
	mediaNS   = "http://search.yahoo.com/mrss/"
)

// Encode writes f in the given format, naming the URLs in l.
func Encode(w io.Writer, format Format, f *model.Feed, l Links) error {
	s, err := NewStream(format, f, l)
	if err != nil {
		return err
	}
	if _, err := w.Write(s.Head()); err != nil {
		return err
	}
	var buf []byte
	for i, it := range f.Items {
		if buf, err = s.AppendItem(buf[:0], it, i == 0); err != nil {
			return err
		}
		if _, err := w.Write(buf); err != nil {
			return err
		}
	}
	_, err = w.Write(s.Tail(len(f.Items) == 0))
	return err
}

// Documents returns f encoded in every format, in the order of Formats,
// each naming the URLs that links gives for its format: the documents
// Encode writes, byte for byte, made with each item cleaned once for all
// formats and each document in a buffer of its exact size.
func Documents(f *model.Feed, links func(Format) Links) ([][]byte, error) {
	items := make([]*model.Item, len(f.Items))
	for i, it := range f.Items {
		items[i] = cleanItem(it)
	}
	scratch := scratchPool.Get().(*[]byte)
	defer func() {
		if cap(*scratch) <= maxScratch {
			scratchPool.Put(scratch)
		}
	}()
	docs := make([][]byte, len(Formats))
	for k, format := range Formats {
		s, err := NewStream(format, f, links(format))
		if err != nil {
			return nil, err
		}
		buf := (*scratch)[:0]
		for i, it := range items {
			if buf, err = s.appendCleaned(buf, it, i == 0); err != nil {
				return nil, err
			}
		}
		*scratch = buf
		head, tail := s.Head(), s.Tail(len(items) == 0)
		doc := make([]byte, 0, len(head)+len(buf)+len(tail))
		docs[k] = append(append(append(doc, head...), buf...), tail...)
	}
	return docs, nil
}

// scratchPool holds buffers for the items of a document, up to
// maxScratch bytes: a larger one is left to the collector rather than
// kept for the rare document as large.
var scratchPool = sync.Pool{New: func() any { return new([]byte) }}

const maxScratch = 4 << 20

// toGorilla converts the feed's own fields to gorilla's generic feed, so
// that gorilla's converters can build the intermediate structs; what
// gorilla's model cannot hold is added by the patches of each format.
func toGorilla(f *model.Feed) *feeds.Feed {
	g := &feeds.Feed{
		Title:       f.Title,
		Link:        &feeds.Link{Href: f.HomeURL},
		Description: f.Description,
		Updated:     f.Updated,
		Created:     f.Updated,
		Id:          f.ID,
		Copyright:   f.Copyright,
	}
	if len(f.Authors) > 0 {
		g.Author = &feeds.Author{Name: f.Authors[0].Name, Email: f.Authors[0].Email}
	}
	return g
}

// gorillaItems is a gorilla feed holding only it, converted item for item,
// for gorilla's converters to make one item of a document.
func gorillaItems(it *model.Item) *feeds.Feed {
	gi := &feeds.Item{
		Title:       it.Title,
		Link:        &feeds.Link{Href: it.URL},
		Description: it.Summary,
		Id:          it.ID,
		IsPermaLink: fmt.Sprint(it.IDIsURL()),
		Created:     it.Published,
		Updated:     it.Updated,
		Content:     it.ContentHTML,
	}
	if e := it.Enclosure; e != nil {
		gi.Enclosure = &feeds.Enclosure{Url: e.URL, Type: e.Type, Length: strconv.FormatInt(e.Length, 10)}
	}
	if len(it.Authors) > 0 {
		gi.Author = &feeds.Author{Name: it.Authors[0].Name, Email: it.Authors[0].Email}
	}
	return &feeds.Feed{Items: []*feeds.Item{gi}}
}

// writeXML writes the XML declaration and v, indented, ending in a
// newline; when viewer is set, the root element's first child is an XHTML
// <script> that loads it, which shows the feed as a page in browsers.
func writeXML(w io.Writer, v any, viewer string) error {
	var doc bytes.Buffer
	doc.WriteString(xml.Header)
	e := xml.NewEncoder(&doc)
	e.Indent("", "  ")
	if err := e.Encode(v); err != nil {
		return err
	}
	doc.WriteString("\n")
	b := doc.Bytes()
	if viewer != "" {
		// encoding/xml escapes '>' in attribute values: the first one
		// after the declaration ends the root's start tag.
		end := bytes.IndexByte(b[len(xml.Header):], '>')
		if end < 0 {
			return fmt.Errorf("encoding %T: no root element", v)
		}
		end += len(xml.Header) + 1
		var src strings.Builder
		xml.EscapeText(&src, []byte(viewer))
		script := "\n  <script xmlns=\"http://www.w3.org/1999/xhtml\" src=\"" + src.String() + "\"></script>"
		b = append(b[:end:end], append([]byte(script), b[end:]...)...)
	}
	_, err := w.Write(b)
	return err
}

// emptyFeedDate dates a feed with no items where a date is required (Atom's
// <updated>): a fixed date, so the output never depends on the clock, and
// a plausible one (validators warn of dates before 1990).
var emptyFeedDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// rfc3339 formats t for Atom and JSON Feed, keeping its zone offset, or
// in UTC when the offset has seconds (local mean time in old dates),
// which RFC 3339 cannot write.
func rfc3339(t time.Time) string {
	if _, off := t.Zone(); off%60 != 0 {
		t = t.UTC()
	}
	return t.Format(time.RFC3339)
}

// generatorName and GeneratorURI identify feedpub in the feeds it writes.
const (
	generatorName = "feedpub"
	GeneratorURI  = "https://github.com/feedpub/feedpub"
)

// splitGenerator splits "feedpub 1.2.3" into name and version.
func splitGenerator(s string) (name, version string) {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == ' ' {
			return s[:i], s[i+1:]
		}
	}
	return s, ""
}
