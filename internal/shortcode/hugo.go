package shortcode

import (
	"bytes"
	"fmt"
	"html"
	"net/url"
	"strings"
)

// hugoTag is one shortcode tag as written: {{< name args >}},
// {{< /name >}}, {{< name args />}}, or the same with %.
type hugoTag struct {
	start, end  int // its bytes in the text read
	name        string
	closing     bool // {{< /name >}}
	selfClosing bool // {{< name … />}}
	markdown    bool // {{% … %}}: its output is Markdown
	literal     string
	escaped     bool // {{</* … */>}}: shown as written, without the comment
	broken      bool // no end: the rest of the line is dropped
	positional  []string
	named       map[string]string
}

// nextHugoTag finds the first shortcode tag in s at or after pos.
func nextHugoTag(s []byte, pos int) (hugoTag, bool) {
	for {
		i := bytes.Index(s[pos:], []byte("{{"))
		if i < 0 {
			return hugoTag{}, false
		}
		i += pos
		if i+2 >= len(s) || (s[i+2] != '<' && s[i+2] != '%') {
			pos = i + 2
			continue
		}
		t := hugoTag{start: i, markdown: s[i+2] == '%'}
		closer := ">}}"
		if t.markdown {
			closer = "%}}"
		}
		j := i + 3
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
		if bytes.HasPrefix(s[j:], []byte("/*")) {
			k := bytes.Index(s[j+2:], []byte("*/"))
			if k >= 0 {
				k += j + 2
				m := k + 2
				for m < len(s) && (s[m] == ' ' || s[m] == '\t') {
					m++
				}
				if bytes.HasPrefix(s[m:], []byte(closer)) {
					t.escaped, t.end = true, m+3
					t.literal = string(s[i:i+3]) + string(s[j+2:k]) + closer
					return t, true
				}
			}
		}
		end, ok := tagEnd(s, j, closer)
		if !ok {
			nl := bytes.IndexByte(s[i:], '\n')
			if nl < 0 {
				nl = len(s) - i
			}
			t.end, t.broken = i+nl, true
			return t, true
		}
		t.end = end
		body := strings.TrimSpace(string(s[j : end-3]))
		if strings.HasPrefix(body, "/") {
			t.closing = true
			t.name = strings.TrimSpace(strings.TrimPrefix(body, "/"))
			return t, true
		}
		if strings.HasSuffix(body, "/") {
			t.selfClosing = true
			body = strings.TrimSpace(strings.TrimSuffix(body, "/"))
		}
		name, args, _ := strings.Cut(body, " ")
		if k := strings.IndexAny(name, "\t\n"); k >= 0 {
			name, args = name[:k], name[k:]+" "+args
		}
		t.name = name
		t.positional, t.named = hugoArgs(args)
		return t, true
	}
}

// tagEnd finds the end of a tag whose closer is closer, from j, skipping
// quoted arguments; it gives the offset just after the closer. A tag
// never spans a blank line.
func tagEnd(s []byte, j int, closer string) (int, bool) {
	var quote byte
	for k := j; k < len(s); k++ {
		c := s[k]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				k++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '`':
			quote = c
		case c == '\n' && bytes.HasPrefix(bytes.TrimLeft(s[k+1:], " \t\r"), []byte("\n")):
			return 0, false
		case bytes.HasPrefix(s[k:], []byte(closer)):
			return k + len(closer), true
		}
	}
	return 0, false
}

