package build

import (
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/feedpub/feedpub/internal/article"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/model"
)

// entry pairs an article with the item made from it.
type entry struct {
	art      *article.Article
	item     *model.Item
	url      *url.URL
	urlField string   // "url" when the front matter sets it, else "slug"
	terms    []string // the families the item belongs to
	rendered bool     // the item has its content and summary
	body     bodyRef  // where the body is, to render it later
}

// resolveOne makes an item of an article: its absolute URL and id, its
// authors, categories and dates.
func resolveOne(site *config.Site, a *article.Article) (*entry, diag.List) {
	var problems diag.List
	bad := func(field, msg, hint string) {
		p := a.At(field)
		problems = append(problems, diag.At(a.Path, p.Line, p.Col, msg, hint))
	}
	u, field, err := articleURL(site.BaseURL, a)
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
		it.Authors = siteAuthors(site)
	}
	if a.Lang != "" {
		if !config.ValidLanguage(a.Lang) {
			bad("lang", fmt.Sprintf("%q is not a language tag", a.Lang), "write it like en, fr or pt-BR")
		}
		it.Language = a.Lang
	}
	if a.Image != "" {
		iu, err := url.Parse(a.Image)
		if err != nil {
			bad("image", fmt.Sprintf("%q is not a URL", a.Image), "write an absolute URL or a path such as /images/photo.jpg")
		} else {
			it.Image = u.ResolveReference(iu).String()
			it.ImageType = imageType(iu.Path)
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
	it.ID = a.ID
	if it.ID == "" {
		it.ID = it.URL
	} else if u, err := url.Parse(a.ID); err != nil || u.Scheme == "" || strings.ContainsAny(a.ID, " \t\n\r") {
		// Atom requires an IRI; readers mangle anything else.
		bad("id", fmt.Sprintf("the id %q is not an absolute URI", a.ID),
			"write one such as tag:example.com,2024:my-post, urn:uuid:… or https://example.com/my-post/")
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return &entry{art: a, item: it, url: u, urlField: field, terms: termsOf(site, a.Tags, a.Categories, a.Authors)}, nil
}

// imageTypes are the media types of the image formats feeds carry, by
// file extension. A fixed table, since the system's MIME database differs
// from machine to machine and output must not.
var imageTypes = map[string]string{
	".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif",
	".webp": "image/webp", ".avif": "image/avif", ".svg": "image/svg+xml",
}

// imageType is the media type an image's path names, or "".
func imageType(p string) string { return imageTypes[strings.ToLower(path.Ext(p))] }

// duplicate reports that later shares a URL or an id with earlier.
func duplicate(earlier, later *entry) *diag.Error {
	a := later.art
	at := func(field, msg, hint string) *diag.Error {
		p := a.At(field)
		return diag.At(a.Path, p.Line, p.Col, msg, hint)
	}
	switch {
	case later.item.URL == earlier.item.URL && later.urlField == "url":
		return at("url", fmt.Sprintf("the URL %s is also %s's", later.item.URL, earlier.art.Path), "give one of them a different 'url'")
	case later.item.URL == earlier.item.URL:
		return at("slug", fmt.Sprintf("the slug %q is also %s's", a.Slug, earlier.art.Path), "give one of them a different 'slug'")
	case later.item.ID == earlier.item.ID:
		return at("id", fmt.Sprintf("the id %s is also %s's", later.item.ID, earlier.art.Path), "ids must be unique: give one of them a different 'id'")
	}
	return nil
}

// articleURL returns the article's absolute URL and the field it came
// from: 'url' when set (absolute, or relative to the base URL), else the
// base URL followed by the slug and a slash.
func articleURL(base *url.URL, a *article.Article) (*url.URL, string, error) {
	if a.URL != "" {
		u, err := url.Parse(a.URL)
		if err != nil {
			return nil, "url", fmt.Errorf("%q is not a URL", a.URL)
		}
		if u.IsAbs() && u.Scheme != "http" && u.Scheme != "https" {
			return nil, "url", fmt.Errorf("%q is not an http or https URL", a.URL)
		}
		if !u.IsAbs() {
			u = base.ResolveReference(&url.URL{Path: strings.TrimPrefix(u.Path, "/"), RawQuery: u.RawQuery, Fragment: u.Fragment})
		}
		return u, "url", nil
	}
	return base.ResolveReference(&url.URL{Path: a.Slug + "/"}), "slug", nil
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
