package config

import (
	"slices"

	"github.com/feedpub/feedpub/internal/shortcode"
)

// Markup is how a site's generator renders articles, as its own settings
// say; site mode sets it, feedpub.yaml never does.
type Markup struct {
	// Goldmark switches Hugo's Markdown extensions and options, by the
	// lower-cased names under markup.goldmark: footnote, definitionlist,
	// typographer, linkify, table, strikethrough, tasklist, unsafe,
	// attribute.title, autoheadingid. Unset names keep Hugo's defaults.
	Goldmark map[string]bool
	// SummaryLength is Hugo's summaryLength; 0 means Hugo's 70.
	SummaryLength int
	// ExcerptSeparator is Jekyll's excerpt_separator; empty means "\n\n".
	ExcerptSeparator string
	// Params are what {{< param >}} and {{ site.x }} read: Hugo's params,
	// or Jekyll's whole _config.yml.
	Params map[string]any
	// Collections are the permalink patterns of a Jekyll site's
	// collections, by name, for {% link _name/file.md %}.
	Collections map[string]string
	// Root is the site's folder, where {% link %} paths start.
	Root string
}

// checkShortcodes checks the templates of the shortcodes a site teaches
// feedpub.
func checkShortcodes(templates map[string]string) error {
	names := make([]string, 0, len(templates))
	for n := range templates {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		if _, err := shortcode.Compile(n, templates[n]); err != nil {
			return err
		}
	}
	return nil
}
