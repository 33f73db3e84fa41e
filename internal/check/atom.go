package check

import (
	"regexp"
	"strings"
)

// checkAtom checks an Atom 1.0 document whose root is atom:feed.
func checkAtom(r *findings, feed *node) {
	required(r, feed, "feed")
	atomLinks(r, feed)
	self := false
	for _, l := range feed.all(atomNS, "link") {
		if rel, _ := l.get("rel"); rel == "self" {
			self = true
			selfLink(r, l)
		}
	}
	if !self {
		r.warnf(feed.at, "MissingSelf", `add <link rel="self" href="…the feed's own URL…"/> to the feed`, `Missing atom:link with rel="self"`)
	}
	if r.opts.Strict && feed.kid(atomNS, "icon") == nil && feed.kid(atomNS, "logo") == nil {
		r.warnf(feed.at, "MissingIcon", "give the feed an <icon> with the site's icon (feedpub: icon)", "the feed has no icon or logo: readers show a blank square")
	}
	entries := feed.all(atomNS, "entry")
	if feed.kid(atomNS, "author") == nil {
		for _, e := range entries {
			if !hasAuthor(e) {
				r.errorf(e.at, "MissingElement", "give the feed an <author>, or every entry its own (RFC 4287, 4.1.1)",
					"Missing entry element: author (the feed has none)")
			}
		}
	}
	ids := map[string]pos{}
	for _, e := range entries {
		atomEntry(r, e, ids)
	}
}

// hasAuthor reports whether an entry has an author, its own or its
// source's.
func hasAuthor(e *node) bool {
	if e.kid(atomNS, "author") != nil {
		return true
	}
	src := e.kid(atomNS, "source")
	return src != nil && src.kid(atomNS, "author") != nil
}

// required checks the id, title and updated that feeds and entries must
// have, and the id and date.
func required(r *findings, n *node, what string) {
	for _, name := range []string{"id", "title", "updated"} {
		if n.kid(atomNS, name) == nil {
			r.errorf(n.at, "MissingElement", "give the "+what+" its "+name, "Missing %s element: %s", what, name)
		}
	}
	if id := n.kid(atomNS, "id"); id != nil && !absolute(id.text) {
		r.errorf(id.at, "InvalidFullLink", "write the id as an absolute IRI, like a tag: URI or the page's full URL",
			"id must be a full and valid URL: %q", strings.TrimSpace(id.text))
	}
	for _, name := range []string{"updated", "published"} {
		if d := n.kid(atomNS, name); d != nil {
			if p := rfc3339Problem(d.text); p != "" {
				r.errorf(d.at, "InvalidRFC3339Date", "write the date as RFC 3339 does, like 2006-01-02T15:04:05Z",
					"%s %q %s", name, strings.TrimSpace(d.text), p)
			}
		}
	}
}

// atomEntry checks an entry and records its id in ids.
func atomEntry(r *findings, e *node, ids map[string]pos) {
	if e.end-e.start > MaxItemBytes {
		r.warnf(e.at, "ItemTooLarge", "shorten the entry, or give it as a summary (feedpub: content: summary)",
			"the entry is %d bytes, over Google's limit of %d", e.end-e.start, MaxItemBytes)
	}
	required(r, e, "entry")
	atomLinks(r, e)
	notInline(r, e.kid(atomNS, "content"))
	for _, name := range []string{"summary", "content"} {
		if c := e.kid(atomNS, name); c != nil {
			if typ, _ := c.get("type"); typ == "html" {
				relRefs(r, c.at, name, c.text, c.base())
			}
		}
	}
	if e.kid(atomNS, "content") == nil && !hasAlternate(e) {
		r.errorf(e.at, "MissingContentOrAlternate", `give the entry a <content> or a <link rel="alternate"> to its page`,
			"the entry has neither content nor an alternate link")
	}
	if id := e.kid(atomNS, "id"); id != nil {
		duplicate(r, ids, strings.TrimSpace(id.text), id.at, "id")
	}
}

// hasAlternate reports whether n has a link rel="alternate" (the rel a
// link without one has).
func hasAlternate(n *node) bool {
	for _, l := range n.all(atomNS, "link") {
		if rel, ok := l.get("rel"); !ok || rel == "alternate" {
			return true
		}
	}
	return false
}

// atomLinks checks that n's links, but the self link, have an href that
// resolves to an absolute URL.
func atomLinks(r *findings, n *node) {
	for _, l := range n.all(atomNS, "link") {
		href, ok := l.get("href")
		if !ok {
			r.errorf(l.at, "MissingHref", "give the link its URL as href", "Missing link attribute: href")
			continue
		}
		// RFC 4287 allows a relative href, but many readers resolve it
		// against the wrong URL or not at all.
		if rel, _ := l.get("rel"); rel != "self" && !absolute(resolved(href, l.base())) {
			r.warnf(l.at, "ContainsRelRef", "write the URL in full, with https:// and the host (or set an absolute xml:base)",
				"link href should not contain relative URL references: %q", href)
		}
	}
}

// markup is what betrays HTML in text: the end tag of an element that
// holds text, which readers would show as it is.
var markup = regexp.MustCompile(`</(?:p|a|b|i|em|strong|div|span|ul|ol|li|h[1-6]|blockquote|pre|code|table)>`)

// notInline warns of Atom content that holds HTML readers will show as
// tags: of type text (the default), ContainsUndeclaredHTML; of type xhtml,
// escaped HTML in its div, NotInline. (Titles are left alone: a plain
// title may well speak of a tag.)
func notInline(r *findings, n *node) {
	if n == nil {
		return
	}
	switch typ, _ := n.get("type"); typ {
	case "", "text":
		if markup.MatchString(n.text) {
			r.warnf(n.at, "ContainsUndeclaredHTML", `declare type="html" (and escape the HTML), or write plain text`,
				"%s should not contain HTML unless declared in the type attribute", n.name.Local)
		}
	case "xhtml":
		if div := n.kid("http://www.w3.org/1999/xhtml", "div"); div != nil && markup.MatchString(div.text) {
			r.warnf(div.at, "NotInline", `write the XHTML as elements, not escaped, or declare type="html"`,
				"%s claims to be inline, but may contain html", n.name.Local)
		}
	}
}
