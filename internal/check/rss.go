package check

import (
	"strings"
)

// The namespaces of Atom and of RSS's content module.
const (
	atomNS    = "http://www.w3.org/2005/Atom"
	contentNS = "http://purl.org/rss/1.0/modules/content/"
)

// checkRSS checks an RSS 2.0 document whose root is rss.
func checkRSS(r *findings, rss *node) {
	ch := rss.kid("", "channel")
	if ch == nil {
		r.errorf(rss.at, "MissingElement", "put the feed's elements in a <channel>", "Missing rss element: channel")
		return
	}
	for _, name := range []string{"title", "link", "description"} {
		if ch.kid("", name) == nil {
			r.errorf(ch.at, "MissingElement", "give the channel its "+name, "Missing channel element: %s", name)
		}
	}
	if l := ch.kid("", "link"); l != nil {
		fullLink(r, l, "link")
	}
	for _, name := range []string{"pubDate", "lastBuildDate"} {
		rssDate(r, ch.kid("", name))
	}
	rssSelf(r, ch)
	extensionURLs(r, ch)
	if img := ch.kid("", "image"); img != nil {
		if u := img.kid("", "url"); u != nil {
			fullLink(r, u, "image url")
		}
	} else if r.opts.Strict {
		r.warnf(ch.at, "MissingIcon", "give the channel an <image> with the site's icon (feedpub: icon)", "the channel has no image: readers show a blank square")
	}
	ids := map[string]pos{}
	for _, it := range ch.all("", "item") {
		rssItem(r, it, ids)
	}
}

// rssSelf checks the channel's atom:link rel="self".
func rssSelf(r *findings, ch *node) {
	for _, l := range ch.all(atomNS, "link") {
		if rel, _ := l.get("rel"); rel == "self" {
			selfLink(r, l)
			return
		}
	}
	r.warnf(ch.at, "MissingAtomSelfLink", `add <atom:link rel="self" href="…the feed's own URL…" type="application/rss+xml"/> to the channel`,
		`Missing atom:link with rel="self"`)
}

// selfLink checks a self link's href.
func selfLink(r *findings, l *node) {
	href, ok := l.get("href")
	if !ok {
		r.errorf(l.at, "MissingHref", "give the link the feed's own URL as href", "Missing link attribute: href")
		return
	}
	if !absolute(resolved(href, l.base())) {
		r.warnf(l.at, "RelativeSelf", "write the feed's own URL in full, with https:// and the host", "Relative href value on self link: %q", href)
	}
}

// rssItem checks an item and records its guid in ids.
func rssItem(r *findings, it *node, ids map[string]pos) {
	if it.end-it.start > MaxItemBytes {
		r.warnf(it.at, "ItemTooLarge", "shorten the item, or give it as a summary (feedpub: content: summary)",
			"the item is %d bytes, over Google's limit of %d", it.end-it.start, MaxItemBytes)
	}
	if it.kid("", "title") == nil && it.kid("", "description") == nil {
		r.errorf(it.at, "ItemMustContainTitleOrDescription", "give the item a <title> or a <description>", "item must contain either title or description")
	}
	if l := it.kid("", "link"); l != nil {
		fullLink(r, l, "item link")
	}
	if c := it.kid("", "comments"); c != nil {
		fullLink(r, c, "comments")
	}
	if src := it.kid("", "source"); src != nil {
		urlAttr(r, src, "url")
	}
	extensionURLs(r, it)
	rssDate(r, it.kid("", "pubDate"))
	if d := it.kid("", "description"); d != nil {
		relRefs(r, d.at, "description", d.text, "")
	}
	if c := it.kid(contentNS, "encoded"); c != nil {
		relRefs(r, c.at, "content:encoded", c.text, "")
	}
	for _, e := range it.all("", "enclosure") {
		enclosure(r, e)
	}
	g := it.kid("", "guid")
	if g == nil {
		r.warnf(it.at, "MissingGuid", "give the item a <guid> that never changes, so readers do not show it twice", "item should contain a guid element")
		return
	}
	id := strings.TrimSpace(g.text)
	if perma, _ := g.get("isPermaLink"); perma != "false" && !absolute(id) {
		r.errorf(g.at, "InvalidPermalink", `write the guid as a full URL, or mark it isPermaLink="false"`,
			"guid must be a full URL, unless isPermaLink attribute is false: %q", id)
	}
	duplicate(r, ids, id, g.at, "guid")
}

// duplicate reports an id seen before in the same feed, and records it.
func duplicate(r *findings, ids map[string]pos, id string, at pos, what string) {
	if id == "" {
		return
	}
	if first, seen := ids[id]; seen {
		r.errorf(at, "DuplicateEntries", "give every item its own "+what+": readers keep only one of the items that share one",
			"Two entries with the same id %q (the first at line %d)", id, first.line)
		return
	}
	ids[id] = at
}

// enclosure checks an RSS enclosure's three required attributes.
func enclosure(r *findings, e *node) {
	for _, a := range []string{"url", "length", "type"} {
		if v, ok := e.get(a); !ok || strings.TrimSpace(v) == "" {
			r.errorf(e.at, "MissingAttribute", "give the enclosure its url, its length in bytes and its media type", "Missing enclosure attribute: %s", a)
		}
	}
	if n, ok := e.get("length"); ok && strings.TrimSpace(n) != "" && !digits(strings.TrimSpace(n)) {
		r.errorf(e.at, "InvalidIntegerAttribute", "write the file's size in bytes, digits only", "length attribute of enclosure must be a positive integer: %q", n)
	}
	if u, ok := e.get("url"); ok && u != "" {
		urlAttr(r, e, "url")
	}
}

// fullLink reports an element whose text is not an absolute URL.
func fullLink(r *findings, n *node, what string) {
	if s := strings.TrimSpace(n.text); !absolute(s) {
		r.errorf(n.at, "InvalidFullLink", "write the URL in full, with https:// and the host: readers resolve relative URLs differently",
			"%s must be a full and valid URL: %q", what, s)
	}
}

// rssDate checks an RSS date element, when there is one.
func rssDate(r *findings, n *node) {
	if n == nil {
		return
	}
	if p := rfc822Problem(n.text); p != "" {
		r.errorf(n.at, "InvalidRFC2822Date", "write the date as RFC 822 does, like Mon, 02 Jan 2006 15:04:05 +0000",
			"%s %q %s", n.name.Local, strings.TrimSpace(n.text), p)
	}
}

// digits reports whether s is all ASCII digits.
func digits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// The namespaces of Media RSS and of Apple's podcast tags, whose url and
// href attributes readers fetch.
const (
	mediaNS  = "http://search.yahoo.com/mrss/"
	itunesNS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
)

// extensionURLs checks the URLs of n's Media RSS and iTunes elements, and
// of those a media:group holds.
func extensionURLs(r *findings, n *node) {
	for _, k := range n.kids {
		switch k.name.Space {
		case mediaNS:
			urlAttr(r, k, "url")
			extensionURLs(r, k)
		case itunesNS:
			urlAttr(r, k, "href")
		}
	}
}

// urlAttr reports n's attribute a when it is there and not a full URL.
func urlAttr(r *findings, n *node, a string) {
	if u, ok := n.get(a); ok && !absolute(u) {
		r.errorf(n.at, "InvalidURLAttribute", "write the URL in full, with https:// and the host",
			"%s %s must be a full URL: %q", n.name.Local, a, u)
	}
}
