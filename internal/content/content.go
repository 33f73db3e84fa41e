// Package content turns an article's Markdown into what feeds carry: HTML
// that is safe to show (no scripts, no event handlers, no javascript: URLs)
// with every link and image URL made absolute, and plain-text summaries.
package content

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"unsafe"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/feedpub/feedpub/internal/shortcode"
)

// Renderer renders article bodies. It is safe for concurrent use.
type Renderer struct {
	md     goldmark.Markdown
	policy *bluemonday.Policy
	// tokenURLs has URLs made absolute in the rendered HTML only, as
	// absolutizeTree's results are checked against.
	tokenURLs bool
	// sanitizeAll has all HTML sanitised, as cleanRendered's results are
	// checked against.
	sanitizeAll bool
	// quickPrefix is about how much of a long body Summary parses to find
	// its first paragraph (see quickSummary).
	quickPrefix int
	opts        Options
}

// Options say how a site renders its Markdown, beyond CommonMark with
// GitHub's extensions.
type Options struct {
	Footnotes         bool // [^1] and its note
	DefinitionLists   bool
	Typographer       bool // curly quotes, dashes, ellipses
	NoLinkify         bool // www.example.com stays text
	NoTables          bool
	NoStrikethrough   bool
	NoTaskLists       bool
	HeadingAttributes bool // ## Title {#id .class}
	HeadingIDs        bool // headings get ids made from their text
	// OmitRawHTML drops the authors' raw HTML, as Hugo does unless
	// markup.goldmark.renderer.unsafe is set.
	OmitRawHTML bool
	// Kramdown removes kramdown's attribute lists ({: .class}) and
	// table-of-contents markers ({:toc}), which Jekyll's Markdown reads.
	Kramdown bool

	Summary SummaryRule
	// SummaryLength is the words of Hugo's automatic summary.
	SummaryLength int
	// ExcerptSeparator ends Jekyll's excerpt; empty means "\n\n".
	ExcerptSeparator string

	// Shortcodes expands shortcodes and Liquid tags before Markdown is
	// rendered; nil leaves the body as it is.
	Shortcodes *shortcode.Site
}

// SummaryRule says how an article without a summary in its front matter
// gets one.
type SummaryRule int

// The summary rules.
const (
	// FirstParagraph: the body before MoreMarker, else the first
	// paragraph with text cut to SummaryWords words, else the first
	// image's alternative text.
	FirstParagraph SummaryRule = iota
	// HugoSummary: the body before MoreMarker, else whole blocks until
	// the paragraph at which SummaryLength words are reached.
	HugoSummary
	// JekyllExcerpt: the body before ExcerptSeparator (the whole body
	// when there is none).
	JekyllExcerpt
)

// New returns a Renderer for CommonMark with GitHub's extensions (tables,
// strikethrough, autolinks, task lists) and footnotes, as GitHub renders.
// Raw HTML in the Markdown is kept, then sanitised with the rest; a body
// without raw HTML gives the same HTML without the sanitiser's cost.
func New() *Renderer {
	return NewWith(Options{Footnotes: true})
}

