package scan

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/feedpub/feedpub/internal/article"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/model"
	"github.com/feedpub/feedpub/internal/permalink"
)

// Entry pairs an article with the item made from it.
type Entry struct {
	Art      *article.Article
	Item     *model.Item
	URL      *url.URL
	URLField string   // "url" when the front matter sets it, else "slug"
	Terms    []string // the families the item belongs to
	Rendered bool     // the item has its content and summary
	Body     BodyRef  // where the body is, to render it later
}

// resolveOne makes an item of an article: its absolute URL and id, its
// authors, categories and dates.
func resolveOne(site *config.Site, a *article.Article) (*Entry, diag.List) {
	var problems diag.List
	bad := func(field, msg, hint string) {
		p := a.At(field)
		problems = append(problems, diag.At(a.Path, p.Line, p.Col, msg, hint))
	}
	// What the permalink pattern needs is worked out once, and only when
	// asked: for Hugo it looks for _index files on disk.
	var page *permalink.Page
	pageOf := func() permalink.Page {
		if page == nil {
			p := linkPage(site, a)
			page = &p
		}
		return *page
	}
	u, id, field, err := articleURL(site, a, pageOf)
	if err != nil {
		bad(field, err.Error(), "write an absolute URL (https://example.com/post/) or one relative to base_url (post/)")
		return nil, problems
	}
	it := &model.Item{
		URL: u.String(), Title: a.Title, Published: a.Date, Updated: a.Updated,
		Authors: a.Authors, Categories: categories(a),
	}
	if it.Updated.IsZero() {
		it.Updated = it.Published
	} else if it.Updated.Before(it.Published) {
		bad("updated", fmt.Sprintf("the article is updated (%s) before it is published (%s)",
			it.Updated.Format("2006-01-02 15:04"), it.Published.Format("2006-01-02 15:04")), "correct 'updated' or 'date'")
	}
	if len(it.Authors) == 0 {
		it.Authors = SiteAuthors(site)
	}
	if a.Lang != "" {
		canon, ok := config.CanonicalLanguage(a.Lang)
		if !ok {
			bad("lang", fmt.Sprintf("%q is not a language tag", a.Lang), "write it like en, fr or pt-BR")
		}
		it.Language = canon
	}
	if a.Image != "" {
		iu, err := url.Parse(a.Image)
		if err != nil {
			bad("image", fmt.Sprintf("%q is not a URL", a.Image), "write an absolute URL or a path such as /images/photo.jpg")
		} else {
			SetImage(site, a, u, it, u.ResolveReference(iu).String())
		}
	}
	if e := a.Enclosure; e != nil {
		eu, err := url.Parse(e.URL)
		if err != nil || e.URL == "" {
			bad("enclosure", fmt.Sprintf("the enclosure's url %q is not a URL", e.URL), "write an absolute URL or a path such as /episodes/1.mp3")
		} else {
			it.Enclosure = &model.Enclosure{URL: u.ResolveReference(eu).String(), Type: e.Type, Length: e.Length}
		}
	}
	linkPost(a, u, it, bad)
	if tr := site.Generator.Translations; tr != nil {
		it.Translations = tr(a.Path, a.TranslationKey)
	}
	it.ID = a.ID
	if it.ID == "" {
		it.ID = id
	} else if u, err := url.Parse(a.ID); err != nil || u.Scheme == "" || strings.ContainsAny(a.ID, " \t\n\r") {
		// Atom requires an IRI; readers mangle anything else.
		bad("id", fmt.Sprintf("the id %q is not an absolute URI", a.ID),
			"write one such as tag:example.com,2024:my-post, urn:uuid:… or https://example.com/my-post/")
	}
	if len(problems) > 0 {
		return nil, problems
	}
	cats := a.Categories
	if site.Generator.Dialect == article.Jekyll {
		cats = append(jekyllFolders(site, a), cats...)
	}
	terms := termsOf(site, a.Tags, cats, a.Authors, a.Terms)
	if site.Generator.Dialect == article.Hugo && site.SectionFeeds {
		if sec := pageOf().Sections; len(sec) > 0 {
			terms = append(terms, term(BySection, strings.Join(sec, "/")))
		}
	}
	return &Entry{Art: a, Item: it, URL: u, URLField: field, Terms: terms}, nil
}

// linkPost fills the item's external page and source from the article,
// made absolute against the article's URL u.
func linkPost(a *article.Article, u *url.URL, it *model.Item, bad func(field, msg, hint string)) {
	abs := func(field, s string) string {
		ru, err := url.Parse(s)
		if err != nil {
			bad(field, fmt.Sprintf("%q is not a URL", s), "write an absolute URL such as https://example.org/story")
			return ""
		}
		return u.ResolveReference(ru).String()
	}
	if a.ExternalURL != "" {
		it.ExternalURL = abs("external_url", a.ExternalURL)
	}
	if s := a.Source; s != nil {
		it.Source = &model.Source{Title: s.Title, URL: abs("source", s.URL)}
	}
}

// jekyllFolders are the categories a Jekyll post takes from the folders
// above its _posts folder ("release/_posts/x.md" is in "release").
func jekyllFolders(site *config.Site, a *article.Article) []string {
	rel, err := filepath.Rel(site.Articles, a.Path)
	if err != nil {
		return nil
	}
	var out []string
	for _, part := range strings.Split(filepath.ToSlash(rel), "/") {
		if part == "_posts" || part == "_drafts" {
			return out
		}
		out = append(out, part)
	}
	return nil
}