// hugoArgs reads a shortcode's arguments: all positional, or all named
// (key="value"); quoted with "…" (backslash escapes) or `…` (raw).
func hugoArgs(s string) ([]string, map[string]string) {
	var pos []string
	var named map[string]string
	for {
		s = strings.TrimLeft(s, " \t\r\n")
		if s == "" {
			return pos, named
		}
		key := ""
		if k := strings.IndexAny(s, "= \t\r\n\"`"); k > 0 && s[k] == '=' {
			key, s = s[:k], s[k+1:]
		}
		var val string
		switch {
		case strings.HasPrefix(s, `"`):
			var b strings.Builder
			k := 1
			for ; k < len(s) && s[k] != '"'; k++ {
				if s[k] == '\\' && k+1 < len(s) {
					k++
				}
				b.WriteByte(s[k])
			}
			val, s = b.String(), s[min(k+1, len(s)):]
		case strings.HasPrefix(s, "`"):
			k := strings.IndexByte(s[1:], '`')
			if k < 0 {
				k = len(s) - 1
			}
			val, s = s[1:k+1], s[min(k+2, len(s)):]
		default:
			k := strings.IndexAny(s, " \t\r\n")
			if k < 0 {
				k = len(s)
			}
			val, s = s[:k], s[k:]
		}
		if key != "" {
			if named == nil {
				named = map[string]string{}
			}
			named[key] = val
		} else {
			pos = append(pos, val)
		}
	}
}

// get is an argument by name, else by position.
func (t hugoTag) get(name string, index int) string {
	if v, ok := t.named[name]; ok {
		return v
	}
	if index >= 0 && index < len(t.positional) {
		return t.positional[index]
	}
	return ""
}

// hugoSingle are the built-ins that never take inner content.
var hugoSingle = map[string]bool{
	"figure": true, "youtube": true, "vimeo": true, "ref": true, "relref": true, "param": true,
	"x": true, "twitter": true, "tweet": true, "instagram": true, "gist": true, "qr": true,
}

// findCloser finds the tag that closes a name opened before pos, counting
// nested ones of the same name; it gives the closer's start and end.
func findCloser(s []byte, pos int, name string) (int, int, bool) {
	depth := 0
	for {
		t, ok := nextHugoTag(s, pos)
		if !ok {
			return 0, 0, false
		}
		pos = t.end
		switch {
		case t.escaped || t.broken || t.name != name:
		case t.closing && depth == 0:
			return t.start, t.end, true
		case t.closing:
			depth--
		case !t.selfClosing:
			depth++
		}
	}
}

// hugo expands the shortcodes of s, which starts at offset base of the
// body.
func (e *expansion) hugo(s []byte, base int, _ bool) []byte {
	if !bytes.Contains(s, []byte("{{")) {
		return s
	}
	var out []byte
	pos := 0
	for {
		t, ok := nextHugoTag(s, pos)
		if !ok {
			return append(out, s[pos:]...)
		}
		out = append(out, s[pos:t.start]...)
		pos = t.end
		switch {
		case t.escaped:
			out = append(out, t.literal...)
			continue
		case t.broken:
			e.warn(base+t.start, "a shortcode without its closing %s: removed to the end of the line", map[bool]string{true: "%}}", false: ">}}"}[t.markdown])
			continue
		case t.closing:
			e.warn(base+t.start, "shortcode %q closes nothing: removed", t.name)
			continue
		}
		var inner []byte
		paired := false
		if !t.selfClosing && !hugoSingle[t.name] {
			if ci, cend, ok := findCloser(s, t.end, t.name); ok {
				inner, paired, pos = s[t.end:ci], true, cend
			}
		}
		out = append(out, e.hugoShortcode(t, inner, paired, base)...)
	}
}

