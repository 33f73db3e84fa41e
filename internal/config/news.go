package config

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// News is the site's Google News publication, as the news setting names
// it: 'news: {name: …, language: …}'.
type News struct {
	Name     string // exactly as Google News shows it
	Language string // a canonical BCP 47 tag: the setting's, else the site's
}

// resolveNews checks the news setting into site.News, nil without it.
func (s *Settings) resolveNews(site *Site, bad func(key, msg, hint string)) {
	if s.News == nil {
		return
	}
	for _, k := range slices.Sorted(maps.Keys(s.News)) {
		if k != "name" && k != "language" {
			bad("news", fmt.Sprintf("unknown key %q", k), "write only name and language: 'news: {name: The Example Times, language: en}'")
			return
		}
	}
	n := &News{Name: strings.TrimSpace(s.News["name"]), Language: site.Language}
	if n.Name == "" {
		bad("news", "the publication's name is empty", "write it exactly as Google News shows it: 'news: {name: The Example Times}'")
		return
	}
	if l := strings.TrimSpace(s.News["language"]); l != "" {
		canon, ok := CanonicalLanguage(l)
		if !ok {
			bad("news", fmt.Sprintf("the language %q is not a language tag", l), "write it like en, fr or zh-TW, or leave it out for the site's language")
			return
		}
		n.Language = canon
	}
	if n.Language == "" {
		bad("news", "the publication has no language", "set the site's language, or write 'news: {name: …, language: en}'")
		return
	}
	site.News = n
}
