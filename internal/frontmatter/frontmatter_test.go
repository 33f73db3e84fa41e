package frontmatter

import (
	"fmt"
	"strings"
	"testing"
)

func TestPositions(t *testing.T) {
	tests := []struct {
		name, src string
		want      map[string][2]int // key: line, col of the key
		bodyLine  int
	}{
		{"YAML", "---\ntitle: x\n\ntags:\n  - a\n---\nbody\n", map[string][2]int{"title": {2, 1}, "tags": {4, 1}}, 7},
		{"TOML", "+++\ntitle = 'x'\n  date = 2024-01-01\n[author]\nname = 'A'\n+++\n", map[string][2]int{"title": {2, 1}, "date": {3, 3}, "author": {4, 2}}, 7},
		{"YAML ends with dots", "---\ntitle: x\n...\nbody", map[string][2]int{"title": {2, 1}}, 4},
		{"empty YAML", "---\n---\n", map[string][2]int{}, 3},
	}
	for _, tt := range tests {
		doc, err := Parse("a.md", []byte(tt.src))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		got := map[string][2]int{}
		for _, f := range doc.Fields.Map {
			got[f.Key] = [2]int{f.Line, f.Col}
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s: keys %v, want %v", tt.name, got, tt.want)
		}
		for k, w := range tt.want {
			if got[k] != w {
				t.Errorf("%s: %s at %v, want %v", tt.name, k, got[k], w)
			}
		}
		if doc.BodyLine != tt.bodyLine {
			t.Errorf("%s: body on line %d, want %d", tt.name, doc.BodyLine, tt.bodyLine)
		}
	}
}

func TestNestingBound(t *testing.T) {
	deep := "---\ntitle: " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "\n---\n"
	_, err := Parse("a.md", []byte(deep))
	if err == nil || !strings.Contains(err.Error(), "nest more than 32 levels") {
		t.Errorf("deep nesting: %v", err)
	}
	deepTOML := "+++\ntitle = " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "\n+++\n"
	_, err = Parse("a.md", []byte(deepTOML))
	if err == nil || !strings.Contains(err.Error(), "nest more than 32 levels") {
		t.Errorf("deep TOML nesting: %v", err)
	}
}

// TestBounded feeds the parsers the inputs whose cost grows faster than
// their size and checks they are refused, with a located error, before
// they are parsed.
func TestBounded(t *testing.T) {
	var yamlKeys, tomlKeys strings.Builder
	for i := 0; i < 20000; i++ {
		fmt.Fprintf(&yamlKeys, "k%d: v\n", i)
		fmt.Fprintf(&tomlKeys, "k%d = 1\n", i)
	}
	deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	tests := []struct{ name, src, want string }{
		{"YAML keys", "---\n" + yamlKeys.String() + "---\n", "a.md:10002:7: the front matter has more than 10000 keys"},
		{"TOML keys", "+++\n" + tomlKeys.String() + "+++\n", "a.md:10002:8: the front matter has more than 10000 keys"},
		{"YAML flow map keys", "---\nm: {" + strings.Repeat("a: 1, ", 20000) + "}\n---\n", "a.md:2:60000: the front matter has more than 10000 keys"},
		{"YAML nesting", "---\ntitle: " + deep + "\n---\n", "a.md:2:40: values nest more than 32 levels deep"},
		{"YAML nesting after an apostrophe", "---\nsummary: it's\ntitle: " + deep + "\n---\n", "a.md:3:40: values nest more than 32 levels deep"},
		{"TOML nesting", "+++\ntitle = " + deep + "\n+++\n", "a.md:2:41: values nest more than 32 levels deep"},
	}
	for _, tt := range tests {
		_, err := Parse("a.md", []byte(tt.src))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
	// Quoted brackets and colons are text, not structure.
	if _, err := Parse("a.md", []byte("---\ntitle: '"+strings.Repeat("[: ", 20000)+"'\n---\n")); err != nil {
		t.Errorf("quoted text was taken for structure: %v", err)
	}
}
