package encode

import (
	"cmp"
	"encoding/json"
	"io"

	"github.com/gorilla/feeds"

	"github.com/feedpub/feedpub/internal/model"
)

// jsonFeed is gorilla's JSONFeed with items that are always present (the
// spec requires the key) and JSON Feed 1.1 items.
type jsonFeed struct {
	*feeds.JSONFeed
	Hubs  []jsonHub   `json:"hubs,omitempty"`
	Items []*jsonItem `json:"items"`
}

// jsonHub is a WebSub hub in JSON Feed's "hubs".
type jsonHub struct {
	Type string `json:"type"`
	URL  string `json:"url"`
}

// jsonAttachment is a JSON Feed 1.1 attachment, which gorilla cannot write.
type jsonAttachment struct {
	URL      string `json:"url"`
	MimeType string `json:"mime_type"`
	Size     int64  `json:"size_in_bytes,omitempty"`
}

// jsonItem is gorilla's JSONItem with the authors as one line (see
// authorLine), also as 1.0's author, the item's language, attachments,
// plain-text content when there is no HTML, and gorilla's misspelled
// "banner_" key silenced.
type jsonItem struct {
	*feeds.JSONItem
	BannerImage string              `json:"banner_image,omitempty"`
	Banner      string              `json:"banner_,omitempty"`
	ContentText string              `json:"content_text,omitempty"`
	Authors     []*feeds.JSONAuthor `json:"authors,omitempty"`
	Author      *feeds.JSONAuthor   `json:"author,omitempty"`
	Language    string              `json:"language,omitempty"`
	Published   string              `json:"date_published,omitempty"`
	Modified    string              `json:"date_modified,omitempty"`
	Attachments []jsonAttachment    `json:"attachments,omitempty"`
}

// jsonHead is the document without items; authorless says some item has
// no authors of its own. The feed's authors are written only then, for
// those items: readers such as Miniflux add the feed's authors to every
// item's own.
func jsonHead(f *model.Feed, l Links, authorless bool) *jsonFeed {
	jf := (&feeds.JSON{Feed: toGorilla(f)}).JSONFeed()
	jf.FeedUrl = l.Self
	jf.NextUrl = l.PrevArchive // older items
	jf.Language = f.Language
	jf.Authors = nil
	if authorless {
		jf.Authors = jsonPeople(f.Authors)
	}
	jf.Author = nil // the 1.0 field; 1.1 readers use authors
	// icon is the large picture, favicon the small one.
	jf.Icon, jf.Favicon = cmp.Or(f.Logo, f.Icon), f.Icon
	out := &jsonFeed{JSONFeed: jf, Items: []*jsonItem{}}
	for _, h := range l.Hubs {
		out.Hubs = append(out.Hubs, jsonHub{Type: "WebSub", URL: h})
	}
	return out
}

// jsonItemOf is one item of the feed f.
func jsonItemOf(f *model.Feed, it *model.Item) *jsonItem {
	gi := (&feeds.JSON{Feed: gorillaItems(it)}).JSONFeed().Items[0]
	gi.Image = it.Image
	gi.Tags = it.Categories
	gi.ExternalUrl = it.ExternalURL
	ji := &jsonItem{
		JSONItem:  gi,
		Authors:   jsonPeople(authorLine(it.Authors)),
		Published: rfc3339(it.Published),
		Modified:  rfc3339(it.Updated),
	}
	if len(ji.Authors) > 0 {
		// JSON Feed 1.0's author, for readers that know only it: the
		// same one line. Readers that read both merge them by name.
		ji.Author = ji.Authors[0]
	}
	if it.Language != "" && it.Language != f.Language {
		ji.Language = it.Language
	}
	if e := it.Enclosure; e != nil {
		ji.Attachments = []jsonAttachment{{URL: e.URL, MimeType: e.Type, Size: e.Length}}
	}
	if gi.ContentHTML == "" {
		// An item needs content_html or content_text.
		ji.ContentText = it.Summary
		if ji.ContentText == "" {
			ji.ContentText = it.Title
		}
	}
	return ji
}

func jsonPeople(ps []model.Person) []*feeds.JSONAuthor {
	var out []*feeds.JSONAuthor
	for _, p := range ps {
		out = append(out, &feeds.JSONAuthor{Name: p.Label(), Url: p.URL})
	}
	return out
}

// writeJSON writes v indented, without escaping '<', '>' and '&'.
func writeJSON(w io.Writer, v any) error {
	e := json.NewEncoder(w)
	e.SetEscapeHTML(false)
	e.SetIndent("", "  ")
	return e.Encode(v)
}
