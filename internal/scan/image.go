package scan

import (
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/feedpub/feedpub/internal/article"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/model"
	"github.com/feedpub/feedpub/internal/picture"
)

// SetImage makes image, an absolute URL, the item's picture, with what is
// known of it: its media type from its name or, for a local file whose
// name says none, from its first bytes; its size when it is a local file.
// link is the article's own URL.
func SetImage(site *config.Site, a *article.Article, link *url.URL, it *model.Item, image string) {
	it.Image, it.ImageType, it.ImageLength = image, "", 0
	u, err := url.Parse(image)
	if err != nil || image == "" {
		return
	}
	it.ImageType = picture.ByName(u.Path).MediaType()
	source, size := localImage(site, a, link, u)
	if source == "" {
		return
	}
	it.ImageLength = size
	if it.ImageType == "" {
		if info, err := picture.Inspect(source); err == nil {
			it.ImageType = info.Format.MediaType()
		}
	}
}

// localImage is the file of the site that the image URL u names, and its
// size, as an article's local files are found: beside the article's file
// as the URL is beside its link, else at the URL's path below the site's
// root (the articles folder, or what a site generator publishes there);
// "" when it names none, a file outside those folders or hidden.
func localImage(site *config.Site, a *article.Article, link *url.URL, u *url.URL) (string, int64) {
	base := site.BaseURL
	if base == nil || !strings.EqualFold(u.Scheme, base.Scheme) || !strings.EqualFold(u.Host, base.Host) || u.RawQuery != "" {
		return "", 0
	}
	rest, under := strings.CutPrefix(u.Path, base.Path)
	if !under || rest == "" || strings.HasSuffix(rest, "/") || path.Clean(rest) != rest {
		return "", 0
	}
	var tries []string
	if dir := link.Path[:strings.LastIndex(link.Path, "/")+1]; strings.HasPrefix(u.Path, dir) {
		tries = append(tries, filepath.Join(filepath.Dir(a.Path), filepath.FromSlash(strings.TrimPrefix(u.Path, dir))))
	}
	roots := []string{site.Articles}
	if site.Generator.Name != "" && len(site.Generator.Static) > 0 {
		roots = append(roots, site.Generator.Static...)
	}
	for _, r := range roots {
		tries = append(tries, filepath.Join(r, filepath.FromSlash(rest)))
	}
	for _, source := range tries {
		if !inside(source, roots) {
			continue
		}
		if st, err := os.Stat(source); err == nil && st.Mode().IsRegular() {
			return source, st.Size()
		}
	}
	return "", 0
}

// inside reports whether source is in one of the folders roots, with no
// hidden part.
func inside(source string, roots []string) bool {
	for _, r := range roots {
		rel, err := filepath.Rel(r, source)
		if err != nil || !filepath.IsLocal(rel) {
			continue
		}
		for _, part := range strings.Split(filepath.ToSlash(rel), "/") {
			if strings.HasPrefix(part, ".") {
				return false
			}
		}
		return true
	}
	return false
}
