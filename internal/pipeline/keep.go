package pipeline

import (
	"path/filepath"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/filelist"
)

// keepFiles keeps the article files the site's generator says are this
// build's (one language's of a site in several); all of them without.
func keepFiles(site *config.Site, files *filelist.List) *filelist.List {
	keep := site.Generator.Keep
	if keep == nil {
		return files
	}
	return files.Filter(func(_ int, p []byte) bool {
		rel, err := filepath.Rel(site.Articles, string(p))
		if err != nil {
			return true
		}
		return keep(rel)
	})
}
