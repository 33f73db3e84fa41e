package guard

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"github.com/feedpub/feedpub/internal/diag"
)

// atomEntry is what the guard reads of an Atom entry.
type atomEntry struct {
	ID        string `xml:"id"`
	Title     string `xml:"title"`
	Published string `xml:"published"`
	Updated   string `xml:"updated"`
	Links     []struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr"`
	} `xml:"link"`
}

// ReadAtom reads the items of a published Atom feed. A feed that does not
// exist yet has no items; one that cannot be read is refused, since the
// guard cannot vouch for a replacement of it.
func ReadAtom(path string) ([]Published, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, unreadable(err)
	}
	defer f.Close()
	entries, ok, err := quickEntries(f)
	if err != nil {
		return nil, unreadable(err)
	}
	if !ok {
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return nil, unreadable(err)
		}
		var feed struct {
			Entries []atomEntry `xml:"entry"`
		}
		if err := xml.NewDecoder(bufio.NewReader(f)).Decode(&feed); err != nil {
			return nil, invalid(path, "Atom", err)
		}
		entries = feed.Entries
	}
	var out []Published
	for _, e := range entries {
		p := Published{ID: e.ID, Title: e.Title}
		for _, l := range e.Links {
			if l.Rel == "" || l.Rel == "alternate" {
				p.URL = l.Href
				break
			}
		}
		date := e.Published
		if date == "" {
			date = e.Updated
		}
		p.Published, _ = time.Parse(time.RFC3339, date)
		out = append(out, p)
	}
	return out, nil
}

// ReadJSON reads the items of a published JSON feed, as ReadAtom does.
func ReadJSON(path string) ([]Published, error) {
	data, err := readPublished(path)
	if data == nil {
		return nil, err
	}
	var feed struct {
		Items []struct {
			ID            string `json:"id"`
			URL           string `json:"url"`
			Title         string `json:"title"`
			DatePublished string `json:"date_published"`
		} `json:"items"`
	}
	if err := json.Unmarshal(data, &feed); err != nil {
		return nil, invalid(path, "JSON", err)
	}
	var out []Published
	for _, it := range feed.Items {
		t, _ := time.Parse(time.RFC3339, it.DatePublished)
		out = append(out, Published{ID: it.ID, URL: it.URL, Title: it.Title, Published: t})
	}
	return out, nil
}

// readPublished reads a published feed; a feed not published yet reads as
// nil with no error.
func readPublished(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, unreadable(err)
	}
	return data, nil
}

// unreadable is the refusal to replace a published feed that cannot be
// read, and so cannot be compared with the build.
func unreadable(err error) *diag.Error {
	return &diag.Error{Kind: diag.Refused, Msg: "reading the published feed: " + err.Error(), Override: ReplaceUnreadable, Err: err}
}

// invalid is the refusal to replace a published feed that is not valid
// in its format.
func invalid(path, format string, err error) *diag.Error {
	return &diag.Error{
		Kind: diag.Refused,
		Msg:  fmt.Sprintf("the published feed %s is not valid %s (%v)", path, format, err),
		Hint: "move it away to publish anew", Override: ReplaceUnreadable, Err: err,
	}
}
