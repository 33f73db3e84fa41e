package check

import (
	"fmt"
	"strings"
	"testing"
)

func TestRFC822(t *testing.T) {
	for _, tc := range []struct{ date, problem string }{
		{"Tue, 12 Mar 2024 09:15:00 +0200", ""},
		{"12 Mar 2024 09:15 GMT", ""},
		{"Tue, 12 Mar 24 09:15:00 EST", ""},
		{"Tue, 12 Mar 2024 09:15:00 Z", ""},
		{"Tue, 12 Mar 2024 09:15:00", "has no time zone"},
		{"Tue, 12 Mar 2024 09:15:00 CET", "has the zone CET, which RFC 822 does not name"},
		{"Wed, 12 Mar 2024 09:15:00 +0000", "names the wrong day of the week (Tuesday)"},
		{"Tue, 31 Feb 2024 09:15:00 +0000", "is not a day and time of the calendar"},
		{"2024-03-12T09:15:00Z", "is not an RFC 822 date like Mon, 02 Jan 2006 15:04:05 +0000"},
	} {
		if got := rfc822Problem(tc.date); got != tc.problem {
			t.Errorf("rfc822Problem(%q) = %q, want %q", tc.date, got, tc.problem)
		}
	}
}

func TestRFC3339(t *testing.T) {
	for _, tc := range []struct{ date, problem string }{
		{"2024-03-12T09:15:00+02:00", ""},
		{"2024-03-12T09:15:00.123Z", ""},
		{"2024-03-12T09:15:00", "has no time zone"},
		{"2024-03-12", "is a date without a time and a zone"},
		{"12 Mar 2024", "is not an RFC 3339 date-time like 2006-01-02T15:04:05Z"},
	} {
		if got := rfc3339Problem(tc.date); got != tc.problem {
			t.Errorf("rfc3339Problem(%q) = %q, want %q", tc.date, got, tc.problem)
		}
	}
}

func TestAbsolute(t *testing.T) {
	for s, want := range map[string]bool{
		"https://example.com/a": true, "tag:example.com,2024:a": true, "urn:uuid:1": true, "mailto:a@example.com": true,
		"/a": false, "a/b": false, "#x": false, "https:///a": false, "//example.com/a": false, "": false,
	} {
		if got := absolute(s); got != want {
			t.Errorf("absolute(%q) = %v", s, got)
		}
	}
}

// TestSizes checks Google's limits in each format: a feed over 2 MB, and
// an item over 1 MB, each a warning at its start.
func TestSizes(t *testing.T) {
	big := strings.Repeat("x", MaxItemBytes)
	small := strings.Repeat("x", MaxItemBytes/2)
	rss := func(texts ...string) string {
		s := `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>T</title><link>https://example.com/</link><description>D</description>` +
			`<atom:link rel="self" href="https://example.com/rss.xml"/>`
		for i, text := range texts {
			s += fmt.Sprintf("\n<item><guid>https://example.com/%d</guid><description>%s</description></item>", i, text)
		}
		return s + "\n</channel></rss>"
	}
	atom := func(texts ...string) string {
		s := `<feed xmlns="http://www.w3.org/2005/Atom"><id>https://example.com/</id><title>T</title><updated>2024-01-01T00:00:00Z</updated>` +
			`<author><name>A</name></author><link rel="self" href="https://example.com/atom.xml"/>`
		for i, text := range texts {
			s += fmt.Sprintf("\n<entry><id>https://example.com/%d</id><title>T</title><updated>2024-01-01T00:00:00Z</updated><content>%s</content></entry>", i, text)
		}
		return s + "\n</feed>"
	}
	json := func(texts ...string) string {
		s := `{"version": "https://jsonfeed.org/version/1.1", "title": "T", "feed_url": "https://example.com/feed.json", "items": [`
		for i, text := range texts {
			if i > 0 {
				s += ","
			}
			s += fmt.Sprintf("\n{\"id\": \"%d\", \"content_text\": \"%s\"}", i, text)
		}
		return s + "\n]}"
	}
	for _, tc := range []struct {
		name, doc string
		want      []string
	}{
		{"rss small", rss(small, small, small), nil},
		{"rss big item", rss(big), []string{"2:1 ItemTooLarge"}},
		{"rss big feed", rss(small, small, small, small, small), []string{"1:1 FeedTooLarge"}},
		{"atom big item and feed", atom(small, big, big), []string{"1:1 FeedTooLarge", "3:1 ItemTooLarge", "4:1 ItemTooLarge"}},
		{"json big item", json(small, big), []string{"3:1 ItemTooLarge"}},
		{"json small", json(small), nil},
	} {
		var got []string
		for _, f := range Document("feed", []byte(tc.doc), Options{}) {
			got = append(got, fmt.Sprintf("%d:%d %s", f.Line, f.Col, f.Name))
			if f.Severity != Warning {
				t.Errorf("%s: %s is not a warning", tc.name, f)
			}
		}
		if strings.Join(got, ", ") != strings.Join(tc.want, ", ") {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}
