// Package page writes what people see of the feeds in a browser: an HTML
// page for each feed family (its newest items and how to subscribe), a
// page for each article (its body, with its tags and the feeds), a
// snippet of autodiscovery tags for a site's own pages, and a script that
// RSS and Atom files name, which shows them as a page in browsers, with
// or without XSLT.
package page

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"time"
)

// Page is one family's page: the feeds and their newest items.
type Page struct {
	Lang        string
	Title       string
	Description string
	Feeds       []Feed  // the family's feeds, one per format
	Items       []Item  // the newest items, newest first
	Groups      []Group // other families to link to (the home page's tags, authors, …)
	Home        string  // the site's page, for a link back; empty on the home page itself
	Generator   string  // the program that wrote the page
	Updated     time.Time
	Icon        Icon // the site's icon, if it has one
}

// Icon is the site's icon as a page's <link rel="icon"> names it.
type Icon struct {
	URL  string // absolute; empty for none
	Type string // its media type, when known
}

// Feed is one feed file as a subscribe link names it.
type Feed struct {
	Format string // "RSS", "Atom" or "JSON Feed"
	Type   string // its media type
	URL    string // absolute
}

// Item is one article as the page lists it.
type Item struct {
	Title   string
	URL     string
	Date    time.Time
	Summary string // plain text
}

// Group is a kind of family (tags, categories, authors) with a link to
// each family's page.
type Group struct {
	Label string
	Links []Link
}

// Link is a named link.
type Link struct {
	Name string
	URL  string
}

//go:embed index.html.tmpl
var indexSource string

//go:embed article.html.tmpl
var articleSource string

//go:embed head.html.tmpl
var headSource string

//go:embed feed.js
var stylesheet []byte

var funcs = template.FuncMap{
	"date": func(t time.Time) string { return t.Format("2 January 2006") },
	"iso":  func(t time.Time) string { return t.Format(time.RFC3339) },
}

var (
	indexTmpl   = template.Must(template.New("index").Funcs(funcs).Parse(indexSource))
	articleTmpl = template.Must(template.New("article").Funcs(funcs).Parse(articleSource))
	headTmpl    = template.Must(template.New("head").Parse(headSource))
)

// Index returns the HTML page for p.
func Index(p Page) ([]byte, error) {
	var buf bytes.Buffer
	if err := indexTmpl.Execute(&buf, p); err != nil {
		return nil, fmt.Errorf("writing the page %s: %w", p.Title, err)
	}
	return buf.Bytes(), nil
}

// Article is one article's own page.
type Article struct {
	Lang        string
	SiteTitle   string
	Title       string
	Description string // plain text: the article's summary
	URL         string // the page's own address, absolute
	Published   time.Time
	Updated     time.Time // zero when the article names no later update
	Authors     []Link    // URL empty for an author with none
	// Body is the article's rendered HTML, sanitised and with absolute
	// URLs: the same that full-content feeds carry.
	Body      template.HTML
	Groups    []Group // the article's tags and categories; a Link's URL is empty when the family has no page
	Feeds     []Feed  // the site's main feeds, for autodiscovery and subscribing
	Home      string  // the site's page
	Generator string  // the program that wrote the page
	Icon      Icon    // the site's icon, if it has one
}

// ArticlePage returns the HTML page of an article, written into buf
// (reset first), which it returns.
func ArticlePage(buf *bytes.Buffer, a Article) ([]byte, error) {
	buf.Reset()
	if err := articleTmpl.Execute(buf, a); err != nil {
		return nil, fmt.Errorf("writing the page of %s: %w", a.URL, err)
	}
	return buf.Bytes(), nil
}

// Head returns the <link rel="alternate"> tags that let browsers and
// readers discover feeds, for a site to paste into its pages' <head>.
func Head(title string, feeds []Feed) ([]byte, error) {
	var buf bytes.Buffer
	if err := headTmpl.Execute(&buf, struct {
		Title string
		Feeds []Feed
	}{title, feeds}); err != nil {
		return nil, fmt.Errorf("writing the feed links: %w", err)
	}
	return buf.Bytes(), nil
}

// Stylesheet returns the script that RSS and Atom files name in an XHTML
// <script> element: run by a browser that opens the feed, it builds a
// readable page from the feed's elements with the DOM alone, so it needs
// no XSLT and draws no deprecation banner.
func Stylesheet() []byte { return bytes.Clone(stylesheet) }
