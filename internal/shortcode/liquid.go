package shortcode

import (
	"bytes"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// ltoken is a piece of a Liquid template: text, an output ({{ x }}) or a
// tag ({% name args %}).
type ltoken struct {
	kind int // ltext, loutput, ltag
	text string
	name string // a tag's name
	args string // a tag's arguments, an output's expression
	off  int    // where it starts in the body
}

const (
	ltext = iota
	loutput
	ltag
)

// lexLiquid splits s (at offset base of the body) into tokens; with tags
// only, {{ … }} is text. {% raw %} … {% endraw %} becomes text as it is,
// and {% comment %} … {% endcomment %} nothing.
func lexLiquid(s []byte, base int, tagsOnly bool) []ltoken {
	var out []ltoken
	pos := 0
	text := func(to int) {
		if to > pos {
			out = append(out, ltoken{kind: ltext, text: string(s[pos:to]), off: base + pos})
		}
	}
	for pos < len(s) {
		i := bytes.IndexByte(s[pos:], '{')
		if i < 0 {
			break
		}
		i += pos
		if i+1 >= len(s) || (s[i+1] != '%' && (s[i+1] != '{' || tagsOnly)) {
			text(i + 1)
			pos = i + 1
			continue
		}
		closer := "%}"
		if s[i+1] == '{' {
			closer = "}}"
		}
		end, ok := tagEnd(s, i+2, closer)
		if !ok {
			text(i + 2)
			pos = i + 2
			continue
		}
		inner := string(s[i+2 : end-2])
		trimLeft, trimRight := strings.HasPrefix(inner, "-"), strings.HasSuffix(inner, "-")
		inner = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(inner, "-"), "-"))
		before := string(s[pos:i])
		if trimLeft {
			before = strings.TrimRight(before, " \t\r\n")
		}
		if before != "" {
			out = append(out, ltoken{kind: ltext, text: before, off: base + pos})
		}
		pos = end
		if closer == "}}" {
			out = append(out, ltoken{kind: loutput, args: inner, off: base + i})
		} else {
			name, args := inner, ""
			if k := strings.IndexAny(inner, " \t\r\n"); k >= 0 {
				name, args = inner[:k], inner[k:]
			}
			args = strings.TrimSpace(args)
			switch name {
			case "raw", "comment":
				loc := blockStop[name].FindIndex(s[pos:])
				if loc == nil {
					loc = []int{len(s) - pos, len(s) - pos}
				}
				if name == "raw" {
					out = append(out, ltoken{kind: ltext, text: string(s[pos : pos+loc[0]]), off: base + pos})
				}
				pos += loc[1]
			default:
				out = append(out, ltoken{kind: ltag, name: name, args: args, off: base + i})
			}
		}
		if trimRight {
			for pos < len(s) && strings.ContainsRune(" \t\r\n", rune(s[pos])) {
				pos++
			}
		}
	}
	text(len(s))
	return out
}

// blockStop finds the end of a block whose content is not Liquid.
var blockStop = map[string]*regexp.Regexp{
	"raw":     regexp.MustCompile(`\{%-?\s*endraw\s*-?%\}`),
	"comment": regexp.MustCompile(`\{%-?\s*endcomment\s*-?%\}`),
}

// liquid renders s as Jekyll's Liquid does, before Markdown.
func (e *expansion) liquid(s []byte, base int, outputs bool) []byte {
	if !bytes.Contains(s, []byte("{%")) && (!outputs || !bytes.Contains(s, []byte("{{"))) {
		return s
	}
	r := &lrun{e: e, toks: lexLiquid(s, base, !outputs), vars: map[string]any{}}
	var out strings.Builder
	r.block(0, &out, false, nil)
	return []byte(out.String())
}

// lrun renders one body's tokens.
type lrun struct {
	e    *expansion
	toks []ltoken
	vars map[string]any
	runs int // loop bodies rendered, bounded so hostile loops end
}

// maxRuns bounds the loop bodies one body renders.
const maxRuns = 100000

