package content

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"

	"github.com/feedpub/feedpub/internal/shortcode"
)

// MoreMarker separates an article's summary from the rest of its body, as
// in Hugo and WordPress.
const MoreMarker = "<!--more-->"

// SummaryWords is the most words a summary taken from the first paragraph
// keeps.
const SummaryWords = 70

// Summary derives a plain-text summary from a Markdown body by the
// renderer's rule. By the default one: the part before MoreMarker when
// there is one, else the first paragraph that has text, cut at a word
// boundary to at most SummaryWords words. A body whose paragraphs have
// no text, only images, is summed up by the first image's alternative
// text, which says what it shows.
func (r *Renderer) Summary(body []byte) string {
	return r.summaryOf(r.prepare(body, Page{}), nil, Page{})
}

// summaryOf is the summary of a prepared body, whose parsed document is
// doc, or nil when it is not parsed yet.
func (r *Renderer) summaryOf(pb prepared, doc ast.Node, p Page) string {
	body := pb.body
	switch r.opts.Summary {
	case JekyllExcerpt:
		if s := r.excerpt(pb, p); s != "" {
			return s
		}
	case HugoSummary:
		if i := moreOutsideCode(body); i >= 0 {
			return r.PlainTextOf(prepared{body: body[:i], blocks: pb.blocks})
		}
		if doc == nil {
			doc = r.parse(body)
		}
		if s := r.blocksSummary(pb, doc); s != "" {
			return s
		}
	default:
		if bytes.Contains(body, []byte(MoreMarker)) {
			return r.summary(pb, nil)
		}
		if len(pb.blocks) == 0 {
			if s, ok := r.fastSummary(body); ok {
				return s
			}
		}
		if doc == nil && len(pb.blocks) == 0 {
			if s, ok := r.quickSummary(body); ok {
				return s
			}
		}
	}
	if doc == nil {
		doc = r.parse(body)
	}
	s, _ := r.paragraphSummary(pb, doc)
	return s
}

