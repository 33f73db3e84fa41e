package readers

import (
	"fmt"
	"html"
	"regexp"
	"testing"
)

// A limit is what one reader is known to show instead of the text as
// written, in one format, whatever the feed does: the readers disagree,
// and the encoding that shows the text as written in the others is kept.
// The checks accept what the limit says the reader shows, and log it, so
// that each run says which readers show what.
type limit struct {
	reader, feed string
	aspect       aspect
	shows        func(written string) string
	why          string
}

var limits = []limit{
	{"Miniflux", "rss", titles, html.UnescapeString,
		"Miniflux unescapes an RSS title's HTML entities twice (findEntryTitle in internal/reader/rss/adapter.go), " +
			"so a title that spells an entity out (&amp;) shows the character; any more escaping would show in every other reader"},
	{"feedparser", "rss", titles, renderedHTML,
		"feedparser takes an RSS title that looks like HTML (a known element such as <b>, or an entity) for HTML " +
			"(title_detail.type text/html), which a reader shows rendered; escaping it as HTML would show the escapes in newsboat and gofeed"},
	{"Miniflux", "rss", enclosures, func(string) string { return "image/* 0" },
		"Miniflux lists an RSS media:thumbnail as image/* of 0 bytes (media.Thumbnail has neither), and drops a media:content " +
			"of the same URL after it"},
}

// knownAttachments is got with the picture's attachment, where a limit
// of the reader explains how it shows it, replaced by the one the article
// has, and the limit logged.
func knownAttachments(t *testing.T, reader, feed string, s *site, art Article, got []enclosure) []enclosure {
	if art.Image == "" {
		return got
	}
	picture := s.url + art.Slug + "/" + art.Image
	out := make([]enclosure, 0, len(got))
	for _, e := range got {
		if e.URL == picture {
			written := fmt.Sprintf("%s %d", art.ImageType, art.ImageSize)
			if l, ok := known(reader, feed, enclosures, written, fmt.Sprintf("%s %d", e.Type, e.Length)); ok {
				t.Logf("%s: %s shows the picture's attachment as %s of %d bytes: %s", art.Slug, reader, e.Type, e.Length, l.why)
				e.Type, e.Length = art.ImageType, art.ImageSize
			}
		}
		out = append(out, e)
	}
	return out
}

var tag = regexp.MustCompile(`<[^>]*>`)

// renderedHTML is the text a browser shows of an HTML fragment: tags
// dropped, entities decoded.
func renderedHTML(s string) string { return html.UnescapeString(tag.ReplaceAllString(s, "")) }

// known returns the limit that explains why a reader shows got for the
// text written in one aspect of a feed, if there is one.
func known(reader, feed string, a aspect, written, got string) (limit, bool) {
	for _, l := range limits {
		if l.reader == reader && l.feed == feed && l.aspect == a && l.shows(written) == got {
			return l, true
		}
	}
	return limit{}, false
}
