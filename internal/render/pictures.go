package render

import (
	"github.com/feedpub/feedpub/internal/cache"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/output"
	"github.com/feedpub/feedpub/internal/page"
)

// siteIcon is the site's icon as the pages name it.
func siteIcon(site *config.Site) page.Icon {
	return page.Icon{URL: site.Icon.URL, Type: site.Icon.Type}
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
