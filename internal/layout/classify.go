package layout

import (
	"mime"
	"os"
	"path"
	"strings"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/encode"
	"github.com/feedpub/feedpub/internal/output"
)

// Classify is what the file name (relative to the output directory, with
// slashes) is: recorded, the kind the build recorded for it
// (output.File.Kind, as the manifest keeps it), when that is one of the
// table's; otherwise what its name tells.
func Classify(site *config.Site, name, recorded string) Output {
	if o, ok := ParseOutput(recorded); ok {
		return o
	}
	return byName(site, name)
}

// familyDirs are the folders where feedpub itself puts families' files,
// by which a family's file is known from its name.
var familyDirs = []string{"tags/", "categories/", "authors/"}

// byName works a file's kind out from its name, for files whose kind was
// not recorded: those of a build by an older feedpub, and the user's own.
// It knows the files feedpub names (the main feeds, the archive
// documents, the pages, the snippet and the stylesheet) and the families'
// at feedpub's places for tags, categories and authors; not sections'
// or those a site generator names, which only their recorded kind tells.
func byName(site *config.Site, name string) Output {
	main := MainNames(site)
	for _, f := range encode.Formats {
		if name == main[f] {
			return MainFeed.For(f)
		}
	}
	if f, _, ok := ParseArchive(site, name); ok {
		return ArchiveDoc.For(f)
	}
	inFamily := false
	if strings.Count(name, "/") == 2 {
		for _, d := range familyDirs {
			inFamily = inFamily || strings.HasPrefix(name, d)
		}
	}
	if inFamily {
		for _, f := range encode.Formats {
			if path.Base(name) == path.Base(main[f]) {
				return FamilyFeed.For(f)
			}
		}
	}
	if o, ok := sitemapByName(name); ok {
		return o
	}
	switch {
	case name == StylesheetFile:
		return Stylesheet.For("")
	case name == HeadFile:
		return Snippet.For("")
	case name == HomeFile:
		return HomePage.For("")
	case inFamily && path.Base(name) == "index.html":
		return FamilyPage.For("")
	}
	return Unknown.For("")
}

// ContentType is the media type, with its charset, that the file name of
// kind o is served with: the table's, or for a file of no known kind the
// one its extension gives.
func ContentType(o Output, name string) string {
	if t := o.MediaType(); t != "" {
		return t + "; charset=utf-8"
	}
	switch ext := path.Ext(name); ext {
	case ".html":
		return "text/html; charset=utf-8"
	case ".xsl":
		return "text/xsl; charset=utf-8"
	case ".xml":
		return "application/xml; charset=utf-8"
	case ".json":
		return "application/json; charset=utf-8"
	case ".ico":
		return "image/vnd.microsoft.icon" // not in Go's own table, and named otherwise from system to system
	default:
		if t := mime.TypeByExtension(ext); t != "" {
			return t
		}
	}
	return "application/octet-stream"
}

// An Index knows the kinds of an output directory's files: those a build
// recorded, and by their names the rest.
type Index struct {
	site  *config.Site
	kinds map[string]string // recorded, by name
}

// NewIndex is the index of the files that entries list, with the kinds
// they record.
func NewIndex(site *config.Site, entries []output.Entry) *Index {
	ix := &Index{site: site, kinds: make(map[string]string, len(entries))}
	for _, e := range entries {
		ix.kinds[e.Name] = e.Kind
	}
	return ix
}

// Load is the index of the site's output directory, from its manifest.
// A manifest that cannot be read is reported, and the index it returns
// then knows every file by its name.
func Load(site *config.Site) (*Index, error) {
	entries, err := output.ReadManifestEntries(site.Output)
	return NewIndex(site, entries), err
}

// Of is what the file name, relative to the output directory, is.
func (ix *Index) Of(name string) Output {
	name = path.Clean(strings.TrimPrefix(name, "/"))
	return Classify(ix.site, name, ix.kinds[name])
}

// ContentType is the media type, with its charset, that the file name is
// served with.
func (ix *Index) ContentType(name string) string { return ContentType(ix.Of(name), name) }

// Publish is the stage in which publishing uploads the file name, and the
// Cache-Control it gets: the site's publish_cache_control, or for a full
// archive document publish_cache_control_archive.
func (ix *Index) Publish(name string) (Stage, string) {
	spec := ix.Of(name).Spec()
	if spec.Cache == LongWhenFull && ix.full(name) {
		return Immutable, ix.site.PublishCacheControlArchive
	}
	return spec.Stage, ix.site.PublishCacheControl
}

// full reports whether the archive document name has a newer one beside
// it in the output directory, so never changes again.
func (ix *Index) full(name string) bool {
	f, n, ok := ParseArchive(ix.site, path.Clean(strings.TrimPrefix(name, "/")))
	if !ok {
		return false
	}
	_, err := os.Stat(Path(ix.site, ArchiveName(ix.site, f, n+1)))
	return err == nil
}
