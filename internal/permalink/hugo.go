package permalink

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"sort"
	"strings"
)

// Hugo makes links as Hugo does.
type Hugo struct {
	// Permalinks maps a section to the pattern for its regular pages
	// (Hugo's [permalinks.page], and the legacy [permalinks] form, whose
	// patterns cover pages of that section and its sub-sections). Missing:
	// Hugo's default URL.
	Permalinks                                      map[string]string
	UglyURLs, DisablePathToLower, RemovePathAccents bool
	// UglySections are the sections whose pages have ugly URLs (Hugo's
	// per-section form, uglyURLs = {posts = true}), beside UglyURLs.
	UglySections map[string]bool
	// Languages are the site's language codes: a file named post.fr.md
	// is the page post in French, and its link is made from "post".
	Languages []string
}

// stripLang removes a language code from a file's base name:
// "post.fr" → "post", when fr is one of the site's languages.
func (h Hugo) stripLang(name string) string {
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		for _, l := range h.Languages {
			if strings.EqualFold(name[i+1:], l) {
				return name[:i]
			}
		}
	}
	return name
}

// TranslationKey is what the translations of a page share: its path in
// its language's content folder, without extension and without the
// language in its name ("posts/hello.fr.md" → "posts/hello").
func (h Hugo) TranslationKey(rel string) string {
	dir, name := fileParts(rel)
	return path.Join(dir, h.stripLang(name))
}

// ugly reports whether pages in dir have ugly URLs.
func (h Hugo) ugly(dir string) bool {
	if h.UglyURLs {
		return true
	}
	section, _, _ := strings.Cut(dir, "/")
	return h.UglySections[strings.ToLower(section)]
}

// Check reports an error for a pattern with an unknown :token, naming it,
// so settings can be refused early.
func (h Hugo) Check() error {
	for _, section := range sortedKeys(h.Permalinks) {
		if err := checkTokens(h.Permalinks[section], hugoKnown); err != nil {
			return fmt.Errorf("permalinks for section %q: %w", section, err)
		}
	}
	return nil
}

// Link returns the page's link, which Hugo's RSS also uses as the guid.
// A "+" is returned as is: Hugo's RSS template writes it "&#43;", which is
// the XML encoder's business, not a different link.
func (h Hugo) Link(p Page) (link, id string, err error) {
	dir, name := fileParts(p.Path)
	name = h.stripLang(name)
	bundle := name == "index"
	switch {
	case name == "_index":
		return "", "", fmt.Errorf("%s: a list page, not a regular page", p.Path)
	case bundle && dir == "":
		return "", "", fmt.Errorf("%s: a bundle needs a folder", p.Path)
	case bundle:
		dir, name = path.Split(dir)
		dir = strings.TrimSuffix(dir, "/")
	}
	slug := strings.Trim(p.Slug, "-") // as Hugo reads the front matter
	if p.URL != "" {
		link, err = h.urlLink(p, name, slug)
	} else {
		link, err = h.pathLink(p, dir, name, slug)
	}
	if err != nil {
		return "", "", fmt.Errorf("%s: %w", p.Path, err)
	}
	link = strings.TrimPrefix(link, "/")
	return link, link, nil
}

// urlLink is the link of a page whose front matter sets url: its case is
// kept, a slash is added unless it has a dot (such as "/T.html"), and
// tokens in it are expanded.
func (h Hugo) urlLink(p Page, name, slug string) (string, error) {
	u := p.URL
	if strings.Contains(u, ":") {
		v, err := h.expand(u, p, name, slug)
		if err != nil {
			return "", err
		}
		if v, err = url.QueryUnescape(v); err == nil && v != "" {
			u = v
		}
	}
	if strings.Contains(u, "..") {
		u = path.Join("/", u)
	}
	link := joinParts(strings.FieldsFunc(u, func(r rune) bool { return r == '/' }))
	if strings.HasSuffix(u, "/") || !strings.Contains(u, ".") {
		link = strings.TrimSuffix(link, "/") + "/"
	}
	return urlEscape(strings.ReplaceAll(link, "#", "%23")), nil
}

