package encode

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/feedpub/feedpub/internal/model"
)

// The appenders in this file write an item as appendItem writes it, byte
// for byte, without gorilla's intermediate structs and without the
// reflection of encoding/xml and encoding/json, which cost several times
// more than the bytes themselves. appendItem stays the reference: the
// tests compare the two on many items, and an item of a shape written
// here not at all is written by appendItem.

// appendFast appends the encoding of it to buf; ok is false, and buf as
// it was, for an item it does not write. it must be as cleanItem returns
// it: the appenders write the text it cleans without looking for
// characters to replace, and only the strings it leaves as they are (the
// image's type, the enclosure's) with appendXMLAny and appendJSONAny.
func (s *Stream) appendFast(buf []byte, it *model.Item, first bool) (out []byte, ok bool) {
	switch s.format {
	case RSS:
		return appendRSSItem(buf, it), true
	case Atom:
		if it.ID == "" {
			return buf, false // gorilla makes up an id
		}
		return appendAtomEntry(buf, s.feed, it), true
	case JSON:
		return appendJSONItem(buf, s.feed, it, first), true
	}
	return buf, false
}

// appendRSSItem writes what encoding/xml writes of rssItemOf(it) at depth
// 2 of an RSS document, the newline before it included.
func appendRSSItem(b []byte, it *model.Item) []byte {
	const in = "\n      "
	b = append(b, "\n    <item>"+in+"<title>"...)
	b = appendRSSText(b, it.Title)
	b = append(b, "</title>"+in+"<link>"...)
	if it.ExternalURL != "" {
		b = appendXMLText(b, it.ExternalURL)
	} else {
		b = appendXMLText(b, it.URL)
	}
	b = append(b, "</link>"...)
	if e := it.Enclosure; e != nil && e.Type != "" {
		b = append(b, in+`<enclosure url="`...)
		b = appendXMLAny(b, e.URL)
		b = append(b, `" length="`...)
		b = strconv.AppendInt(b, e.Length, 10)
		b = append(b, `" type="`...)
		b = appendXMLAny(b, e.Type)
		b = append(b, `"></enclosure>`...)
	}
	if it.ID != "" {
		b = append(b, in+`<guid isPermaLink="`...)
		b = strconv.AppendBool(b, it.IDIsURL())
		b = append(b, `">`...)
		b = appendXMLText(b, it.ID)
		b = append(b, "</guid>"...)
	}
	b = append(b, in+"<pubDate>"...)
	b = appendRSSDate(b, it.Published)
	b = append(b, "</pubDate>"...)
	desc := it.Summary
	if desc == "" {
		desc = it.Title
	}
	if desc != "" {
		b = append(b, in+"<description>"...)
		b = appendXMLHTMLText(b, desc)
		b = append(b, "</description>"...)
	}
	if it.ContentHTML != "" {
		b = append(b, in+"<content:encoded>"...)
		b = appendCDATA(b, it.ContentHTML)
		b = append(b, "</content:encoded>"...)
	}
	if names := joinNames(it.Authors); names != "" {
		b = append(b, in+"<dc:creator>"...)
		b = appendRSSText(b, names)
		b = append(b, "</dc:creator>"...)
	}
	for _, c := range it.Categories {
		b = append(b, in+"<category>"...)
		b = appendRSSText(b, c)
		b = append(b, "</category>"...)
	}
	if it.Image != "" {
		b = append(b, in+`<media:content url="`...)
		b = appendXMLText(b, it.Image)
		b = append(b, `" medium="image"`...)
		if it.ImageType != "" {
			b = append(b, ` type="`...)
			b = appendXMLAny(b, it.ImageType)
			b = append(b, '"')
		}
		if it.ImageLength > 0 {
			b = append(b, ` fileSize="`...)
			b = strconv.AppendInt(b, it.ImageLength, 10)
			b = append(b, '"')
		}
		b = append(b, ">"+in+`  <media:thumbnail url="`...)
		b = appendXMLText(b, it.Image)
		b = append(b, `"></media:thumbnail>`+in+"</media:content>"...)
	}
	if src := it.Source; src != nil {
		b = append(b, in+`<source url="`...)
		b = appendXMLText(b, src.URL)
		b = append(b, `">`...)
		b = appendRSSText(b, src.Title)
		b = append(b, "</source>"...)
	}
	return append(b, "\n    </item>"...)
}

