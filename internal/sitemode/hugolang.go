package sitemode

import (
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// A Hugo site in several languages is built once per language, as Hugo
// does: each language reads its own settings (the site's, with the
// language's [languages.LANG] table over them), its own pages (post.fr.md
// beside post.md, or its own contentDir) and writes its feeds below its
// own folder (/fr/index.xml), except the default language, which stays at
// the root unless defaultContentLanguageInSubdir is set.

// hugoSite is what the languages of a Hugo site share.
type hugoSite struct {
	def      string   // defaultContentLanguage, lower-cased
	inSubdir bool     // defaultContentLanguageInSubdir
	codes    []string // every configured language, disabled ones too
	enabled  []string // the languages built: the default first, then by weight
	multi    bool     // whether languages get folders of their own
}

// hugoLanguages reads the languages of a Hugo site's settings.
func hugoLanguages(t tree) hugoSite {
	hs := hugoSite{def: strings.ToLower(t.str("defaultcontentlanguage")), inSubdir: t.boolean("defaultcontentlanguageinsubdir")}
	if hs.def == "" {
		hs.def = "en"
	}
	disabled := map[string]bool{}
	if list, ok := t.get("disablelanguages").([]any); ok {
		for _, v := range list {
			if s, ok := v.(string); ok {
				disabled[strings.ToLower(s)] = true
			}
		}
	}
	type lw struct {
		code   string
		weight int
	}
	var ws []lw
	for code, v := range t.sub("languages") {
		lt, _ := v.(tree)
		hs.codes = append(hs.codes, code)
		if lt.boolean("disabled") || disabled[code] {
			continue
		}
		w, _ := lt.integer("weight")
		if code == hs.def {
			w = -1 << 31 // the default language is built first
		}
		ws = append(ws, lw{code, w})
	}
	slices.Sort(hs.codes)
	slices.SortFunc(ws, func(a, b lw) int {
		if a.weight != b.weight {
			return a.weight - b.weight
		}
		return strings.Compare(a.code, b.code)
	})
	for _, l := range ws {
		hs.enabled = append(hs.enabled, l.code)
	}
	hs.multi = len(hs.enabled) > 1 || hs.inSubdir && len(hs.enabled) > 0
	return hs
}

// Languages lists the languages a build of the site in dir makes feeds
// for, one build each, the default first; nil for a site in one
// language (or no generator's site), which is built once.
func Languages(dir string) ([]string, error) {
	name := hugoFile(dir)
	if name == "" {
		return nil, nil
	}
	t, _, err := hugoConfig(dir, name)
	if err != nil {
		return nil, err
	}
	if hs := hugoLanguages(t); hs.multi {
		return hs.enabled, nil
	}
	return nil, nil
}

// langTree is the settings one language of the site is built with: the
// site's, with the language's own table merged over them.
func langTree(t tree, lang string) tree {
	out := clone(t)
	own := clone(t.sub("languages." + lang))
	for _, k := range []string{"weight", "languagename", "languagedirection", "disabled"} {
		delete(own, k)
	}
	out.merge(own)
	return out
}

// clone copies a tree, mappings and all, so merging into the copy leaves
// the original as it was.
func clone(t tree) tree {
	out := tree{}
	for k, v := range t {
		if sub, ok := v.(tree); ok {
			v = clone(sub)
		}
		out[k] = v
	}
	return out
}

// keep reports whether the content file at rel (below the language's
// content folder) is a page of lang: a file named for a language
// (post.fr.md) is that language's; any other is the language's whose
// own content folder holds it, else the default language's.
func (hs hugoSite) keep(lang string, ownDir bool) func(rel string) bool {
	return func(rel string) bool {
		base := path.Base(filepath.ToSlash(rel))
		stem := strings.TrimSuffix(base, path.Ext(base))
		if i := strings.LastIndexByte(stem, '.'); i > 0 {
			code := strings.ToLower(stem[i+1:])
			if slices.Contains(hs.codes, code) {
				return code == lang
			}
		}
		return lang == hs.def || ownDir
	}
}

// prefix is the folder of lang's pages and feeds: "" for the default
// language at the root, else "fr/".
func (hs hugoSite) prefix(lang string) string {
	if !hs.multi || lang == hs.def && !hs.inSubdir {
		return ""
	}
	return lang + "/"
}

// hugoUgly reads uglyURLs, in its two forms: a boolean for the whole
// site, or a mapping of section to boolean.
func hugoUgly(t tree) (bool, map[string]bool) {
	m, ok := t.get("uglyurls").(tree)
	if !ok {
		return t.boolean("uglyurls"), nil
	}
	out := map[string]bool{}
	for k := range m {
		out[k] = m.boolean(k)
	}
	return false, out
}

// hugoContentDir is the content folder the settings name, cleaned.
func hugoContentDir(t tree) string {
	d := t.str("contentdir")
	if d == "" {
		d = "content"
	}
	return filepath.Clean(d)
}

// hugoConfigPart places the content of a file of config/_default/ in the
// settings: hugo.toml and config.toml at the top, params.toml under
// params, languages.fr.toml under languages.fr and params.fr.toml under
// the French language's params.
func hugoConfigPart(name string, part tree) tree {
	key, lang, _ := strings.Cut(name, ".")
	switch {
	case lang == "" && (key == "hugo" || key == "config"):
		return part
	case lang == "":
		return tree{key: part}
	case key == "languages":
		return tree{"languages": tree{lang: part}}
	case key == "hugo" || key == "config":
		return tree{"languages": tree{lang: part}}
	}
	return tree{"languages": tree{lang: tree{key: part}}}
}

// LanguageFolder is the folder, below the site's output folder, that a
// language's feeds go to ("fr/"), or "" for a language at the root and
// for a site in one language.
func LanguageFolder(dir, lang string) string {
	name := hugoFile(dir)
	if name == "" || lang == "" {
		return ""
	}
	t, _, err := hugoConfig(dir, name)
	if err != nil {
		return ""
	}
	return hugoLanguages(t).prefix(strings.ToLower(lang))
}
