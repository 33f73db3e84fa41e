package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/model"
	"github.com/feedpub/feedpub/internal/permalink"
	"github.com/feedpub/feedpub/internal/scan"
	"github.com/feedpub/feedpub/internal/sitemode"
)

// runBuild builds the feeds: once, or, for a Hugo site in several
// languages, once per language, each into its own folder, the default
// language first.
func runBuild(cmd *cobra.Command, f *buildFlags, stdout io.Writer) error {
	langs, err := sitemode.Languages(".")
	if err != nil {
		return err
	}
	if len(langs) == 0 {
		return runBuildOne(cmd, f, stdout)
	}
	if f.local.serve != nil {
		// serve's folder holds one language's feeds: the default's.
		langs = langs[:1]
	}
	if f.publish.dest != "" {
		// Each language's build has its own output folder and manifest;
		// publishing would upload them one by one to the same place.
		return diag.Usage.New("publishing a site in several languages is not supported yet",
			"run 'feedpub build', then upload the output folder with the site's own tools")
	}
	defer func() { f.lang, f.translations = "", nil }()
	if len(langs) > 1 {
		// A page links to its translations in the other languages: with
		// one language built, there are none to read.
		if f.translations, err = f.readTranslations(cmd, langs); err != nil {
			return err
		}
	}
	for _, lang := range langs {
		f.lang = lang
		if err := runBuildOne(cmd, f, stdout); err != nil {
			return err
		}
	}
	return nil
}

// language is one language of a site in several, as the others link to
// its pages.
type language struct {
	tag   string            // its BCP 47 tag, as its feeds give it
	pages map[string]string // URL by translation key
}

// readTranslations reads every language's pages before any is built, so
// that each build links its articles to their translations.
func (f *buildFlags) readTranslations(cmd *cobra.Command, langs []string) ([]language, error) {
	quiet := f.quiet
	f.quiet = true // each build says what it read
	defer func() { f.quiet = quiet }()
	var out []language
	for _, lang := range langs {
		f.lang = lang
		site, err := f.settings(cmd)
		if err != nil {
			return nil, err
		}
		h, ok := site.Generator.Links.(permalink.Hugo)
		if !ok {
			return nil, nil
		}
		pages, err := scan.Translations(site, h.TranslationKey)
		if err != nil {
			return nil, err
		}
		out = append(out, language{tag: site.Language, pages: pages})
	}
	return out, nil
}

// addTranslations has the build of site link each article to its
// translations, in the other languages' order; the cache key changes
// with them, so that a new translation reaches cached articles too.
func (f *buildFlags) addTranslations(site *config.Site) {
	h, ok := site.Generator.Links.(permalink.Hugo)
	if len(f.translations) == 0 || !ok {
		return
	}
	langs := f.translations
	articles := site.Articles
	sum := sha256.New()
	for _, l := range langs {
		fmt.Fprintf(sum, "%s\x00%v\x00", l.tag, l.pages) // fmt prints maps sorted
	}
	site.Generator.Key += " " + hex.EncodeToString(sum.Sum(nil))
	own := site.Language
	site.Generator.Translations = func(path, key string) []model.Translation {
		if key != "" {
			key = scan.TranslationKeyPrefix + key
		} else if rel, err := filepath.Rel(articles, path); err == nil {
			key = h.TranslationKey(filepath.ToSlash(rel))
		} else {
			return nil
		}
		var out []model.Translation
		for _, l := range langs {
			if u, ok := l.pages[key]; ok && l.tag != own {
				out = append(out, model.Translation{Lang: l.tag, URL: u})
			}
		}
		return out
	}
}