// appendAtomEntry writes what encoding/xml writes of atomEntryOf(f, it)
// at depth 1 of an Atom document, the newline before it included; it.ID
// must be set.
func appendAtomEntry(b []byte, f *model.Feed, it *model.Item) []byte {
	const in = "\n    "
	b = append(b, "\n  <entry"...)
	if it.Language != "" && it.Language != f.Language {
		b = append(b, ` xml:lang="`...)
		b = appendXMLText(b, it.Language)
		b = append(b, '"')
	}
	b = append(b, ">"+in+"<title>"...)
	b = appendXMLText(b, it.Title)
	b = append(b, "</title>"+in+"<updated>"...)
	b = appendRFC3339(b, it.Updated)
	b = append(b, "</updated>"+in+"<id>"...)
	b = appendXMLText(b, it.ID)
	b = append(b, "</id>"...)
	if it.ContentHTML != "" {
		b = append(b, in+`<content type="html">`...)
		b = appendXMLText(b, it.ContentHTML)
		b = append(b, "</content>"...)
	}
	b = append(b, in+"<published>"...)
	b = appendRFC3339(b, it.Published)
	b = append(b, "</published>"+in+`<link href="`...)
	b = appendXMLText(b, it.URL)
	b = append(b, `" rel="alternate"></link>`...)
	if e := it.Enclosure; e != nil {
		b = append(b, in+`<link href="`...)
		b = appendXMLAny(b, e.URL)
		b = append(b, `" rel="enclosure"`...)
		if e.Type != "" {
			b = append(b, ` type="`...)
			b = appendXMLAny(b, e.Type)
			b = append(b, '"')
		}
		if e.Length > 0 {
			b = append(b, ` length="`...)
			b = strconv.AppendInt(b, e.Length, 10)
			b = append(b, '"')
		}
		b = append(b, "></link>"...)
	}
	if it.Image != "" {
		b = append(b, in+`<link href="`...)
		b = appendXMLText(b, it.Image)
		b = append(b, `" rel="enclosure"`...)
		if it.ImageType != "" {
			b = append(b, ` type="`...)
			b = appendXMLAny(b, it.ImageType)
			b = append(b, '"')
		}
		if it.ImageLength > 0 {
			b = append(b, ` length="`...)
			b = strconv.AppendInt(b, it.ImageLength, 10)
			b = append(b, '"')
		}
		b = append(b, "></link>"...)
	}
	if it.ExternalURL != "" {
		b = append(b, in+`<link href="`...)
		b = appendXMLText(b, it.ExternalURL)
		b = append(b, `" rel="related"></link>`...)
	}
	summary, hasSummary := it.Summary, it.Summary != ""
	if !hasSummary && it.ContentHTML == "" {
		summary, hasSummary = it.Title, true
	}
	if hasSummary {
		b = append(b, in+`<summary type="text">`...)
		b = appendXMLText(b, summary)
		b = append(b, "</summary>"...)
	}
	for _, t := range it.Translations {
		b = append(b, in+`<link href="`...)
		b = appendXMLText(b, t.URL)
		b = append(b, `" rel="alternate" hreflang="`...)
		b = appendXMLText(b, t.Lang)
		b = append(b, `"></link>`...)
	}
	for _, p := range authorLine(it.Authors) { // a name and a URL, never an e-mail
		b = append(b, in+"<author>"+in+"  <name>"...)
		b = appendRSSText(b, p.Name)
		b = append(b, "</name>"...)
		if p.URL != "" {
			b = append(b, in+"  <uri>"...)
			b = appendXMLText(b, p.URL)
			b = append(b, "</uri>"...)
		}
		b = append(b, in+"</author>"...)
	}
	for _, c := range it.Categories {
		b = append(b, in+`<category term="`...)
		b = appendXMLText(b, c)
		b = append(b, `"></category>`...)
	}
	if src := it.Source; src != nil {
		b = append(b, in+"<source>"+in+"  <id>"...)
		b = appendXMLText(b, src.URL)
		b = append(b, "</id>"+in+"  <title>"...)
		b = appendXMLText(b, src.Title)
		b = append(b, "</title>"+in+`  <link href="`...)
		b = appendXMLText(b, src.URL)
		b = append(b, `" rel="self"></link>`+in+"</source>"...)
	}
	return append(b, "\n  </entry>"...)
}

