package build

import "sort"

// sortCandidates orders candidates as they appear in a feed.
func sortCandidates(cs []candidate) {
	sort.Slice(cs, func(i, j int) bool { return cs[i].before(cs[j]) })
}
