// Package sitemode reads the settings of a Hugo or Jekyll site, so that
// feedpub run in the site's root builds that site's feeds by the
// generator's rules: the same articles, links, ids and feed paths.
package sitemode

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/pelletier/go-toml/v2"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/diag"
)

// Apply looks for a Hugo or Jekyll site in dir and, when it finds one,
// sets from its settings what feedpub's settings share with them. It
// returns a line saying which settings it read, or "" when dir is no such
// site.
func Apply(dir string, s *config.Settings) (string, error) {
	return ApplyLanguage(dir, "", s)
}

// ApplyLanguage is Apply for one of the languages Languages lists; ""
// is the site's default language.
func ApplyLanguage(dir, lang string, s *config.Settings) (string, error) {
	if name := hugoFile(dir); name != "" {
		return hugo(dir, name, lang, s)
	}
	for _, name := range []string{"_config.yml", "_config.yaml"} {
		if isFile(filepath.Join(dir, name)) {
			return jekyll(dir, name, s)
		}
	}
	return "", nil
}

// tree is a settings file's content, with keys lower-cased, as Hugo reads
// them (Jekyll's keys are lower-case already).
type tree map[string]any

// readTree reads a TOML, YAML or JSON settings file.
func readTree(path string) (tree, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, diag.Settings.Errorf("reading %s: %w", path, err)
	}
	var raw map[string]any
	switch strings.ToLower(filepath.Ext(path)) {
	case ".toml":
		err = toml.Unmarshal(data, &raw)
	case ".json":
		err = json.Unmarshal(data, &raw)
	default:
		err = yaml.Unmarshal(data, &raw)
	}
	if err != nil {
		return nil, located(path, data, err)
	}
	return lower(raw), nil
}

// located words a settings file's syntax error as path:line:col.
func located(path string, data []byte, err error) error {
	var te *toml.DecodeError
	var ye yaml.Error
	var je *json.SyntaxError
	line, col, msg := 0, 0, err.Error()
	switch {
	case errors.As(err, &te):
		line, col = te.Position()
		msg = strings.TrimPrefix(err.Error(), "toml: ")
	case errors.As(err, &ye) && ye.GetToken() != nil && ye.GetToken().Position != nil:
		line, col, msg = ye.GetToken().Position.Line, ye.GetToken().Position.Column, ye.GetMessage()
	case errors.As(err, &je):
		before := data[:min(int(je.Offset), len(data))]
		line = bytes.Count(before, []byte("\n")) + 1
		col = len(before) - bytes.LastIndexByte(before, '\n')
	}
	if line == 0 {
		msg = err.Error()
	}
	return diag.Settings.At(path, line, col, msg, "correct the site's settings file")
}

// lower lower-cases the keys of every mapping in v.
func lower(v map[string]any) tree {
	out := tree{}
	for k, x := range v {
		out[strings.ToLower(k)] = lowerAny(x)
	}
	return out
}

func lowerAny(x any) any {
	switch x := x.(type) {
	case map[string]any:
		return lower(x)
	case tree:
		return lower(x)
	case []any:
		for i := range x {
			x[i] = lowerAny(x[i])
		}
	}
	return x
}

// key sums up a settings tree (fmt prints maps sorted by key).
func (t tree) key() string {
	sum := sha256.Sum256([]byte(fmt.Sprint(map[string]any(t))))
	return hex.EncodeToString(sum[:])
}

// merge sets every key of over into t, merging mappings key by key.
func (t tree) merge(over tree) {
	for k, v := range over {
		if sub, ok := v.(tree); ok {
			if into, ok := t[k].(tree); ok {
				into.merge(sub)
				continue
			}
		}
		t[k] = v
	}
}

// get follows a dotted path of keys: "params.author.name".
func (t tree) get(path string) any {
	var v any = t
	for _, k := range strings.Split(path, ".") {
		m, ok := v.(tree)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// str is the string at path, or "".
func (t tree) str(path string) string {
	switch v := t.get(path).(type) {
	case string:
		return strings.TrimSpace(v)
	case nil:
		return ""
	default:
		return fmt.Sprint(v)
	}
}

// sub is the mapping at path, or an empty one.
func (t tree) sub(path string) tree {
	if m, ok := t.get(path).(tree); ok {
		return m
	}
	return tree{}
}

// boolean is the boolean at path, or false.
func (t tree) boolean(path string) bool {
	switch v := t.get(path).(type) {
	case bool:
		return v
	case string:
		return strings.EqualFold(v, "true")
	}
	return false
}

// integer is the whole number at path, and whether there is one.
func (t tree) integer(path string) (int, bool) {
	switch v := t.get(path).(type) {
	case int64:
		return int(v), true
	case uint64:
		return int(v), true
	case int:
		return v, true
	case float64:
		return int(v), true
	}
	return 0, false
}

// set sets a feedpub setting from a site's setting, recording where it
// came from for messages.
func set[T any](s *config.Settings, key, where string, field *T, v T) {
	*field = v
	s.SetBy(key, where)
}

func isFile(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular()
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}
