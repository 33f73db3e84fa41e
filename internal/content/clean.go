package content

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
)

// The sanitiser is needed for the authors' raw HTML, which may be
// anything. HTML that goldmark rendered from Markdown without raw HTML is
// its own markup only: a few elements, written one way, their text and
// attribute values escaped. cleanRendered makes of such HTML, in one
// pass, exactly what the sanitiser's policy (NewWith's) makes of it: the
// same elements and attributes dropped, the same URLs refused, the same
// escaping. It refuses HTML with anything else in it, which then goes to
// the sanitiser.
//
// Goldmark's safe mode alone would not do: its URL filter lets through
// what the policy refuses (ftp:, tel:, data:image/png…), and it keeps
// attributes (class, role, style, ids of any letters) and escapes text
// otherwise. The elements and patterns below are the policy's; a change
// to NewWith's policy must be made here too, which TestCleanRendered and
// FuzzClean, comparing both ways, would show.

// cleanElement is what the policy allows of an element goldmark writes.
type cleanElement struct {
	name  string
	attrs map[string]*regexp.Regexp // allowed attributes; a nil pattern allows any value
	// empty elements are kept with no attribute left; others are dropped
	// then (their content kept), as bluemonday drops <a> and <img>.
	empty bool
	url   string // the attribute that must hold an allowed URL
}

// The policy's patterns that bluemonday does not export.
var (
	cleanLang     = regexp.MustCompile(`[a-zA-Z]{2,20}`)
	cleanID       = regexp.MustCompile(`[a-zA-Z0-9\:\-_\.]+`)
	cleanUsemap   = regexp.MustCompile(`(?i)^#[\p{L}\p{N}_-]+$`)
	cleanScope    = regexp.MustCompile(`(?i)(?:row|col)(?:group)?`)
	cleanNowrap   = regexp.MustCompile(`(?i)|nowrap`)
	cleanLanguage = regexp.MustCompile(`^language-[\w+#.-]+$`)
)

// cleanGlobal are the attributes the policy allows on every element.
var cleanGlobal = map[string]*regexp.Regexp{
	"dir": bluemonday.Direction, "lang": cleanLang, "id": cleanID, "title": bluemonday.Paragraph,
}

// cleanElements are the elements goldmark and its extensions write, as
// bluemonday's UGCPolicy (with NewWith's additions) allows them.
var cleanElements = func() map[string]*cleanElement {
	m := map[string]*cleanElement{}
	add := func(names string, e cleanElement) {
		for _, n := range strings.Fields(names) {
			c := e
			c.name = n
			m[n] = &c
		}
	}
	type attrs = map[string]*regexp.Regexp
	add("p h1 h2 h3 h4 h5 h6 hr br em strong pre div section sup dl dt dd", cleanElement{empty: true})
	add("a", cleanElement{attrs: attrs{"href": nil}, url: "href"})
	add("img", cleanElement{attrs: attrs{"align": bluemonday.ImageAlign, "alt": bluemonday.Paragraph,
		"height": bluemonday.NumberOrPercent, "width": bluemonday.NumberOrPercent, "src": nil, "usemap": cleanUsemap}, url: "src"})
	add("code", cleanElement{attrs: attrs{"class": cleanLanguage}, empty: true})
	add("blockquote", cleanElement{attrs: attrs{"cite": nil}, empty: true, url: "cite"})
	add("del", cleanElement{attrs: attrs{"cite": bluemonday.Paragraph, "datetime": bluemonday.ISO8601}, empty: true, url: "cite"})
	add("ol ul", cleanElement{attrs: attrs{"type": bluemonday.ListType}, empty: true})
	add("li", cleanElement{attrs: attrs{"type": bluemonday.ListType, "value": bluemonday.Integer}, empty: true})
	add("table", cleanElement{attrs: attrs{"height": bluemonday.NumberOrPercent, "width": bluemonday.NumberOrPercent,
		"summary": bluemonday.Paragraph}, empty: true})
	add("thead tbody tr", cleanElement{attrs: attrs{"align": bluemonday.CellAlign, "valign": bluemonday.CellVerticalAlign}, empty: true})
	add("td th", cleanElement{attrs: attrs{"abbr": bluemonday.Paragraph, "align": bluemonday.CellAlign,
		"colspan": bluemonday.Integer, "rowspan": bluemonday.Integer, "headers": bluemonday.SpaceSeparatedTokens,
		"height": bluemonday.NumberOrPercent, "width": bluemonday.NumberOrPercent, "scope": cleanScope,
		"valign": bluemonday.CellVerticalAlign, "nowrap": cleanNowrap}, empty: true})
	return m
}()

// cleanKeys are the attribute names any policy here names (and the
// absolutized ones), each to itself: others are dropped, and read as "".
var cleanKeys = func() map[string]string {
	m := map[string]string{}
	for k := range urlAttrs {
		m[k] = k
	}
	for k := range cleanGlobal {
		m[k] = k
	}
	for _, el := range cleanElements {
		for k := range el.attrs {
			m[k] = k
		}
	}
	return m
}()

