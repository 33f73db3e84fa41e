package check

import (
	"bytes"
	"strings"
)

// checkJSON checks a JSON Feed 1.0 or 1.1 document.
func checkJSON(r *findings, data []byte) {
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		// RFC 8259 lets a parser ignore a byte order mark: blanks in
		// its place keep every offset.
		data = append([]byte("   "), data[3:]...)
	}
	feed := parseJSON(r, data)
	if feed == nil {
		return
	}
	if !feed.isObj {
		r.errorf(feed.at, "InvalidJSONFeed", "write the feed as a JSON object with version, title and items", "the document is not a JSON object")
		return
	}
	undefinedKeys(r, feed, jsonFeedKeys, "feed")
	version := jstring(r, feed, "version", "feed")
	if version != nil && *version != "https://jsonfeed.org/version/1.1" && *version != "https://jsonfeed.org/version/1" {
		r.errorf(feed.obj["version"].at, "InvalidValue", `write "version": "https://jsonfeed.org/version/1.1"`, "version %q is not a JSON Feed version", *version)
	}
	jstring(r, feed, "title", "feed")
	for _, k := range []string{"home_page_url", "icon", "favicon", "next_url"} {
		jurl(r, feed, k)
	}
	if u := feed.obj["feed_url"]; u == nil {
		r.warnf(feed.at, "MissingSelf", `add "feed_url" with the feed's own URL`, "Missing feed_url, the feed's own URL")
	} else if u.str != nil && !absolute(*u.str) {
		r.warnf(u.at, "RelativeSelf", "write the feed's own URL in full, with https:// and the host", "Relative feed_url: %q", *u.str)
	}
	if r.opts.Strict && feed.obj["icon"] == nil && feed.obj["favicon"] == nil {
		r.warnf(feed.at, "MissingIcon", `add "icon" with the site's icon (feedpub: icon)`, "the feed has no icon or favicon: readers show a blank square")
	}
	authors(r, feed)
	items := feed.obj["items"]
	if items == nil {
		r.errorf(feed.at, "MissingElement", `add "items", an array (empty when there are none)`, "Missing feed member: items")
		return
	}
	if !items.isArr {
		r.errorf(items.at, "InvalidValue", `make "items" an array`, "items is not an array")
		return
	}
	ids := map[string]pos{}
	for _, it := range items.arr {
		jsonItem(r, it, ids)
	}
}

// jsonItem checks an item and records its id in ids.
func jsonItem(r *findings, it *jval, ids map[string]pos) {
	if !it.isObj {
		r.errorf(it.at, "InvalidValue", "write each item as an object", "the item is not an object")
		return
	}
	if it.end-it.start > MaxItemBytes {
		r.warnf(it.at, "ItemTooLarge", "shorten the item, or give it as a summary (feedpub: content: summary)",
			"the item is %d bytes, over Google's limit of %d", it.end-it.start, MaxItemBytes)
	}
	undefinedKeys(r, it, jsonItemKeys, "item")
	if id := jstring(r, it, "id", "item"); id != nil {
		duplicate(r, ids, strings.TrimSpace(*id), it.obj["id"].at, "id")
	}
	authors(r, it)
	if it.obj["content_html"] == nil && it.obj["content_text"] == nil {
		r.errorf(it.at, "MissingElement", `give the item "content_html" or "content_text"`, "Missing item member: content_html or content_text")
	}
	if c := it.obj["content_html"]; c != nil && c.str != nil {
		relRefs(r, c.at, "content_html", *c.str, "")
	}
	for _, k := range []string{"url", "external_url", "image", "banner_image"} {
		jurl(r, it, k)
	}
	for _, k := range []string{"date_published", "date_modified"} {
		if d := it.obj[k]; d != nil && d.str != nil {
			if p := rfc3339Problem(*d.str); p != "" {
				r.errorf(d.at, "InvalidRFC3339Date", "write the date as RFC 3339 does, like 2006-01-02T15:04:05Z", "%s %q %s", k, *d.str, p)
			}
		}
	}
	if atts := it.obj["attachments"]; atts != nil {
		for _, a := range atts.arr {
			attachment(r, a)
		}
	}
}

// attachment checks an attachment's url and mime_type.
func attachment(r *findings, a *jval) {
	if !a.isObj {
		return
	}
	for _, k := range []string{"url", "mime_type"} {
		if a.obj[k] == nil {
			r.errorf(a.at, "MissingAttribute", `give the attachment its "url" and "mime_type" (and "size_in_bytes")`, "Missing attachment member: %s", k)
		}
	}
	jurl(r, a, "url")
}

// jstring is the string member k of o, reported when missing, empty or
// not a string.
func jstring(r *findings, o *jval, k, what string) *string {
	v := o.obj[k]
	switch {
	case v == nil:
		r.errorf(o.at, "MissingElement", "give the "+what+" its "+k, "Missing %s member: %s", what, k)
	case v.str == nil:
		r.errorf(v.at, "InvalidValue", "write "+k+" as a string", "%s is not a string", k)
	case strings.TrimSpace(*v.str) == "":
		r.errorf(v.at, "MissingElement", "give the "+what+" its "+k, "%s %s is empty", what, k)
	default:
		return v.str
	}
	return nil
}

// jurl reports the member k of o when it is not an absolute URL.
func jurl(r *findings, o *jval, k string) {
	v := o.obj[k]
	if v == nil {
		return
	}
	if v.str == nil || !absolute(*v.str) {
		s := ""
		if v.str != nil {
			s = *v.str
		}
		r.errorf(v.at, "InvalidFullLink", "write the URL in full, with https:// and the host: readers resolve relative URLs differently",
			"%s must be a full and valid URL: %q", k, s)
	}
}

// The keys JSON Feed 1.1 defines for a feed and for an item (with 1.0's
// author); any other key not starting with "_" (an extension's) is most
// likely misspelt.
var (
	jsonFeedKeys = keySet("version", "title", "home_page_url", "feed_url", "description", "user_comment", "next_url",
		"icon", "favicon", "authors", "author", "language", "expired", "hubs", "items")
	jsonItemKeys = keySet("id", "url", "external_url", "title", "content_html", "content_text", "summary", "image",
		"banner_image", "date_published", "date_modified", "authors", "author", "tags", "language", "attachments")
)

func keySet(keys ...string) map[string]bool {
	m := map[string]bool{}
	for _, k := range keys {
		m[k] = true
	}
	return m
}

// FeedKey reports whether JSON Feed 1.1 defines k for a feed.
func FeedKey(k string) bool { return jsonFeedKeys[k] }

// ItemKey reports whether JSON Feed 1.1 defines k for an item.
func ItemKey(k string) bool { return jsonItemKeys[k] }

// undefinedKeys warns of the keys of o that neither the specification
// nor an extension defines.
func undefinedKeys(r *findings, o *jval, known map[string]bool, what string) {
	for _, k := range o.keys {
		if !known[k] && !strings.HasPrefix(k, "_") {
			r.warnf(o.keyAt[k], "UndefinedElement", "correct the key's spelling, or start an extension's key with _",
				"Undefined %s member: %s", what, k)
		}
	}
}

// authors checks that the authors of o, when it names any, are a
// non-empty array of objects.
func authors(r *findings, o *jval) {
	a := o.obj["authors"]
	if a == nil {
		return
	}
	ok := a.isArr && len(a.arr) > 0
	for _, el := range a.arr {
		ok = ok && el.isObj
	}
	if !ok {
		r.errorf(a.at, "InvalidValue", `write authors as an array of objects, like [{"name": "Ann"}], or leave it out`,
			"authors is not a non-empty array of objects")
	}
}
