package config

import (
	"bufio"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

// settingsDoc is the settings reference that TestSettingsDocumented holds
// to Settings and Defaults.
const settingsDoc = "../../docs/settings.md"

// keyEntry is a key's entry in the settings reference: a table row
// "| `key` | default | meaning |", where the default is the key's
// built-in value as a code span (`"text"`, `20`, `0.5`, `true`, `[a, b]`)
// or the word none for an unset key. Every row of that page that starts
// with "| `" is read as a key entry, so it must have this shape.
var keyEntry = regexp.MustCompile("^\\| `([^`]+)` \\| (none|`[^`]*`) \\| (.*\\S.*) \\|$")

// TestSettingsDocumented checks that docs/settings.md lists every settings
// key exactly once, no key that does not exist, and for each the default
// that Defaults gives it.
func TestSettingsDocumented(t *testing.T) {
	entries := readKeyEntries(t, settingsDoc)
	fields := settingsFields()
	defaults := reflect.ValueOf(Defaults())

	count := map[string]int{}
	for _, e := range entries {
		count[e.key]++
		if count[e.key] == 2 {
			t.Errorf("%s:%d: `%s` is documented more than once", settingsDoc, e.line, e.key)
		}
		index, ok := fields[e.key]
		if !ok {
			t.Errorf("%s:%d: `%s` is documented but is not a settings key", settingsDoc, e.line, e.key)
			continue
		}
		want := defaults.Field(index)
		if cell := defaultCell(want); e.def != cell {
			t.Errorf("%s:%d: `%s`'s default is written %s; Defaults gives %s", settingsDoc, e.line, e.key, e.def, cell)
		}
		if got, err := readDefault(e.key, e.def, index); err != nil {
			t.Errorf("%s:%d: `%s`'s default %s does not read as a setting: %v", settingsDoc, e.line, e.key, e.def, err)
		} else if !reflect.DeepEqual(got.Interface(), want.Interface()) {
			t.Errorf("%s:%d: `%s`'s default %s reads as %#v; Defaults gives %#v", settingsDoc, e.line, e.key, e.def, got.Interface(), want.Interface())
		}
	}
	var missing []string
	for key := range fields {
		if count[key] == 0 {
			missing = append(missing, key)
		}
	}
	sort.Strings(missing)
	for _, key := range missing {
		t.Errorf("%s: the setting `%s` is not documented: add a row \"| `%s` | %s | … |\"", settingsDoc, key, key, defaultCell(defaults.Field(fields[key])))
	}
}

// TestDefaultCell checks how a default is written in the settings
// reference, for each kind of value a setting can hold.
func TestDefaultCell(t *testing.T) {
	tests := []struct {
		value any
		want  string
	}{
		{"feedpub", "`\"feedpub\"`"},
		{"", "`\"\"`"},
		{"public, max-age=300", "`\"public, max-age=300\"`"},
		{true, "`true`"},
		{false, "`false`"},
		{20, "`20`"},
		{0, "`0`"},
		{0.5, "`0.5`"},
		{1.0, "`1`"},
		{[]string{"a", "b c"}, "`[\"a\", \"b c\"]`"},
		{[]string{}, "`[]`"},
		{[]string(nil), "none"},
		{map[string]string{"b": "2", "a": "1"}, "`{\"a\": \"1\", \"b\": \"2\"}`"},
		{map[string]string(nil), "none"},
	}
	for _, tt := range tests {
		if got := defaultCell(reflect.ValueOf(tt.value)); got != tt.want {
			t.Errorf("defaultCell(%#v) = %s, want %s", tt.value, got, tt.want)
		}
	}
	var unset any
	if got := defaultCell(reflect.ValueOf(&unset).Elem()); got != "none" {
		t.Errorf("defaultCell(unset any) = %s, want none", got)
	}
}

// docEntry is one key entry of the settings reference.
type docEntry struct {
	key, def string
	line     int
}

// readKeyEntries reads the key entries of the settings reference, failing
// the test on a row that starts like one but is not.
func readKeyEntries(t *testing.T, path string) []docEntry {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []docEntry
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		m := keyEntry.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("%s:%d: a key entry must read \"| `key` | `default` or none | meaning |\": %s", path, n, line)
			continue
		}
		out = append(out, docEntry{key: m[1], def: m[2], line: n})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("%s has no key entries", path)
	}
	return out
}

// settingsFields maps each settings key (a yaml tag of Settings other than
// "-") to its field's index.
func settingsFields() map[string]int {
	out := map[string]int{}
	typ := reflect.TypeOf(Settings{})
	for i := 0; i < typ.NumField(); i++ {
		key, _, _ := strings.Cut(typ.Field(i).Tag.Get("yaml"), ",")
		if key != "" && key != "-" {
			out[key] = i
		}
	}
	return out
}

// defaultCell writes v as the settings reference writes a default: none
// for an unset value, else a code span holding v as YAML would read it.
func defaultCell(v reflect.Value) string {
	if unset(v) {
		return "none"
	}
	return "`" + yamlValue(v) + "`"
}

// unset reports whether v is a value no settings file wrote: a nil
// interface, map or list.
func unset(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Interface, reflect.Map, reflect.Slice, reflect.Pointer:
		return v.IsNil()
	}
	return false
}

// yamlValue writes v in YAML's flow style: strings quoted, numbers and
// booleans bare, lists in brackets, mappings in braces with sorted keys.
func yamlValue(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		return yamlValue(v.Elem())
	case reflect.String:
		return strconv.Quote(v.String())
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'g', -1, 64)
	case reflect.Slice, reflect.Array:
		items := make([]string, v.Len())
		for i := range items {
			items[i] = yamlValue(v.Index(i))
		}
		return "[" + strings.Join(items, ", ") + "]"
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
		items := make([]string, len(keys))
		for i, k := range keys {
			items[i] = yamlValue(k) + ": " + yamlValue(v.MapIndex(k))
		}
		return "{" + strings.Join(items, ", ") + "}"
	}
	return fmt.Sprintf("<%s>", v.Kind())
}

// readDefault reads a documented default the way a settings file's
// "key: value" line is read, into an otherwise empty Settings, and
// returns the field it set. none reads as the field's zero value.
func readDefault(key, cell string, index int) (reflect.Value, error) {
	var s Settings
	if cell != "none" {
		src := key + ": " + strings.Trim(cell, "`") + "\n"
		if err := yaml.UnmarshalWithOptions([]byte(src), &s, yaml.DisallowUnknownField()); err != nil {
			return reflect.Value{}, err
		}
	}
	return reflect.ValueOf(s).Field(index), nil
}
