package config

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
)

// resolveMoved checks the moved setting into site.Moved, and lets the
// site say where its settings were set.
func (s *Settings) resolveMoved(site *Site, bad func(key, msg, hint string)) {
	origins := maps.Clone(s.origin)
	site.setAt = func(key string) origin { return origins[key] }
	if len(s.Moved) == 0 {
		return
	}
	site.Moved = map[string]string{}
	for _, old := range slices.Sorted(maps.Keys(s.Moved)) {
		to := s.Moved[old]
		switch {
		case !InsideName(old):
			bad("moved", fmt.Sprintf("%q is not a file name inside the output directory", old), "write the old feed's path, like rss.xml: 'moved: {rss.xml: feed.xml}'")
		case !InsideName(to) && !httpURL(to, false):
			bad("moved", fmt.Sprintf("%s: %q is neither a file name inside the output directory nor an absolute http or https URL", old, to), "write where the feed went, like feed.xml or https://example.com/feed.xml")
		case old == to:
			bad("moved", fmt.Sprintf("%s moves to itself", old), "leave it out of moved")
		default:
			site.Moved[old] = to
		}
	}
}

// InsideName reports whether name is a clean, slash-separated file name
// inside the output directory.
func InsideName(name string) bool {
	return name != "" && path.Clean(name) == name && !strings.HasPrefix(name, "/") && !strings.HasPrefix(name, "../") && name != ".." && name != "."
}

// SetAt says where the setting key was set: a place in the settings file
// (path, line and column), or by what (a flag, a site generator's
// settings) with path empty, or nothing for a default.
func (s *Site) SetAt(key string) (path string, line, col int, by string) {
	if s.setAt == nil {
		return "", 0, 0, ""
	}
	o := s.setAt(key)
	return o.path, o.line, o.col, o.by
}
