package article

import (
	"slices"
	"strings"
	"time"

	"github.com/feedpub/feedpub/internal/frontmatter"
)

// Dialect says whose rules an article's front matter follows: feedpub's
// own, or those of the site generator whose content folder is read.
type Dialect int

// The dialects.
const (
	Feedpub Dialect = iota // feedpub's fields and checks
	Hugo                   // Hugo's front matter, as Hugo reads it
	Jekyll                 // Jekyll's post front matter, as Jekyll and jekyll-feed read it
)

// Options say how to read an article file.
type Options struct {
	Location *time.Location // the zone of dates written without one
	Dialect  Dialect
	// Taxonomies are front matter keys, lower-case, whose lists of terms
	// are kept in Article.Terms (a Hugo site's own taxonomies).
	Taxonomies []string
	// HugoDates are a Hugo site's [frontmatter] rules; nil for Hugo's
	// defaults.
	HugoDates *HugoDates
}

// HugoDates are Hugo's [frontmatter] rules: for each of a page's dates,
// the front matter keys (lower-case) it is taken from, first set wins,
// with ":filename" for a date at the start of the file name (which
// then leaves the slug) and ":filemodtime" for the file's time.
type HugoDates struct {
	Date, PublishDate, Lastmod, ExpiryDate []string
}

// DefaultHugoDates are Hugo's defaults.
var DefaultHugoDates = HugoDates{
	Date:        []string{"date", "publishdate", "pubdate", "published", "lastmod", "modified"},
	PublishDate: []string{"publishdate", "pubdate", "published", "date"},
	Lastmod:     []string{":git", "lastmod", "modified", "date", "publishdate", "pubdate", "published"},
	ExpiryDate:  []string{"expirydate", "unpublishdate"},
}

// isKey reports whether key is named by any of the rules.
func (h *HugoDates) isKey(key string) bool {
	for _, list := range [][]string{h.Date, h.PublishDate, h.Lastmod, h.ExpiryDate} {
		if slices.Contains(list, key) {
			return true
		}
	}
	return false
}

// fieldName maps a front matter key, lower-cased, to the field it sets in
// a dialect, or "" for keys that dialect does not read (other tools' keys
// such as weight or layout are allowed).
func (d Dialect) fieldName(key string) string {
	switch d {
	case Hugo:
		switch key {
		case "title", "author", "authors", "tags", "categories", "slug", "url", "image", "lang", "draft",
			"summary", "headless", "build", "enclosure", "weight", "image_alt", "translationkey":
			return key
		case "redirect", "redirect_to":
			return "redirect"
		}
		return ""
	case Jekyll:
		switch key {
		case "title", "author", "authors", "tags", "categories", "slug", "image", "lang", "draft", "date",
			"published", "excerpt", "description", "enclosure", "image_alt":
			return key
		case "redirect_to":
			return "redirect"
		case "category":
			return "categories"
		case "permalink":
			return "url"
		case "last_modified_at":
			return "updated"
		}
		return ""
	}
	return aliases[key]
}

// repeatable reports whether a dialect lets two keys set one field, the
// first one written winning (Hugo's date keys; Jekyll's category and
// categories, where category wins).
func (d Dialect) repeatable(name string) bool {
	switch d {
	case Jekyll:
		return name == "categories"
	}
	return false
}

// absent reports whether a value counts as not written: empty or null,
// as every generator reads it.
func absent(v *frontmatter.Node) bool {
	return v.Kind == frontmatter.KindNull || (v.Kind == frontmatter.KindString && strings.TrimSpace(v.Str) == "")
}

// hugoBool reads a value as Hugo's front matter does (cast.ToBool): true,
// "true", "t", "1" and 1 are true; anything else, "yes" included, false.
func hugoBool(v *frontmatter.Node) bool {
	switch strings.ToLower(strings.TrimSpace(v.Str)) {
	case "true", "t", "1":
		return v.Kind == frontmatter.KindBool || v.Kind == frontmatter.KindString || v.Kind == frontmatter.KindNumber
	}
	return false
}

// jekyllFalse reports whether a value is false as Ruby reads it in
// `published: false`: only the boolean false (YAML's false, no, off).
func jekyllFalse(v *frontmatter.Node) bool {
	return v.Kind == frontmatter.KindBool && v.Str == "false"
}

// TitleFromSlug is the title jekyll-feed gives a post without one: the
// slug's words, dash-separated, each capitalised ("no-title_here" →
// "No Title_here").
func TitleFromSlug(slug string) string {
	words := strings.Split(slug, "-")
	for i, w := range words {
		if w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}
