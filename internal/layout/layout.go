// Package layout is the output table: every kind of file a build writes
// (the main feeds, the family feeds, the archive documents, the pages, the
// autodiscovery snippet, the browser view's script) declared once, with where it
// goes, the media type it is served with, when publishing uploads it and
// how long caches may keep it. Serving, publishing and pinging a hub look
// files up in it; they do not work kinds out on their own.
//
// A build records each file's kind (output.File.Kind, as Output.String
// writes it) and the output directory's manifest keeps it, so that a
// file is known for what it is wherever it lives: a family feed at a site
// generator's own path (tags/go/index.xml) is served as the feed it is.
// A file whose kind is not recorded is known by its name, as far as its
// name tells.
package layout

import (
	"slices"
	"strings"

	"github.com/feedpub/feedpub/internal/encode"
)

// A Kind is a kind of file that a build writes.
type Kind uint8

// The kinds, in the order of the table.
const (
	Unknown     Kind = iota // not a file the table knows: one the user put there, or one of a kind a later feedpub adds
	MainFeed                // the site's feed, in each format
	FamilyFeed              // a tag's, category's, author's, section's or taxonomy term's feed, in each format
	ArchiveDoc              // a page of the main feed's history, in each format
	HomePage                // the site's HTML page
	FamilyPage              // a family's HTML page
	Snippet                 // the autodiscovery links, for a site generator's templates
	Stylesheet              // the script that shows RSS and Atom as a page in browsers
	ArticlePage             // an article's HTML page, at its link
	Asset                   // a local file an article's body references, or the site's icon or logo, copied where its URL points
	Redirect                // a feed's old file, after it moved: a document that sends readers to the new one
	Redirects               // the moved feeds' redirects, in the _redirects format of Netlify and Cloudflare Pages
)

// Stage is when publishing uploads a kind of file: every file of one
// stage before any of the next, so that no file readers fetch links to
// one that is not there yet. Publishing has its own stages; these are the
// layout's say in them (a file links only to files of its own or earlier
// stages), kept here so that the layout does not depend on object
// storage.
type Stage uint8

// The stages, in order.
const (
	Immutable Stage = iota // files that never change, and that nothing links to before they are there
	Secondary              // what the main feeds and pages link to: family feeds and pages, the newest archive document
	Main                   // the main feeds
	Pages                  // the home page and the snippet, which link to the main feeds
)

func (s Stage) String() string {
	return [...]string{"immutable", "secondary", "main", "pages"}[s]
}

// Cache is how long caches in front of a published file may keep it.
type Cache uint8

// The cache policies.
const (
	// Short: the site's publish_cache_control (five minutes by default),
	// as for anything that a build may change.
	Short Cache = iota
	// LongWhenFull: an archive document that has a newer one beside it
	// is full and never changes again: it is published in the Immutable
	// stage with publish_cache_control_archive (a year, immutable). The
	// newest is still filling up, and is kept as its kind's Stage and
	// Short say.
	LongWhenFull
)

func (c Cache) String() string {
	return [...]string{"short", "long when full"}[c]
}

// Spec declares one kind of file.
type Spec struct {
	Kind  Kind
	Token string // its name in the manifest; with its format, "main-feed:rss"
	About string // what it is
	// Path is where files of the kind go, relative to the output
	// directory, and the functions that make their names.
	Path string
	// MediaType is what the kind is served as, without its charset (all
	// are UTF-8); for kinds PerFormat, the format's own (encode.Format's
	// MediaType); empty for Asset, served as its name's extension says.
	MediaType string
	PerFormat bool  // one file in each feed format, told apart by Output.Format
	Stage     Stage // when publishing uploads it
	Cache     Cache // how long caches keep it
	Feed      bool  // a feed readers subscribe to, which pages and the snippet list
	Ping      bool  // the site's WebSub hub is told when it changes
}

