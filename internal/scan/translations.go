package scan

import (
	"path/filepath"

	"github.com/feedpub/feedpub/internal/article"
	"github.com/feedpub/feedpub/internal/config"
)

// TranslationKeyPrefix sets the keys a front matter names apart from
// paths: Hugo links a page with a translationKey only to pages with the
// same key.
const TranslationKeyPrefix = "key:"

// Translations lists the pages of one language of a site in several, for
// the other languages' builds to link to: each page's URL by its key (its
// translationKey, else, for a Hugo site, its path in the content folder
// without the language in its name). Drafts, pages the generator leaves
// out and pages with problems are not listed: the build of their own
// language reports them.
func Translations(site *config.Site, key func(rel string) string) (map[string]string, error) {
	files, _, err := article.FindWith(site.Articles, site.Generator.Dialect)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	files.Each(func(_ int, p []byte) bool {
		path := string(p)
		rel, err := filepath.Rel(site.Articles, path)
		if err != nil || site.Generator.Keep != nil && !site.Generator.Keep(rel) {
			return true
		}
		e, problems := LoadInto(site, path, nil)
		if len(problems) > 0 || e == nil || e.Item == nil || e.Art.Skip != "" || e.Art.Draft {
			return true
		}
		k := key(filepath.ToSlash(rel))
		if e.Art.TranslationKey != "" {
			k = TranslationKeyPrefix + e.Art.TranslationKey
		}
		out[k] = e.Item.URL
		return true
	})
	return out, nil
}
