package sitemode

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/feedpub/feedpub/internal/article"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/permalink"
)

// hugoNames are the names of a Hugo site's settings file, in the order
// Hugo looks for them; only the first found is read.
var hugoNames = []string{
	"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
	"config.toml", "config.yaml", "config.yml", "config.json",
}

// hugoFile is the settings file of a Hugo site in dir, or "".
func hugoFile(dir string) string {
	for _, n := range hugoNames {
		if isFile(filepath.Join(dir, n)) {
			return n
		}
	}
	if isDir(filepath.Join(dir, "config", "_default")) {
		return filepath.Join("config", "_default")
	}
	return ""
}

// hugoConfig reads a Hugo site's settings: the root file, then
// config/_default/ and config/production/ merged over it, where a file
// named after a key (params.toml) holds that key.
func hugoConfig(dir, name string) (tree, []string, error) {
	t := tree{}
	var read []string
	if !strings.HasPrefix(name, "config") || filepath.Ext(name) != "" {
		root, err := readTree(filepath.Join(dir, name))
		if err != nil {
			return nil, nil, err
		}
		t.merge(root)
		read = append(read, name)
	}
	for _, env := range []string{"_default", "production"} {
		envDir := filepath.Join(dir, "config", env)
		entries, err := os.ReadDir(envDir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			ext := strings.ToLower(filepath.Ext(e.Name()))
			if e.IsDir() || !slices.Contains([]string{".toml", ".yaml", ".yml", ".json"}, ext) {
				continue
			}
			part, err := readTree(filepath.Join(envDir, e.Name()))
			if err != nil {
				return nil, nil, err
			}
			t.merge(hugoConfigPart(strings.ToLower(strings.TrimSuffix(e.Name(), filepath.Ext(e.Name()))), part))
			read = append(read, filepath.Join("config", env, e.Name()))
		}
	}
	return t, read, nil
}

// hugo applies a Hugo site's settings, for one of its languages ("": the
// default language).
func hugo(dir, name, lang string, s *config.Settings) (string, error) {
	site, read, err := hugoConfig(dir, name)
	if err != nil {
		return "", err
	}
	where := read[0]
	hs := hugoLanguages(site)
	if lang == "" {
		lang = hs.def
	}
	// A site in one language may keep its content in content/<lang>/;
	// that language's own settings win over the site's.
	t := langTree(site, strings.ToLower(lang))
	pick := t.str
	prefix := hs.prefix(lang)
	if v := t.str("baseurl"); v != "" {
		if prefix != "" {
			v = strings.TrimSuffix(v, "/") + "/" + prefix
		}
		set(s, "base_url", where, &s.BaseURL, v)
	}
	if v := pick("title"); v != "" {
		set(s, "title", where, &s.Title, v)
	}
	locale := pick("locale")
	if locale == "" {
		locale = pick("languagecode")
	}
	if locale == "" {
		locale = lang
	}
	set(s, "language", where, &s.Language, locale)
	if v := t.str("timezone"); v != "" {
		set(s, "timezone", where, &s.Timezone, v)
	}
	if v := pick("copyright"); v != "" {
		set(s, "copyright", where, &s.Copyright, v)
	}
	params := t.sub("params")
	hugoMarkup(t, params, s)
	if v := params.str("description"); v != "" {
		set(s, "description", where, &s.Description, v)
	} else if s.Title != "" {
		set(s, "description", where, &s.Description, s.Title)
	}
	switch a := params.get("author").(type) {
	case string:
		set[any](s, "author", where, &s.Author, a)
	case tree:
		m := map[string]any{}
		for _, k := range []string{"name", "email"} {
			if v := a.str(k); v != "" {
				m[k] = v
			}
		}
		if len(m) > 0 {
			set[any](s, "author", where, &s.Author, m)
		}
	}
	set(s, "articles", where, &s.Articles, filepath.Join(dir, hugoContentDir(t)))
	publishDir := t.str("publishdir")
	if publishDir == "" {
		publishDir = "public"
	}
	set(s, "output", where, &s.Output, filepath.Join(dir, publishDir, prefix))
	if prefix != "" && lang != hs.def {
		s.Cache += "-" + lang // each language's build has its own
	}

	// Hugo's RSS holds every page unless services.rss.limit says
	// otherwise, at <dir>/index.xml; Atom and JSON Feed go beside it.
	limit := 0
	if n, ok := t.integer("services.rss.limit"); ok && n > 0 {
		limit = n
	}
	set(s, "limit", where, &s.Limit, limit)
	base := t.str("outputformats.rss.basename")
	if base == "" {
		base = "index"
	}
	set(s, "rss_file", where, &s.RSSFile, base+".xml")
	set(s, "atom_file", where, &s.AtomFile, "atom.xml")
	set(s, "json_file", where, &s.JSONFile, "feed.json")

	// Taxonomies: declaring the table replaces Hugo's two defaults; the
	// site's own ones (series, …) get feeds too.
	tags, cats := true, true
	var own []string
	if tax, ok := t.get("taxonomies").(tree); ok {
		tags, cats = false, false
		for _, v := range tax {
			plural, _ := v.(string)
			switch plural = strings.ToLower(plural); plural {
			case "tags":
				tags = true
			case "categories":
				cats = true
			case "":
			default:
				own = append(own, plural)
			}
		}
		slices.Sort(own)
	}
	// [outputs] can turn RSS off for sections or terms.
	terms := hugoOutputsRSS(t, "term")
	set(s, "tag_feeds", where, &s.TagFeeds, tags && terms)
	set(s, "category_feeds", where, &s.CategoryFeeds, cats && terms)
	if !terms {
		own = nil
	}
	set(s, "author_feeds", where, &s.AuthorFeeds, false)
	set(s, "section_feeds", where, &s.SectionFeeds, hugoOutputsRSS(t, "section"))
	set(s, "pages", where, &s.Pages, false)
	set(s, "drafts", where, &s.Drafts, t.boolean("builddrafts"))
	set(s, "future", where, &s.Future, t.boolean("buildfuture"))
	set(s, "expired", where, &s.Expired, t.boolean("buildexpired"))

	ugly, uglySections := hugoUgly(t)
	links := permalink.Hugo{
		Permalinks:         hugoPermalinks(t),
		UglyURLs:           ugly,
		UglySections:       uglySections,
		DisablePathToLower: t.boolean("disablepathtolower"),
		RemovePathAccents:  t.boolean("removepathaccents"),
	}
	if err := links.Check(); err != nil {
		return "", diag.Settings.At(where, 0, 0, "permalinks: "+err.Error(), "")
	}
	key := t.key()
	var keep func(string) bool
	if hs.multi {
		links.Languages = hs.codes
		key += " " + lang
		keep = hs.keep(lang, hugoContentDir(t) != hugoContentDir(langTree(site, hs.def)))
	}
	lowerTerms := !links.DisablePathToLower
	termPatterns := map[string]string{}
	for k, v := range t.sub("permalinks") { // the legacy form covers terms too
		if p, ok := v.(string); ok {
			termPatterns[k] = p
		}
	}
	for k, v := range t.sub("permalinks.term") {
		if p, ok := v.(string); ok {
			termPatterns[k] = p
		}
	}
	sectionPatterns := map[string]string{}
	for k, v := range t.sub("permalinks.section") {
		if p, ok := v.(string); ok {
			sectionPatterns[k] = p
		}
	}
	s.Generator = config.Generator{
		Keep: keep,
		Name: "Hugo", File: where, Key: key, Dialect: article.Hugo, Links: links, Taxonomies: own, Dates: hugoDates(t),
		TermSlug: func(name string) string {
			return permalink.HugoTermPath(name, lowerTerms, links.RemovePathAccents)
		},
		// Term and section feeds go where their pages are: below the
		// taxonomy, or where [permalinks.term] and [permalinks.section]
		// put them.
		Family: func(taxonomy, name, slug string) (string, *[3]string, bool) {
			patterns, key := termPatterns, taxonomy
			if taxonomy == "sections" {
				patterns, key = sectionPatterns, name
			}
			p, ok := patterns[key]
			if !ok {
				return "", nil, true
			}
			return hugoListDir(p, name, slug), nil, true
		},
	}
	hugoPictures(dir, t, params, s, where)
	if prefix != "" {
		return fmt.Sprintf("read the Hugo site's settings from %s, language %s", strings.Join(read, ", "), lang), nil
	}
	return fmt.Sprintf("read the Hugo site's settings from %s", strings.Join(read, ", ")), nil
}

