package render

import (
	"bytes"
	"fmt"
	"html"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/feedpub/feedpub/internal/cache"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/layout"
	"github.com/feedpub/feedpub/internal/scan"
)

// pageExts are the extensions of links to pages rather than files: to
// other articles (by their source, as some sites link them) or to pages
// of the site. A link without an extension is a page's too.
var pageExts = map[string]bool{".html": true, ".htm": true, ".md": true, ".markdown": true, ".mdown": true, ".php": true}

// htmlExts are the page extensions of links that name a file when one
// of that name is there, a plain file of the articles directory (a page
// bundle's own HTML document): it is copied as any other local file.
// Otherwise they link to a page, and nothing is said of them.
var htmlExts = map[string]bool{".html": true, ".htm": true}

// fileAttrs are the attributes whose URLs may name a local file.
var fileAttrs = map[string]bool{"src": true, "href": true, "poster": true}

// localCopies are the local files that the article in e references in
// its rendered body (the HTML feeds carry, every URL absolute) and by its
// front matter's image and enclosure, each to be copied to the file its URL names in the output directory. A URL
// names a local file when it is on the site (below base_url), names a
// file with an extension that is not a page's (or an HTML one, see
// htmlExts), and the file at that
// place relative to the article's own link is there relative to the
// article's file, inside the articles directory: images/espresso.jpg in
// the article at first-espresso/ is articles/images/espresso.jpg for
// articles/first-espresso.md, and a page bundle's image.jpg is beside
// its index.md. A relative reference in the body (body is the article's
// Markdown as written) to a file that is not there, or not a plain file
// inside the articles directory, is a warning at its file:line, and
// nothing is copied for it; missing says one of them is a file that is
// not there, so that the next build makes the page again and looks for
// them all.
func localCopies(site *config.Site, e *scan.Entry, body []byte, rendered string) (copies []cache.Copy, missing bool, warnings []string) {
	lc := &localFiles{site: site, e: e, seen: map[string]bool{},
		linkDir: e.URL.Path[:strings.LastIndex(e.URL.Path, "/")+1]}
	// The front matter's image and enclosure, which the feeds name too.
	if it := e.Item; it != nil {
		lc.consider(it.Image, frontMatterLine(e, "image", e.Art.Image))
		if it.Enclosure != nil && e.Art.Enclosure != nil {
			lc.consider(it.Enclosure.URL, frontMatterLine(e, "enclosure", e.Art.Enclosure.URL))
		}
	}
	base := site.BaseURL
	prefix := `="` + base.Scheme + "://" + base.Host + "/" // on the site, or above it (see offSite)
	for rest := rendered; ; {
		at := strings.Index(rest, prefix)
		if at < 0 {
			break
		}
		attr := attrName(rest[:at])
		value := rest[at+2:]
		end := strings.IndexByte(value, '"')
		if end < 0 {
			break
		}
		value, rest = html.UnescapeString(value[:end]), value[end:]
		if fileAttrs[attr] {
			lc.consider(value, func(rel string) (int, string, bool) {
				line, as, ok := bodyReference(body, rel, depth(lc.linkDir))
				return e.Art.BodyLine + line, as, ok
			})
		}
	}
	lc.considerSrcsets(body, rendered)
	return lc.copies, lc.missing, lc.warnings
}

// localFiles gathers an article's local files.
type localFiles struct {
	site     *config.Site
	e        *scan.Entry
	linkDir  string // the folder of the article's link, ending in a slash
	seen     map[string]bool
	copies   []cache.Copy
	missing  bool // a file it references is not there
	warnings []string
}

