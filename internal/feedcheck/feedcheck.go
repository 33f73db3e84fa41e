// Package feedcheck checks feeds against the rules of their specifications
// that a parser does not enforce. Tests use it on every feed they build; it
// is not part of the feedpub command.
package feedcheck

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/feedpub/feedpub/internal/check"
)

// JSONFeed returns every way data breaks JSON Feed 1.1, or what feedpub
// promises of it: the version, a title, home_page_url, feed_url and
// language, an items array, and for every item an id, content_html or
// content_text, a plain-text summary, RFC 3339 dates and authors, its own
// or the feed's.
func JSONFeed(data []byte) []error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	var feed map[string]json.RawMessage
	if err := json.Unmarshal(data, &feed); err != nil {
		return []error{fmt.Errorf("not JSON: %w", err)}
	}
	for k := range feed {
		if !check.FeedKey(k) {
			bad("unknown feed key %q", k)
		}
	}
	var version, title string
	json.Unmarshal(feed["version"], &version)
	json.Unmarshal(feed["title"], &title)
	if version != "https://jsonfeed.org/version/1.1" {
		bad("version is %q", version)
	}
	if title == "" {
		bad("the feed has no title")
	}
	for _, k := range []string{"home_page_url", "feed_url", "language"} {
		if _, ok := feed[k]; !ok {
			bad("the feed has no %s", k)
		}
	}
	var authors []map[string]any
	if err := json.Unmarshal(feed["authors"], &authors); feed["authors"] != nil && (err != nil || len(authors) == 0) {
		bad("authors must be a non-empty array of objects")
	}
	raw, ok := feed["items"]
	if !ok {
		return append(errs, fmt.Errorf("the feed has no items key"))
	}
	var items []map[string]any
	if err := json.Unmarshal(raw, &items); err != nil || items == nil {
		return append(errs, fmt.Errorf("items is not an array"))
	}
	for i, it := range items {
		for k := range it {
			if !check.ItemKey(k) {
				bad("item %d: unknown key %q", i, k)
			}
		}
		if id, _ := it["id"].(string); id == "" {
			bad("item %d: no id", i)
		}
		if a, _ := it["authors"].([]any); len(a) == 0 && feed["authors"] == nil {
			bad("item %d: no authors, and none for the feed", i)
		}
		_, html := it["content_html"]
		_, text := it["content_text"]
		if !html && !text {
			bad("item %d: neither content_html nor content_text", i)
		}
		// Plain text may hold anything ("Write <em>x</em> for emphasis"):
		// what betrays HTML is a summary that is a whole element.
		if s, _ := it["summary"].(string); strings.HasPrefix(s, "<") && strings.HasSuffix(s, ">") && strings.Contains(s, "</") {
			bad("item %d: the summary looks like HTML: %q", i, s)
		}
		for _, k := range []string{"date_published", "date_modified"} {
			if s, ok := it[k].(string); ok {
				if _, err := time.Parse(time.RFC3339, s); err != nil {
					bad("item %d: %s %q is not RFC 3339", i, k, s)
				}
			}
		}
	}
	return errs
}

// WellFormed reports whether data is well-formed XML, by encoding/xml's
// strict parser.
func WellFormed(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("not well-formed XML: %w", err)
		}
	}
}
