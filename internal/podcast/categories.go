package podcast

import (
	"slices"
	"strings"
)

// Categories are Apple Podcasts' categories, each with its subcategories,
// as Apple lists them for itunes:category.
var Categories = []Category{
	{"Arts", []string{"Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"}},
	{"Business", []string{"Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit"}},
	{"Comedy", []string{"Comedy Interviews", "Improv", "Stand-Up"}},
	{"Education", []string{"Courses", "How To", "Language Learning", "Self-Improvement"}},
	{"Fiction", []string{"Comedy Fiction", "Drama", "Science Fiction"}},
	{"Government", nil},
	{"History", nil},
	{"Health & Fitness", []string{"Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition", "Sexuality"}},
	{"Kids & Family", []string{"Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"}},
	{"Leisure", []string{"Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies", "Home & Garden", "Video Games"}},
	{"Music", []string{"Music Commentary", "Music History", "Music Interviews"}},
	{"News", []string{"Business News", "Daily News", "Entertainment News", "News Commentary", "Politics", "Sports News", "Tech News"}},
	{"Religion & Spirituality", []string{"Buddhism", "Christianity", "Hinduism", "Islam", "Judaism", "Religion", "Spirituality"}},
	{"Science", []string{"Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics", "Natural Sciences", "Nature", "Physics", "Social Sciences"}},
	{"Society & Culture", []string{"Documentary", "Personal Journals", "Philosophy", "Places & Travel", "Relationships"}},
	{"Sports", []string{"Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf", "Hockey", "Rugby", "Running", "Soccer", "Swimming", "Tennis", "Volleyball", "Wilderness", "Wrestling"}},
	{"Technology", nil},
	{"True Crime", nil},
	{"TV & Film", []string{"After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"}},
}

// Category is one of Apple's categories and its subcategories.
type Category struct {
	Name string
	Subs []string
}

// FindCategory returns the category named name, exactly as Apple writes
// it, and whether there is one.
func FindCategory(name string) (Category, bool) {
	for _, c := range Categories {
		if c.Name == name {
			return c, true
		}
	}
	return Category{}, false
}

// HasSub reports whether sub is one of c's subcategories, as Apple writes
// it.
func (c Category) HasSub(sub string) bool { return slices.Contains(c.Subs, sub) }

// Suggest is the name among names most probably meant by s: the same but
// for case, spaces and punctuation ("and" for "&"), or a few edits away;
// "" when none is close.
func Suggest(s string, names []string) string {
	k := fold(s)
	if k == "" {
		return ""
	}
	best, bestDist := "", len(k)/4+2
	for _, n := range names {
		f := fold(n)
		if f == k {
			return n
		}
		if d := distance(k, f); d < bestDist {
			best, bestDist = n, d
		}
	}
	return best
}

// CategoryNames lists Apple's categories.
func CategoryNames() []string {
	var out []string
	for _, c := range Categories {
		out = append(out, c.Name)
	}
	return out
}

// fold is s lower-cased, with "and" for "&" and without spaces, dashes
// and other punctuation.
func fold(s string) string {
	s = strings.ReplaceAll(strings.ToLower(s), "&", "and")
	var b strings.Builder
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