// consider takes the absolute URL value as a local file, if it names
// one; written tells the line on which the article refers to it as rel,
// a relative reference, if it does, and the reference as written: one
// that climbs above the root of the site, where its URL stops, names the
// file it climbs to, not the one below the root.
func (lc *localFiles) consider(value string, written func(rel string) (int, string, bool)) {
	site, e := lc.site, lc.e
	u, err := url.Parse(value)
	if value == "" || err != nil || strings.HasSuffix(u.Path, "/") {
		return
	}
	name, ok := layout.SiteName(site, u)
	if !ok {
		lc.offSite(u, written)
		return
	}
	ext := strings.ToLower(path.Ext(name))
	if ext == "" || pageExts[ext] && !htmlExts[ext] || lc.seen[name] {
		return
	}
	// name may be a piece of the page's whole HTML, which a copy kept
	// for the next build would otherwise hold alive: one of its own.
	name = strings.Clone(name)
	lc.seen[name] = true
	rel, ok := relPath(lc.linkDir, u.Path)
	if !ok {
		return
	}
	line, as, found := written(rel)
	if found && climbs(as) > depth(lc.linkDir) {
		rel = as
	}
	source := filepath.Join(filepath.Dir(e.Art.Path), filepath.FromSlash(rel))
	problem, hint := sourceProblem(site, source)
	if htmlExts[ext] && problem != "" {
		return // a link to a page, not to a file of the articles
	}
	if problem == "" {
		if st, ok := cache.StampOf(source, cache.Stamp{}); ok {
			lc.copies = append(lc.copies, cache.Copy{Source: source, Name: name, Stamp: st})
			return
		}
		problem, hint = "cannot be read", "make it readable"
	}
	if !found {
		return
	}
	if problem == notThere {
		// Said of the page, not of the file: the next build makes the
		// page again, which looks for every file anew.
		lc.missing = true
	}
	lc.warnings = append(lc.warnings, fmt.Sprintf("%s:%d: the local file %s %s (%s), so it is not copied to %s — %s",
		e.Art.Path, line, rel, problem, source, layout.URL(site, name), hint))
}

// offSite warns of a relative reference whose URL u is on the site's
// host but not below base_url: it climbs above the site, where no file
// can be copied.
func (lc *localFiles) offSite(u *url.URL, written func(rel string) (int, string, bool)) {
	site, base := lc.site, lc.site.BaseURL
	ext := strings.ToLower(path.Ext(u.Path))
	if u.Scheme != base.Scheme || u.Host != base.Host || strings.HasPrefix(u.Path, base.Path) || ext == "" || pageExts[ext] || lc.seen[u.Path] {
		return
	}
	lc.seen[u.Path] = true
	rel, ok := relPath(lc.linkDir, u.Path)
	if !ok {
		return
	}
	line, as, found := written(rel)
	if !found {
		return
	}
	if climbs(as) > depth(lc.linkDir) {
		rel = as
	}
	source := filepath.Join(filepath.Dir(lc.e.Art.Path), filepath.FromSlash(rel))
	problem, hint := sourceProblem(site, source)
	if problem != outside {
		problem, hint = "is above base_url "+base.String(), "move it beside the article, or link it by an absolute URL"
	}
	lc.warnings = append(lc.warnings, fmt.Sprintf("%s:%d: the local file %s %s (%s), so it is not copied to %s — %s",
		lc.e.Art.Path, line, rel, problem, source, u.String(), hint))
}

// frontMatterLine tells, for consider, the line of the front matter
// field whose value is written, when it is a relative reference.
func frontMatterLine(e *scan.Entry, field, written string) func(string) (int, string, bool) {
	return func(string) (int, string, bool) {
		u, err := url.Parse(written)
		if err != nil || u.IsAbs() || strings.HasPrefix(u.Path, "/") || u.Path == "" {
			return 0, "", false
		}
		return e.Art.At(field).Line, path.Clean(u.Path), true
	}
}

// maxClimb is how many folders above the site's root a reference in a
// body is looked for climbing.
const maxClimb = 16

// bodyReference is the line of body (from 0) on which it refers to rel,
// and the reference as written: rel itself or, when rel climbs to the
// root of the site (from a link depth folders deep), rel climbing
// further, as a reference to a file above the site's root is written,
// whose URL stops at the root.
func bodyReference(body []byte, rel string, depth int) (int, string, bool) {
	if line, ok := referenceLine(body, rel); ok {
		return line, rel, true
	}
	if climbs(rel) != depth {
		return 0, "", false
	}
	for up := "../"; len(up) <= 3*maxClimb; up += "../" {
		if line, ok := referenceLine(body, up+rel); ok {
			return line, up + rel, true
		}
	}
	return 0, "", false
}

