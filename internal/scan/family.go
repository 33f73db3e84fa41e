package scan

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/gosimple/slug"

	"github.com/feedpub/feedpub/internal/article"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/filelist"
	"github.com/feedpub/feedpub/internal/model"
)

// A Family is the feed set of one tag, category or author: the articles
// that share it, in their own RSS, Atom and JSON files below Dir.
type Family struct {
	Kind Kind
	Tax  string // the taxonomy: tags, categories, authors, sections or a site's own
	Name string // as the articles write it
	Slug string
	dir  string     // where a site generator puts it; "" for feedpub's place
	Own  *[3]string // the generator's names of its RSS, Atom and JSON files, or nil
}

// Kind is what a family groups articles by.
type Kind byte

// The kinds of family, as they prefix terms.
const (
	ByTag      Kind = 't'
	ByCategory Kind = 'c'
	ByAuthor   Kind = 'a'
	BySection  Kind = 's' // a Hugo section: the pages directly in it
	ByTaxonomy Kind = 'x' // a Hugo site's own taxonomy; the name is "taxonomy\x1fterm"
)

// Dir is the folder below the output directory holding a kind's families.
func (k Kind) Dir() string {
	switch k {
	case ByTag:
		return "tags"
	case ByCategory:
		return "categories"
	case BySection:
		return "sections"
	}
	return "authors"
}

// field is the front matter field that names a kind's families, which
// is also the folder's name.
func (k Kind) field() string { return k.Dir() }

// String names the kind in messages: tag, category, section, term, author.
func (k Kind) String() string {
	switch k {
	case ByTag:
		return "tag"
	case ByCategory:
		return "category"
	case BySection:
		return "section"
	case ByTaxonomy:
		return "term"
	}
	return "author"
}

// Dir is where the family's files go, relative to the output directory,
// ending in a slash.
func (f Family) Dir() string {
	switch {
	case f.dir != "":
		return f.dir
	case f.Kind == BySection:
		return f.Slug + "/" // where the section's own page is
	}
	return f.Tax + "/" + f.Slug + "/"
}

// Key identifies a family's feeds: two names with one key would share
// them.
func (f Family) Key() string { return string(f.Kind) + f.Tax + "\x1f" + f.Slug }

// term is an article's membership in a family, as the first phase and the
// cache keep it: the kind's letter followed by the name.
func term(k Kind, name string) string { return string(k) + name }

// FamilyOf reads a term back. A site generator's own slugs name tags,
// categories and sections as its pages do, and it may put the feeds
// where it puts its own; feedpub's name and place the rest.
func FamilyOf(site *config.Site, t string) Family {
	f := Family{Kind: Kind(t[0]), Name: t[1:]}
	f.Tax = f.Kind.Dir()
	if f.Kind == ByTaxonomy {
		f.Tax, f.Name, _ = strings.Cut(f.Name, "\x1f")
	}
	if ts := site.Generator.TermSlug; ts != nil && f.Kind != ByAuthor {
		f.Slug = ts(f.Name)
	}
	if f.Slug == "" {
		f.Slug = MakeSlug(f.Name)
	}
	if fam := site.Generator.Family; fam != nil && f.Kind != ByAuthor {
		f.dir, f.Own, _ = fam(f.Tax, f.Name, f.Slug)
	}
	return f
}

// wanted reports whether the site's generator gives a term a feed set.
func wanted(site *config.Site, tax, name string) bool {
	if fam := site.Generator.Family; fam != nil {
		_, _, ok := fam(tax, name, "")
		return ok
	}
	return true
}

// slugSubs spell out the characters that tell technical names apart and
// that slugs would otherwise drop ("C", "C++" and "C#").
var slugSubs = strings.NewReplacer("+", " plus ", "#", " sharp ", "&", " and ")

// MakeSlug turns a name into a stable, lowercase, URL-safe path segment:
// accents and non-Latin scripts are transliterated to ASCII ("Café" →
// "cafe", "Москва" → "moskva"), everything else but letters and digits
// becomes a dash. A name with no letter or digit to keep ("]]>", "🚀",
// "…") is named by its hash instead: "x-" and the first 10 hexadecimal
// digits of the SHA-256 of its UTF-8 bytes, the same on every build and
// different for different names. Should another name make the same slug
// ("X 1f0e…"), the collision check reports the two like any others.
func MakeSlug(name string) string {
	if s := slug.Make(slugSubs.Replace(name)); s != "" {
		return s
	}
	sum := sha256.Sum256([]byte(name))
	return "x-" + hex.EncodeToString(sum[:5])
}

// termsOf lists the families an article belongs to under the site's
// settings, each once. authors are the article's own.
func termsOf(site *config.Site, tags, cats []string, authors []model.Person, own map[string][]string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(on bool, k Kind, names []string) {
		for _, n := range names {
			if t := term(k, n); on && !seen[t] && (k == ByAuthor || wanted(site, k.Dir(), n)) {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	add(site.TagFeeds, ByTag, tags)
	add(site.CategoryFeeds, ByCategory, cats)
	for _, tax := range site.Generator.Taxonomies {
		for _, n := range own[tax] {
			if t := term(ByTaxonomy, tax+"\x1f"+n); !seen[t] && wanted(site, tax, n) {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	if len(authors) == 0 {
		authors = site.Authors // the site's own, when set; not the stand-in
	}
	var names []string
	for _, p := range authors {
		names = append(names, p.Label())
	}
	add(site.AuthorFeeds, ByAuthor, names)
	return out
}

// collision reports names that make one slug, so would share one feed:
// every spelling but the first (by path) is an error at the article that
// first uses it.
func collision(site *config.Site, files *filelist.List, fs *familySeen) diag.List {
	type use struct {
		Name string
		Idx  int
	}
	var uses []use
	for name, i := range fs.names {
		uses = append(uses, use{name, i})
	}
	slices.SortFunc(uses, func(a, b use) int { return cmp.Or(cmp.Compare(a.Idx, b.Idx), cmp.Compare(a.Name, b.Name)) })
	var problems diag.List
	for k, u := range uses[1:] {
		if slices.ContainsFunc(uses[:k+1], func(v use) bool { return strings.EqualFold(u.Name, v.Name) }) {
			continue // a spelling of an earlier name in other case: one name
		}
		e, _ := Load(site, files.Path(u.Idx))
		p := article.Pos{Line: 1, Col: 1}
		if e != nil {
			p = termPos(e.Art, fs.Kind)
		}
		problems = append(problems, diag.At(files.Path(u.Idx), p.Line, p.Col,
			fmt.Sprintf("the %s %q and the %s %q in %s would share the feed %s", fs.Kind, u.Name, fs.Kind, uses[0].Name, files.Path(uses[0].Idx), fs.Dir()),
			fmt.Sprintf("spell the %s the same way in both articles", fs.Kind)))
	}
	return problems
}

// termPos is where an article names its families of kind k.
func termPos(a *article.Article, k Kind) article.Pos {
	if _, set := a.Pos["author"]; set && k == ByAuthor {
		return a.At("author")
	}
	return a.At(k.field())
}
