package config

import (
	"strings"
)

// aliases are other names for settings, as Hugo's and Jekyll's settings
// or feedpub's own flags spell them, with feedpub's key for each. They are
// in their folded form (see fold); spellings that differ from a key only
// in case, dashes or underscores (baseURL, baseurl, timeZone, tagFeeds)
// need none.
var aliases = map[string]string{
	"url":          "base_url", // Jekyll
	"siteurl":      "base_url",
	"languagecode": "language", // Hugo
	"lang":         "language", // Jekyll
	"contentdir":   "articles", // Hugo
	"publishdir":   "output",   // Hugo
	"destination":  "output",   // Jekyll
	"out":          "output",   // feedpub's --out
	"builddrafts":  "drafts",   // Hugo
	"showdrafts":   "drafts",   // Jekyll
	"buildfuture":  "future",   // Hugo
	"buildexpired": "expired",  // Hugo
	"permalinks":   "permalink",
	"rsslimit":     "limit", // Hugo
}

// notes say more about a setting whose other tools' spelling means
// something a little different.
var notes = map[string]string{
	"base_url": " (the site's whole address, such as https://example.com/blog/)",
}

// suggest is the hint for an unknown key: the setting it probably means,
// or else the list of settings.
func suggest(key string) string {
	if k := closest(key); k != "" {
		return "did you mean " + k + "?" + notes[k]
	}
	return "the settings are " + strings.Join(keys(), ", ")
}

// closest returns the setting key most probably meant by key: one that
// is the same but for case, dashes and underscores, another tool's name
// for it, or one a short edit away; "" if none is.
func closest(key string) string {
	k := fold(key)
	if k == "" {
		return ""
	}
	if a, ok := aliases[k]; ok {
		return a
	}
	best, bestDist := "", maxEdits(k)+1
	for _, name := range keys() {
		if d := distance(k, fold(name)); d < bestDist {
			best, bestDist = name, d
		}
	}
	return best
}

// fold is key lower-cased without dashes, underscores, dots and spaces.
func fold(key string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(key) {
		switch r {
		case '-', '_', '.', ' ':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// maxEdits is how many edits away from a key a folded name may be and
// still be taken for it: one for short names, two for longer ones.
func maxEdits(folded string) int {
	switch n := len(folded); {
	case n < 3:
		return 0
	case n <= 5:
		return 1
	}
	return 2
}

// distance is the optimal string alignment distance between a and b:
// the fewest insertions, deletions, substitutions and swaps of adjacent
// characters that turn one into the other.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