// block renders tokens from i until a tag named in stop (at this level),
// writing to out unless skip; it returns the stopping token's index (or
// len(toks)).
func (r *lrun) block(i int, out *strings.Builder, skip bool, stop map[string]bool) int {
	for i < len(r.toks) {
		t := r.toks[i]
		switch t.kind {
		case ltext:
			if !skip {
				out.WriteString(t.text)
			}
			i++
		case loutput:
			if !skip {
				out.WriteString(toString(r.eval(t.args)))
			}
			i++
		case ltag:
			if stop[t.name] {
				return i
			}
			i = r.tag(i, out, skip)
		}
	}
	return i
}

// blockEnds lists, for each block tag, the tags that end its parts.
var blockEnds = map[string]map[string]bool{
	"if":        {"elsif": true, "else": true, "endif": true},
	"unless":    {"elsif": true, "else": true, "endunless": true},
	"for":       {"else": true, "endfor": true},
	"capture":   {"endcapture": true},
	"highlight": {"endhighlight": true},
	"case":      {"when": true, "else": true, "endcase": true},
}

// tag renders the tag at toks[i] (with its block, if it opens one) and
// returns the index after it.
func (r *lrun) tag(i int, out *strings.Builder, skip bool) int {
	t := r.toks[i]
	e := r.e
	write := func(s string) {
		if !skip {
			out.WriteString(s)
		}
	}
	switch t.name {
	case "assign":
		name, expr, _ := strings.Cut(t.args, "=")
		if !skip {
			r.vars[strings.TrimSpace(name)] = r.eval(expr)
		}
		return i + 1
	case "capture":
		var b strings.Builder
		j := r.block(i+1, &b, skip, blockEnds["capture"])
		if !skip {
			r.vars[strings.TrimSpace(t.args)] = b.String()
		}
		return j + 1
	case "if", "unless":
		taken := false
		cond := r.truth(t.args)
		if t.name == "unless" {
			cond = !cond
		}
		j := i
		for {
			run := !skip && !taken && cond
			k := r.block(j+1, out, !run, blockEnds[t.name])
			taken = taken || run
			if k >= len(r.toks) || r.toks[k].name == "end"+t.name {
				return k + 1
			}
			j = k
			cond = r.toks[k].name == "else" || r.truth(r.toks[k].args)
		}
	case "case":
		subject := r.eval(t.args)
		taken := false
		j := r.block(i+1, out, true, blockEnds["case"])
		for j < len(r.toks) && r.toks[j].name != "endcase" {
			match := r.toks[j].name == "else"
			if !match {
				for _, v := range strings.Split(strings.ReplaceAll(r.toks[j].args, " or ", ","), ",") {
					match = match || equal(subject, r.eval(v))
				}
			}
			run := !skip && !taken && match
			taken = taken || run
			j = r.block(j+1, out, !run, blockEnds["case"])
		}
		return j + 1
	case "for":
		name, rest, _ := strings.Cut(t.args, " in ")
		name = strings.TrimSpace(name)
		rest = strings.TrimSpace(rest)
		expr, opts := rest, ""
		if k := strings.IndexAny(rest, " "); k > 0 && !strings.HasPrefix(rest, "(") {
			expr, opts = rest[:k], rest[k:]
		}
		items := list(r.eval(expr))
		if m := regexp.MustCompile(`offset:\s*(\d+)`).FindStringSubmatch(opts); m != nil {
			n, _ := strconv.Atoi(m[1])
			items = items[min(n, len(items)):]
		}
		if m := regexp.MustCompile(`limit:\s*(\d+)`).FindStringSubmatch(opts); m != nil {
			n, _ := strconv.Atoi(m[1])
			items = items[:min(n, len(items))]
		}
		if strings.Contains(opts, "reversed") {
			for a, b := 0, len(items)-1; a < b; a, b = a+1, b-1 {
				items[a], items[b] = items[b], items[a]
			}
		}
		end := r.block(i+1, out, true, blockEnds["for"])
		if !skip {
			for n, it := range items {
				if r.runs++; r.runs > maxRuns {
					if r.runs == maxRuns+1 {
						e.warn(t.off, "Liquid loops run more than %d times: stopped", maxRuns)
					}
					break
				}
				r.vars[name] = it
				r.vars["forloop"] = map[string]any{"index": n + 1, "index0": n, "first": n == 0, "last": n == len(items)-1, "length": len(items)}
				r.block(i+1, out, false, blockEnds["for"])
			}
		}
		if end < len(r.toks) && r.toks[end].name == "else" {
			end = r.block(end+1, out, skip || len(items) > 0, blockEnds["for"])
		}
		return end + 1
	case "highlight":
		var b strings.Builder
		j := r.block(i+1, &b, skip, blockEnds["highlight"])
		lang, _, _ := strings.Cut(t.args, " ")
		if !skip {
			code := strings.Trim(b.String(), "\n")
			out.Write(e.placeholder(codeBlock("figure", "highlight", lang, code)))
		}
		return j + 1
	case "link", "post_url":
		target := t.args
		if strings.Contains(target, "{{") {
			target = string(e.liquid([]byte(target), t.off, true))
		}
		kind := Link
		if t.name == "post_url" {
			kind = PostURL
		}
		if skip {
			return i + 1
		}
		if link, ok := e.resolve(kind, target); ok {
			write(link)
		} else {
			e.warn(t.off, "%s %q: no such file", t.name, strings.TrimSpace(target))
		}
		return i + 1
	case "include", "include_relative":
		file, args, _ := strings.Cut(t.args, " ")
		if tmpl, ok := e.site.taught[file]; ok && !skip {
			named := map[string]string{}
			for _, m := range regexp.MustCompile(`(\w+)=("[^"]*"|'[^']*'|\S+)`).FindAllStringSubmatch(args, -1) {
				named[m[1]] = toString(r.eval(m[2]))
			}
			res, err := e.site.run(tmpl, e.call(file, nil, named, ""))
			if err != nil {
				e.warn(t.off, "include %q: %v: removed", file, err)
				return i + 1
			}
			out.Write(e.placeholder(res))
			return i + 1
		}
		if !skip {
			e.warn(t.off, "include %q is the site's own and cannot run here: removed (teach it to feedpub under 'shortcodes' in feedpub.yaml)", file)
		}
		return i + 1
	case "break", "continue", "cycle", "increment", "decrement", "echo", "liquid", "render":
		if !skip && t.name != "break" && t.name != "continue" {
			e.warn(t.off, "Liquid tag %q is not supported here: removed", t.name)
		}
		return i + 1
	}
	// A tag of the site's own, or a plugin's.
	if tmpl, ok := e.site.taught[t.name]; ok {
		if !skip {
			res, err := e.site.run(tmpl, e.call(t.name, strings.Fields(t.args), nil, ""))
			if err != nil {
				e.warn(t.off, "tag %q: %v: removed", t.name, err)
			} else {
				out.Write(e.placeholder(res))
			}
		}
		return i + 1
	}
	if strings.HasPrefix(t.name, "end") || t.name == "else" || t.name == "elsif" || t.name == "when" {
		if !skip {
			e.warn(t.off, "Liquid tag %q closes nothing: removed", t.name)
		}
		return i + 1
	}
	// A block of its own keeps its inner content.
	for j := i + 1; j < len(r.toks); j++ {
		if r.toks[j].kind == ltag && r.toks[j].name == "end"+t.name {
			if !skip {
				e.warn(t.off, "Liquid tag %q is the site's own and cannot run here: removed, its inner content kept (teach it to feedpub under 'shortcodes' in feedpub.yaml)", t.name)
			}
			return r.block(i+1, out, skip, map[string]bool{"end" + t.name: true}) + 1
		}
	}
	if !skip {
		e.warn(t.off, "Liquid tag %q is the site's own and cannot run here: removed (teach it to feedpub under 'shortcodes' in feedpub.yaml)", t.name)
	}
	return i + 1
}

