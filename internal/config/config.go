// Package config holds a site's settings: built-in defaults, overridden by
// an optional feedpub.yaml, overridden by command-line flags. Resolve
// checks them and turns them into a Site the build uses.
package config

import (
	"github.com/feedpub/feedpub/internal/article"
	"github.com/feedpub/feedpub/internal/model"
	"github.com/feedpub/feedpub/internal/permalink"
)

// DefaultFile is the configuration file read when none is named.
const DefaultFile = "feedpub.yaml"

// Settings are the site's settings as written in feedpub.yaml. Every key
// is optional; an unknown key is an error.
type Settings struct {
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	BaseURL     string `yaml:"base_url"`
	Language    string `yaml:"language"`
	Author      any    `yaml:"author"` // "Name", "Name <email>" or {name, email, url}
	Copyright   string `yaml:"copyright"`
	Timezone    string `yaml:"timezone"`
	Articles    string `yaml:"articles"`
	Output      string `yaml:"output"`
	Limit       int    `yaml:"limit"`   // items per feed; 0 means every article
	Content     string `yaml:"content"` // "full" or "summary"
	RSSFile     string `yaml:"rss_file"`
	AtomFile    string `yaml:"atom_file"`
	JSONFile    string `yaml:"json_file"`
	// MaxArticleSize is the largest article file read: bytes, or a size
	// such as "10MiB" or "512 KiB".
	MaxArticleSize any `yaml:"max_article_size"`
	// MaxDrop is the largest share (0 to 1) of the published items a build
	// may drop without --force.
	MaxDrop float64 `yaml:"max_drop"`
	// Cache is the file where a build leaves what it learned for the next.
	Cache string `yaml:"cache"`

	// Feed families: a feed set per tag, per category, per author.
	TagFeeds      bool `yaml:"tag_feeds"`
	CategoryFeeds bool `yaml:"category_feeds"`
	AuthorFeeds   bool `yaml:"author_feeds"`
	// Archive writes every article not in the main feed into RFC 5005
	// archive documents of ArchiveSize items, with ArchiveContent
	// ("summary" or "full").
	Archive        bool   `yaml:"archive"`
	ArchiveSize    int    `yaml:"archive_size"`
	ArchiveContent string `yaml:"archive_content"`
	// SectionFeeds writes a feed set per Hugo section, where Hugo writes
	// its section feeds.
	SectionFeeds bool `yaml:"section_feeds"`
	// Pages writes an HTML page beside each feed set, listing its feeds,
	// and a snippet of autodiscovery links. Off in site mode, where the
	// generator makes the site's pages.
	Pages bool `yaml:"pages"`
	// ArticlePages writes an HTML page for each article at its link, and
	// copies the local files its body references to where their URLs
	// point. Never in site mode, where the generator makes those pages.
	ArticlePages bool `yaml:"article_pages"`
	// Sitemap writes sitemap.xml of the article pages; on by default only
	// with News (unless set false), since it reads every article again.
	Sitemap bool `yaml:"sitemap"`
	// Hub is a WebSub hub's URL, or empty.
	Hub string `yaml:"hub"`
	// Stylesheet names the browser view's script from the RSS and Atom
	// files, so browsers show them as a page.
	Stylesheet bool `yaml:"stylesheet"`

	// Moved maps a feed's old path in the output directory to where it
	// went: a new path there, or an absolute URL. The old file is left
	// as a redirect that readers follow.
	Moved map[string]string `yaml:"moved"`

	// What 'publish' gives objects: Cache-Control for everything but full
	// archive documents, Cache-Control for those (they never change),
	// whether to upload them gzip-compressed, and the Content-Type of RSS
	// and Atom objects: "specific" (application/rss+xml and
	// application/atom+xml) or "xml" (application/xml, which browsers
	// show through the stylesheet).
	PublishCacheControl        string `yaml:"publish_cache_control"`
	PublishCacheControlArchive string `yaml:"publish_cache_control_archive"`
	PublishGzip                bool   `yaml:"publish_gzip"`
	PublishFeedType            string `yaml:"publish_feed_type"`

	// Drafts and Future let drafts and articles dated in the future into
	// the feeds, as --drafts and --future do; Expired lets in articles
	// past their expiry date.
	Drafts  bool `yaml:"drafts"`
	Future  bool `yaml:"future"`
	Expired bool `yaml:"expired"`

	// The site's pictures (see pictures.go): Icon and Logo are a path in
	// the articles folder (in a Hugo or Jekyll site, in what it publishes
	// at its root) or an absolute URL; ImageFromBody takes an article's
	// first body image for its picture when its front matter names none.
	Icon          string `yaml:"icon"`
	Logo          string `yaml:"logo"`
	ImageFromBody bool   `yaml:"image_from_body"`

	// Permalink is the pattern of article links, with tokens such as
	// :year, :month, :day, :slug, :section and :sections; empty means the
	// slug followed by a slash.
	Permalink string `yaml:"permalink"`

	// News names the Google News publication whose news sitemap the
	// build writes, by the keys name and language: see news.go.
	News map[string]string `yaml:"news"`

	// Podcasts are the site's podcast shows: see podcasts.go.
	Podcasts Podcasts `yaml:"podcasts"`

	// Shortcodes teaches feedpub a site's own Hugo shortcodes, Jekyll
	// includes (by file name) and Liquid tags: a Go template per name,
	// which sees the arguments (.Get 0, .Get "name"), .Inner, .Page and
	// .Site.
	Shortcodes map[string]string `yaml:"shortcodes"`
	// Markup is how the site's generator renders Markdown; set by site
	// mode, never by feedpub.yaml.
	Markup Markup `yaml:"-"`

	// Generator holds what a Hugo or Jekyll site's own settings add
	// (the rules its articles follow, how it makes links); it is set by
	// site mode, never by feedpub.yaml.
	Generator Generator `yaml:"-"`

	// origin records where each key was set, for error messages.
	origin map[string]origin
	// file is the settings file Load read last, "" for none.
	file string
}

