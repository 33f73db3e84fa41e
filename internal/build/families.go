package build

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/gosimple/slug"

	"github.com/feedpub/feedpub/internal/article"
	"github.com/feedpub/feedpub/internal/cache"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/encode"
	"github.com/feedpub/feedpub/internal/model"
	"github.com/feedpub/feedpub/internal/output"
	"github.com/feedpub/feedpub/internal/page"
)

// A family is the feed set of one tag, category or author: the articles
// that share it, in their own RSS, Atom and JSON files below Dir.
type family struct {
	kind kind
	tax  string // the taxonomy: tags, categories, authors, sections or a site's own
	name string // as the articles write it
	slug string
	dir  string     // where a site generator puts it; "" for feedpub's place
	own  *[3]string // the generator's names of its RSS, Atom and JSON files, or nil
}

// kind is what a family groups articles by.
type kind byte

// The kinds of family, as they prefix terms.
const (
	byTag      kind = 't'
	byCategory kind = 'c'
	byAuthor   kind = 'a'
	bySection  kind = 's' // a Hugo section: the pages directly in it
	byTaxonomy kind = 'x' // a Hugo site's own taxonomy; the name is "taxonomy\x1fterm"
)

// dir is the folder below the output directory holding a kind's families.
func (k kind) dir() string {
	switch k {
	case byTag:
		return "tags"
	case byCategory:
		return "categories"
	case bySection:
		return "sections"
	}
	return "authors"
}

// field is the front matter field that names a kind's families, which
// is also the folder's name.
func (k kind) field() string { return k.dir() }

func (k kind) String() string {
	switch k {
	case byTag:
		return "tag"
	case byCategory:
		return "category"
	case bySection:
		return "section"
	case byTaxonomy:
		return "term"
	}
	return "author"
}

// Dir is where the family's files go, relative to the output directory,
// ending in a slash.
func (f family) Dir() string {
	switch {
	case f.dir != "":
		return f.dir
	case f.kind == bySection:
		return f.slug + "/" // where the section's own page is
	}
	return f.tax + "/" + f.slug + "/"
}

// files names the family's feed files by format.
func (f family) files(site *config.Site) fileNames {
	if f.own != nil {
		return fileNames{encode.RSS: f.own[0], encode.Atom: f.own[1], encode.JSON: f.own[2]}
	}
	return familyNames(site, f.Dir())
}

// home is the page a family's feeds link to: its folder, or the site's
// home when the generator names the files and has no page for it.
func (f family) home(site *config.Site) string {
	if f.own != nil {
		return site.BaseURL.String()
	}
	return site.BaseURL.String() + f.Dir()
}

// key identifies a family's feeds: two names with one key would share
// them.
func (f family) key() string { return string(f.kind) + f.tax + "\x1f" + f.slug }

// term is an article's membership in a family, as the first phase and the
// cache keep it: the kind's letter followed by the name.
func term(k kind, name string) string { return string(k) + name }

