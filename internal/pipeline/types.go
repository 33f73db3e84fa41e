package pipeline

import (
	"mime"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/encode"
	"github.com/feedpub/feedpub/internal/render"
	"github.com/feedpub/feedpub/internal/scan"
)

// ContentType is the media type, with its charset, that a file a build
// writes must be served with; name is relative to the output directory,
// with slashes. Feeds get their own types (application/rss+xml,
// application/atom+xml, application/feed+json), so that readers and
// browsers know them.
func ContentType(site *config.Site, name string) string {
	name = path.Clean(strings.TrimPrefix(name, "/"))
	for f, n := range render.MainNames(site) {
		inFamily := strings.Count(name, "/") == 2 && path.Base(name) == path.Base(n) && isFamilyDir(name)
		if name == n || inFamily || strings.HasPrefix(name, "archive/"+string(f)+"/") {
			return f.MediaType() + "; charset=utf-8"
		}
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
	default:
		if t := mime.TypeByExtension(ext); t != "" {
			return t
		}
	}
	return "application/octet-stream"
}

// isFamilyDir reports whether name is below a family kind's folder.
func isFamilyDir(name string) bool {
	for _, k := range []scan.Kind{scan.ByTag, scan.ByCategory, scan.ByAuthor} {
		if strings.HasPrefix(name, k.Dir()+"/") {
			return true
		}
	}
	return false
}

// URL is the address at which a file of the output directory is
// published; name is relative to the directory, with slashes.
func URL(site *config.Site, name string) string { return render.URL(site, name) }

// IsFeed reports whether a file of the output directory is a feed that
// readers subscribe to: the main feeds and the families', not archive
// documents or pages.
func IsFeed(site *config.Site, name string) bool {
	if strings.HasPrefix(name, "archive/") {
		return false
	}
	t := ContentType(site, name)
	return strings.HasPrefix(t, "application/rss+xml") || strings.HasPrefix(t, "application/atom+xml") || strings.HasPrefix(t, "application/feed+json")
}

// ArchiveDoc reports whether name is an archive document, and which: its
// format and number.
func ArchiveDoc(site *config.Site, name string) (encode.Format, int, bool) {
	for _, f := range encode.Formats {
		dir := "archive/" + string(f) + "/"
		if !strings.HasPrefix(name, dir) {
			continue
		}
		num, ext, _ := strings.Cut(strings.TrimPrefix(name, dir), ".")
		n, err := strconv.Atoi(num)
		if err == nil && n > 0 && "."+ext == path.Ext(render.MainNames(site)[f]) && strconv.Itoa(n) == num {
			return f, n, true
		}
	}
	return "", 0, false
}

// ArchiveName is the name of archive document n (from 1) in format f.
func ArchiveName(site *config.Site, f encode.Format, n int) string {
	return render.ArchiveName(site, f, n)
}

// IsMainFeed reports whether name is one of the main feeds.
func IsMainFeed(site *config.Site, name string) bool {
	return slices.Contains(render.MainNames(site).List(), name)
}