// NewWith returns a Renderer for a site's Markdown.
func NewWith(o Options) *Renderer {
	p := bluemonday.UGCPolicy()
	// The articles are the publisher's own: their links need no nofollow.
	p.RequireNoFollowOnLinks(false)
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^language-[\w+#.-]+$`)).OnElements("code")
	p.AllowAttrs("open").Matching(regexp.MustCompile(`^(|open)$`)).OnElements("details")
	allowResponsive(p)
	var exts []goldmark.Extender
	if !o.NoLinkify {
		exts = append(exts, extension.Linkify)
	}
	if !o.NoTables {
		exts = append(exts, extension.Table)
	}
	if !o.NoStrikethrough {
		exts = append(exts, extension.Strikethrough)
	}
	if !o.NoTaskLists {
		exts = append(exts, extension.TaskList)
	}
	if o.Footnotes {
		exts = append(exts, extension.Footnote)
	}
	if o.DefinitionLists {
		exts = append(exts, extension.DefinitionList)
	}
	if o.Typographer {
		exts = append(exts, extension.Typographer)
	}
	var popts []parser.Option
	if o.HeadingAttributes {
		popts = append(popts, parser.WithAttribute())
	}
	if o.HeadingIDs {
		popts = append(popts, parser.WithAutoHeadingID())
	}
	var ropts []renderer.Option
	var hopts []html.Option
	if !o.OmitRawHTML {
		ropts = append(ropts, html.WithUnsafe())
		hopts = append(hopts, html.WithUnsafe())
	}
	// Before goldmark's own renderer (1000): images with data: URLs go.
	ropts = append(ropts, renderer.WithNodeRenderers(util.Prioritized(newImageRenderer(hopts...), 100)))
	r := &Renderer{
		md: goldmark.New(
			goldmark.WithExtensions(exts...),
			goldmark.WithParserOptions(popts...),
			goldmark.WithRendererOptions(ropts...),
		),
		policy:      p,
		quickPrefix: 1024,
		opts:        o,
	}
	if o.Shortcodes != nil && o.Shortcodes.Markdown == nil {
		o.Shortcodes.Markdown = func(src string) string {
			var buf bytes.Buffer
			if err := r.md.Convert([]byte(src), &buf); err != nil {
				return ""
			}
			return buf.String()
		}
	}
	return r
}

// Page is what shortcodes see of the article being rendered.
type Page = shortcode.Page

// Rendered is an article's body rendered.
type Rendered struct {
	HTML     string   // sanitised, URLs absolute; empty when not asked for
	Summary  string   // plain text
	Warnings []string // shortcodes and tags that were removed, each at its file:line
}

// prepared is a body ready for goldmark: shortcodes expanded, the blocks
// they left to put in after rendering, kramdown's markers gone.
type prepared struct {
	raw      []byte // the body as written, when expansion changed it
	body     []byte
	blocks   []string
	warnings []string
}

// prepare expands what the site's generator runs before Markdown.
func (r *Renderer) prepare(body []byte, p Page) prepared {
	out := prepared{body: body}
	if sc := r.opts.Shortcodes; sc != nil && shortcode.Needed(body) {
		res := sc.Expand(body, p)
		out.raw, out.body, out.blocks, out.warnings = body, res.Markdown, res.Blocks, res.Warnings
	}
	if r.opts.Kramdown && bytes.Contains(out.body, []byte("{:")) {
		out.body = stripKramdown(out.body)
	}
	return out
}

// isHTMLFile reports whether an article is written in HTML, which Hugo
// and Jekyll pass through as it is.
func isHTMLFile(name string) bool {
	ext := strings.ToLower(path.Ext(filepath.ToSlash(name)))
	return ext == ".html" || ext == ".htm"
}

// renderHTMLFile renders an article written in HTML: its HTML repaired,
// URLs made absolute and sanitised; its summary by the site's rule, as
// a paragraph-wise cut of its text.
func (r *Renderer) renderHTMLFile(pb prepared, base *url.URL, p Page, full, summary bool, res Rendered) (Rendered, error) {
	h := shortcode.Restore(pb.body, pb.blocks)
	if full {
		abs, err := absolutize(h, base)
		if err != nil {
			return Rendered{}, err
		}
		kept, alts, urls := dropDataImages(repair(abs))
		res.HTML = string(bytes.TrimSpace(r.policy.SanitizeBytes(kept)))
		res.Warnings = append(res.Warnings, dataImageWarnings(p, rawBody(pb), alts, urls)...)
	}
	switch {
	case !summary:
	case r.opts.Summary == HugoSummary:
		res.Summary = r.blocksSummary(pb, nil)
	default:
		res.Summary = cutWords(htmlText(h), SummaryWords)
	}
	return res, nil
}

// HTML renders body to sanitised HTML whose URLs are absolute, resolved
// against base (the article's own URL).
func (r *Renderer) HTML(body []byte, base *url.URL) (string, error) {
	pb := r.prepare(body, Page{})
	h, _, err := r.html(pb, r.parse(pb.body), base, Page{})
	return h, err
}

// Render renders an article's body: its HTML when full, and its summary.
func (r *Renderer) Render(body []byte, base *url.URL, p Page, full bool) (Rendered, error) {
	return r.RenderWith(body, base, p, full, true)
}

// RenderWith is Render deriving the summary only when summary is set: an
// article whose front matter gives one needs none from its body.
func (r *Renderer) RenderWith(body []byte, base *url.URL, p Page, full, summary bool) (Rendered, error) {
	pb := r.prepare(body, p)
	res := Rendered{Warnings: pb.warnings}
	if isHTMLFile(p.File) {
		return r.renderHTMLFile(pb, base, p, full, summary, res)
	}
	if !full {
		if summary {
			res.Summary = r.summaryOf(pb, nil, p)
		}
		return res, nil
	}
	doc := r.parse(pb.body)
	h, warnings, err := r.html(pb, doc, base, p)
	if err != nil {
		return Rendered{}, err
	}
	res.HTML, res.Warnings = h, append(res.Warnings, warnings...)
	if summary {
		res.Summary = r.summaryOf(pb, doc, p)
	}
	return res, nil
}

func (r *Renderer) parse(body []byte) ast.Node {
	return r.md.Parser().Parse(text.NewReader(capped(body)))
}

// html renders doc, the body pb parsed, with warnings (at their lines of
// p's file) about the images it leaves out.
func (r *Renderer) html(pb prepared, doc ast.Node, base *url.URL, p Page) (string, []string, error) {
	body := pb.body
	var warnings []string
	if p.File != "" && mayHoldDataImage(body) {
		// The renderer leaves them out: say so.
		alts, urls := dataImagesIn(doc, body)
		warnings = dataImageWarnings(p, rawBody(pb), alts, urls)
	}
	// Without raw HTML, every URL is a link's or an image's destination
	// and is made absolute in the tree; otherwise the rendered HTML is
	// read again for the URLs in its tags.
	raw := len(pb.blocks) > 0
	inTree := !r.tokenURLs && !raw && absolutizeTree(doc, body, base)
	if !inTree && !raw {
		// absolutizeTree succeeds only without raw HTML: look for it
		// only when it did not.
		raw = hasRawHTML(doc)
	}
	buf := renderBuffers.Get().(*bytes.Buffer)
	defer putRenderBuffer(buf)
	buf.Reset()
	if err := r.md.Renderer().Render(buf, body, doc); err != nil {
		return "", nil, fmt.Errorf("rendering Markdown: %w", err)
	}
	if len(pb.blocks) == 0 && (!raw || r.opts.OmitRawHTML) && !r.sanitizeAll {
		// No raw HTML reached the output: it is goldmark's own markup,
		// which cleanRendered makes what the sanitiser would make of it,
		// at a fraction of the cost. What it does not know goes on to
		// the sanitiser.
		if out, ok := cleanRendered(make([]byte, 0, buf.Len()+buf.Len()/16), buf.Bytes(), base, !inTree); ok {
			return ownedString(bytes.TrimSpace(out)), warnings, nil
		}
	}
	abs := shortcode.Restore(buf.Bytes(), pb.blocks)
	if !inTree {
		var err error
		if abs, err = absolutize(abs, base); err != nil {
			return "", nil, err
		}
	}
	if raw && !r.opts.OmitRawHTML || len(pb.blocks) > 0 {
		abs = repair(abs)
	}
	abs, alts, urls := dropDataImages(abs)
	warnings = append(warnings, dataImageWarnings(p, rawBody(pb), alts, urls)...)
	return string(bytes.TrimSpace(r.policy.SanitizeBytes(abs))), warnings, nil
}

// rawBody is the body as written in the article's file, before
// shortcodes were expanded.
func rawBody(pb prepared) []byte {
	if pb.raw != nil {
		return pb.raw
	}
	return pb.body
}

// renderBuffers hold goldmark's output until it is cleaned or sanitised:
// a body's HTML is written into a buffer an earlier body grew, not into
// one grown anew for each.
var renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuffer is the largest buffer kept for the next body, so that
// one huge article does not keep its buffer alive for the rest.
const maxPooledBuffer = 256 << 10

func putRenderBuffer(b *bytes.Buffer) {
	if b.Cap() <= maxPooledBuffer {
		renderBuffers.Put(b)
	}
}

// ownedString returns b as a string without copying it. b must be a
// slice nothing else holds or writes to afterwards.
func ownedString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// hasRawHTML reports whether doc holds the authors' raw HTML.
func hasRawHTML(doc ast.Node) bool {
	found := false
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n.(type) {
		case *ast.HTMLBlock, *ast.RawHTML:
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// repair makes an HTML fragment well-formed, as a browser reads it: an
// unclosed element is closed, a stray end tag dropped, misnested tags
// put right. Void elements are written as <img>, not <img/>, as the
// sanitiser writes them.
func repair(src []byte) []byte {
	ctx := &nethtml.Node{Type: nethtml.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := nethtml.ParseFragment(bytes.NewReader(src), ctx)
	if err != nil {
		return src
	}
	var out bytes.Buffer
	for _, n := range nodes {
		writeNode(&out, n)
	}
	return out.Bytes()
}

// voidElements have no end tag.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true, "input": true,
	"link": true, "meta": true, "source": true, "track": true, "wbr": true,
}

// writeNode writes a parsed node as HTML.
func writeNode(w *bytes.Buffer, n *nethtml.Node) {
	switch n.Type {
	case nethtml.TextNode:
		if p := n.Parent; p != nil && (p.Data == "script" || p.Data == "style") {
			w.WriteString(n.Data)
			return
		}
		w.WriteString(nethtml.EscapeString(n.Data))
	case nethtml.CommentNode:
		w.WriteString("<!--" + n.Data + "-->")
	case nethtml.ElementNode:
		w.WriteString("<" + n.Data)
		for _, a := range n.Attr {
			w.WriteString(" ")
			if a.Namespace != "" {
				w.WriteString(a.Namespace + ":")
			}
			w.WriteString(a.Key + `="` + strings.ReplaceAll(nethtml.EscapeString(a.Val), "&#34;", "&quot;") + `"`)
		}
		w.WriteString(">")
		if voidElements[n.Data] {
			return
		}
		if (n.Data == "pre" || n.Data == "textarea" || n.Data == "listing") && n.FirstChild != nil &&
			n.FirstChild.Type == nethtml.TextNode && strings.HasPrefix(n.FirstChild.Data, "\n") {
			w.WriteString("\n") // the parser drops a newline just after <pre>
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			writeNode(w, c)
		}
		w.WriteString("</" + n.Data + ">")
	default:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			writeNode(w, c)
		}
	}
}

// stripKramdown removes kramdown's block attribute lists and extension
// markers, lines of their own such as "{: .note}", "{:toc}" (with the
// list item it turns into a table of contents) and "{::options … /}",
// and span attribute lists that follow an element ("*x*{: .c}").
func stripKramdown(body []byte) []byte {
	lines := bytes.SplitAfter(body, []byte("\n"))
	out := make([]byte, 0, len(body))
	for i, l := range lines {
		t := bytes.TrimSpace(l)
		if bytes.HasPrefix(t, []byte("{:")) && bytes.HasSuffix(t, []byte("}")) {
			if bytes.Equal(t, []byte("{:toc}")) || bytes.Equal(t, []byte("{:.no_toc}")) {
				// "* TOC" (or "1. TOC") before it is kramdown's placeholder.
				if i > 0 && kramdownTOCItem.Match(bytes.TrimSpace(lines[i-1])) {
					out = out[:len(out)-len(lines[i-1])]
				}
			}
			continue
		}
		out = append(out, kramdownSpanIAL.ReplaceAll(l, nil)...)
	}
	return out
}

var (
	kramdownTOCItem = regexp.MustCompile(`^([*+-]|\d+\.)\s+.*$`)
	kramdownSpanIAL = regexp.MustCompile(`\{:[^}\n]*\}`)
)

// capped is b with no room beyond its length: goldmark appends a newline
// to a source that lacks one, which would otherwise overwrite the bytes
// after a prefix of the caller's body (a summary's part before <!--more-->).
func capped(b []byte) []byte { return b[:len(b):len(b)] }
