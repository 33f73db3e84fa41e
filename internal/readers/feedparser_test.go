package readers

import (
	"encoding/json"
	"os/exec"
	"strconv"
	"testing"
	"time"
)

// feedparserDump is a Python program that reads a feed with feedparser
// and prints, as JSON, what it finds of each entry: what a reader built
// on feedparser (as many are) shows.
const feedparserDump = `
import calendar, json, sys
import feedparser
d = feedparser.parse(sys.argv[1])
if d.bozo and not d.entries:
    sys.exit("feedparser: %s" % d.bozo_exception)
out = []
for e in d.entries:
    content = e.get("content")
    out.append({
        "link": e.get("link", ""),
        "title": e.get("title", ""),
        "title_type": e.get("title_detail", {}).get("type", ""),
        "author": e.get("author", ""),
        "content": content[0]["value"] if content else e.get("summary", ""),
        "published": calendar.timegm(e.published_parsed) if e.get("published_parsed") else 0,
        "tags": [t.get("term", "") for t in e.get("tags", [])],
        "enclosures": [{"url": x.get("href", ""), "type": x.get("type", ""), "length": str(x.get("length", ""))} for x in e.get("enclosures", [])],
    })
json.dump({"version": d.get("version", ""), "entries": out}, sys.stdout)
`

// TestFeedparser reads the corpus's three feeds with Python's feedparser
// (Debian's python3-feedparser) and checks what it gives of each entry:
// title (as a reader shows it: rendered when feedparser says it is
// HTML), author, the picture first in the content, date, enclosures and
// tags. Debian 12's feedparser, 6.0, reads no JSON Feed: that subtest
// skips.
func TestFeedparser(t *testing.T) {
	python := feedparserPython(t)
	s := serveCorpus(t)
	for _, f := range feeds {
		t.Run(f.name, func(t *testing.T) {
			if f.name == "json" && exec.Command(python, "-c", "import feedparser.parsers.json").Run() != nil {
				t.Skip("this feedparser reads no JSON Feed (its support came after 6.0)")
			}
			out, err := exec.Command(python, "-c", feedparserDump, s.url+f.path).Output()
			if err != nil {
				t.Fatalf("feedparser: %v", err)
			}
			var parsed struct {
				Version string `json:"version"`
				Entries []struct {
					Link, Title, Author, Content string
					TitleType                    string `json:"title_type"`
					Published                    int64
					Tags                         []string
					Enclosures                   []struct{ URL, Type, Length string }
				} `json:"entries"`
			}
			if err := json.Unmarshal(out, &parsed); err != nil {
				t.Fatalf("feedparser's output: %v: %s", err, out)
			}
			var shown []entry
			for _, e := range parsed.Entries {
				// A title feedparser took for HTML is shown rendered.
				if e.TitleType == "text/html" {
					e.Title = renderedHTML(e.Title)
				}
				se := entry{Link: e.Link, Title: e.Title, Author: e.Author, Content: e.Content, Published: time.Unix(e.Published, 0), Tags: e.Tags}
				for _, x := range e.Enclosures {
					n, _ := strconv.Atoi(x.Length)
					se.Enclosures = append(se.Enclosures, enclosure{URL: x.URL, Type: x.Type, Length: n})
				}
				shown = append(shown, se)
			}
			checkEntries(t, s, "feedparser", f.name, shown, titles, authors, pictures, dates, enclosures, tags)
		})
	}
}

// feedparserPython is a Python that has feedparser: Debian's, which
// python3-feedparser installs it for, or the first python3 in PATH.
func feedparserPython(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if path, err := exec.LookPath(p); err == nil && exec.Command(path, "-c", "import feedparser").Run() == nil {
			return path
		}
	}
	t.Skip("no python3 with feedparser (apt-get install python3-feedparser): feedparser's test did not run")
	return ""
}