// familyOf reads a term back. A site generator's own slugs name tags,
// categories and sections as its pages do, and it may put the feeds
// where it puts its own; feedpub's name and place the rest.
func familyOf(site *config.Site, t string) family {
	f := family{kind: kind(t[0]), name: t[1:]}
	f.tax = f.kind.dir()
	if f.kind == byTaxonomy {
		f.tax, f.name, _ = strings.Cut(f.name, "\x1f")
	}
	if ts := site.Generator.TermSlug; ts != nil && f.kind != byAuthor {
		f.slug = ts(f.name)
	}
	if f.slug == "" {
		f.slug = makeSlug(f.name)
	}
	if fam := site.Generator.Family; fam != nil && f.kind != byAuthor {
		f.dir, f.own, _ = fam(f.tax, f.name, f.slug)
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

// makeSlug turns a name into a stable, lowercase, URL-safe path segment:
// accents and non-Latin scripts are transliterated to ASCII ("Café" →
// "cafe", "Москва" → "moskva"), everything else but letters and digits
// becomes a dash. A name with no letter or digit to keep ("]]>", "🚀",
// "…") is named by its hash instead: "x-" and the first 10 hexadecimal
// digits of the SHA-256 of its UTF-8 bytes, the same on every build and
// different for different names. Should another name make the same slug
// ("X 1f0e…"), the collision check reports the two like any others.
func makeSlug(name string) string {
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
	add := func(on bool, k kind, names []string) {
		for _, n := range names {
			if t := term(k, n); on && !seen[t] && (k == byAuthor || wanted(site, k.dir(), n)) {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	add(site.TagFeeds, byTag, tags)
	add(site.CategoryFeeds, byCategory, cats)
	for _, tax := range site.Generator.Taxonomies {
		for _, n := range own[tax] {
			if t := term(byTaxonomy, tax+"\x1f"+n); !seen[t] && wanted(site, tax, n) {
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
	add(site.AuthorFeeds, byAuthor, names)
	return out
}

// title is a family feed's title: "Site — tag".
func (f family) title(site *config.Site) string { return site.Title + " — " + f.name }

// description says what a family's feed holds.
func (f family) description(site *config.Site) string {
	switch f.kind {
	case byAuthor:
		return fmt.Sprintf("Articles by %s on %s", f.name, site.Title)
	}
	return fmt.Sprintf("Articles on %s in the %s %q", site.Title, f.kind, f.name)
}

// collision reports names that make one slug, so would share one feed:
// every spelling but the first (by path) is an error at the article that
// first uses it.
func collision(site *config.Site, paths []string, fs *familySeen) diag.List {
	type use struct {
		name string
		idx  int
	}
	var uses []use
	for name, i := range fs.names {
		uses = append(uses, use{name, i})
	}
	slices.SortFunc(uses, func(a, b use) int { return cmp.Or(cmp.Compare(a.idx, b.idx), cmp.Compare(a.name, b.name)) })
	var problems diag.List
	for k, u := range uses[1:] {
		if slices.ContainsFunc(uses[:k+1], func(v use) bool { return strings.EqualFold(u.name, v.name) }) {
			continue // a spelling of an earlier name in other case: one name
		}
		e, _ := load(site, paths[u.idx])
		p := article.Pos{Line: 1, Col: 1}
		if e != nil {
			p = termPos(e.art, fs.kind)
		}
		problems = append(problems, diag.At(paths[u.idx], p.Line, p.Col,
			fmt.Sprintf("the %s %q and the %s %q in %s would share the feed %s", fs.kind, u.name, fs.kind, uses[0].name, paths[uses[0].idx], fs.Dir()),
			fmt.Sprintf("spell the %s the same way in both articles", fs.kind)))
	}
	return problems
}

// termPos is where an article names its families of kind k.
func termPos(a *article.Article, k kind) article.Pos {
	if _, set := a.Pos["author"]; set && k == byAuthor {
		return a.At("author")
	}
	return a.At(k.field())
}

// familyFiles are the family feeds' files and pages, made one family at a
// time as they are written, and the groups of links to them for the home
// page. Items of the main feed, already rendered in main, are not
// rendered again; a family the cache shows unchanged is kept as it is.
func familyFiles(opts Options, paths []string, p *plan, old *cache.Cache, main map[int]*entry) ([]output.File, []page.Group) {
	site := opts.Site
	shared := &itemCache{items: map[int]*model.Item{}, budget: sharedBudget}
	for i, e := range main {
		shared.items[i] = e.item
	}
	pg := &pager{ahead: workerCount(opts), make: func(k int) ([]output.File, error) {
		f := p.families[k]
		var missing []int
		for _, i := range f.items {
			if shared.get(i) == nil {
				missing = append(missing, i)
			}
		}
		slices.Sort(missing)
		entries, err := renderItems(opts, paths, missing, site.FullContent)
		if err != nil {
			return nil, err
		}
		feed := newFeed(opts, f.title(site), f.description(site), f.home(site))
		for _, i := range f.items {
			it := shared.get(i)
			if it == nil {
				it = entries[i].item
				shared.put(i, it)
			}
			feed.Items = append(feed.Items, it)
		}
		feed.Updated = model.Newest(feed.Items)
		names := f.files(site)
		files, err := feedFiles(opts, feed, names, encode.Links{})
		if err != nil || !site.Pages {
			return files, err
		}
		html, err := page.Index(pageOf(opts, feed, names, nil, site.BaseURL.String()))
		if err != nil {
			return nil, err
		}
		return append(files, output.File{Name: f.Dir() + "index.html", Data: html}), nil
	}}
	var out []output.File
	var groups []page.Group
	for k, f := range p.families {
		if len(groups) == 0 || groups[len(groups)-1].Label != groupLabel(f.kind) {
			groups = append(groups, page.Group{Label: groupLabel(f.kind)})
		}
		g := &groups[len(groups)-1]
		g.Links = append(g.Links, page.Link{Name: f.name, URL: site.BaseURL.String() + f.Dir()})
		names := f.files(site).list()
		if site.Pages {
			names = append(names, f.Dir()+"index.html")
		}
		if old != nil && old.Families[f.Dir()] == f.sig && intact(site, old, names...) {
			for _, name := range names {
				out = append(out, output.File{Name: name, Keep: true})
			}
			continue
		}
		pg.todo = append(pg.todo, k)
		out = append(out, lazily(names, func() ([]output.File, error) {
			files, err := pg.get(k)
			if k == pg.todo[len(pg.todo)-1] {
				shared.drop() // the last family: the rest of the build needs none
			}
			return files, err
		})...)
	}
	return out, groups
}

// sharedBudget bounds the bytes of rendered items kept for other families:
// enough for every item of a site of a thousand or so articles, where most
// articles are in several families, and small beside a large build's heap.
const sharedBudget = 4 << 20

// itemCache keeps rendered items for families made later, up to a budget
// of bytes; past it, an item is rendered again for each family.
type itemCache struct {
	mu     sync.Mutex
	items  map[int]*model.Item
	bytes  int
	budget int
}

func (c *itemCache) get(i int) *model.Item {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.items[i]
}

// drop empties the cache for good.
func (c *itemCache) drop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items, c.budget = nil, 0
}

func (c *itemCache) put(i int, it *model.Item) {
	size := len(it.ContentHTML) + len(it.Summary) + len(it.Title) + 256
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.items != nil && c.bytes+size <= c.budget {
		c.items[i] = it
		c.bytes += size
	}
}
