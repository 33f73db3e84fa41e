package sitemode

import (
	"github.com/feedpub/feedpub/internal/config"
)

// hugoMarkup reads how a Hugo site renders its content: summaryLength,
// markup.goldmark's switches and the params that {{< param >}} reads.
func hugoMarkup(t tree, params tree, s *config.Settings) {
	m := config.Markup{Goldmark: map[string]bool{}, Params: plainMap(params)}
	if n, ok := t.integer("summarylength"); ok && n > 0 {
		m.SummaryLength = n
	}
	g := t.sub("markup.goldmark")
	for _, name := range []string{"footnote", "definitionlist", "typographer", "linkify", "table", "strikethrough", "tasklist"} {
		if on, ok := switchOf(g.get("extensions." + name)); ok {
			m.Goldmark[name] = on
		}
	}
	for key, name := range map[string]string{"renderer.unsafe": "unsafe", "parser.autoheadingid": "autoheadingid", "parser.attribute.title": "attribute.title"} {
		if on, ok := switchOf(g.get(key)); ok {
			m.Goldmark[name] = on
		}
	}
	s.Markup = m
}

// switchOf reads an extension's switch: a boolean, or a table with
// enable or disable.
func switchOf(v any) (bool, bool) {
	switch v := v.(type) {
	case bool:
		return v, true
	case tree:
		if e, ok := v["enable"].(bool); ok {
			return e, true
		}
		if d, ok := v["disable"].(bool); ok {
			return !d, true
		}
		return true, true // a table of options: the extension is on
	}
	return false, false
}

// jekyllMarkup reads how a Jekyll site renders its posts: the excerpt
// separator, the collections {% link %} can name, and every setting,
// which {{ site.x }} reads.
func jekyllMarkup(dir string, t tree, s *config.Settings) {
	m := config.Markup{Params: plainMap(t), Root: dir, Collections: map[string]string{}}
	if v, ok := t.get("excerpt_separator").(string); ok {
		m.ExcerptSeparator = v
	}
	switch c := t.get("collections").(type) {
	case tree:
		for name, v := range c {
			p := ""
			if sub, ok := v.(tree); ok {
				p = sub.str("permalink")
			}
			m.Collections[name] = p
		}
	case []any:
		for _, v := range c {
			if name, ok := v.(string); ok {
				m.Collections[name] = ""
			}
		}
	}
	s.Markup = m
}

// plainMap is a tree as plain maps, as templates and Liquid read them.
func plainMap(t tree) map[string]any {
	out := make(map[string]any, len(t))
	for k, v := range t {
		out[k] = plainAny(v)
	}
	return out
}

func plainAny(v any) any {
	switch v := v.(type) {
	case tree:
		return plainMap(v)
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = plainAny(x)
		}
		return out
	}
	return v
}