// truth evaluates a condition: comparisons joined by and/or, from the
// right as Liquid does.
func (r *lrun) truth(cond string) bool {
	if a, b, ok := strings.Cut(cond, " or "); ok {
		return r.truth(a) || r.truth(b)
	}
	if a, b, ok := strings.Cut(cond, " and "); ok {
		return r.truth(a) && r.truth(b)
	}
	for _, op := range []string{"==", "!=", ">=", "<=", "<>", ">", "<", " contains "} {
		if a, b, ok := strings.Cut(cond, op); ok {
			x, y := r.eval(a), r.eval(b)
			switch op {
			case "==":
				return equal(x, y)
			case "!=", "<>":
				return !equal(x, y)
			case " contains ":
				switch v := x.(type) {
				case string:
					return strings.Contains(v, toString(y))
				case []any:
					for _, it := range v {
						if equal(it, y) {
							return true
						}
					}
				}
				return false
			}
			fx, ex := strconv.ParseFloat(toString(x), 64)
			fy, ey := strconv.ParseFloat(toString(y), 64)
			if ex != nil || ey != nil {
				return false
			}
			switch op {
			case ">=":
				return fx >= fy
			case "<=":
				return fx <= fy
			case ">":
				return fx > fy
			}
			return fx < fy
		}
	}
	v := r.eval(cond)
	return v != nil && v != false
}