// moreOutsideCode is where the first MoreMarker outside fenced code is
// in body, or -1: Hugo shows one in code as code.
func moreOutsideCode(body []byte) int {
	off := 0
	var fence []byte
	for off < len(body) {
		line := body[off:]
		if nl := bytes.IndexByte(line, '\n'); nl >= 0 {
			line = line[:nl+1]
		}
		t := bytes.TrimLeft(line, " ")
		indent := len(line) - len(t)
		switch {
		case fence != nil:
			if indent < 4 && bytes.HasPrefix(t, fence) && len(bytes.Trim(bytes.TrimSpace(t), string(fence[:1]))) == 0 {
				fence = nil
			}
		case indent < 4 && (bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~"))):
			n := 0
			for n < len(t) && t[n] == t[0] {
				n++
			}
			fence = t[:n]
		default:
			if i := bytes.Index(line, []byte(MoreMarker)); i >= 0 {
				return off + i
			}
		}
		off += len(line)
	}
	return -1
}

// excerpt is Jekyll's excerpt as text: the body before the separator,
// with the link reference definitions of the rest, which its links may
// use; the whole body when there is no separator.
func (r *Renderer) excerpt(pb prepared, p Page) string {
	sep := r.opts.ExcerptSeparator
	if sep == "" {
		sep = "\n\n"
	}
	// The separator is looked for in the body as written, before Liquid.
	src := pb.body
	if pb.raw != nil {
		src = pb.raw
	}
	head, tail, found := bytes.Cut(src, []byte(sep))
	if !found {
		return r.PlainTextOf(pb)
	}
	h := append([]byte(nil), head...)
	for _, l := range bytes.SplitAfter(tail, []byte("\n")) {
		if refDefLine.Match(l) {
			h = append(append(h, "\n\n"...), bytes.TrimRight(l, "\n")...)
		}
	}
	return r.PlainTextOf(r.prepare(h, p))
}

var refDefLine = regexp.MustCompile(`^ {0,3}\[[^\]]+\]:.+`)

// blocksSummary is Hugo's automatic summary as text: the rendered HTML
// up to the end of the paragraph at which SummaryLength words are
// reached, words counted as Hugo counts them (runs between white space
// in the HTML, but those that look like a tag or an attribute); all of
// it when a shorter body never reaches them.
func (r *Renderer) blocksSummary(pb prepared, doc ast.Node) string {
	var h []byte
	if doc == nil {
		h = shortcode.Restore(pb.body, pb.blocks) // an HTML file
	} else {
		var buf bytes.Buffer
		if err := r.md.Renderer().Render(&buf, pb.body, doc); err != nil {
			return ""
		}
		h = shortcode.Restore(buf.Bytes(), pb.blocks)
	}
	return htmlText(hugoSummaryHTML(h, r.opts.SummaryLength))
}

// hugoSummaryHTML is the part of rendered HTML that Hugo's automatic
// summary of limit words (SummaryWords when 0) keeps.
func hugoSummaryHTML(h []byte, limit int) []byte {
	if limit <= 0 {
		limit = SummaryWords
	}
	count := 0
	for j := 0; j < len(h); {
		k := bytes.Index(h[j:], []byte("</p>"))
		if k < 0 {
			break
		}
		for _, w := range bytes.Fields(h[j : j+k]) {
			if !htmlToken.Match(w) && !htmlAttr.Match(w) && string(w) != ">" {
				count++
			}
		}
		if count >= limit {
			return h[:j+k+len("</p>")]
		}
		j += k + len("</p>")
	}
	return h
}

var (
	htmlToken = regexp.MustCompile(`^</?[A-Za-z]+>?$`)
	htmlAttr  = regexp.MustCompile(`^[A-Za-z]+=["']`)
)

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
// a long body: up to its first blank line, which in most articles ends
// the first paragraph, and failing that up to the first blank line after
// r.quickPrefix bytes. A paragraph there is the full body's first
// paragraph, since a blank line ends it (no later line can turn it into a
// heading or continue it) and what comes later cannot change the blocks
// before it. Only link reference definitions can reach back, so a body
// with one after the cut is not shortened there. ok is false when no
// prefix holds a paragraph with text.
func (r *Renderer) quickSummary(body []byte) (string, bool) {
	if len(body) <= 2*r.quickPrefix {
		return "", false
	}
	last := 0
	for _, from := range [2]int{0, r.quickPrefix} {
		i := bytes.Index(body[from:], []byte("\n\n"))
		if i < 0 {
			return "", false
		}
		cut := from + i + 2
		if cut <= last || hasRefDef(body[cut:]) {
			continue
		}
		last = cut
		prefix := body[:cut]
		if s, text := r.paragraphSummary(prepared{body: prefix}, r.parse(prefix)); text {
			return s, true
		}
	}
	return "", false
}

// summary derives the summary of a prepared body, whose parsed document
// is doc (nil is allowed when the body has a MoreMarker).
func (r *Renderer) summary(pb prepared, doc ast.Node) string {
	if i := bytes.Index(pb.body, []byte(MoreMarker)); i >= 0 {
		return r.PlainTextOf(prepared{body: pb.body[:i], blocks: pb.blocks})
	}
	s, _ := r.paragraphSummary(pb, doc)
	return s
}

// paragraphSummary is the summary of the paragraphs of doc: the first
// with text, else the first image's alternative text; text says it is a
// paragraph's.
func (r *Renderer) paragraphSummary(pb prepared, doc ast.Node) (s string, text bool) {
	body := pb.body
	alt := ""
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Kind() != ast.KindParagraph {
			continue
		}
		var buf bytes.Buffer
		if err := r.md.Renderer().Render(&buf, body, n); err != nil {
			return "", false
		}
		h := shortcode.Restore(buf.Bytes(), pb.blocks)
		if s := htmlText(h); s != "" {
			return cutWords(s, SummaryWords), true
		}
		if alt == "" {
			alt = imageAlt(h)
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
	return r.PlainTextOf(prepared{body: md})
}

// FrontMatterSummary is the plain text of a summary written in the front
// matter: Markdown's text, or for Jekyll (whose feeds use description as
// written) the text with HTML tags stripped.
func (r *Renderer) FrontMatterSummary(s string) string {
	if r.opts.Summary == JekyllExcerpt {
		return htmlText([]byte(s))
	}
	return r.PlainText([]byte(s))
}

// PlainTextOf is PlainText of a prepared body.
func (r *Renderer) PlainTextOf(pb prepared) string {
	if len(pb.blocks) == 0 {
		if s, ok := r.fastPlainText(pb.body); ok {
			return s
		}
	}
	return r.slowPlainText(pb)
}

// slowPlainText is PlainTextOf by rendering the whole body to HTML and
// reading its text back.
func (r *Renderer) slowPlainText(pb prepared) string {
	var buf bytes.Buffer
	if err := r.md.Convert(capped(pb.body), &buf); err != nil {
		return ""
	}
	return htmlText(shortcode.Restore(buf.Bytes(), pb.blocks))
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
