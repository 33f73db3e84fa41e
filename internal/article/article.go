// Package article reads article files: Markdown with YAML or TOML front
// matter, in the layout Hugo and Jekyll use. It checks every field and
// reports each problem at its line and column, and leaves rendering the
// body to the content package.
package article

import (
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/feedpub/feedpub/internal/model"
)

// Article is one parsed article file. Fields the file leaves out are
// empty; defaults that depend on the site (URL, ID, authors) are filled in
// later, when the feed is built.
type Article struct {
	Path       string // the file, as it is named in messages
	Title      string
	Date       time.Time
	Updated    time.Time // zero when the front matter gives none
	Summary    string    // Markdown; empty when the front matter gives none
	Authors    []model.Person
	Tags       []string
	Categories []string
	Terms      map[string][]string // terms of the site's own taxonomies, by front matter key
	Slug       string              // from the front matter or the file name
	URL        string              // as written: absolute, relative to the site, or empty
	ID         string              // as written, or empty
	Image      string              // as written, or empty
	ImageAlt   string              // the image's text (image_alt), or empty for the title
	Enclosure  *Enclosure          // a file attached to the article, or nil
	Lang       string
	Draft      bool
	// TranslationKey ties a Hugo page to its translations when their
	// paths differ (front matter translationKey).
	TranslationKey string
	Expires        time.Time // Hugo's expiryDate; zero when none
	Weight         int       // Hugo's weight, which orders pages before dates; 0 for none
	// Skip, when set, says why the site's generator leaves the file out of
	// its feeds although it is well-formed (a headless bundle, a post with
	// 'published: false'); the build leaves it out too.
	Skip     string
	Body     []byte // the Markdown after the front matter
	BodyLine int    // the file line on which Body starts

	// ExternalURL, for a link post, is the page it is about, as written
	// (absolute, or relative to the article), or empty.
	ExternalURL string
	// Source is the feed a repost first appeared in, or nil.
	Source *Source

	// Pos is where each field that the front matter sets was written,
	// keyed by its canonical name ("url" for "link", and so on), so that
	// checks across articles can point at it.
	Pos map[string]Pos
}

// Pos is a line and column in an article file.
type Pos struct{ Line, Col int }

// At returns where field was written, or the first line of the file when
// the front matter does not set it.
func (a *Article) At(field string) Pos {
	if p, ok := a.Pos[field]; ok {
		return p
	}
	return Pos{1, 1}
}

var jekyllPrefix = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})-`)

// nameSlug derives a slug from a file name as Jekyll and Hugo do: the name
// without its extension and without a leading "YYYY-MM-DD-"; for a page
// bundle's index.md, the folder's name. It also returns the date of the
// Jekyll prefix, if any.
func nameSlug(path string) (slug, date string) {
	base := filepath.Base(path)
	base = strings.TrimSuffix(base, filepath.Ext(base))
	if base == "index" {
		base = filepath.Base(filepath.Dir(path))
	}
	if m := jekyllPrefix.FindStringSubmatch(base); m != nil {
		return base[len(m[0]):], m[1]
	}
	return base, ""
}