// hugoShortcode is what one shortcode expands to.
func (e *expansion) hugoShortcode(t hugoTag, inner []byte, paired bool, base int) []byte {
	innerBase := base + t.end
	expandInner := func() []byte { return e.hugo(inner, innerBase, false) }
	emit := func(html string) []byte {
		if t.markdown {
			return []byte(html)
		}
		return e.placeholder(html)
	}
	if tmpl, ok := e.site.taught[t.name]; ok {
		out, err := e.site.run(tmpl, e.call(t.name, t.positional, t.named, string(expandInner())))
		if err != nil {
			e.warn(base+t.start, "shortcode %q: %v: removed", t.name, err)
			return expandInner()
		}
		return emit(out)
	}
	switch t.name {
	case "ref", "relref":
		target := t.get("path", 0)
		kind := Ref
		if t.name == "relref" {
			kind = RelRef
		}
		if link, ok := e.resolve(kind, target); ok {
			return []byte(link)
		}
		e.warn(base+t.start, "%s %q: no such page", t.name, target)
		return nil
	case "param":
		key := t.get("name", 0)
		if v, ok := lookup(e.pageParams(), key); ok {
			return []byte(fmt.Sprint(v))
		}
		if v, ok := lookup(e.site.Params, key); ok {
			return []byte(fmt.Sprint(v))
		}
		e.warn(base+t.start, "param %q: the page and the site have no such parameter", key)
		return nil
	case "figure":
		return e.placeholder(e.figure(t))
	case "youtube":
		id := t.get("id", 0)
		return e.placeholder(linkBlock("https://www.youtube.com/watch?v="+url.QueryEscape(id), t.get("title", -1), "YouTube video"))
	case "vimeo":
		id := t.get("id", 0)
		return e.placeholder(linkBlock("https://vimeo.com/"+url.PathEscape(id), t.get("title", -1), "Vimeo video"))
	case "x", "twitter", "tweet":
		user, id := t.get("user", 0), t.get("id", 1)
		if t.named == nil && len(t.positional) == 1 {
			user, id = "i", t.positional[0] // the old tweet shortcode: an id alone
		}
		return e.placeholder(linkBlock("https://x.com/"+url.PathEscape(user)+"/status/"+url.PathEscape(id), "", "Post on X"))
	case "instagram":
		id := t.get("id", 0)
		return e.placeholder(linkBlock("https://www.instagram.com/p/"+url.PathEscape(id)+"/", "", "Instagram post"))
	case "gist":
		user, id := t.get("user", 0), t.get("id", 1)
		return e.placeholder(linkBlock("https://gist.github.com/"+url.PathEscape(user)+"/"+url.PathEscape(id), "", "Gist"))
	case "qr":
		text := t.get("text", -1)
		if text == "" {
			text = strings.TrimSpace(string(inner))
		}
		if u, err := url.Parse(text); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
			return e.placeholder(linkBlock(text, "", text))
		}
		return e.placeholder("<p>" + html.EscapeString(text) + "</p>")
	case "comment":
		return nil
	case "highlight":
		lang := t.get("lang", 0)
		code := strings.Trim(string(inner), "\n")
		return e.placeholder(codeBlock("div", "highlight", lang, code))
	case "details":
		return e.placeholder(e.details(t, expandInner()))
	}
	if paired {
		e.warn(base+t.start, "shortcode %q is the site's own and cannot run here: removed, its inner content kept (teach it to feedpub under 'shortcodes' in feedpub.yaml)", t.name)
		return expandInner()
	}
	e.warn(base+t.start, "shortcode %q is the site's own and cannot run here: removed (teach it to feedpub under 'shortcodes' in feedpub.yaml)", t.name)
	return nil
}

// resolve finds a reference's link.
func (e *expansion) resolve(kind Kind, target string) (string, bool) {
	if e.site.Resolve == nil || strings.TrimSpace(target) == "" {
		return "", false
	}
	return e.site.Resolve(kind, e.page.File, strings.TrimSpace(target))
}