// Table is the output table: one Spec for every Kind but Unknown, in the
// order of the kinds.
var Table = [...]Spec{
	{
		Kind: MainFeed, Token: "main-feed", About: "the site's feed",
		Path:      "rss_file, atom_file, json_file (rss.xml, atom.xml, feed.json): MainNames",
		PerFormat: true, Stage: Main, Cache: Short, Feed: true, Ping: true,
	},
	{
		Kind: FamilyFeed, Token: "family-feed", About: "a tag's, category's, author's, section's or taxonomy term's feed",
		Path:      "<family dir>/<the main feed's file name> (tags/go/rss.xml): FamilyNames; or a site generator's own (tags/go/index.xml)",
		PerFormat: true, Stage: Secondary, Cache: Short, Feed: true, Ping: true,
	},
	{
		Kind: ArchiveDoc, Token: "archive", About: "a page of the main feed's history (RFC 5005), oldest first",
		Path:      "archive/<format>/<n, from 1><the main feed's extension> (archive/rss/1.xml): ArchiveName",
		PerFormat: true, Stage: Secondary, Cache: LongWhenFull,
	},
	{
		Kind: HomePage, Token: "home-page", About: "the site's page, listing its feeds and newest items",
		Path:      HomeFile,
		MediaType: "text/html", Stage: Pages, Cache: Short,
	},
	{
		Kind: FamilyPage, Token: "family-page", About: "a family's page, listing its feeds and newest items",
		Path:      "<family dir>/index.html (tags/go/index.html): FamilyPageName",
		MediaType: "text/html", Stage: Secondary, Cache: Short,
	},
	{
		Kind: Snippet, Token: "snippet", About: "the autodiscovery links to the main feeds, for a site's templates",
		Path:      HeadFile,
		MediaType: "text/html", Stage: Pages, Cache: Short,
	},
	{
		Kind: Stylesheet, Token: "stylesheet", About: "the script that shows RSS and Atom feeds as a page in browsers, with or without XSLT",
		Path:      StylesheetFile,
		MediaType: "text/javascript", Stage: Immutable, Cache: Short,
	},
	{
		Kind: ArticlePage, Token: "article-page", About: "an article's page: its body, title, date, authors, tags and feeds",
		Path:      "the article's link below base_url, index.html for a folder (first-espresso/index.html): ArticlePageName",
		MediaType: "text/html", Stage: Secondary, Cache: Short,
	},
	{
		Kind: Asset, Token: "asset", About: "a local file an article's body references (an image, a page bundle's file), or the site's icon or logo, copied",
		Path: "where the body's absolute URL for it points, below base_url (first-espresso/images/espresso.jpg)",
		// MediaType is left to the file's extension: see ContentType.
		Stage: Secondary, Cache: Short,
	},
	{
		Kind: Redirect, Token: "redirect", About: "a moved feed's old file, sending readers to where 'moved' says it went",
		Path:      "the old path, as 'moved' names it (rss.xml): RedirectDoc",
		PerFormat: true, Stage: Pages, Cache: Short,
	},
	{
		Kind: Redirects, Token: "redirects", About: "the moved feeds' old paths and new ones, for hosts that read _redirects",
		Path:      RedirectsFile,
		MediaType: "text/plain", Stage: Pages, Cache: Short,
	},
	showFeedSpec, showChaptersSpec,
	newsSitemapSpec, sitemapSpec,
}

// unknown describes the files the table does not know: served by their
// extension, published among the secondary files.
var unknown = Spec{Kind: Unknown, Token: "unknown", About: "a file the table does not know", Path: "anywhere", Stage: Secondary, Cache: Short}

// Spec is the kind's row of the table.
func (k Kind) Spec() Spec {
	if k == Unknown || int(k) > len(Table) {
		return unknown
	}
	return Table[k-1]
}

func (k Kind) String() string { return k.Spec().Token }

// For is the output of kind k in format f; f is dropped for kinds not
// written per format.
func (k Kind) For(f encode.Format) Output {
	if !k.Spec().PerFormat {
		f = ""
	}
	return Output{Kind: k, Format: f}
}

// Output is what one file is: its kind and, for kinds written in each
// feed format, its format.
type Output struct {
	Kind   Kind
	Format encode.Format // "" for kinds not PerFormat
}

// Spec is the output's row of the table.
func (o Output) Spec() Spec { return o.Kind.Spec() }

// String is how the manifest records the output: the kind's token, and
// for kinds written per format a colon and the format ("main-feed:rss",
// "home-page").
func (o Output) String() string {
	if o.Format == "" {
		return o.Kind.String()
	}
	return o.Kind.String() + ":" + string(o.Format)
}

// ParseOutput reads what Output.String writes; ok is false for anything
// else, such as a kind a later feedpub recorded.
func ParseOutput(s string) (o Output, ok bool) {
	token, format, hasFormat := strings.Cut(s, ":")
	for _, spec := range Table {
		if spec.Token != token {
			continue
		}
		if !spec.PerFormat && !hasFormat {
			return Output{Kind: spec.Kind}, true
		}
		if spec.PerFormat && slices.Contains(encode.Formats, encode.Format(format)) {
			return Output{Kind: spec.Kind, Format: encode.Format(format)}, true
		}
		break
	}
	return Output{}, false
}

// MediaType is the output's media type without its charset; "" for
// Unknown and Asset, whose type their name's extension gives.
func (o Output) MediaType() string {
	spec := o.Spec()
	if spec.PerFormat {
		return o.Format.MediaType()
	}
	return spec.MediaType
}
