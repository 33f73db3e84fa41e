package encode

import (
	"encoding/json"
	"io"

	"github.com/gorilla/feeds"

	"github.com/feedpub/feedpub/internal/model"
)

// jsonFeed is gorilla's JSONFeed with items that are always present (the
// spec requires the key) and JSON Feed 1.1 items.
type jsonFeed struct {
	*feeds.JSONFeed
	Items []*jsonItem `json:"items"`
}

// jsonItem is gorilla's JSONItem with every author, tags, the item's
// language, plain-text content when there is no HTML, and gorilla's
// misspelled "banner_" key silenced.
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
}

func jsonDoc(f *model.Feed, g *feeds.Feed, self string) *jsonFeed {
	jf := (&feeds.JSON{Feed: g}).JSONFeed()
	jf.FeedUrl = self
	jf.Language = f.Language
	jf.Authors = jsonPeople(f.Authors)
	jf.Author = nil // the 1.0 field; 1.1 readers use authors
	out := &jsonFeed{JSONFeed: jf, Items: []*jsonItem{}}
	for i, gi := range jf.Items {
		it := f.Items[i]
		gi.Image = it.Image
		gi.Tags = it.Categories
		ji := &jsonItem{
			JSONItem:  gi,
			Authors:   jsonPeople(it.Authors),
			Published: rfc3339(it.Published),
			Modified:  rfc3339(it.Updated),
		}
		if it.Language != "" && it.Language != f.Language {
			ji.Language = it.Language
		}
		if gi.ContentHTML == "" {
			// An item needs content_html or content_text.
			ji.ContentText = it.Summary
			if ji.ContentText == "" {
				ji.ContentText = it.Title
			}
		}
		out.Items = append(out.Items, ji)
	}
	return out
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
