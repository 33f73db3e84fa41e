package encode

import (
	"html"
	"regexp"
	"strings"
	"unicode"
)

// Plain text that looks like markup, such as the title "Using <em>emphasis</em>"
// or "&copy; notice", is read as HTML by some feed readers and as text by
// others, and validators warn of it. This file decides when text looks so
// and how each format then writes it.

// htmlElements are the element names the W3C feed validator knows as HTML.
var htmlElements = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`a abbr acronym address applet area article aside audio b base basefont
		bdi bdo big blockquote body br button canvas caption center cite code col colgroup command data
		datagrid datalist dd del details dfn dialog dir div dl dt em eventsource fieldset figcaption figure
		font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins
		isindex kbd label legend li link m main mark map menu meta meter nav noframes noscript object ol
		optgroup option output p param picture pre progress q rp rt ruby s samp script section select slot
		small source span strike strong style sub summary sup table tbody td template textarea tfoot th
		thead time title tr track tt u ul var xmp plaintext embed comment listing video wbr`) {
		htmlElements[n] = true
	}
}

// endTag and anyTag match an HTML end tag as validators look for it, and
// any start, end or empty tag of an element.
var (
	endTag = regexp.MustCompile(`</(\w+)>`)
	anyTag = regexp.MustCompile(`</?([A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?/?>`)
)

// hasHTMLEndTag reports whether s holds the end tag of an HTML element.
func hasHTMLEndTag(s string) bool {
	for _, m := range endTag.FindAllStringSubmatch(s, -1) {
		if htmlElements[strings.ToLower(m[1])] {
			return true
		}
	}
	return false
}

// hasEntityLike reports whether s holds what reads as an HTML character
// reference: '&' and '#', or '&' and a run of letters, digits and
// underscores that is not only letters or that names an entity ("&copy",
// "&amp;", "&#169;", "&x1").
func hasEntityLike(s string) bool {
	for i := strings.IndexByte(s, '&'); i >= 0; i = strings.IndexByte(s, '&') {
		s = s[i+1:]
		rest := strings.TrimPrefix(s, "#")
		end := strings.IndexFunc(rest, func(r rune) bool { return !(r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)) })
		if end < 0 {
			end = len(rest)
		}
		run := rest[:end]
		switch {
		case run == "":
			continue
		case len(rest) < len(s), strings.IndexFunc(run, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0:
			return true
		case html.UnescapeString("&"+run+";") != "&"+run+";":
			return true
		}
	}
	return false
}

// looksLikeMarkup reports whether plain text s would be taken for HTML:
// it holds an HTML end tag or a character reference.
func looksLikeMarkup(s string) bool { return hasHTMLEndTag(s) || hasEntityLike(s) }

// breaking are the elements whose tags stand between words; void are
// those that have no end tag.
var (
	breaking = map[string]bool{"br": true, "p": true, "div": true, "li": true, "hr": true}
	void     = map[string]bool{"br": true, "hr": true, "img": true, "wbr": true}
)

// stripTags removes HTML markup from plain text, as WordPress does for RSS
// titles: "Using <em>emphasis</em>" becomes "Using emphasis". Only tags of
// HTML elements that are markup are removed: a start tag with its end tag
// after it, or a void element's tag. A lone tag ("Site — </b>", "<em>")
// is the text itself: it is kept with its angle brackets written as ‹
// and ›, so that it is neither lost nor taken for markup. Other text in
// angle brackets ("Vec<T>") is left as it is.
func stripTags(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	type tag struct {
		start, end int
		name       string
		closing    bool
		markup     bool
	}
	var tags []*tag
	for _, m := range anyTag.FindAllStringSubmatchIndex(s, -1) {
		name := strings.ToLower(s[m[2]:m[3]])
		if htmlElements[name] {
			tags = append(tags, &tag{start: m[0], end: m[1], name: name, closing: s[m[0]+1] == '/', markup: void[name]})
		}
	}
	if len(tags) == 0 {
		return s
	}
	for i, t := range tags {
		if t.closing || t.markup {
			continue
		}
		depth := 0
		for _, u := range tags[i+1:] {
			if u.name != t.name || u.markup {
				continue
			}
			if !u.closing {
				depth++
			} else if depth > 0 {
				depth--
			} else {
				t.markup, u.markup = true, true
				break
			}
		}
	}
	var b strings.Builder
	at := 0
	for _, t := range tags {
		b.WriteString(s[at:t.start])
		switch {
		case !t.markup:
			b.WriteString(strings.NewReplacer("<", "‹", ">", "›").Replace(s[t.start:t.end]))
		case breaking[t.name]:
			b.WriteByte(' ')
		}
		at = t.end
	}
	b.WriteString(s[at:])
	return strings.Join(strings.FieldsFunc(b.String(), unicode.IsSpace), " ")
}
