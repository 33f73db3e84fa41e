package layout

import (
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/encode"
)

// The files of which a build writes one at most, relative to the output
// directory.
const (
	HomeFile       = "index.html"      // the home page
	HeadFile       = "feeds-head.html" // the snippet of autodiscovery links
	StylesheetFile = "feed.js"         // the script that shows RSS and Atom as a page in browsers
)

// Names are one feed's file names by format, relative to the output
// directory, with slashes.
type Names map[encode.Format]string

// List is the names in the order of encode.Formats.
func (n Names) List() []string {
	var out []string
	for _, f := range encode.Formats {
		out = append(out, n[f])
	}
	return out
}

// MainNames are the main feed's files: the site's rss_file, atom_file
// and json_file.
func MainNames(site *config.Site) Names {
	return Names{encode.RSS: site.RSSFile, encode.Atom: site.AtomFile, encode.JSON: site.JSONFile}
}

// FamilyNames are the files of a family's feed in folder dir (relative to
// the output directory, ending in a slash) where feedpub names them: each
// with the main feed's file name. A site generator may name them its own
// way instead.
func FamilyNames(site *config.Site, dir string) Names {
	out := Names{}
	for f, n := range MainNames(site) {
		out[f] = dir + path.Base(n)
	}
	return out
}

// FamilyPageName is the page of a family whose files are in dir.
func FamilyPageName(dir string) string { return dir + "index.html" }

// ArchiveName is the file of archive document n (from 1) in format f:
// archive/rss/1.xml, archive/atom/1.xml, archive/json/1.json, each with
// the extension of the main feed's file.
func ArchiveName(site *config.Site, f encode.Format, n int) string {
	return fmt.Sprintf("archive/%s/%d%s", f, n, path.Ext(MainNames(site)[f]))
}

// ArchiveNames are archive document n's files, by format.
func ArchiveNames(site *config.Site, n int) Names {
	names := Names{}
	for _, f := range encode.Formats {
		names[f] = ArchiveName(site, f, n)
	}
	return names
}

// ParseArchive reports whether name is an archive document's, as
// ArchiveName makes them, and which: its format and number.
func ParseArchive(site *config.Site, name string) (encode.Format, int, bool) {
	for _, f := range encode.Formats {
		dir := "archive/" + string(f) + "/"
		if !strings.HasPrefix(name, dir) {
			continue
		}
		num, ext, _ := strings.Cut(strings.TrimPrefix(name, dir), ".")
		n, err := strconv.Atoi(num)
		if err == nil && n > 0 && "."+ext == path.Ext(MainNames(site)[f]) && strconv.Itoa(n) == num {
			return f, n, true
		}
	}
	return "", 0, false
}

// URL is the address at which a file of the output directory is
// published; name is relative to the directory, with slashes.
func URL(site *config.Site, name string) string {
	return site.BaseURL.ResolveReference(&url.URL{Path: path.Clean(name)}).String()
}

// Path is where a file named relative to the output directory is on disk.
func Path(site *config.Site, name string) string {
	return filepath.Join(site.Output, filepath.FromSlash(name))
}

// StylesheetHref is how the file name links to the browser view's script:
// by a relative reference, so that the script is found wherever the
// output directory is served.
func StylesheetHref(name string) string {
	return strings.Repeat("../", strings.Count(name, "/")) + StylesheetFile
}

// SiteName is the name, relative to the output directory, of the file
// that the absolute URL u names on the site: u is on base_url's scheme
// and host, below its path, with no query. A URL ending in a slash names
// the folder's index.html. ok is false for a URL elsewhere, and for a
// name that could not be a file of the output directory (a hidden part,
// "..", a NUL byte).
func SiteName(site *config.Site, u *url.URL) (name string, ok bool) {
	base := site.BaseURL
	if u == nil || !strings.EqualFold(u.Scheme, base.Scheme) || !strings.EqualFold(u.Host, base.Host) ||
		u.RawQuery != "" || u.ForceQuery || u.Opaque != "" || u.User != nil {
		return "", false
	}
	rest, under := strings.CutPrefix(u.Path, base.Path)
	if !under {
		return "", false
	}
	if rest == "" || strings.HasSuffix(rest, "/") {
		rest += HomeFile
	}
	if path.Clean(rest) != rest || strings.ContainsRune(rest, 0) || !filepath.IsLocal(filepath.FromSlash(rest)) {
		return "", false
	}
	for part := range strings.SplitSeq(rest, "/") {
		if strings.HasPrefix(part, ".") {
			return "", false
		}
	}
	return rest, true
}

// ArticlePageName is where the page of the article at link goes: the
// file the link names on the site (first-espresso/index.html for
// http://example.com/first-espresso/, 2024/post.html for a link ending
// in a file name). ok is false for a link elsewhere (another host, or
// outside base_url's path: the article's page lives there) and for a
// link to the site's home, whose page is the site's own.
func ArticlePageName(site *config.Site, link *url.URL) (string, bool) {
	name, ok := SiteName(site, link)
	if !ok || name == HomeFile {
		return "", false
	}
	return name, true
}