// climbs is how many folders the relative reference rel climbs.
func climbs(rel string) int {
	n := 0
	for strings.HasPrefix(rel[3*n:], "../") {
		n++
	}
	return n
}

// depth is how many folders deep the folder dir of the site is, from
// the root of its address: 0 for "/", 2 for "/2024/post/".
func depth(dir string) int {
	if dir = strings.Trim(dir, "/"); dir == "" {
		return 0
	}
	return strings.Count(dir, "/") + 1
}

// attrName is the name of the attribute whose value follows s.
func attrName(s string) string {
	i := len(s)
	for i > 0 && (s[i-1] >= 'a' && s[i-1] <= 'z' || s[i-1] >= 'A' && s[i-1] <= 'Z') {
		i--
	}
	return strings.ToLower(s[i:])
}

// outside is the problem of a file outside the articles directory.
const outside = "is outside the articles directory"

// notThere is the problem of a file that is not there: one a later build
// may find, and copy.
const notThere = "is not there"

// sourceProblem says why the file source cannot be copied, and how to
// fix it, or "" when it can: it must be a plain file inside the articles
// directory, with no hidden part.
func sourceProblem(site *config.Site, source string) (problem, hint string) {
	const plain = "link a plain file of the articles directory instead"
	rel, err := filepath.Rel(site.Articles, source)
	if err != nil || !filepath.IsLocal(rel) {
		return outside, "move it into the articles directory, beside the article, or link it by an absolute URL"
	}
	for _, part := range strings.Split(filepath.ToSlash(rel), "/") {
		if strings.HasPrefix(part, ".") {
			return "is hidden", plain
		}
	}
	st, err := os.Lstat(source)
	switch {
	case err != nil:
		return notThere, "put the file there or correct the link"
	case st.Mode()&os.ModeSymlink != 0:
		return "is a symbolic link", plain
	case !st.Mode().IsRegular():
		return "is not a plain file", plain
	}
	return "", ""
}

// relPath is the path of to relative to the folder dir (both absolute
// URL paths, dir ending in a slash), climbing with "..": what the body
// wrote, when it wrote a relative reference.
func relPath(dir, to string) (string, bool) {
	if !strings.HasPrefix(dir, "/") || !strings.HasPrefix(to, "/") {
		return "", false
	}
	from := strings.Split(strings.Trim(dir, "/"), "/")
	if dir == "/" {
		from = nil
	}
	parts := strings.Split(strings.TrimPrefix(to, "/"), "/")
	n := 0
	for n < len(from) && n < len(parts)-1 && from[n] == parts[n] {
		n++
	}
	up := strings.Repeat("../", len(from)-n)
	return up + strings.Join(parts[n:], "/"), true
}

// referenceLine is the line of body (from 0) on which it first refers to
// rel, as written: alone, after "./", or escaped as a URL path; ok is
// false when it does not (the URL came from elsewhere: an absolute link,
// a shortcode).
func referenceLine(body []byte, rel string) (int, bool) {
	forms := []string{rel, "./" + rel}
	if esc := (&url.URL{Path: rel}).EscapedPath(); esc != rel {
		forms = append(forms, esc, "./"+esc)
	}
	for _, f := range forms {
		for from := 0; from < len(body); {
			at := bytes.Index(body[from:], []byte(f))
			if at < 0 {
				break
			}
			at += from
			end := at + len(f)
			before := at == 0 || strings.IndexByte("(\"'<= \t\n[:", body[at-1]) >= 0
			after := end == len(body) || strings.IndexByte(")\"'> \t\r\n#?", body[end]) >= 0
			if before && after {
				return bytes.Count(body[:at], []byte("\n")), true
			}
			from = at + 1
		}
	}
	return 0, false
}
