package content

import (
	"bytes"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
)

// MoreMarker separates an article's summary from the rest of its body, as
// in Hugo and WordPress.
const MoreMarker = "<!--more-->"

// SummaryWords is the most words a summary taken from the first paragraph
// keeps.
const SummaryWords = 70

// Summary derives a plain-text summary from a Markdown body: the part
// before MoreMarker when there is one, else the first paragraph that has
// text, cut at a word boundary to at most SummaryWords words. A body whose
// paragraphs have no text, only images, is summed up by the first image's
// alternative text, which says what it shows.
func (r *Renderer) Summary(body []byte) string {
	if bytes.Contains(body, []byte(MoreMarker)) {
		return r.summary(body, nil)
	}
	if s, ok := r.quickSummary(body); ok {
		return s
	}
	return r.summary(body, r.parse(body))
}

// hasRefDef reports whether b may hold a link reference definition
// ("[x]: url", the label possibly over several lines), which changes how
// links before it render: a line that starts, after at most three spaces,
// with '[' whose first ']' after it is followed by ':'.
func hasRefDef(b []byte) bool {
	for start := 0; start < len(b); {
		j := start
		for j < len(b) && j-start < 3 && b[j] == ' ' {
			j++
		}
		if j < len(b) && b[j] == '[' {
			if k := bytes.IndexByte(b[j+1:], ']'); k >= 0 && j+k+2 < len(b) && b[j+k+2] == ':' {
				return true
			}
		}
		nl := bytes.IndexByte(b[start:], '\n')
		if nl < 0 {
			break
		}
		start += nl + 1
	}
	return false
}

// quickSummary finds the first paragraph by parsing only the beginning of
// a long body: up to the first blank line after r.quickPrefix bytes. A
// paragraph there is the full body's first paragraph, since a blank line
// ends it (no later line can turn it into a heading or continue it) and
// what comes later cannot change the blocks before it. Only link
// reference definitions can reach back, so a body with one after the cut
// is not shortened. ok is false when the prefix holds no paragraph.
func (r *Renderer) quickSummary(body []byte) (string, bool) {
	if len(body) <= 2*r.quickPrefix {
		return "", false
	}
	i := bytes.Index(body[r.quickPrefix:], []byte("\n\n"))
	if i < 0 {
		return "", false
	}
	cut := r.quickPrefix + i + 2
	if hasRefDef(body[cut:]) {
		return "", false
	}
	prefix := body[:cut]
	s, text := r.paragraphSummary(prefix, r.parse(prefix))
	return s, text
}

// summary derives the summary of body, whose parsed document is doc (nil
// is allowed when body has a MoreMarker).
func (r *Renderer) summary(body []byte, doc ast.Node) string {
	if i := bytes.Index(body, []byte(MoreMarker)); i >= 0 {
		return r.PlainText(body[:i])
	}
	s, _ := r.paragraphSummary(body, doc)
	return s
}

// paragraphSummary is the summary of the paragraphs of doc: the first
// with text, else the first image's alternative text; text says it is a
// paragraph's.
func (r *Renderer) paragraphSummary(body []byte, doc ast.Node) (s string, text bool) {
	alt := ""
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Kind() != ast.KindParagraph {
			continue
		}
		var buf bytes.Buffer
		if err := r.md.Renderer().Render(&buf, body, n); err != nil {
			return "", false
		}
		if s := htmlText(buf.Bytes()); s != "" {
			return cutWords(s, SummaryWords), true
		}
		if alt == "" {
			alt = imageAlt(buf.Bytes())
		}
	}
	return cutWords(alt, SummaryWords), false
}

// imageAlt is the alternative text of the first image in an HTML fragment
// that has one.
func imageAlt(src []byte) string {
	z := html.NewTokenizer(bytes.NewReader(src))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			if t := z.Token(); t.Data == "img" {
				for _, a := range t.Attr {
					if s := strings.Join(strings.FieldsFunc(a.Val, unicode.IsSpace), " "); a.Key == "alt" && s != "" {
						return s
					}
				}
			}
		}
	}
}

// PlainText renders Markdown and keeps only its text: inline markup, raw
// HTML and comments are dropped, entities decoded, white space collapsed.
func (r *Renderer) PlainText(md []byte) string {
	var buf bytes.Buffer
	if err := r.md.Convert(md, &buf); err != nil {
		return ""
	}
	return htmlText(buf.Bytes())
}

// htmlText extracts the text of an HTML fragment, one space between words
// and between blocks.
func htmlText(src []byte) string {
	var b strings.Builder
	z := html.NewTokenizer(bytes.NewReader(src))
	skip := 0 // inside <script> or <style>
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(strings.FieldsFunc(b.String(), unicode.IsSpace), " ")
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			if s := string(name); s == "script" || s == "style" {
				skip++
			}
			if isBlock(string(name)) {
				b.WriteByte(' ')
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if s := string(name); (s == "script" || s == "style") && skip > 0 {
				skip--
			}
			if isBlock(string(name)) {
				b.WriteByte(' ')
			}
		case html.SelfClosingTagToken:
			if name, _ := z.TagName(); isBlock(string(name)) {
				b.WriteByte(' ')
			}
		}
	}
}

func isBlock(tag string) bool {
	switch tag {
	case "p", "div", "li", "ul", "ol", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table", "br", "hr":
		return true
	}
	return false
}

// cutWords keeps at most n words of s, ending with "…" when it cut.
func cutWords(s string, n int) string {
	words := strings.Fields(s)
	if len(words) <= n {
		return s
	}
	return strings.Join(words[:n], " ") + "…"
}