// duplicate reports that later shares a URL or an id with earlier.
func duplicate(earlier, later *Entry) *diag.Error {
	a := later.Art
	at := func(field, msg, hint string) *diag.Error {
		p := a.At(field)
		return diag.At(a.Path, p.Line, p.Col, msg, hint)
	}
	switch {
	case later.Item.URL == earlier.Item.URL && later.URLField == "url":
		return at("url", fmt.Sprintf("the URL %s is also %s's", later.Item.URL, earlier.Art.Path), "give one of them a different 'url'")
	case later.Item.URL == earlier.Item.URL:
		return at("slug", fmt.Sprintf("the slug %q is also %s's", a.Slug, earlier.Art.Path), "give one of them a different 'slug'")
	case later.Item.ID == earlier.Item.ID:
		return at("id", fmt.Sprintf("the id %s is also %s's", later.Item.ID, earlier.Art.Path), "ids must be unique: give one of them a different 'id'")
	}
	return nil
}

// articleURL returns the article's absolute URL, its id when the site's
// generator gives it one other than the URL, and the field the URL came
// from: 'url' when set (absolute, or relative to the base URL), else the
// site's permalink pattern ("slug" for messages).
func articleURL(site *config.Site, a *article.Article, page func() permalink.Page) (*url.URL, string, string, error) {
	base := site.BaseURL
	if a.URL != "" && site.Generator.Dialect == article.Feedpub {
		u, err := url.Parse(a.URL)
		if err != nil {
			return nil, "", "url", fmt.Errorf("%q is not a URL", a.URL)
		}
		if u.IsAbs() && u.Scheme != "http" && u.Scheme != "https" {
			return nil, "", "url", fmt.Errorf("%q is not an http or https URL", a.URL)
		}
		if !u.IsAbs() {
			u = base.ResolveReference(&url.URL{Path: strings.TrimPrefix(u.Path, "/"), RawQuery: u.RawQuery, Fragment: u.Fragment})
		}
		return u, u.String(), "url", nil
	}
	field := "slug"
	if a.URL != "" {
		field = "url"
	}
	if p, ok := site.Generator.Links.(permalink.Pattern); ok && (p.Pattern == "" || p.Pattern == permalink.DefaultPattern) {
		// feedpub's own default, base + slug + "/", without expanding a
		// pattern for each of a large archive's articles.
		u := base.ResolveReference(&url.URL{Path: a.Slug + "/"})
		return u, u.String(), field, nil
	}
	link, id, err := site.Generator.Links.Link(page())
	if err != nil {
		return nil, "", field, err
	}
	lu, err := url.Parse(link)
	if err != nil {
		return nil, "", field, fmt.Errorf("the link %q made from the permalink pattern is not a URL", link)
	}
	u := base.ResolveReference(lu)
	if id == "" || id == link {
		return u, u.String(), field, nil
	}
	iu, err := url.Parse(id)
	if err != nil {
		return nil, "", field, fmt.Errorf("the id %q made from the permalink pattern is not a URL", id)
	}
	return u, base.ResolveReference(iu).String(), field, nil
}

// linkPage is what the site's permalink pattern needs of an article.
func linkPage(site *config.Site, a *article.Article) permalink.Page {
	rel, err := filepath.Rel(site.Articles, a.Path)
	if err != nil {
		rel = a.Path
	}
	rel = filepath.ToSlash(rel)
	p := permalink.Page{Path: rel, Title: a.Title, Date: a.Date, Categories: a.Categories, URL: a.URL}
	if _, set := a.Pos["slug"]; set {
		p.Slug = a.Slug
	}
	p.Sections = sections(site, rel)
	return p
}

// sections are the sections of the article at rel: for Hugo, the top
// folder and each deeper folder that has an _index file; for feedpub's
// own articles, every folder. A page bundle's own folder (the one that
// holds its index file) is the article, not a section, for both: its
// name is already the slug, so "/:sections/:slug/" gives posts/trip/
// for posts/trip/index.md, as Hugo does.
func sections(site *config.Site, rel string) []string {
	dirs := strings.Split(rel, "/")
	dirs = dirs[:len(dirs)-1]
	dialect := site.Generator.Dialect
	if dialect != article.Hugo && dialect != article.Feedpub || len(dirs) == 0 {
		return dirs
	}
	base := filepath.Base(rel)
	if stem := strings.TrimSuffix(base, filepath.Ext(base)); stem == "index" || dialect == article.Hugo && strings.HasPrefix(stem, "index.") {
		dirs = dirs[:len(dirs)-1] // a leaf bundle's folder is the page, not a section
	}
	if dialect == article.Feedpub {
		return dirs
	}
	if len(dirs) == 0 {
		return nil
	}
	out := []string{dirs[0]}
	for k := 1; k < len(dirs); k++ {
		if !hasIndex(filepath.Join(site.Articles, filepath.Join(dirs[:k+1]...))) {
			break
		}
		out = append(out, dirs[k])
	}
	return out
}

// hasIndex reports whether dir holds an _index file, which makes it a
// Hugo section. It is asked only of folders below a section's top, and
// only for Hugo sites.
func hasIndex(dir string) bool {
	for _, ext := range []string{".md", ".markdown", ".html", ".htm"} {
		if _, err := os.Stat(filepath.Join(dir, "_index"+ext)); err == nil {
			return true
		}
	}
	return false
}

// categories returns the article's tags, then its categories, each once.
func categories(a *article.Article) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range append(append([]string{}, a.Tags...), a.Categories...) {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// SiteAuthors are the site's authors; with none set, the site's name stands
// in, since Atom and JSON Feed readers expect an author.
func SiteAuthors(site *config.Site) []model.Person {
	if len(site.Authors) > 0 {
		return site.Authors
	}
	return []model.Person{{Name: site.Title}}
}
