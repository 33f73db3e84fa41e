package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/feedpub/feedpub/internal/picture"
)

// Picture is the site's icon or logo as a build uses it.
type Picture struct {
	URL    string // a picture elsewhere: its absolute URL
	Path   string // a picture of the site: its path below base_url
	Source string // the local file it is, or "" for a URL elsewhere
	// Name is where the build copies Source in the output directory
	// (slash-separated), or "" when it copies nothing: a URL elsewhere,
	// or a file the site's generator publishes itself.
	Name string
	Type string // its media type, as its bytes say; "" for a URL elsewhere
}

// At is the picture's absolute URL on the site at base (which serve
// moves to where it serves), or "" for none.
func (p Picture) At(base *url.URL) string {
	if p.Path == "" || base == nil {
		return p.URL
	}
	return base.ResolveReference(&url.URL{Path: p.Path}).String()
}

// iconFormats are the formats readers and browsers show as icons and
// logos.
var iconFormats = map[picture.Format]bool{
	picture.PNG: true, picture.JPEG: true, picture.GIF: true, picture.WebP: true, picture.SVG: true, picture.ICO: true,
}

// resolvePictures checks the icon and logo settings and sets the site's
// pictures and image_from_body, reporting each problem with bad.
func (s *Settings) resolvePictures(site *Site, bad func(key, msg, hint string)) {
	site.ImageFromBody = s.ImageFromBody
	roots := []string{site.Articles}
	if s.Generator.Name != "" && len(s.Generator.Static) > 0 {
		roots = s.Generator.Static
	}
	copied := s.Generator.Name == "" // a generator publishes its own files
	for _, p := range []struct {
		key, what string
		value     string
		into      *Picture
	}{{"icon", "the icon", s.Icon, &site.Icon}, {"logo", "the logo", s.Logo, &site.Logo}} {
		pic, msg, hint := sitePicture(roots, copied, p.what, strings.TrimSpace(p.value), p.key == "icon")
		if msg != "" {
			bad(p.key, msg, hint)
			continue
		}
		*p.into = pic
	}
}

// sitePicture resolves one picture setting, value, a URL or a path
// looked for in the folders roots; msg and hint say what is wrong with
// it, if anything.
// An icon must be square.
func sitePicture(roots []string, copied bool, what, value string, square bool) (pic Picture, msg, hint string) {
	if value == "" {
		return Picture{}, "", ""
	}
	const how = "write a path in the articles folder, such as images/icon.png, or an absolute URL"
	u, err := url.Parse(value)
	if err != nil {
		return Picture{}, fmt.Sprintf("%s %q is not a URL or a path", what, value), how
	}
	if u.Scheme != "" || u.Host != "" {
		if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return Picture{}, fmt.Sprintf("%s %q is not an http or https URL", what, value), how
		}
		return Picture{URL: u.String()}, "", ""
	}
	rel := strings.TrimPrefix(u.Path, "/")
	if u.RawQuery != "" || u.Fragment != "" || rel == "" || path.Clean(rel) != rel || !filepath.IsLocal(filepath.FromSlash(rel)) || hidden(rel) {
		return Picture{}, fmt.Sprintf("%s %q is not a file's path inside the site", what, value), how
	}
	source := ""
	for _, root := range roots {
		source = filepath.Join(root, filepath.FromSlash(rel))
		if _, err := os.Lstat(source); !errors.Is(err, fs.ErrNotExist) {
			break
		}
	}
	info, msg, hint := checkPicture(what, source, square)
	if msg != "" {
		return Picture{}, msg, hint
	}
	pic = Picture{Path: rel, Source: source, Type: info.Format.MediaType()}
	if copied {
		pic.Name = rel
	}
	return pic, "", ""
}

// hidden reports whether a part of the slash-separated path rel starts
// with a dot, which the build never copies.
func hidden(rel string) bool {
	for _, part := range strings.Split(rel, "/") {
		if strings.HasPrefix(part, ".") {
			return true
		}
	}
	return false
}

// checkPicture checks the picture file source: a plain file, in a format
// readers show, as its name says, and square if it must be.
func checkPicture(what, source string, square bool) (picture.Info, string, string) {
	st, err := os.Lstat(source)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return picture.Info{}, fmt.Sprintf("%s %s is not there", what, source), "put the picture there, or correct the path"
	case err != nil:
		return picture.Info{}, fmt.Sprintf("%s %s cannot be read: %v", what, source, err), "make it readable"
	case !st.Mode().IsRegular():
		return picture.Info{}, fmt.Sprintf("%s %s is not a plain file", what, source), "name a picture file, not a folder or a link"
	}
	info, err := picture.Inspect(source)
	if err != nil {
		return picture.Info{}, fmt.Sprintf("%s %s cannot be read: %v", what, source, err), "make it readable"
	}
	named := picture.ByName(source)
	switch {
	case !iconFormats[info.Format]:
		return info, fmt.Sprintf("%s %s is not a PNG, JPEG, GIF, WebP, SVG or ICO image", what, source),
			"convert it to one of them (PNG or SVG for an icon)"
	case named != picture.Unknown && named != info.Format:
		return info, fmt.Sprintf("%s %s is %s, not the %s its name says", what, source, info, named),
			"rename it to end in the extension of its format, or convert it"
	case square && !info.Square():
		return info, fmt.Sprintf("%s %s is %s, not square", what, source, info),
			"crop it square: readers show the icon in a square (a wide picture can be the logo)"
	}
	return info, "", ""
}
