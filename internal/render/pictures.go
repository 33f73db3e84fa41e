package render

import (
	"html"
	"strings"

	"github.com/feedpub/feedpub/internal/cache"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/content"
	"github.com/feedpub/feedpub/internal/output"
	"github.com/feedpub/feedpub/internal/page"
	"github.com/feedpub/feedpub/internal/scan"
)

// siteIcon is the site's icon as the pages name it.
func siteIcon(site *config.Site) page.Icon {
	return page.Icon{URL: site.Icon.At(site.BaseURL), Type: site.Icon.Type}
}

// pictureFiles are the copies of the site's local icon and logo, at the
// paths their URLs name, as the local files articles reference are
// copied; none for a picture elsewhere, or one the site's generator
// publishes itself.
func pictureFiles(site *config.Site) []output.File {
	var out []output.File
	seen := map[string]bool{}
	for _, p := range []config.Picture{site.Icon, site.Logo} {
		if p.Name == "" || p.Source == "" || seen[p.Name] {
			continue
		}
		seen[p.Name] = true
		out = append(out, copyFile(cache.Copy{Source: p.Source, Name: p.Name}, false))
	}
	return out
}

// wantsBodyImage reports whether the article's item takes its picture
// from its body (image_from_body, and the front matter names none), so
// that its body is rendered even for a feed of summaries.
func wantsBodyImage(opts Options, e *scan.Entry) bool {
	return opts.Site.ImageFromBody && e.Item.Image == "" && content.MayHoldImage(e.Art.Body)
}

// pictureFirst is the item's content, html rendered from its body, with
// its picture first (see content.WithPicture), or "" for a feed of
// summaries; with image_from_body, an item whose front matter names no
// picture takes the body's first image.
func pictureFirst(opts Options, e *scan.Entry, html string, full bool) string {
	a, it := e.Art, e.Item
	if it.Image == "" && opts.Site.ImageFromBody {
		if first := content.FirstImage(html); first != "" {
			scan.SetImage(opts.Site, a, e.URL, it, first)
		}
		if !full {
			return ""
		}
		return html
	}
	if !full {
		return ""
	}
	alt := a.ImageAlt
	if alt == "" {
		alt = it.Title
	}
	return content.WithPicture(html, it.Image, alt)
}

// considerSrcsets takes every URL of every srcset in rendered (an
// article's HTML, body its Markdown) as a local file, if it names one:
// a responsive image's other sizes are copied with it.
func (lc *localFiles) considerSrcsets(body []byte, rendered string) {
	const attr = ` srcset="`
	for rest := rendered; ; {
		at := strings.Index(rest, attr)
		if at < 0 {
			return
		}
		rest = rest[at+len(attr):]
		end := strings.IndexByte(rest, '"')
		if end < 0 {
			return
		}
		for _, u := range content.SrcsetURLs(html.UnescapeString(rest[:end])) {
			lc.consider(u, func(rel string) (int, string, bool) {
				line, as, ok := bodyReference(body, rel, depth(lc.linkDir))
				return lc.e.Art.BodyLine + line, as, ok
			})
		}
		rest = rest[end:]
	}
}

// pictureSources are the site's pictures that the build copies, by name:
// an article that references one of those files too has it copied once,
// without a word.
func pictureSources(site *config.Site) map[string]string {
	m := map[string]string{}
	for _, p := range []config.Picture{site.Icon, site.Logo} {
		if p.Name != "" && p.Source != "" {
			m[p.Name] = p.Source
		}
	}
	return m
}