func equal(a, b any) bool { return toString(a) == toString(b) && (a == nil) == (b == nil) }

// eval evaluates an expression with filters: value | filter: arg, arg.
func (r *lrun) eval(expr string) any {
	parts := splitOutside(expr, '|')
	v := r.value(strings.TrimSpace(parts[0]))
	for _, f := range parts[1:] {
		name, argstr, _ := strings.Cut(strings.TrimSpace(f), ":")
		var args []any
		if strings.TrimSpace(argstr) != "" {
			for _, a := range splitOutside(argstr, ',') {
				args = append(args, r.value(strings.TrimSpace(a)))
			}
		}
		v = r.filter(strings.TrimSpace(name), v, args)
	}
	return v
}

// splitOutside splits s at sep outside quotes.
func splitOutside(s string, sep byte) []string {
	var out []string
	var quote byte
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == sep:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

var numberRE = regexp.MustCompile(`^-?\d+(\.\d+)?$`)

// value is a literal or a variable's value.
func (r *lrun) value(s string) any {
	switch {
	case s == "":
		return nil
	case len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0]:
		return s[1 : len(s)-1]
	case s == "true":
		return true
	case s == "false":
		return false
	case s == "nil" || s == "null" || s == "empty" || s == "blank":
		return nil
	case numberRE.MatchString(s):
		if n, err := strconv.Atoi(s); err == nil {
			return n
		}
		f, _ := strconv.ParseFloat(s, 64)
		return f
	case strings.HasPrefix(s, "(") && strings.Contains(s, ".."):
		a, b, _ := strings.Cut(strings.Trim(s, "()"), "..")
		x, _ := strconv.Atoi(toString(r.value(strings.TrimSpace(a))))
		y, _ := strconv.Atoi(toString(r.value(strings.TrimSpace(b))))
		var out []any
		for n := x; n <= y && n-x < 10000; n++ {
			out = append(out, n)
		}
		return out
	}
	return r.variable(s)
}

// variable looks a dotted name up: site.*, page.*, or a variable set by
// assign, capture or for.
func (r *lrun) variable(name string) any {
	parts := strings.Split(strings.ReplaceAll(strings.ReplaceAll(name, "[", "."), "]", ""), ".")
	var v any
	e := r.e
	switch parts[0] {
	case "site":
		m := map[string]any{}
		for k, x := range e.site.Params {
			m[k] = x
		}
		v = m
	case "page":
		m := map[string]any{}
		for k, x := range e.pageParams() {
			m[k] = x
		}
		if u, err := url.Parse(e.page.URL); err == nil {
			p := u.Path
			if e.site.BaseURL != nil {
				p = "/" + strings.TrimPrefix(p, strings.TrimSuffix(e.site.BaseURL.Path, "/")+"/")
			}
			m["url"] = p
		}
		v = m
	default:
		v = r.vars[parts[0]]
	}
	for _, p := range parts[1:] {
		p = strings.Trim(p, `"'`)
		switch x := v.(type) {
		case map[string]any:
			v = x[p]
		case []any:
			switch p {
			case "size":
				v = len(x)
			case "first":
				v = nil
				if len(x) > 0 {
					v = x[0]
				}
			case "last":
				v = nil
				if len(x) > 0 {
					v = x[len(x)-1]
				}
			default:
				n, err := strconv.Atoi(p)
				if err != nil || n < 0 || n >= len(x) {
					return nil
				}
				v = x[n]
			}
		case string:
			if p != "size" {
				return nil
			}
			v = len(x)
		default:
			return nil
		}
	}
	return v
}

