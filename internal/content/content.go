// Package content turns an article's Markdown into what feeds carry: HTML
// that is safe to show (no scripts, no event handlers, no javascript: URLs)
// with every link and image URL made absolute, and plain-text summaries.
package content

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// Renderer renders article bodies. It is safe for concurrent use.
type Renderer struct {
	md     goldmark.Markdown
	policy *bluemonday.Policy
	// tokenURLs has URLs made absolute in the rendered HTML only, as
	// absolutizeTree's results are checked against.
	tokenURLs bool
	// quickPrefix is about how much of a long body Summary parses to find
	// its first paragraph (see quickSummary).
	quickPrefix int
}

// New returns a Renderer for CommonMark with GitHub's extensions (tables,
// strikethrough, autolinks, task lists), as Hugo renders by default. Raw
// HTML in the Markdown is kept, then sanitised with the rest.
func New() *Renderer {
	p := bluemonday.UGCPolicy()
	// The articles are the publisher's own: their links need no nofollow.
	p.RequireNoFollowOnLinks(false)
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^language-[\w+#.-]+$`)).OnElements("code")
	return &Renderer{
		md: goldmark.New(
			goldmark.WithExtensions(extension.GFM),
			goldmark.WithRendererOptions(html.WithUnsafe()),
		),
		policy:      p,
		quickPrefix: 1024,
	}
}

// HTML renders body to sanitised HTML whose URLs are absolute, resolved
// against base (the article's own URL).
func (r *Renderer) HTML(body []byte, base *url.URL) (string, error) {
	return r.html(body, r.parse(body), base)
}

// Article renders body once for both what an item needs: its sanitised
// HTML with absolute URLs, and the plain-text summary Summary would give.
func (r *Renderer) Article(body []byte, base *url.URL) (html, summary string, err error) {
	doc := r.parse(body)
	if html, err = r.html(body, doc, base); err != nil {
		return "", "", err
	}
	return html, r.summary(body, doc), nil
}

func (r *Renderer) parse(body []byte) ast.Node {
	return r.md.Parser().Parse(text.NewReader(body))
}

func (r *Renderer) html(body []byte, doc ast.Node, base *url.URL) (string, error) {
	// Without raw HTML, every URL is a link's or an image's destination
	// and is made absolute in the tree; otherwise the rendered HTML is
	// read again for the URLs in its tags.
	inTree := !r.tokenURLs && absolutizeTree(doc, body, base)
	var buf bytes.Buffer
	if err := r.md.Renderer().Render(&buf, body, doc); err != nil {
		return "", fmt.Errorf("rendering Markdown: %w", err)
	}
	abs := buf.Bytes()
	if !inTree {
		var err error
		if abs, err = absolutize(abs, base); err != nil {
			return "", err
		}
	}
	return string(bytes.TrimSpace(r.policy.SanitizeBytes(abs))), nil
}
