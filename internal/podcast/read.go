package podcast

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/frontmatter"
)

// Reader reads values of a settings file or front matter, collecting a
// located problem for each value of the wrong shape, so that every one
// is reported at once.
type Reader struct {
	Path string
	Kind diag.Kind // diag.Settings for feedpub.yaml, diag.Content for articles
	Errs diag.List
}

// Errf records a problem at line and column.
func (r *Reader) Errf(line, col int, msg, hint string) {
	r.Errs = append(r.Errs, r.Kind.At(r.Path, line, col, msg, hint))
}

// PosOf is where a node is.
func (r *Reader) PosOf(n *frontmatter.Node) Pos { return Pos{Path: r.Path, Line: n.Line, Col: n.Col} }

// Str reads text (a number or a boolean is taken as written).
func (r *Reader) Str(key string, n *frontmatter.Node) string {
	switch n.Kind {
	case frontmatter.KindString, frontmatter.KindNumber, frontmatter.KindBool:
		return strings.TrimSpace(n.Str)
	case frontmatter.KindNull:
		return ""
	}
	r.Errf(n.Line, n.Col, fmt.Sprintf("'%s' is %s, not text", key, n.Kind), "write it as text on the line of '"+key+":'")
	return ""
}

// Bool reads true or false; Apple's "yes" and "no" are taken too.
func (r *Reader) Bool(key string, n *frontmatter.Node) bool {
	if n.Kind == frontmatter.KindBool {
		return n.Str == "true"
	}
	if n.Kind == frontmatter.KindString {
		switch strings.ToLower(strings.TrimSpace(n.Str)) {
		case "yes", "true":
			return true
		case "no", "false":
			return false
		}
	}
	r.Errf(n.Line, n.Col, fmt.Sprintf("'%s' is %s, not true or false", key, describe(n)), "write "+key+": true or "+key+": false")
	return false
}

// Int reads a whole number.
func (r *Reader) Int(key string, n *frontmatter.Node) int {
	if n.Kind == frontmatter.KindNumber || n.Kind == frontmatter.KindString {
		if v, err := strconv.Atoi(strings.TrimSpace(n.Str)); err == nil {
			return v
		}
	}
	r.Errf(n.Line, n.Col, fmt.Sprintf("'%s' is %s, not a whole number", key, describe(n)), "write a whole number, such as "+key+": 3")
	return 0
}

// Float reads a number.
func (r *Reader) Float(key string, n *frontmatter.Node) float64 {
	if n.Kind == frontmatter.KindNumber || n.Kind == frontmatter.KindString {
		if v, err := strconv.ParseFloat(strings.TrimSpace(n.Str), 64); err == nil {
			return v
		}
	}
	r.Errf(n.Line, n.Col, fmt.Sprintf("'%s' is %s, not a number", key, describe(n)), "write a number of seconds, such as "+key+": 90.5")
	return 0
}

// Int64 reads a whole number of bytes.
func (r *Reader) Int64(key string, n *frontmatter.Node) int64 {
	if n.Kind == frontmatter.KindNumber || n.Kind == frontmatter.KindString {
		if v, err := strconv.ParseInt(strings.TrimSpace(n.Str), 10, 64); err == nil && v > 0 {
			return v
		}
	}
	r.Errf(n.Line, n.Col, fmt.Sprintf("'%s' %s is not a size in bytes", key, describe(n)), "write the file's size in bytes, a whole number above 0")
	return 0
}

// Maps reads a list of mappings, or one mapping as a list of one; when
// one is set, a scalar (alone or in the list) stands for a mapping of
// the key one to it.
func (r *Reader) Maps(key string, n *frontmatter.Node, one string) []*frontmatter.Node {
	switch n.Kind {
	case frontmatter.KindMap:
		return []*frontmatter.Node{n}
	case frontmatter.KindNull:
		return nil
	case frontmatter.KindList:
		var out []*frontmatter.Node
		for _, e := range n.List {
			if m := r.asMap(key, e, one); m != nil {
				out = append(out, m)
			}
		}
		return out
	}
	if m := r.asMap(key, n, one); m != nil {
		return []*frontmatter.Node{m}
	}
	return nil
}

// asMap is n as a mapping, a scalar standing for {one: n} when one is
// set.
func (r *Reader) asMap(key string, n *frontmatter.Node, one string) *frontmatter.Node {
	if n.Kind == frontmatter.KindMap {
		return n
	}
	if one != "" && (n.Kind == frontmatter.KindString || n.Kind == frontmatter.KindNumber) {
		return &frontmatter.Node{Kind: frontmatter.KindMap, Line: n.Line, Col: n.Col,
			Map: []frontmatter.Field{{Key: one, Line: n.Line, Col: n.Col, Value: n}}}
	}
	r.Errf(n.Line, n.Col, fmt.Sprintf("an entry of '%s' is %s, not a mapping", key, n.Kind), "write each entry as a mapping, as docs/podcasts.md shows")
	return nil
}

// Fields calls set with each key of the mapping m, lower-cased, that is
// one of known; a key set twice, or not known (reported with the keys
// that are), is not passed to set.
func (r *Reader) Fields(what string, m *frontmatter.Node, known []string, set func(key string, v *frontmatter.Node)) {
	seen := map[string]bool{}
	for _, f := range m.Map {
		k := strings.ToLower(f.Key)
		if seen[k] {
			r.Errf(f.Line, f.Col, fmt.Sprintf("%s: %s is set twice", what, f.Key), "keep one of them")
			continue
		}
		seen[k] = true
		if !slices.Contains(known, k) {
			hint := "the keys are " + strings.Join(known, ", ")
			if s := Suggest(k, known); s != "" {
				hint = "did you mean " + s + "?"
			}
			r.Errf(f.Line, f.Col, fmt.Sprintf("%s: unknown key %q", what, f.Key), hint)
			continue
		}
		set(k, f.Value)
	}
}

// Persons reads a list of podcast:person entries (see Person), a bare
// name standing for an entry of that name.
func (r *Reader) Persons(key string, n *frontmatter.Node) []Person {
	var out []Person
	for _, m := range r.Maps(key, n, "name") {
		out = append(out, r.Person(key, m))
	}
	return out
}

// Person reads one podcast:person entry, the mapping m: name, role,
// group, img and href.
func (r *Reader) Person(key string, m *frontmatter.Node) Person {
	var p Person
	r.Fields(key, m, []string{"name", "role", "group", "img", "href"}, func(k string, v *frontmatter.Node) {
		s := r.Str(k, v)
		switch k {
		case "name":
			p.Name = s
		case "role":
			p.Role = s
		case "group":
			p.Group = s
		case "img":
			p.Img = s
		case "href":
			p.Href = s
		}
	})
	return p
}

// describe names a value in a message: a scalar by its text, in quotes.
func describe(n *frontmatter.Node) string {
	switch n.Kind {
	case frontmatter.KindString, frontmatter.KindNumber, frontmatter.KindBool:
		return strconv.Quote(n.Str)
	}
	return n.Kind.String()
}