// figure is Hugo's figure shortcode.
func (e *expansion) figure(t hugoTag) string {
	a := html.EscapeString
	var b strings.Builder
	b.WriteString("<figure")
	if c := t.get("class", -1); c != "" {
		b.WriteString(` class="` + a(c) + `"`)
	}
	b.WriteString(">")
	link := t.get("link", -1)
	if link != "" {
		b.WriteString(`<a href="` + a(link) + `"`)
		if v := t.get("target", -1); v != "" {
			b.WriteString(` target="` + a(v) + `"`)
		}
		if v := t.get("rel", -1); v != "" {
			b.WriteString(` rel="` + a(v) + `"`)
		}
		b.WriteString(">")
	}
	b.WriteString(`<img src="` + a(t.get("src", 0)) + `"`)
	alt := t.get("alt", -1)
	if alt == "" && t.get("caption", -1) != "" {
		alt = plain(e.markdown(t.get("caption", -1)))
	}
	if alt != "" {
		b.WriteString(` alt="` + a(alt) + `"`)
	}
	for _, k := range []string{"width", "height", "loading"} {
		if v := t.get(k, -1); v != "" {
			b.WriteString(" " + k + `="` + a(v) + `"`)
		}
	}
	b.WriteString(">")
	if link != "" {
		b.WriteString("</a>")
	}
	title, caption, attr := t.get("title", -1), t.get("caption", -1), t.get("attr", -1)
	if title != "" || caption != "" || attr != "" {
		b.WriteString("<figcaption>")
		if title != "" {
			b.WriteString("<h4>" + a(title) + "</h4>")
		}
		if caption != "" || attr != "" {
			b.WriteString("<p>" + e.inline(caption))
			al := t.get("attrlink", -1)
			if al != "" {
				b.WriteString(`<a href="` + a(al) + `">`)
			}
			b.WriteString(e.inline(attr))
			if al != "" {
				b.WriteString("</a>")
			}
			b.WriteString("</p>")
		}
		b.WriteString("</figcaption>")
	}
	b.WriteString("</figure>")
	return b.String()
}

// details is Hugo's details shortcode.
func (e *expansion) details(t hugoTag, inner []byte) string {
	a := html.EscapeString
	var b strings.Builder
	b.WriteString("<details")
	for _, k := range []string{"class", "name", "title"} {
		if v := t.get(k, -1); v != "" {
			b.WriteString(" " + k + `="` + a(v) + `"`)
		}
	}
	if v := strings.ToLower(t.get("open", -1)); v == "true" || v == "1" {
		b.WriteString(" open")
	}
	summary := t.get("summary", -1)
	if summary == "" {
		summary = "Details"
	}
	b.WriteString("><summary>" + e.inline(summary) + "</summary>")
	b.WriteString(e.markdown(string(inner)))
	b.WriteString("</details>")
	return b.String()
}

// markdown renders Markdown to HTML.
func (e *expansion) markdown(src string) string {
	if e.site.Markdown == nil {
		return "<p>" + html.EscapeString(src) + "</p>"
	}
	return strings.TrimSpace(e.site.Markdown(src))
}

// inline renders a line of Markdown without its paragraph.
func (e *expansion) inline(src string) string {
	if strings.TrimSpace(src) == "" {
		return ""
	}
	out := e.markdown(src)
	if strings.HasPrefix(out, "<p>") && strings.HasSuffix(out, "</p>") && strings.Count(out, "<p>") == 1 {
		out = out[3 : len(out)-4]
	}
	return out
}

// plain is the text of an HTML fragment.
func plain(h string) string {
	var b strings.Builder
	in := false
	for _, r := range h {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

// linkBlock is what feeds show for an embed that readers cannot run: a
// link to it.
func linkBlock(href, title, fallback string) string {
	if title == "" {
		title = fallback
	}
	return `<p><a href="` + html.EscapeString(href) + `">` + html.EscapeString(title) + `</a></p>`
}

// codeBlock is highlighted code as the generators write it, without
// their colours: <wrap class="…"><pre><code class="language-x"
// data-lang="x">.
func codeBlock(wrap, class, lang, code string) string {
	var b strings.Builder
	b.WriteString("<" + wrap + ` class="` + class + `"><pre><code`)
	if lang != "" {
		b.WriteString(` class="language-` + html.EscapeString(lang) + `" data-lang="` + html.EscapeString(lang) + `"`)
	}
	b.WriteString(">" + html.EscapeString(code) + "</code></pre></" + wrap + ">")
	return b.String()
}

// lookup follows a dotted key through nested maps, case-insensitively as
// Hugo's params are.
func lookup(m map[string]any, key string) (any, bool) {
	var v any = m
	for _, k := range strings.Split(key, ".") {
		mm, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		x, found := mm[k]
		if !found {
			for kk, xx := range mm {
				if strings.EqualFold(kk, k) {
					x, found = xx, true
					break
				}
			}
		}
		if !found {
			return nil, false
		}
		v = x
	}
	return v, v != nil
}