// cleanDropped are elements goldmark writes that the policy drops, with
// their attributes: a task list's check box.
var cleanDropped = map[string]bool{"input": true}

// omittedHTML is what goldmark writes for raw HTML it omits.
const omittedHTML = "<!-- raw HTML omitted -->"

// cleanRendered appends to dst what the sanitiser would make of src, HTML
// goldmark rendered from Markdown without raw HTML (or with raw HTML
// omitted), and reports whether it could: false when src holds what
// goldmark does not write, whatever dst then holds. With resolve, the
// values of the attributes in urlAttrs are first made absolute against
// base, as absolutize would.
func cleanRendered(dst, src []byte, base *url.URL, resolveURLs bool) ([]byte, bool) {
	var (
		skip  []string // start tags dropped for want of attributes, whose end tags are dropped too
		attrs []cleanAttr
	)
	for len(src) > 0 {
		lt := bytes.IndexByte(src, '<')
		if lt < 0 {
			lt = len(src)
		}
		dst = cleanText(dst, src[:lt])
		src = src[lt:]
		if len(src) == 0 {
			break
		}
		if bytes.HasPrefix(src, []byte(omittedHTML)) {
			// The sanitiser drops comments.
			src = src[len(omittedHTML):]
			continue
		}
		end := len(src) > 1 && src[1] == '/'
		i := 1
		if end {
			i = 2
		}
		n := i
		for n < len(src) && (src[n] >= 'a' && src[n] <= 'z' || src[n] >= '0' && src[n] <= '9') {
			n++
		}
		if n == i || n == len(src) {
			return dst, false
		}
		el := cleanElements[string(src[i:n])]
		if el == nil && !cleanDropped[string(src[i:n])] {
			return dst, false
		}
		if end {
			if src[n] != '>' {
				return dst, false
			}
			src = src[n+1:]
			if len(skip) > 0 && el != nil && skip[len(skip)-1] == el.name {
				skip = skip[:len(skip)-1]
				continue
			}
			if el != nil {
				dst = append(append(append(dst, "</"...), el.name...), '>')
			}
			continue
		}
		var ok bool
		attrs, src, ok = readAttrs(attrs[:0], src[n:])
		if !ok {
			return dst, false
		}
		if el == nil {
			continue
		}
		if resolveURLs {
			for k := range attrs {
				if urlAttrs[attrs[k].key] {
					attrs[k].val = resolve(base, attrs[k].val)
				}
			}
		}
		kept := attrs[:0]
		for _, a := range attrs {
			if el.allows(a) {
				if a.key == el.url {
					if a.val, ok = allowedURL(a.val); !ok {
						continue
					}
				}
				kept = append(kept, a)
			}
		}
		if len(kept) == 0 && !el.empty {
			skip = append(skip, el.name)
			continue
		}
		dst = append(append(dst, '<'), el.name...)
		for _, a := range kept {
			dst = append(append(append(dst, ' '), a.key...), `="`...)
			dst = append(appendEscaped(dst, a.val), '"')
		}
		dst = append(dst, '>')
	}
	return dst, true
}

// cleanAttr is an attribute as the HTML tokenizer reads it: its name in
// lower case, its value unescaped.
type cleanAttr struct{ key, val string }

// allows reports whether the policy keeps a on the element.
func (el *cleanElement) allows(a cleanAttr) bool {
	if re, ok := el.attrs[a.key]; ok && (re == nil || re.MatchString(a.val)) {
		return true
	}
	re, ok := cleanGlobal[a.key]
	return ok && re.MatchString(a.val)
}

// readAttrs reads the attributes of a start tag, written as goldmark
// writes them (` name="value"`, then '>'), and returns the rest of src.
func readAttrs(attrs []cleanAttr, src []byte) ([]cleanAttr, []byte, bool) {
	for {
		if len(src) == 0 {
			return attrs, src, false
		}
		if src[0] == '>' {
			return attrs, src[1:], true
		}
		if src[0] != ' ' {
			return attrs, src, false
		}
		n := 1
		for n < len(src) && isAttrNameByte(src[n]) {
			n++
		}
		if n == 1 || n+1 >= len(src) || src[n] != '=' || src[n+1] != '"' {
			return attrs, src, false
		}
		key, ok := cleanKeys[string(src[1:n])]
		if !ok {
			// Dropped, unless the tokenizer's lower case makes it known.
			key = cleanKeys[strings.ToLower(string(src[1:n]))]
		}
		src = src[n+2:]
		q := bytes.IndexByte(src, '"')
		if q < 0 {
			return attrs, src, false
		}
		val, ok := attrValue(src[:q])
		if !ok {
			return attrs, src, false
		}
		attrs = append(attrs, cleanAttr{key, val})
		src = src[q+1:]
	}
}

func isAttrNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == ':' || c == '.'
}

// attrEntities are the named references goldmark writes in attribute
// values: its escapes, and the typographer's in an image's text.
var attrEntities = map[string]bool{"amp": true, "lt": true, "gt": true, "quot": true, "ldquo": true, "rdquo": true,
	"lsquo": true, "rsquo": true, "ndash": true, "mdash": true, "hellip": true, "laquo": true, "raquo": true}

// attrValue is an attribute's value as the tokenizer reads it. It refuses
// a reference other than goldmark's, which the tokenizer could read
// otherwise in an attribute than in text.
func attrValue(raw []byte) (string, bool) {
	if bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, '\r') < 0 && bytes.IndexByte(raw, 0) < 0 {
		return string(raw), true
	}
	s := string(bytes.ReplaceAll(raw, []byte{0}, []byte("\uFFFD")))
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	for rest := s; ; {
		i := strings.IndexByte(rest, '&')
		if i < 0 {
			break
		}
		rest = rest[i+1:]
		semi := strings.IndexByte(rest, ';')
		if semi < 1 {
			return "", false
		}
		name := rest[:semi]
		if name[0] == '#' {
			if len(name) == 1 || strings.Trim(name[1:], "0123456789xXabcdefABCDEF") != "" {
				return "", false
			}
		} else if !attrEntities[name] {
			return "", false
		}
	}
	return html.UnescapeString(s), true
}

// cleanText appends text as the sanitiser writes it: unescaped as the
// tokenizer reads it, then escaped again by html.EscapeString's rules.
func cleanText(dst, text []byte) []byte {
	start := len(dst)
	last := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if !textSpecial[c] {
			continue
		}
		dst = append(dst, text[last:i]...)
		last = i + 1
		switch c {
		case '\'':
			dst = append(dst, "&#39;"...)
		case '"':
			dst = append(dst, "&#34;"...)
		case '>':
			dst = append(dst, "&gt;"...)
		case '&':
			// The references goldmark writes (its escapes, the
			// typographer's, the footnotes') are looked up; any other
			// makes the whole text go the slow way.
			semi := bytes.IndexByte(text[i:min(i+10, len(text))], ';')
			if semi < 0 {
				return appendEscaped(dst[:start], html.UnescapeString(newlines(text)))
			}
			rep, ok := textEntities[string(text[i+1:i+semi])]
			if !ok {
				return appendEscaped(dst[:start], html.UnescapeString(newlines(text)))
			}
			dst = append(dst, rep...)
			i += semi
			last = i + 1
		default: // '\r'
			return appendEscaped(dst[:start], html.UnescapeString(newlines(text)))
		}
	}
	return append(dst, text[last:]...)
}

// textEntities are the references goldmark writes in text, as the
// sanitiser writes them.
var textEntities = map[string]string{
	"amp": "&amp;", "lt": "&lt;", "gt": "&gt;", "quot": "&#34;", "#39": "&#39;", "#34": "&#34;",
	"ldquo": "\u201c", "rdquo": "\u201d", "lsquo": "\u2018", "rsquo": "\u2019", "ndash": "\u2013", "mdash": "\u2014",
	"hellip": "\u2026", "laquo": "\u00ab", "raquo": "\u00bb", "#160": "\u00a0", "#x21a9": "\u21a9", "#xfe0e": "\ufe0e",
}

// textSpecial are the bytes cleanText looks at.
var textSpecial = [256]bool{'\'': true, '"': true, '>': true, '&': true, '\r': true}

// newlines turns CR LF and CR into LF, as the tokenizer does.
func newlines(b []byte) string {
	return strings.ReplaceAll(strings.ReplaceAll(string(b), "\r\n", "\n"), "\r", "\n")
}

// appendEscaped appends s escaped as html.EscapeString escapes.
func appendEscaped(dst []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '\'':
			esc = "&#39;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&#34;"
		case '\r':
			esc = "&#13;"
		default:
			continue
		}
		dst = append(append(dst, s[last:i]...), esc...)
		last = i + 1
	}
	return append(dst, s[last:]...)
}

// allowedURL is what the policy makes of a URL (bluemonday's validURL
// with its standard URLs): it must parse and be relative, or http,
// https or mailto; it is written as net/url writes it.
func allowedURL(raw string) (string, bool) {
	if plainURL(raw) {
		return raw, true
	}
	return allowedParsedURL(raw)
}

// allowedParsedURL is allowedURL by net/url, for every URL.
func allowedParsedURL(raw string) (string, bool) {
	raw = strings.TrimSpace(raw)
	if strings.ContainsAny(raw, " \t\n") {
		// Only data: URLs may hold white space, and data: is refused.
		return "", false
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", false
	}
	switch u.Scheme {
	case "http", "https", "mailto":
	case "":
		if s := u.String(); s != "" {
			return s, true
		}
		return "", false
	default:
		return "", false
	}
	return u.String(), true
}