// filter applies one of Liquid's or Jekyll's filters; an unknown one
// leaves the value as it is, as Jekyll does.
func (r *lrun) filter(name string, v any, args []any) any {
	arg := func(n int) string {
		if n < len(args) {
			return toString(args[n])
		}
		return ""
	}
	s := toString(v)
	e := r.e
	base := ""
	if e.site.BaseURL != nil {
		base = strings.TrimSuffix(e.site.BaseURL.Path, "/")
	}
	switch name {
	case "relative_url":
		if u, err := url.Parse(s); err == nil && u.Scheme != "" {
			return s
		}
		return base + "/" + strings.TrimPrefix(s, "/")
	case "absolute_url":
		if u, err := url.Parse(s); err == nil && u.Scheme != "" {
			return s
		}
		if e.site.BaseURL == nil {
			return s
		}
		return strings.TrimSuffix(e.site.BaseURL.String(), "/") + "/" + strings.TrimPrefix(s, "/")
	case "prepend":
		return arg(0) + s
	case "append":
		return s + arg(0)
	case "downcase":
		return strings.ToLower(s)
	case "upcase":
		return strings.ToUpper(s)
	case "capitalize":
		if s == "" {
			return s
		}
		return strings.ToUpper(s[:1]) + s[1:]
	case "strip":
		return strings.TrimSpace(s)
	case "escape", "xml_escape", "escape_once":
		return html.EscapeString(s)
	case "cgi_escape", "url_encode":
		return url.QueryEscape(s)
	case "uri_escape":
		return (&url.URL{Path: s}).EscapedPath()
	case "replace":
		return strings.ReplaceAll(s, arg(0), arg(1))
	case "remove":
		return strings.ReplaceAll(s, arg(0), "")
	case "split":
		var out []any
		for _, p := range strings.Split(s, arg(0)) {
			out = append(out, p)
		}
		return out
	case "join":
		var parts []string
		for _, x := range list(v) {
			parts = append(parts, toString(x))
		}
		return strings.Join(parts, arg(0))
	case "size":
		if l, ok := v.([]any); ok {
			return len(l)
		}
		return len(s)
	case "first", "last":
		l := list(v)
		if len(l) == 0 {
			return nil
		}
		if name == "first" {
			return l[0]
		}
		return l[len(l)-1]
	case "default":
		if v == nil || v == false || s == "" {
			return args[0:min(1, len(args))][0]
		}
		return v
	case "slugify":
		return slugify(s)
	case "markdownify":
		return e.inline(s)
	case "strip_html":
		return plain(s)
	case "sort":
		l := list(v)
		sort.SliceStable(l, func(a, b int) bool { return toString(l[a]) < toString(l[b]) })
		return l
	case "jsonify":
		return fmt.Sprintf("%q", s)
	}
	return v
}

var slugRE = regexp.MustCompile(`[^\p{L}\p{N}]+`)

// slugify is Jekyll's default slugify: lower-case, runs of other
// characters to one hyphen.
func slugify(s string) string {
	return strings.Trim(slugRE.ReplaceAllString(strings.ToLower(s), "-"), "-")
}

// list is a value as a list.
func list(v any) []any {
	switch x := v.(type) {
	case []any:
		return append([]any(nil), x...)
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var out []any
		for _, k := range keys {
			out = append(out, []any{k, x[k]})
		}
		return out
	case nil:
		return nil
	case string:
		if x == "" {
			return nil
		}
	}
	return []any{v}
}

// toString is a value as Liquid prints it.
func toString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []any:
		var b strings.Builder
		for _, it := range x {
			b.WriteString(toString(it))
		}
		return b.String()
	}
	return fmt.Sprint(v)
}