// origin is where a setting was set: a place in the settings file, or
// (with no path) by what, such as a flag or a site generator's settings.
type origin struct {
	path      string
	line, col int
	by        string
}

// Defaults returns the built-in settings, with which a site builds with no
// configuration at all.
func Defaults() Settings {
	return Settings{
		Title:       "feedpub",
		Description: "Articles published with feedpub",
		BaseURL:     "http://localhost:8080/",
		Language:    "en",
		Timezone:    "UTC",
		Articles:    "articles",
		Output:      "public",
		Limit:       20,
		Content:     "full",
		RSSFile:     "rss.xml",
		AtomFile:    "atom.xml",
		JSONFile:    "feed.json",

		MaxArticleSize: "10MiB",
		MaxDrop:        0.5,
		Cache:          ".feedpub-cache",

		TagFeeds:       true,
		CategoryFeeds:  true,
		Archive:        true,
		ArchiveSize:    100,
		ArchiveContent: "summary",
		Stylesheet:     true,
		Pages:          true,
		ArticlePages:   true,

		PublishCacheControl:        "public, max-age=300",
		PublishCacheControlArchive: "public, max-age=31536000, immutable",
		PublishFeedType:            "specific",
	}
}

// Generator is what feedpub takes from a site generator whose site it
// builds, beyond the settings both share.
type Generator struct {
	Name string // "Hugo" or "Jekyll"; empty for feedpub's own layout
	File string // the settings file read, for messages
	// Key sums up the generator's settings, from which its functions are
	// made, so that a build cache made with other settings is not used.
	Key     string
	Dialect article.Dialect // how articles' front matter is read
	Links   permalink.Linker
	// TermSlug names a tag's or category's feed folder; nil means
	// feedpub's own slugs. Names with one slug share one feed.
	TermSlug func(name string) string
	// Dates are a Hugo site's rules for the dates of pages; nil for
	// Hugo's defaults.
	Dates *article.HugoDates
	// Taxonomies are front matter keys, besides tags and categories, whose
	// terms get feeds (Hugo's custom taxonomies, such as series).
	Taxonomies []string
	// Family, when set, says whether the articles sharing a term of a
	// taxonomy ("tags", "categories", "sections" or a custom one) get a
	// feed set, and where it goes: dir is its folder, ending in "/"
	// (its identity, and its home link unless files are named); files,
	// when not nil, name its RSS, Atom and JSON files.
	Family func(taxonomy, name, slug string) (dir string, files *[3]string, ok bool)
	// Static are the folders whose files the generator publishes at the
	// root of the site, first first (Hugo's static folders, Jekyll's
	// site): where the site's icon and logo are looked for.
	Static []string
	// Keep, when set, says whether the article file at a path relative to
	// the articles folder is one of this build's (one language of a Hugo
	// site in several); nil keeps every article.
	Keep func(rel string) bool
	// Translations, when set, gives the article at a path, with its
	// translation key if its front matter sets one, its pages in the
	// site's other languages.
	Translations func(path, key string) []model.Translation
}

// SetBy records that a flag, or a site generator's settings file, set
// key, so errors about it name that place.
func (s *Settings) SetBy(key, flag string) {
	if s.origin == nil {
		s.origin = map[string]origin{}
	}
	s.origin[key] = origin{by: flag}
}
