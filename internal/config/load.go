package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/feedpub/feedpub/internal/diag"
)

// AltFile is the other name the settings file may have; it is read the
// same way as DefaultFile.
const AltFile = "feedpub.yml"

// Find returns the settings file in dir: feedpub.yaml or feedpub.yml,
// joined to dir, or "" when dir has neither. Both at once is a settings
// error, since feedpub cannot tell which one is meant.
func Find(dir string) (string, error) {
	var found []string
	for _, name := range [...]string{DefaultFile, AltFile} {
		p := filepath.Join(dir, name)
		_, err := os.Stat(p)
		switch {
		case err == nil:
			found = append(found, p)
		case !errors.Is(err, fs.ErrNotExist):
			return "", diag.Failed.Errorf("looking for the settings file: %w", err)
		}
	}
	switch len(found) {
	case 0:
		return "", nil
	case 1:
		return found[0], nil
	}
	return "", diag.Settings.New(fmt.Sprintf("two settings files, %s and %s", found[0], found[1]),
		"keep one and remove the other (both names are read the same way)")
}

// Load reads a YAML settings file over s. Keys the file does not set keep
// their values. Paths in the file (articles, output, cache) are relative
// to the file's directory.
//
// Every problem in the file is reported at once: unknown keys (with the
// setting that was probably meant), keys set twice, values of the wrong
// type and, when there are any of those, the bad values Resolve would
// find too, all in the order of the file's lines.
func (s *Settings) Load(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return diag.Failed.Errorf("reading settings: %w", err)
	}
	s.file = path
	f, err := parser.ParseBytes(data, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		return yamlError(path, err)
	}
	if len(f.Docs) == 0 || f.Docs[0].Body == nil || f.Docs[0].Body.Type() == ast.NullType {
		return nil // an empty file, or comments only: nothing to override
	}
	values, err := topValues(path, f.Docs[0].Body)
	if err != nil {
		return err
	}
	// One decoder for the whole file resolves aliases to its anchors.
	dec := yaml.NewDecoder(bytes.NewReader(data), yaml.AllowDuplicateMapKey())
	var whole any
	if err := dec.Decode(&whole); err != nil {
		return yamlError(path, err)
	}
	before := *s
	errs := s.setAll(path, dec, values)
	s.relative(path, before)
	if len(errs) > 0 {
		c := *s
		if _, err := c.Resolve(); err != nil {
			errs = append(errs, diag.Problems(err)...)
		}
		inOrder(errs)
		return errs
	}
	return nil
}

// setAll decodes each top-level value into its setting, recording where
// it was set, and returns the problems of keys and types.
func (s *Settings) setAll(path string, dec *yaml.Decoder, values []*ast.MappingValueNode) diag.List {
	if s.origin == nil {
		s.origin = map[string]origin{}
	}
	fields := fieldsByKey()
	seen := map[string]int{}
	rv := reflect.ValueOf(s).Elem()
	var errs diag.List
	for _, mv := range values {
		tk := mv.Key.GetToken()
		line, col := position(tk)
		if _, merge := mv.Key.(*ast.MergeKeyNode); merge {
			errs = append(errs, diag.Settings.At(path, line, col, "a merge key (<<) cannot set settings", "write each setting on its own line"))
			continue
		}
		key := tk.Value
		if first, twice := seen[key]; twice {
			errs = append(errs, diag.Settings.At(path, line, col,
				fmt.Sprintf("%s is set twice (first on line %d)", key, first), "keep one of them"))
			continue
		}
		seen[key] = line
		i, known := fields[key]
		if !known {
			errs = append(errs, diag.Settings.At(path, line, col, fmt.Sprintf("unknown setting %q", key), suggest(key)))
			continue
		}
		field := rv.Field(i)
		v := reflect.New(field.Type())
		err := dec.DecodeFromNode(mv.Value, v.Interface())
		if err == nil && field.Kind() == reflect.Int && mv.Value.Type() == ast.FloatType {
			err = errNotWhole // the decoder would drop the fraction
		}
		if err != nil {
			errs = append(errs, typeError(path, key, mv.Value, field.Type(), err))
			continue
		}
		if dups := duplicates(path, key, mv.Value); len(dups) > 0 {
			errs = append(errs, dups...)
			continue
		}
		field.Set(v.Elem())
		s.origin[key] = origin{path: path, line: line, col: col}
	}
	return errs
}

// dupVisitor collects the keys set twice in the mappings it visits.
type dupVisitor struct {
	path, key string
	errs      diag.List
}

func (v *dupVisitor) Visit(n ast.Node) ast.Visitor {
	m, ok := n.(*ast.MappingNode)
	if !ok {
		return v
	}
	seen := map[string]int{}
	for _, mv := range m.Values {
		tk := mv.Key.GetToken()
		line, col := position(tk)
		if first, twice := seen[tk.Value]; twice {
			v.errs = append(v.errs, diag.Settings.At(v.path, line, col,
				fmt.Sprintf("%s: %s is set twice (first on line %d)", v.key, tk.Value, first), "keep one of them"))
		} else {
			seen[tk.Value] = line
		}
	}
	return v
}

// duplicates reports the keys set twice in the mappings in the value of
// the setting key.
func duplicates(path, key string, value ast.Node) diag.List {
	v := &dupVisitor{path: path, key: key}
	ast.Walk(v, value)
	return v.errs
}

