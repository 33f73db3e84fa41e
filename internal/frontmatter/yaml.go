package frontmatter

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/feedpub/feedpub/internal/diag"
)

// relativePos matches the "[line:col]" go-yaml puts in some messages,
// counted from the start of the front matter rather than of the file.
var relativePos = regexp.MustCompile(`at \[(\d+):\d+\]`)

// parseYAML parses YAML front matter whose first line is file line first;
// with lastWins a repeated key takes the last value written.
func parseYAML(path string, src []byte, first int, lastWins bool) (*Node, error) {
	off := first - 1
	if err := precheck(path, src, first, YAML); err != nil {
		return nil, err
	}
	var popts []parser.Option
	if lastWins {
		popts = append(popts, parser.AllowDuplicateMapKey())
	}
	f, err := parser.ParseBytes(src, 0, popts...)
	if err != nil {
		var ye yaml.Error
		if errors.As(err, &ye) && ye.GetToken() != nil {
			p := ye.GetToken().Position
			msg := relativePos.ReplaceAllStringFunc(ye.GetMessage(), func(m string) string {
				line, _ := strconv.Atoi(relativePos.FindStringSubmatch(m)[1])
				return "on line " + strconv.Itoa(line+off)
			})
			hint := "check the indentation and quote values that contain ': ' or start with a special character"
			if strings.Contains(msg, "already defined") {
				hint = "keep one of them"
			}
			return nil, diag.At(path, p.Line+off, p.Column, "invalid YAML front matter: "+msg, hint)
		}
		return nil, diag.At(path, first, 1, fmt.Sprintf("invalid YAML front matter: %v", err), "")
	}
	root := &Node{Kind: KindMap, Line: first, Col: 1}
	if len(f.Docs) == 0 || f.Docs[0].Body == nil {
		return root, nil
	}
	if len(f.Docs) > 1 {
		return nil, diag.At(path, first, 1, "the front matter holds more than one YAML document",
			"remove the extra '---' line inside the front matter")
	}
	c := yamlConv{path: path, off: off, lastWins: lastWins}
	n, err := c.node(f.Docs[0].Body, 0)
	if err != nil {
		return nil, err
	}
	if n.Kind == KindNull {
		return root, nil
	}
	if n.Kind != KindMap {
		return nil, diag.At(path, n.Line, n.Col, "the front matter is "+n.Kind.String()+", not a list of 'key: value' lines",
			"write each field as 'key: value' on a line of its own")
	}
	return n, nil
}

type yamlConv struct {
	path     string
	off      int
	lastWins bool // a repeated key replaces the earlier one
}

func (c yamlConv) at(n ast.Node) (int, int) {
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return c.off + 1, 1
	}
	return tk.Position.Line + c.off, tk.Position.Column
}

func (c yamlConv) node(n ast.Node, depth int) (*Node, error) {
	line, col := c.at(n)
	if depth > maxDepth {
		return nil, diag.At(c.path, line, col, fmt.Sprintf("values nest more than %d levels deep", maxDepth),
			"flatten the value; front matter fields need at most a list of mappings")
	}
	out := &Node{Line: line, Col: col}
	switch n := n.(type) {
	case *ast.MappingNode:
		out.Kind = KindMap
		for _, mv := range n.Values {
			if err := c.entry(out, mv, depth); err != nil {
				return nil, err
			}
		}
	case *ast.MappingValueNode:
		out.Kind = KindMap
		if err := c.entry(out, n, depth); err != nil {
			return nil, err
		}
	case *ast.SequenceNode:
		out.Kind = KindList
		for _, v := range n.Values {
			e, err := c.node(v, depth+1)
			if err != nil {
				return nil, err
			}
			out.List = append(out.List, e)
		}
	case *ast.StringNode:
		out.Kind, out.Str = KindString, n.Value
	case *ast.LiteralNode:
		out.Kind, out.Str = KindString, n.Value.Value
	case *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		out.Kind, out.Str = KindNumber, n.GetToken().Value
	case *ast.BoolNode:
		out.Kind, out.Str = KindBool, fmt.Sprint(n.Value)
	case *ast.NullNode:
		out.Kind = KindNull
	case *ast.TagNode:
		return c.node(n.Value, depth+1)
	case *ast.AnchorNode:
		return c.node(n.Value, depth+1)
	case *ast.AliasNode:
		return nil, diag.At(c.path, line, col, "YAML aliases (*name) are not supported in front matter",
			"write the value out in full")
	default:
		return nil, diag.At(c.path, line, col, fmt.Sprintf("unsupported YAML value (%s)", n.Type()),
			"use plain strings, numbers, lists and mappings")
	}
	return out, nil
}

func (c yamlConv) entry(m *Node, mv *ast.MappingValueNode, depth int) error {
	line, col := c.at(mv.Key)
	if _, ok := mv.Key.(*ast.MergeKeyNode); ok {
		return diag.At(c.path, line, col, "YAML merge keys (<<) are not supported in front matter",
			"write the fields out in full")
	}
	key := mv.Key.String()
	if s, ok := mv.Key.(*ast.StringNode); ok {
		key = s.Value
	}
	v, err := c.node(mv.Value, depth+1)
	if err != nil {
		return err
	}
	if c.lastWins {
		m.Map = slices.DeleteFunc(m.Map, func(f Field) bool { return f.Key == key })
	}
	m.Map = append(m.Map, Field{Key: key, Line: line, Col: col, Value: v})
	return nil
}
