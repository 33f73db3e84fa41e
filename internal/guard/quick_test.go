package guard

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/feedpub/feedpub/internal/encode"
	"github.com/feedpub/feedpub/internal/model"
)

// wholeEntries decodes a document's entries the slow, sure way.
func wholeEntries(t *testing.T, data []byte) []atomEntry {
	t.Helper()
	var feed struct {
		Entries []atomEntry `xml:"entry"`
	}
	if err := xml.Unmarshal(data, &feed); err != nil {
		t.Fatal(err)
	}
	return feed.Entries
}

func TestQuickEntries(t *testing.T) {
	f := &model.Feed{Title: "Site", HomeURL: "https://example.com/", ID: "https://example.com/"}
	for i := range 30 {
		d := time.Date(2024, 1, 1+i, 0, 0, 0, 0, time.UTC)
		it := &model.Item{ID: fmt.Sprintf("urn:x:%d", i), URL: fmt.Sprintf("https://example.com/%d/", i),
			Title: fmt.Sprintf("Entry <%d> & more", i), Published: d, Updated: d,
			ContentHTML: "<p>Body with <entry>, </entry> and <content> spelled out.</p>"}
		if i%3 == 0 {
			it.Image = "https://example.com/i.png"
		}
		f.Items = append(f.Items, it)
	}
	var buf bytes.Buffer
	if err := encode.Encode(&buf, encode.Atom, f, encode.Links{Self: "https://example.com/atom.xml", Stylesheet: "feed.xsl"}); err != nil {
		t.Fatal(err)
	}
	ours := buf.String()
	srcContent := `<entry><id>urn:y</id><title>Linked</title><content src="https://example.com/x" type="text/html"/><link href="https://example.com/y/"/></entry>`
	tests := []struct {
		name string
		doc  string
		fast bool // the quick reading applies
	}{
		{"feedpub's own", ours, true},
		{"content by reference", `<feed xmlns="http://www.w3.org/2005/Atom">` + srcContent + `</feed>`, true},
		{"CDATA", strings.Replace(ours, "</content>", "<![CDATA[</entry>]]></content>", 1), false},
		{"a comment", strings.Replace(ours, "<entry>", "<!-- <entry> --><entry>", 1), false},
		{"prefixed elements", `<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:entry><a:id>urn:z</a:id></a:entry></a:feed>`, false},
		{"no entries", `<feed xmlns="http://www.w3.org/2005/Atom"><title>Empty</title></feed>`, false},
	}
	for _, tt := range tests {
		got, ok, err := quickEntries(iotest.OneByteReader(strings.NewReader(tt.doc)))
		if err != nil {
			t.Fatal(err)
		}
		if ok != tt.fast {
			t.Errorf("%s: quick reading applies %v, want %v", tt.name, ok, tt.fast)
			continue
		}
		if ok && !reflect.DeepEqual(got, wholeEntries(t, []byte(tt.doc))) {
			t.Errorf("%s: the quick reading differs from the whole one:\n%+v\n%+v", tt.name, got, wholeEntries(t, []byte(tt.doc)))
		}
	}
	got, _, _ := quickEntries(strings.NewReader(ours))
	// An entry larger than the scanner's buffer, read a little at a time.
	huge := strings.Replace(ours, "Body with", strings.Repeat("x", 3<<20)+" with", 1)
	if big, ok, _ := quickEntries(iotest.HalfReader(strings.NewReader(huge))); !ok || !reflect.DeepEqual(big, got) {
		t.Errorf("with a 3 MB entry, %d entries (%v), want the %d of the small document", len(big), ok, len(got))
	}
	if len(got) != 30 || got[29].ID != "urn:x:29" || got[0].Title != "Entry <0> & more" {
		t.Errorf("read %d entries, the last %+v", len(got), got[len(got)-1])
	}
}
