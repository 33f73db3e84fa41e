package frontmatter

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	toml "github.com/pelletier/go-toml/v2"

	"github.com/feedpub/feedpub/internal/diag"
)

// parseTOML parses TOML front matter whose first line is file line first.
// go-toml does not report where each key stands, so top-level keys are
// located by scanning the lines; nested values share their key's place.
func parseTOML(path string, src []byte, first int) (*Node, error) {
	if err := precheck(path, src, first, TOML); err != nil {
		return nil, err
	}
	var m map[string]any
	if err := toml.Unmarshal(src, &m); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, col := de.Position()
			return nil, diag.At(path, row+first-1, col, "invalid TOML front matter: "+de.Error(),
				"write each field as 'key = value' and quote strings")
		}
		return nil, diag.At(path, first, 1, fmt.Sprintf("invalid TOML front matter: %v", err), "")
	}
	pos := tomlKeyLines(src, first)
	root := &Node{Kind: KindMap, Line: first, Col: 1}
	for k, v := range m {
		p, ok := pos[k]
		if !ok {
			p = [2]int{first, 1}
		}
		n, err := tomlNode(path, v, p[0], p[1], 0)
		if err != nil {
			return nil, err
		}
		root.Map = append(root.Map, Field{Key: k, Line: p[0], Col: p[1], Value: n})
	}
	sort.Slice(root.Map, func(i, j int) bool {
		a, b := root.Map[i], root.Map[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Key < b.Key
	})
	return root, nil
}

// tomlKeyLines finds the line and column of each top-level key: "key =" at
// the top, or a "[key]" / "[[key]]" table header.
func tomlKeyLines(src []byte, first int) map[string][2]int {
	pos := map[string][2]int{}
	inTable := false
	for i, l := range bytes.Split(src, []byte("\n")) {
		s := string(l)
		t := strings.TrimLeft(s, " \t")
		col := len(s) - len(t) + 1
		if strings.HasPrefix(t, "[") {
			inTable = true
			name := strings.Trim(strings.SplitN(strings.Trim(t, "[] \t\r"), ".", 2)[0], "\"' ")
			if _, seen := pos[name]; !seen {
				pos[name] = [2]int{first + i, col + strings.Count(t[:len(t)-len(strings.TrimLeft(t, "["))], "[")}
			}
			continue
		}
		if inTable {
			continue
		}
		if k, _, ok := strings.Cut(t, "="); ok {
			name := strings.Trim(strings.TrimSpace(strings.SplitN(k, ".", 2)[0]), "\"'")
			if _, seen := pos[name]; !seen && name != "" {
				pos[name] = [2]int{first + i, col}
			}
		}
	}
	return pos
}

func tomlNode(path string, v any, line, col, depth int) (*Node, error) {
	if depth > maxDepth {
		return nil, diag.At(path, line, col, fmt.Sprintf("values nest more than %d levels deep", maxDepth),
			"flatten the value; front matter fields need at most a list of tables")
	}
	n := &Node{Line: line, Col: col}
	switch v := v.(type) {
	case string:
		n.Kind, n.Str = KindString, v
	case int64, float64:
		n.Kind, n.Str = KindNumber, fmt.Sprint(v)
	case bool:
		n.Kind, n.Str = KindBool, fmt.Sprint(v)
	case time.Time:
		n.Kind, n.Str = KindString, v.Format(time.RFC3339Nano)
	case toml.LocalDate, toml.LocalDateTime, toml.LocalTime:
		n.Kind, n.Str = KindString, fmt.Sprint(v)
	case []any:
		n.Kind = KindList
		for _, e := range v {
			c, err := tomlNode(path, e, line, col, depth+1)
			if err != nil {
				return nil, err
			}
			n.List = append(n.List, c)
		}
	case map[string]any:
		n.Kind = KindMap
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			c, err := tomlNode(path, v[k], line, col, depth+1)
			if err != nil {
				return nil, err
			}
			n.Map = append(n.Map, Field{Key: k, Line: line, Col: col, Value: c})
		}
	case nil:
		n.Kind = KindNull
	default:
		return nil, diag.At(path, line, col, fmt.Sprintf("unsupported TOML value of type %T", v), "")
	}
	return n, nil
}