// appendJSONItem writes what an encoding/json Encoder, indented as in
// appendItem and not escaping HTML, writes of jsonItemOf(f, it), with the
// comma before it unless it is the first item and without the Encoder's
// newline at the end.
func appendJSONItem(b []byte, f *model.Feed, it *model.Item, first bool) []byte {
	const in = "\n      "
	if !first {
		b = append(b, ',')
	}
	b = append(b, "\n    {"+in+`"id": `...)
	b = appendJSONString(b, it.ID)
	field := func(key, value string) {
		if value != "" {
			b = append(b, ","+in+`"`...)
			b = append(b, key...)
			b = append(b, `": `...)
			b = appendJSONString(b, value)
		}
	}
	field("url", it.URL)
	field("external_url", it.ExternalURL)
	field("title", it.Title)
	field("content_html", it.ContentHTML)
	field("summary", it.Summary)
	field("image", it.Image)
	if len(it.Categories) > 0 {
		b = append(b, ","+in+`"tags": [`...)
		for i, c := range it.Categories {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, in+"  "...)
			b = appendJSONString(b, c)
		}
		b = append(b, in+"]"...)
	}
	if it.ContentHTML == "" {
		text := it.Summary
		if text == "" {
			text = it.Title
		}
		field("content_text", text)
	}
	if authors := authorLine(it.Authors); len(authors) > 0 {
		b = append(b, ","+in+`"authors": [`...)
		for i, p := range authors {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, in+"  "...)
			b = appendJSONPerson(b, p, in+"  ")
		}
		b = append(b, in+"],"+in+`"author": `...)
		b = appendJSONPerson(b, authors[0], in)
	}
	if it.Language != f.Language {
		field("language", it.Language)
	}
	b = append(b, ","+in+`"date_published": "`...)
	b = appendRFC3339(b, it.Published)
	b = append(b, `",`+in+`"date_modified": "`...)
	b = appendRFC3339(b, it.Updated)
	b = append(b, '"')
	if e := it.Enclosure; e != nil {
		b = append(b, ","+in+`"attachments": [`+in+"  {"+in+`    "url": `...)
		b = appendJSONAny(b, e.URL)
		b = append(b, ","+in+`    "mime_type": `...)
		b = appendJSONAny(b, e.Type)
		if e.Length != 0 {
			b = append(b, ","+in+`    "size_in_bytes": `...)
			b = strconv.AppendInt(b, e.Length, 10)
		}
		b = append(b, in+"  }"+in+"]"...)
	}
	return append(b, "\n    }"...)
}

// appendJSONPerson appends p as a JSON Feed author object whose closing
// brace starts a line with in.
func appendJSONPerson(b []byte, p model.Person, in string) []byte {
	name := p.Label()
	if name == "" && p.URL == "" {
		return append(b, "{}"...)
	}
	b = append(b, '{')
	sep := ""
	if name != "" {
		b = append(b, in+`  "name": `...)
		b = appendJSONString(b, name)
		sep = ","
	}
	if p.URL != "" {
		b = append(b, sep+in+`  "url": `...)
		b = appendJSONString(b, p.URL)
	}
	b = append(b, in...)
	return append(b, '}')
}

// appendRFC3339 appends rfc3339(t).
func appendRFC3339(b []byte, t time.Time) []byte {
	if _, off := t.Zone(); off%60 != 0 {
		t = t.UTC()
	}
	return t.AppendFormat(b, time.RFC3339)
}

// appendRSSDate appends rssDate(t).
func appendRSSDate(b []byte, t time.Time) []byte {
	if _, off := t.Zone(); off%1800 != 0 {
		t = t.UTC()
	}
	return t.AppendFormat(b, time.RFC1123Z)
}

// xmlEsc is how encoding/xml escapes each ASCII byte in text and in
// attribute values: "" for as it is; bytes XML forbids become U+FFFD.
// Other bytes are "" too: in text that cleanText has cleaned they are
// parts of characters written as they are.
var xmlEsc = func() (t [256]string) {
	for c := range utf8.RuneSelf {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			t[c] = "\uFFFD"
		}
	}
	t['"'], t['\''], t['&'], t['<'], t['>'] = "&#34;", "&#39;", "&amp;", "&lt;", "&gt;"
	t['\t'], t['\n'], t['\r'] = "&#x9;", "&#xA;", "&#xD;"
	return t
}()

// xmlHTMLEsc is xmlEsc after escapeHTMLText: '&', '<' and '>' escaped
// for HTML, then that escaped for XML.
var xmlHTMLEsc = func() [256]string {
	t := xmlEsc
	t['&'], t['<'], t['>'] = "&amp;amp;", "&amp;lt;", "&amp;gt;"
	return t
}()

