package scan

import "testing"

// TestMakeSlug checks slugs of names in several scripts, of the names
// that tell languages apart, and of names with nothing to keep.
func TestMakeSlug(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"Go", "go"},
		{"Release Notes", "release-notes"},
		{"Café Crème", "cafe-creme"},
		{"Москва", "moskva"},
		{"日本語", "ri-ben-yu"},
		{"straße", "strasse"},
		{"C++", "c-plus-plus"},
		{"C#", "c-sharp"},
		{"C", "c"},
		{"AI & ML", "ai-and-ml"},
		{"a/b?c", "a-b-c"},
		{"+++", "plus-plus-plus"},
		// Nothing to keep: named by a hash of the name.
		{"!!!", "x-e84c538e7f"},
		{"]]>", "x-627eb540d7"},
		{"🚀", "x-ebbc0b2870"},
		{"…", "x-b4935894c8"},
	} {
		if got := MakeSlug(tc.name); got != tc.want {
			t.Errorf("MakeSlug(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}