// hugoPermalinks are the patterns of regular pages by section: from
// [permalinks.page], or from the legacy [permalinks] form, whose patterns
// cover pages too.
func hugoPermalinks(t tree) map[string]string {
	out := map[string]string{}
	for k, v := range t.sub("permalinks") {
		if p, ok := v.(string); ok {
			out[k] = p
		}
	}
	for k, v := range t.sub("permalinks.page") {
		if p, ok := v.(string); ok {
			out[k] = p
		}
	}
	return out
}

// hugoListDir is the folder of a term's or section's page under a
// permalink pattern: "/topic/:slug/" → "topic/go/".
func hugoListDir(pattern, name, slug string) string {
	r := strings.NewReplacer(":slug", slug, ":title", slug, ":sections", name, ":section", name)
	dir := strings.Trim(r.Replace(pattern), "/")
	if dir == "" {
		return ""
	}
	return dir + "/"
}

// hugoDates reads the [frontmatter] rules: for each date, the keys it is
// taken from, where ":default" stands for Hugo's own list.
func hugoDates(t tree) *article.HugoDates {
	fm := t.sub("frontmatter")
	if len(fm) == 0 {
		return nil
	}
	d := article.DefaultHugoDates
	for key, field := range map[string]*[]string{"date": &d.Date, "publishdate": &d.PublishDate, "lastmod": &d.Lastmod, "expirydate": &d.ExpiryDate} {
		list, ok := fm.get(key).([]any)
		if !ok {
			continue
		}
		var keys []string
		for _, v := range list {
			k := strings.ToLower(fmt.Sprint(v))
			if k == ":default" {
				keys = append(keys, *field...)
				continue
			}
			keys = append(keys, k)
		}
		*field = keys
	}
	return &d
}

// hugoOutputsRSS reports whether pages of a kind (section, term) have an
// RSS output: Hugo's default, unless [outputs] lists the kind without it.
func hugoOutputsRSS(t tree, kind string) bool {
	list, ok := t.get("outputs." + kind).([]any)
	if !ok {
		return true
	}
	for _, v := range list {
		if strings.EqualFold(fmt.Sprint(v), "rss") {
			return true
		}
	}
	return false
}