// rssEsc is rssTextEscaper's escaping.
var rssEsc = func() (t [256]string) {
	t['&'], t['<'], t['>'] = "&#x26;", "&#x3C;", "&#x3E;"
	return t
}()

// appendXMLText appends s, which cleanText has cleaned, as encoding/xml
// writes a string in character data or an attribute value.
func appendXMLText(b []byte, s string) []byte { return appendEscaped(b, s, &xmlEsc) }

// appendXMLHTMLText appends escapeHTMLText(s) as encoding/xml writes it,
// s cleaned.
func appendXMLHTMLText(b []byte, s string) []byte { return appendEscaped(b, s, &xmlHTMLEsc) }

// appendRSSText appends s escaped as plain makes it; the result is written
// as inner XML, as it is.
func appendRSSText(b []byte, s string) []byte { return appendEscaped(b, s, &rssEsc) }

// appendEscaped appends s with each byte replaced as esc says.
func appendEscaped(b []byte, s string, esc *[256]string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		if e := esc[s[i]]; e != "" {
			b = append(b, s[last:i]...)
			b = append(b, e...)
			last = i + 1
		}
	}
	return append(b, s[last:]...)
}

// appendXMLAny is appendXMLText for any string, cleaned or not: it also
// replaces invalid UTF-8 and characters XML forbids with U+FFFD, as
// encoding/xml does.
func appendXMLAny(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if e := xmlEsc[c]; e != "" {
				b = append(b, s[last:i]...)
				b = append(b, e...)
				last = i + 1
			}
			i++
			continue
		}
		r, width := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && width == 1 || !xmlChar(r) {
			b = append(b, s[last:i]...)
			b = append(b, "\uFFFD"...)
			last = i + width
		}
		i += width
	}
	return append(b, s[last:]...)
}

// xmlChar is encoding/xml's isInCharacterRange for runes from U+0080.
func xmlChar(r rune) bool {
	return r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// appendCDATA appends s as encoding/xml writes a ",cdata" field.
func appendCDATA(b []byte, s string) []byte {
	if s == "" {
		return b
	}
	const end = "]]>"
	b = append(b, "<![CDATA["...)
	for {
		i := strings.Index(s, end)
		if i < 0 {
			break
		}
		b = append(b, s[:i]...)
		b = append(b, "]]]]><![CDATA[>"...)
		s = s[i+len(end):]
	}
	b = append(b, s...)
	return append(b, end...)
}

// jsonSafe tells the ASCII bytes encoding/json writes as they are in a
// string when it does not escape HTML.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = c >= 0x20 && c != '"' && c != '\\'
	}
	return t
}()

// appendJSONString appends s, which cleanText has cleaned, quoted as
// encoding/json writes a string when it does not escape HTML: being
// valid UTF-8, of its non-ASCII characters only U+2028 and U+2029 are
// escaped.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonSafe[c] {
				continue
			}
			b = append(b, s[last:i]...)
			b = appendJSONEscape(b, c)
			last = i + 1
			continue
		}
		// U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
		if c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) {
			b = append(b, s[last:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[s[i+2]&0xF])
			i += 2
			last = i + 1
		}
	}
	b = append(b, s[last:]...)
	return append(b, '"')
}

const hex = "0123456789abcdef"

// appendJSONEscape appends the escape of an ASCII byte that jsonSafe
// says is not written as it is.
func appendJSONEscape(b []byte, c byte) []byte {
	switch c {
	case '\\', '"':
		return append(b, '\\', c)
	case '\b':
		return append(b, '\\', 'b')
	case '\f':
		return append(b, '\\', 'f')
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	case '\t':
		return append(b, '\\', 't')
	}
	return append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
}

// appendJSONAny is appendJSONString for any string, cleaned or not: it
// also writes invalid UTF-8 as \ufffd, as encoding/json does.
func appendJSONAny(b []byte, s string) []byte {
	b = append(b, '"')
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !jsonSafe[c] {
				b = append(b, s[last:i]...)
				b = appendJSONEscape(b, c)
				last = i + 1
			}
			i++
			continue
		}
		r, width := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && width == 1:
			b = append(b, s[last:i]...)
			b = append(b, `\ufffd`...)
			last = i + width
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[last:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			last = i + width
		}
		i += width
	}
	b = append(b, s[last:]...)
	return append(b, '"')
}
