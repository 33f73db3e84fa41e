package encode

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/feedpub/feedpub/internal/model"
)

// A Stream encodes one feed document in pieces: its head, each item on its
// own, and its tail. Written one after another they are the document
// Encode writes, byte for byte; a feed of any size can so be written
// while only a few of its items are in memory, and its items encoded on
// many cores at once.
type Stream struct {
	format     Format
	feed       *model.Feed // cleaned, without items
	head, tail []byte
}

// Where the items go in each format's document without items: before the
// last occurrence of the marker in XML, after it in JSON. The markers
// depend on the fixed indentation of writeXML and writeJSON.
const (
	rssItemsEnd  = "\n  </channel>"
	atomItemsEnd = "\n</feed>"
	jsonItems    = "\"items\": ["
)

// NewStream prepares to encode f in the given format, naming the URLs in
// l. Of f's items it looks only at what the document's head depends on
// (whether any has an image, whether any has no author), so their
// content may still be to come.
func NewStream(format Format, f *model.Feed, l Links) (*Stream, error) {
	hasImage, authorless := false, false
	for _, it := range f.Items {
		hasImage = hasImage || cleanLine(it.Image) != "" // as AppendItem will see it
		authorless = authorless || len(it.Authors) == 0
	}
	c := cleanHeader(f)
	var buf bytes.Buffer
	var err error
	switch format {
	case RSS:
		err = writeXML(&buf, rssHead(c, l, hasImage), l.Stylesheet)
	case Atom:
		err = writeXML(&buf, atomHead(c, l), l.Stylesheet)
	case JSON:
		err = writeJSON(&buf, jsonHead(c, l, authorless))
	default:
		err = fmt.Errorf("unknown feed format %q", format)
	}
	if err != nil {
		return nil, fmt.Errorf("encoding %s feed: %w", format, err)
	}
	doc := buf.Bytes()
	var cut int
	switch format {
	case RSS:
		cut = bytes.LastIndex(doc, []byte(rssItemsEnd))
	case Atom:
		cut = bytes.LastIndex(doc, []byte(atomItemsEnd))
	case JSON:
		if cut = bytes.LastIndex(doc, []byte(jsonItems)); cut >= 0 {
			cut += len(jsonItems)
		}
	}
	if cut < 0 {
		return nil, fmt.Errorf("encoding %s feed: no place for items in the document", format)
	}
	return &Stream{format: format, feed: c, head: doc[:cut], tail: doc[cut:]}, nil
}

// Head is the document up to its first item.
func (s *Stream) Head() []byte { return s.head }

// Tail is the rest of the document after its last item; empty says the
// document has no items.
func (s *Stream) Tail(empty bool) []byte {
	if s.format == JSON && !empty {
		return append([]byte("\n  "), s.tail...)
	}
	return s.tail
}

// AppendItem appends the encoding of it to buf; first says it is the
// document's first item. It may be called from many goroutines at once.
func (s *Stream) AppendItem(buf []byte, it *model.Item, first bool) ([]byte, error) {
	return s.appendCleaned(buf, cleanItem(it), first)
}

// AppendItems appends the encoding of it by each of streams to the
// buffer of the same index in bufs, as AppendItem does, cleaning it once
// for all of them.
func AppendItems(streams []*Stream, bufs [][]byte, it *model.Item, first bool) error {
	it = cleanItem(it)
	for k, s := range streams {
		var err error
		if bufs[k], err = s.appendCleaned(bufs[k], it, first); err != nil {
			return err
		}
	}
	return nil
}

// appendCleaned is AppendItem for an item that cleanItem has cleaned.
func (s *Stream) appendCleaned(buf []byte, it *model.Item, first bool) ([]byte, error) {
	if out, ok := s.appendFast(buf, it, first); ok {
		return out, nil
	}
	out, err := s.appendItem(buf, it, first, true)
	if err != nil {
		return buf, fmt.Errorf("encoding %s feed: %w", s.format, err)
	}
	return out, nil
}

// contentMark stands for an item's HTML content while the rest of the item
// is encoded, in Atom and JSON Feed, where the content is then escaped on
// its own and put in its place. Escaping a large string with the encoders'
// general machinery costs more than the rest of the item; the result is
// the same bytes.
const contentMark = "feedpub-content-7d1e5a"

// spliceAbove is the length of content worth escaping on its own.
const spliceAbove = 256

func (s *Stream) appendItem(buf []byte, it *model.Item, first, splice bool) ([]byte, error) {
	start := len(buf)
	w := bytes.NewBuffer(buf)
	content := ""
	if splice && s.format != RSS && len(it.ContentHTML) > spliceAbove {
		content = it.ContentHTML
		c := *it
		c.ContentHTML = contentMark
		it = &c
	}
	switch s.format {
	case RSS, Atom:
		// An item is at depth 2 of an RSS document and at depth 1 of an
		// Atom one; each of its lines starts a line of the document.
		w.WriteByte('\n')
		e := xml.NewEncoder(w)
		if s.format == RSS {
			e.Indent("    ", "  ")
			if err := e.Encode(rssItemOf(it)); err != nil {
				return buf, err
			}
		} else {
			e.Indent("  ", "  ")
			if err := e.Encode(atomEntryOf(s.feed, it)); err != nil {
				return buf, err
			}
		}
	case JSON:
		if !first {
			w.WriteByte(',')
		}
		w.WriteString("\n    ")
		e := json.NewEncoder(w)
		e.SetEscapeHTML(false)
		e.SetIndent("    ", "  ")
		if err := e.Encode(jsonItemOf(s.feed, it)); err != nil {
			return buf, err
		}
		w.Truncate(w.Len() - 1) // the encoder's newline
	}
	out := w.Bytes()
	if content == "" {
		return out, nil
	}
	item := out[start:]
	at := bytes.Index(item, []byte(contentMark))
	if at < 0 || bytes.Count(item, []byte(contentMark)) != 1 {
		// The mark is in the item's own text: encode it the plain way.
		c := *it
		c.ContentHTML = content
		return s.appendItem(buf[:start], &c, first, false)
	}
	var esc []byte
	if s.format == JSON {
		var b bytes.Buffer
		e := json.NewEncoder(&b)
		e.SetEscapeHTML(false)
		if err := e.Encode(content); err != nil {
			return buf, err
		}
		esc = bytes.TrimSuffix(b.Bytes(), []byte("\n"))
		esc = esc[1 : len(esc)-1] // the quotes are the mark's
	} else {
		esc = []byte(xmlTextEscaper.Replace(content))
	}
	tail := append([]byte(nil), item[at+len(contentMark):]...)
	return append(append(out[:start+at], esc...), tail...), nil
}

// xmlTextEscaper escapes text as encoding/xml escapes character data, for
// text that cleanText has cleaned (so that no character needs replacing).
var xmlTextEscaper = strings.NewReplacer(
	`"`, "&#34;", "'", "&#39;", "&", "&amp;", "<", "&lt;", ">", "&gt;",
	"\t", "&#x9;", "\n", "&#xA;", "\r", "&#xD;",
)