// relative makes the paths the file at path set relative to its folder.
func (s *Settings) relative(path string, before Settings) {
	dir := filepath.Dir(path)
	if s.Articles != before.Articles && !filepath.IsAbs(s.Articles) {
		s.Articles = filepath.Join(dir, s.Articles)
	}
	if s.Output != before.Output && !filepath.IsAbs(s.Output) {
		s.Output = filepath.Join(dir, s.Output)
	}
	if s.Cache != before.Cache && s.Cache != "" && !filepath.IsAbs(s.Cache) {
		s.Cache = filepath.Join(dir, s.Cache)
	}
}

// topValues returns the key-value pairs of a settings document, which
// must be a mapping.
func topValues(path string, body ast.Node) ([]*ast.MappingValueNode, error) {
	switch n := body.(type) {
	case *ast.MappingNode:
		return n.Values, nil
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{n}, nil
	}
	line, col := position(body.GetToken())
	return nil, diag.List{diag.Settings.At(path, line, col, "the settings are not a mapping of keys to values",
		"write one setting a line, such as title: My site")}
}

// position is a token's line and column, or 0, 0 when it has none.
func position(tk *token.Token) (line, col int) {
	if tk == nil || tk.Position == nil {
		return 0, 0
	}
	return tk.Position.Line, tk.Position.Column
}

// fieldsByKey maps each setting's key to its field's index in Settings.
func fieldsByKey() map[string]int {
	out := map[string]int{}
	t := reflect.TypeOf(Settings{})
	for i := 0; i < t.NumField(); i++ {
		if k := keyOf(t.Field(i)); k != "" {
			out[k] = i
		}
	}
	return out
}

// keyOf is a field's settings key, or "" for a field feedpub.yaml cannot
// set.
func keyOf(f reflect.StructField) string {
	k, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if k == "-" || !f.IsExported() {
		return ""
	}
	return k
}

// keys lists the settings' names in the order Settings declares them.
func keys() []string {
	var out []string
	t := reflect.TypeOf(Settings{})
	for i := 0; i < t.NumField(); i++ {
		if k := keyOf(t.Field(i)); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// Keys lists every setting a settings file may have, in the order of
// the reference.
func Keys() []string { return keys() }

// errNotWhole is a fraction given for a whole number.
var errNotWhole = errors.New("not a whole number")

// typeError words a value of the wrong type for key.
func typeError(path, key string, value ast.Node, want reflect.Type, err error) *diag.Error {
	line, col := position(value.GetToken())
	got := describe(value)
	var te *yaml.TypeError
	if errors.As(err, &te) && te.Token != nil && te.Token != value.GetToken() {
		// Inside a mapping or list: point at the element.
		line, col = position(te.Token)
		if te.DstType != nil {
			want = te.DstType
		}
		got = strconv.Quote(te.Token.Value)
		if te.SrcType != nil {
			switch te.SrcType.Kind() {
			case reflect.Slice:
				got = "a list"
			case reflect.Map:
				got = "a mapping"
			}
		}
	}
	what, how := wanted(key, want)
	if value.Type() == ast.NullType && what != "" {
		return diag.Settings.At(path, line, col, key+" has no value", how+", or remove the line")
	}
	if what == "" {
		var ye yaml.Error
		if errors.As(err, &ye) {
			return diag.Settings.At(path, line, col, key+": "+ye.GetMessage(), "see docs/settings.md")
		}
		return diag.Settings.At(path, line, col, key+": "+err.Error(), "see docs/settings.md")
	}
	return diag.Settings.At(path, line, col, fmt.Sprintf("%s: %s is not %s", key, got, what), how)
}

// describe names a YAML value in a message: a scalar by its text, in
// quotes, and a list or mapping as such.
func describe(n ast.Node) string {
	switch n.Type() {
	case ast.MappingType, ast.MappingValueType:
		return "a mapping"
	case ast.SequenceType:
		return "a list"
	}
	return strconv.Quote(n.GetToken().Value)
}

// wanted says what a setting of type t holds, and how to write one.
func wanted(key string, t reflect.Type) (what, how string) {
	example := func() string {
		d := reflect.ValueOf(Defaults()).FieldByIndex([]int{fieldsByKey()[key]})
		return fmt.Sprint(d.Interface())
	}
	switch t.Kind() {
	case reflect.Bool:
		return "true or false", "write " + key + ": true or " + key + ": false"
	case reflect.Int:
		return "a whole number", "write a whole number, such as " + key + ": " + example()
	case reflect.Float64:
		return "a number", "write a number, such as " + key + ": " + example()
	case reflect.String:
		return "text", "write text, in quotes if it starts with [, {, * or another character YAML reads as syntax"
	case reflect.Interface:
		if key == "author" {
			return "text or a mapping", "write 'Name', 'Name <email>' or a mapping with name, email and url"
		}
		return "text or a number", "see docs/settings.md"
	case reflect.Map:
		return "a mapping of names to text", "write each entry indented below " + key + ":, as name: text"
	}
	return "", ""
}

// inOrder sorts problems by file and place, those with no place last.
func inOrder(l diag.List) {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if (a.Path == "") != (b.Path == "") {
			return b.Path == ""
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// yamlError turns a YAML library error into a located problem in the
// user's terms.
func yamlError(path string, err error) error {
	var ye yaml.Error
	if !errors.As(err, &ye) || ye.GetToken() == nil || ye.GetToken().Position == nil {
		return diag.Settings.At(path, 0, 0, err.Error(), "")
	}
	p := ye.GetToken().Position
	return diag.Settings.At(path, p.Line, p.Column, ye.GetMessage(),
		"check the indentation, and quote values that contain ': ' or start with a special character")
}