// pathLink is the link from the page's permalinks pattern, else from its
// folders and slug or file name, each part sanitized.
func (h Hugo) pathLink(p Page, dir, name, slug string) (string, error) {
	ugly := h.ugly(dir)
	var parts []string
	if pattern, ok := h.pattern(dir, name); ok {
		v, err := h.expand(pattern, p, name, slug)
		if err != nil {
			return "", err
		}
		// Hugo unescapes the expanded pattern as a query, so a "+" becomes
		// a space and then a hyphen; a failed unescape means no pattern.
		if v, err = url.QueryUnescape(v); err == nil && v != "" {
			parts = []string{path.Clean(v)}
		}
	}
	if parts == nil {
		// File and folder names keep their runs of spaces and dashes;
		// a slug does not.
		base := hugoKeepRuns(name)
		if slug != "" {
			base = slug
		}
		parts = []string{hugoKeepRuns(dir), base}
	}
	for i, part := range parts {
		if part == "." || part == "/" {
			part = ""
		}
		parts[i] = hugoMakePath(part, !h.DisablePathToLower, h.RemovePathAccents)
	}
	link := joinParts(parts)
	switch {
	case ugly && link != "":
		link = strings.TrimSuffix(link, "/") + ".html"
	default:
		link = strings.TrimSuffix(link, "/") + "/"
	}
	return pathEscape(strings.ReplaceAll(link, "#", "%23")), nil
}

// joinParts joins non-empty parts, each after a slash unless the previous
// one ended in one, as Hugo's path builder does.
func joinParts(parts []string) string {
	var b strings.Builder
	slash := false
	for _, part := range parts {
		if part == "" || part == "/" {
			continue
		}
		if !slash && !strings.HasPrefix(part, "/") {
			b.WriteByte('/')
		}
		slash = strings.HasSuffix(part, "/")
		b.WriteString(part)
	}
	return b.String()
}

// pattern returns the permalinks pattern that covers the page whose
// folder is dir and name name: the one of its section or the nearest
// enclosing one ("" or "/" meaning pages at the root only). Hugo compares
// lower-cased paths, spaces made hyphens.
func (h Hugo) pattern(dir, name string) (string, bool) {
	norm := func(s string) string { return strings.ReplaceAll(strings.ToLower(strings.Trim(s, " /")), " ", "-") }
	page := norm(path.Join(dir, name))
	best, found := "", false
	for _, key := range sortedKeys(h.Permalinks) {
		k := norm(key)
		var covers bool
		if k == "" {
			covers = !strings.Contains(page, "/")
		} else {
			covers = page == k || strings.HasPrefix(page, k+"/")
		}
		if covers && (!found || len(k) > len(norm(best))) {
			best, found = key, true
		}
	}
	return h.Permalinks[best], found
}

// expand fills in a Hugo pattern's tokens for p.
func (h Hugo) expand(pattern string, p Page, name, slug string) (string, error) {
	urlize := func(s string) string { return HugoURLize(s, !h.DisablePathToLower, h.RemovePathAccents) }
	slugElseTitle := func() string {
		if slug != "" {
			return urlize(slug)
		}
		return urlize(p.Title)
	}
	slugElse := func() string {
		if slug != "" {
			return urlize(slug)
		}
		return urlize(name)
	}
	return expandTokens(pattern, hugoKnown, func(attr string) (string, error) {
		switch {
		case attr == "section":
			if len(p.Sections) == 0 {
				return "", nil
			}
			return p.Sections[0], nil
		case attr == "sections" || strings.HasPrefix(attr, "sections["):
			return sectionsToken(attr, p.Sections), nil
		case attr == "sectionslug" || attr == "sectionslugs" || strings.HasPrefix(attr, "sectionslugs["):
			return sectionSlugs(attr, p, urlize)
		case attr == "title":
			return urlize(p.Title), nil
		case attr == "slug":
			return slugElseTitle(), nil
		case attr == "filename" || attr == "contentbasename":
			return urlize(name), nil
		case attr == "slugorfilename" || attr == "slugorcontentbasename":
			return slugElse(), nil
		}
		return dateToken(p.Date, attr), nil
	})
}

var errNoSectionSlugs = errors.New(":sectionslug needs the slug or title of every section")

// sectionSlugs is the value of :sectionslug (the first section's) and
// :sectionslugs (all, optionally cut).
func sectionSlugs(attr string, p Page, urlize func(string) string) (string, error) {
	if len(p.SectionSlugs) < len(p.Sections) {
		return "", errNoSectionSlugs
	}
	slugs := make([]string, len(p.Sections))
	for i := range p.Sections {
		slugs[i] = urlize(p.SectionSlugs[i])
	}
	if attr == "sectionslug" {
		if len(slugs) == 0 {
			return "", nil
		}
		return slugs[0], nil
	}
	return path.Join(sectionsCut(strings.TrimPrefix(attr, "sectionslugs"), slugs)...), nil
}

// hugoKnown reports whether attr is a token Hugo knows.
func hugoKnown(attr string) bool {
	return hugoNames[attr] || strings.HasPrefix(attr, "sections[") ||
		strings.HasPrefix(attr, "sectionslugs[") || isDateToken(attr)
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
