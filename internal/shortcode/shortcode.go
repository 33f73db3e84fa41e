// Package shortcode expands what a site generator runs inside an article
// before its Markdown is rendered: Hugo's shortcodes ({{< x >}}, {{% x %}})
// and Jekyll's Liquid tags ({% x %}, {{ x }}). Built-in ones render as the
// generator renders them; a site's own ones render from the small
// templates the site teaches feedpub, or are removed, keeping the inner
// content of a paired one, with a warning. Nothing of their syntax is
// left for a feed to show.
//
// Expansion gives Markdown back. What expands to Markdown or plain text
// (a link's target, a variable, a {{% %}} shortcode's output) is written
// into it; what expands to HTML that Markdown must not touch (a figure, a
// highlighted block) is written as a placeholder that Restore replaces in
// the rendered HTML.
package shortcode

import (
	"bytes"
	"fmt"
	"html/template"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Syntax says which generator's syntax a body is read in.
type Syntax int

// The syntaxes.
const (
	// Feedpub reads Hugo's shortcodes and Liquid's tags ({% %}) outside
	// code, and leaves {{ … }} alone: feedpub's own articles are plain
	// Markdown that may come from either generator.
	Feedpub Syntax = iota
	Hugo           // Hugo's shortcodes, everywhere, as Hugo reads them
	Jekyll         // Liquid tags and variables, everywhere, as Jekyll reads them
)

// Kind says what a Resolver is asked for.
type Kind string

// The kinds of reference.
const (
	Ref     Kind = "ref"      // Hugo: another page's absolute link
	RelRef  Kind = "relref"   // Hugo: its link without scheme and host
	Link    Kind = "link"     // Jekyll: a file's link, by its path in the site
	PostURL Kind = "post_url" // Jekyll: a post's link, by its file name
)

// Resolver finds the link of the article or page a reference names,
// from the article at from (its file path). It reports false when there
// is none.
type Resolver func(kind Kind, from, target string) (string, bool)

// Site is what expansion knows of the site; it is safe for concurrent use
// once made.
type Site struct {
	Syntax  Syntax
	BaseURL *url.URL
	// Params are the site's parameters: Hugo's params, or every key of
	// Jekyll's _config.yml (site.*).
	Params map[string]any
	// Resolve finds other articles' links; nil finds none.
	Resolve Resolver
	// Markdown renders Markdown to HTML (not sanitised), for shortcodes
	// whose inner content is Markdown (details, markdownify).
	Markdown func(src string) string

	taught map[string]*template.Template // by name
}

// Page is what expansion knows of the article being expanded.
type Page struct {
	File string // the article's file, for messages and references
	Line int    // the file line of the body's first line
	URL  string // the article's absolute link
	// Params returns the article's front matter, read when first needed;
	// nil when there is none.
	Params func() map[string]any
}

// Result is an expanded body.
type Result struct {
	Markdown []byte   // the body, every shortcode and tag expanded
	Blocks   []string // the HTML of each placeholder in Markdown, by number
	Warnings []string // "file:line: …", one per shortcode or tag removed
}

// Teach compiles a site's own shortcodes: a Go template (html/template)
// per name, which sees the call as Call. It reports the first template
// that does not parse.
func (s *Site) Teach(templates map[string]string) error {
	names := make([]string, 0, len(templates))
	for n := range templates {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		t, err := Compile(n, templates[n])
		if err != nil {
			return err
		}
		if s.taught == nil {
			s.taught = map[string]*template.Template{}
		}
		s.taught[n] = t
	}
	return nil
}

// Compile parses a shortcode's template.
func Compile(name, src string) (*template.Template, error) {
	t, err := template.New(name).Funcs(funcs(nil)).Parse(src)
	if err != nil {
		return nil, fmt.Errorf("shortcode %q: %w", name, err)
	}
	return t, nil
}

// funcs are the functions a taught template may call.
func funcs(s *Site) template.FuncMap {
	md := func(x any) template.HTML {
		if s == nil || s.Markdown == nil {
			return template.HTML(template.HTMLEscapeString(fmt.Sprint(x)))
		}
		out := strings.TrimSpace(s.Markdown(fmt.Sprint(x)))
		// As Hugo's markdownify: one paragraph loses its <p>.
		if strings.HasPrefix(out, "<p>") && strings.HasSuffix(out, "</p>") && strings.Count(out, "<p>") == 1 {
			out = out[3 : len(out)-4]
		}
		return template.HTML(out)
	}
	return template.FuncMap{
		"markdownify": md,
		"safeHTML":    func(x any) template.HTML { return template.HTML(fmt.Sprint(x)) },
		"absURL": func(x any) string {
			if s == nil || s.BaseURL == nil {
				return fmt.Sprint(x)
			}
			u, err := url.Parse(strings.TrimPrefix(fmt.Sprint(x), "/"))
			if err != nil {
				return fmt.Sprint(x)
			}
			return s.BaseURL.ResolveReference(u).String()
		},
		"lower": strings.ToLower,
		"upper": strings.ToUpper,
		"trim":  strings.TrimSpace,
	}
}

// Call is what a taught template sees: the shortcode's (or include's)
// arguments and inner content, the page and the site.
type Call struct {
	Name string
	// Inner is the inner content of a paired shortcode, as written.
	Inner template.HTML
	// Params are the arguments: a list when positional, a map when named.
	Params any
	Page   map[string]any // title, url, file, and the front matter's keys
	Site   map[string]any // baseURL and the site's parameters

	positional []string
	named      map[string]string
}

// Get is an argument by position (a number) or by name.
func (c Call) Get(key any) string {
	switch k := key.(type) {
	case int:
		if k >= 0 && k < len(c.positional) {
			return c.positional[k]
		}
	case string:
		if n, err := strconv.Atoi(k); err == nil && c.named == nil {
			return c.Get(n)
		}
		return c.named[k]
	}
	return ""
}

// IsNamedParams reports whether the arguments are named.
func (c Call) IsNamedParams() bool { return c.named != nil }

// run executes a taught template.
func (s *Site) run(t *template.Template, c Call) (string, error) {
	clone, err := t.Clone()
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := clone.Funcs(funcs(s)).Execute(&buf, c); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// Needed reports whether body may hold a shortcode or tag: only then is
// it worth expanding.
func Needed(body []byte) bool {
	return bytes.Contains(body, []byte("{{")) || bytes.Contains(body, []byte("{%"))
}

// Expand expands every shortcode or tag of body.
func (s *Site) Expand(body []byte, p Page) Result {
	body = Strip(body)
	e := &expansion{site: s, page: p, src: body}
	var out []byte
	switch s.Syntax {
	case Hugo:
		out = e.hugo(body, 0, false)
	case Jekyll:
		out = e.liquid(body, 0, true)
	default:
		out = e.feedpub(body)
	}
	return Result{Markdown: out, Blocks: e.blocks, Warnings: e.warnings}
}

// expansion is one body being expanded.
type expansion struct {
	site     *Site
	page     Page
	src      []byte
	blocks   []string
	warnings []string

	paramsOnce sync.Once
	params     map[string]any
}

// Placeholder marks where a block's HTML goes: private-use characters,
// which no Markdown rule touches, around its number.
const (
	phOpen  = "\uE000"
	phClose = "\uE001"
)

// placeholder stores html and returns the mark that stands for it.
func (e *expansion) placeholder(html string) []byte {
	e.blocks = append(e.blocks, html)
	return []byte(phOpen + strconv.Itoa(len(e.blocks)-1) + phClose)
}

// warn records a warning about what stands at offset off of the body.
func (e *expansion) warn(off int, format string, args ...any) {
	line := e.page.Line + bytes.Count(e.src[:min(off, len(e.src))], []byte("\n"))
	e.warnings = append(e.warnings, fmt.Sprintf("%s:%d: %s", e.page.File, line, fmt.Sprintf(format, args...)))
}

// pageParams is the page's front matter, read once.
func (e *expansion) pageParams() map[string]any {
	e.paramsOnce.Do(func() {
		if e.page.Params != nil {
			e.params = e.page.Params()
		}
		if e.params == nil {
			e.params = map[string]any{}
		}
	})
	return e.params
}

// call builds what a taught template sees.
func (e *expansion) call(name string, positional []string, named map[string]string, inner string) Call {
	c := Call{Name: name, Inner: template.HTML(inner), positional: positional, named: named}
	if named != nil {
		m := map[string]any{}
		for k, v := range named {
			m[k] = v
		}
		c.Params = m
	} else {
		c.Params = positional
	}
	c.Page = map[string]any{}
	for k, v := range e.pageParams() {
		c.Page[k] = v
	}
	c.Page["url"], c.Page["file"] = e.page.URL, e.page.File
	c.Site = map[string]any{}
	for k, v := range e.site.Params {
		c.Site[k] = v
	}
	if e.site.BaseURL != nil {
		c.Site["baseURL"] = e.site.BaseURL.String()
	}
	return c
}

// Restore puts the blocks' HTML where their placeholders are in html
// rendered from an expanded body. A placeholder that is a paragraph's
// whole content replaces the paragraph, as Hugo does, so that a block
// is not put inside <p>.
func Restore(html []byte, blocks []string) []byte {
	if len(blocks) == 0 || !bytes.Contains(html, []byte(phOpen)) {
		return html
	}
	var out bytes.Buffer
	for {
		i, end, n, ok := nextMark(html, phOpen, phClose)
		if !ok {
			out.Write(html)
			return out.Bytes()
		}
		if n < 0 || n >= len(blocks) {
			out.Write(html[:end])
			html = html[end:]
			continue
		}
		before, after := html[:i], html[end:]
		if bytes.HasSuffix(before, []byte("<p>")) && bytes.HasPrefix(after, []byte("</p>")) {
			before, after = before[:len(before)-3], after[4:]
		}
		out.Write(before)
		out.WriteString(blocks[n])
		html = after
	}
}

// nextMark finds the first whole mark in b, open, a number, close: where
// it starts and ends, and its number (newlines after it ignored), or -1
// when what it holds is not one.
func nextMark(b []byte, open, close string) (i, end, n int, ok bool) {
	i = bytes.Index(b, []byte(open))
	if i < 0 {
		return 0, 0, 0, false
	}
	j := bytes.Index(b[i:], []byte(close))
	if j < 0 {
		return 0, 0, 0, false
	}
	n, err := strconv.Atoi(string(bytes.TrimRight(b[i+len(open):i+j], "\n")))
	if err != nil || n < 0 {
		n = -1
	}
	return i, i + j + len(close), n, true
}

// Strip removes stray placeholder characters from a body before it is
// expanded, so that an article cannot forge one.
func Strip(body []byte) []byte {
	if !bytes.Contains(body, []byte(phOpen)) && !bytes.Contains(body, []byte(phClose)) {
		return body
	}
	body = bytes.ReplaceAll(body, []byte(phOpen), nil)
	return bytes.ReplaceAll(body, []byte(phClose), nil)
}
