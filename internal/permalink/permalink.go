// Package permalink makes the link and id of an article the way Hugo,
// Jekyll (with jekyll-feed), or feedpub's own `permalink:` setting make
// them.
package permalink

import (
	"path"
	"strings"
	"time"
)

// Page is what links are made from.
type Page struct {
	// Path is the content file relative to the content root, with slashes:
	// Hugo: relative to contentDir ("news/2021/0.91.2-relnotes/index.md", "posts/My First Post.md");
	// Jekyll: relative to the site root ("_posts/2024-03-05-x.md", "release/_posts/2025-01-29-jekyll-4-4-1-released.markdown");
	// feedpub: relative to the articles folder ("inside-rust/2019-10-10-x.md").
	Path string
	// Sections are the page's sections, outermost first (Hugo: top folder,
	// plus deeper folders that have an _index file; feedpub: every folder).
	// Used by :section and :sections.
	Sections []string
	// SectionSlugs are, for Hugo's :sectionslug and :sectionslugs, the
	// slug, else the title, of each section's page, matching Sections.
	// Only patterns with those tokens need them.
	SectionSlugs []string
	Slug         string    // front matter slug, "" when unset
	Title        string    // front matter title
	Date         time.Time // the date the generator uses for the URL, already in the right zone (Hugo: the page's date with its own offset; Jekyll: converted to the site's zone)
	// Categories (Jekyll): the front matter's categories as the site reads
	// them (category alone, else categories), before the folder
	// categories, which Link takes from Path itself.
	Categories []string
	// URL is the front matter's url (Hugo) or permalink (Jekyll), "" when unset.
	URL string
}

// A Linker makes a page's link and id, each a path relative to the site's
// base URL (no leading slash; percent-encoded the way the generator's feed
// writes it; "" for the base itself). id is the link when the generator
// uses the link as id.
type Linker interface {
	Link(p Page) (link, id string, err error)
}

// fileParts splits a content path into its folder ("" at the root) and
// the file's name without its extension.
func fileParts(p string) (dir, name string) {
	dir, file := path.Split(p)
	dir = strings.TrimSuffix(dir, "/")
	if ext := path.Ext(file); ext != "" && ext != file {
		file = strings.TrimSuffix(file, ext)
	}
	return dir, file
}

// The three ways of making links.
var (
	_ Linker = Hugo{}
	_ Linker = Jekyll{}
	_ Linker = Pattern{}
)
