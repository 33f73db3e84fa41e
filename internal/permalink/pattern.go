package permalink

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"
)

// Pattern makes links from feedpub's own `permalink:` setting, with
// Hugo's tokens (:year :month :day :monthname :yearday :weekday
// :weekdayname :section :sections (and :sections[1:] etc.) :slug :title
// :filename :contentbasename :slugorfilename :slugorcontentbasename, and
// Go time layouts such as :06), used for folders that are neither a Hugo
// nor a Jekyll site. Unlike Hugo, :slug and :filename keep the case and
// characters as written (feedpub has always used the slug as written),
// only percent-encoding what a URL path needs. Empty Pattern means
// ":slug/" (feedpub's historic default: base + slug + "/"). Empty
// segments from empty sections collapse ("/:sections/:year/" with no
// section → "2024/").
type Pattern struct{ Pattern string }

// DefaultPattern is the pattern an empty Pattern stands for.
const DefaultPattern = ":slug/"

// patternNames are the named tokens of feedpub's patterns.
var patternNames = map[string]bool{
	"year": true, "month": true, "monthname": true, "day": true, "weekday": true, "weekdayname": true,
	"yearday": true, "section": true, "sections": true, "title": true, "slug": true, "filename": true,
	"contentbasename": true, "slugorfilename": true, "slugorcontentbasename": true,
}

func patternKnown(attr string) bool {
	return patternNames[attr] || strings.HasPrefix(attr, "sections[") || isDateToken(attr)
}

func (pt Pattern) pattern() string {
	if pt.Pattern == "" {
		return DefaultPattern
	}
	return pt.Pattern
}

// Check reports an error for a pattern with an unknown :token, naming it,
// so settings can be refused early.
func (pt Pattern) Check() error { return checkTokens(pt.pattern(), patternKnown) }

// datePrefix is the "YYYY-MM-DD-" that feedpub drops from file names.
var datePrefix = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}-`)

// FileSlug is the slug feedpub makes from a file name: the name without
// its extension and without a leading "YYYY-MM-DD-"; for a bundle's
// index file, the folder's name.
func FileSlug(p string) string {
	dir, name := fileParts(p)
	if name == "index" && dir != "" {
		name = path.Base(dir)
	}
	return datePrefix.ReplaceAllString(name, "")
}

// Link returns the article's link, which is also its id. The text of
// the pattern is kept as written, percent-encoded where a path needs it.
func (pt Pattern) Link(p Page) (link, id string, err error) {
	name := FileSlug(p.Path)
	slug := p.Slug
	if slug == "" {
		slug = name
	}
	pattern := pt.pattern()
	v, err := expandText(pattern, patternKnown, func(attr string) (string, error) {
		var s string
		switch {
		case attr == "section":
			if len(p.Sections) > 0 {
				s = p.Sections[0]
			}
		case attr == "sections" || strings.HasPrefix(attr, "sections["):
			s = sectionsToken(attr, p.Sections)
		case attr == "title":
			s = hugoMakePath(p.Title, true, false)
		case attr == "slug", attr == "slugorfilename", attr == "slugorcontentbasename":
			s = slug
		case attr == "filename", attr == "contentbasename":
			s = name
		default:
			s = dateToken(p.Date, attr)
		}
		return (&url.URL{Path: s}).EscapedPath(), nil
	}, func(text string) string {
		return escapePath(strings.ReplaceAll(text, escapedColon, ":"))
	})
	if err != nil {
		return "", "", fmt.Errorf("%s: %w", p.Path, err)
	}
	for strings.Contains(v, "//") {
		v = strings.ReplaceAll(v, "//", "/")
	}
	link = strings.TrimPrefix(v, "/")
	if link == "/" {
		link = ""
	}
	return link, link, nil
}

// escapePath percent-encodes what may not stand in a URL path the way
// feedpub has always written slugs (Go's net/url), keeping slashes and
// the escapes the pattern's author wrote.
func escapePath(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '%')
		if j < 0 {
			j = len(s) - i
		}
		b.WriteString((&url.URL{Path: s[i : i+j]}).EscapedPath())
		i += j
		if i < len(s) {
			if i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				b.WriteString(s[i : i+3])
				i += 3
			} else {
				b.WriteString("%25")
				i++
			}
		}
	}
	return b.String()
}
