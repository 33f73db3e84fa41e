package check

import (
	"strings"
	"time"
)

// The namespaces of RSS 1.0: RDF's, RSS 1.0's own and Dublin Core's.
const (
	rdfNS   = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	rss10NS = "http://purl.org/rss/1.0/"
	dcNS    = "http://purl.org/dc/elements/1.1/"
)

// checkRDF checks an RSS 1.0 document whose root is rdf:RDF: its channel's
// title, link and description, its items' title and link, their URLs,
// ids (rdf:about) and Dublin Core dates.
func checkRDF(r *findings, root *node) {
	ch := root.kid(rss10NS, "channel")
	if ch == nil {
		r.errorf(root.at, "MissingElement", "put the feed's channel in the RSS 1.0 namespace, http://purl.org/rss/1.0/", "Missing rdf:RDF element: channel")
		return
	}
	for _, name := range []string{"title", "link", "description"} {
		if ch.kid(rss10NS, name) == nil {
			r.errorf(ch.at, "MissingElement", "give the channel its "+name, "Missing channel element: %s", name)
		}
	}
	rdfCommon(r, ch)
	ids := map[string]pos{}
	for _, it := range root.all(rss10NS, "item") {
		for _, name := range []string{"title", "link"} {
			if it.kid(rss10NS, name) == nil {
				r.errorf(it.at, "MissingElement", "give the item its "+name, "Missing item element: %s", name)
			}
		}
		rdfCommon(r, it)
		if about, ok := attr(it, rdfNS, "about"); ok {
			duplicate(r, ids, strings.TrimSpace(about), it.at, "rdf:about")
		}
	}
}

// rdfCommon checks a channel's or item's link and dc:date.
func rdfCommon(r *findings, n *node) {
	if l := n.kid(rss10NS, "link"); l != nil {
		fullLink(r, l, "link")
	}
	if d := n.kid(dcNS, "date"); d != nil && !w3cdtf(strings.TrimSpace(d.text)) {
		r.errorf(d.at, "InvalidW3CDTFDate", "write the date as W3C-DTF does, like 2006-01-02T15:04:05Z or 2006-01-02",
			"dc:date %q is not a W3C-DTF date", strings.TrimSpace(d.text))
	}
}

// w3cdtf reports whether s is a date of the W3C's profile of ISO 8601:
// a year, a month, a day, or a time with a zone.
func w3cdtf(s string) bool {
	for _, layout := range []string{"2006", "2006-01", "2006-01-02", time.RFC3339Nano, "2006-01-02T15:04Z07:00"} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

// attr is the value of n's attribute local in namespace space.
func attr(n *node, space, local string) (string, bool) {
	for _, a := range n.attr {
		if a.Name.Space == space && a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}
