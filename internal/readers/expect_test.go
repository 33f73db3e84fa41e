package readers

import (
	"fmt"
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// The feeds every reader subscribes to, by the name the checks give them.
var feeds = []struct{ name, path string }{
	{"rss", "rss.xml"},
	{"atom", "atom.xml"},
	{"json", "feed.json"},
}

// entry is what a reader shows of one item; a reader that does not show
// something leaves it zero and does not check it.
type entry struct {
	Link       string
	Title      string
	Author     string
	Content    string // the HTML shown as the item's text
	Published  time.Time
	Tags       []string
	Enclosures []enclosure
}

type enclosure struct {
	URL, Type string
	Length    int
}

// aspect is one thing the checks compare between what a reader shows and
// what the articles say; each is a subtest of its own, so that a failure
// names what a subscriber would notice.
type aspect int

const (
	titles aspect = iota
	authors
	pictures
	dates
	enclosures
	tags
	numAspects
)

var aspectNames = [numAspects]string{"titles", "authors", "picture", "dates", "enclosures", "tags"}

// checkEntries checks the entries a reader shows of one of the corpus's
// main feeds (by its name in feeds): every article exactly once, and each
// aspect given as a subtest of t. What a known limit of the reader
// explains is logged, not an error.
func checkEntries(t *testing.T, s *site, reader, feed string, entries []entry, aspects ...aspect) {
	t.Helper()
	byArticle := matchEntries(t, s, entries)
	for _, a := range aspects {
		t.Run(aspectNames[a], func(t *testing.T) {
			for _, art := range s.corpus.Articles {
				e, ok := byArticle[art.Slug]
				if !ok {
					continue
				}
				if a == titles && e.Title != art.Title {
					if l, ok := known(reader, feed, a, art.Title, e.Title); ok {
						t.Logf("%s: %s shows the title %q as %q: %s", art.Slug, reader, art.Title, e.Title, l.why)
						continue
					}
				}
				if a == enclosures {
					e.Enclosures = knownAttachments(t, reader, feed, s, art, e.Enclosures)
				}
				for _, problem := range differences(a, s, art, e) {
					t.Errorf("%s: %s", art.Slug, problem)
				}
			}
		})
	}
}

// matchEntries finds each article's entry by its link: the article's page,
// or for a link post its external page. Each article must be there once.
func matchEntries(t *testing.T, s *site, entries []entry) map[string]entry {
	t.Helper()
	byLink := map[string]string{}
	for _, a := range s.corpus.Articles {
		byLink[s.url+a.Slug+"/"] = a.Slug
		if a.ExternalURL != "" {
			byLink[a.ExternalURL] = a.Slug
		}
	}
	found := map[string]entry{}
	for _, e := range entries {
		slug, ok := byLink[e.Link]
		if !ok {
			t.Errorf("an entry links to %q, no article's page: %q", e.Link, e.Title)
			continue
		}
		if _, twice := found[slug]; twice {
			t.Errorf("%s: shown twice", slug)
		}
		found[slug] = e
	}
	for _, a := range s.corpus.Articles {
		if _, ok := found[a.Slug]; !ok {
			t.Errorf("%s: not shown (%d entries)", a.Slug, len(entries))
		}
	}
	return found
}

// differences says how e differs from the article in one aspect.
func differences(a aspect, s *site, art Article, e entry) []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	switch a {
	case titles:
		if e.Title != art.Title {
			add("title %q, want %q", e.Title, art.Title)
		}
	case authors:
		want := strings.Join(art.Authors, ", ")
		if len(art.Authors) == 0 {
			// An article that names no one is credited to the site, or
			// to no one: never to anything else.
			if e.Author != "" && e.Author != s.corpus.Title {
				add("author %q, want none or %q", e.Author, s.corpus.Title)
			}
		} else if e.Author != want {
			add("author %q, want %q", e.Author, want)
		}
	case pictures:
		out = append(out, pictureProblems(s, art, e.Content)...)
	case dates:
		if !e.Published.Equal(art.Published) {
			add("published %s, want %s", e.Published.UTC().Format(time.RFC3339), art.Published.UTC().Format(time.RFC3339))
		}
	case enclosures:
		out = append(out, enclosureProblems(s, art, e.Enclosures)...)
	case tags:
		got, want := slices.Sorted(slices.Values(e.Tags)), slices.Sorted(slices.Values(art.Tags))
		if !slices.Equal(got, want) {
			add("tags %q, want %q", got, want)
		}
	}
	return out
}

var imgTag = regexp.MustCompile(`<img\b[^>]*>`)
var attr = regexp.MustCompile(`\b(src|alt)="([^"]*)"`)

// pictureProblems checks that an article's picture is the first image of
// its content, once, with its alt text; and that an article without one
// gets none added.
func pictureProblems(s *site, art Article, content string) []string {
	imgs := imgTag.FindAllString(content, -1)
	if art.Image == "" {
		if len(imgs) > 0 {
			return []string{fmt.Sprintf("content shows %s, and the article has no picture", imgs[0])}
		}
		return nil
	}
	want := s.url + art.Slug + "/" + art.Image
	if len(imgs) == 0 {
		return []string{fmt.Sprintf("no <img> in the content, want %s first: %.200q", want, content)}
	}
	var out []string
	src, alt := imgAttrs(imgs[0])
	if src != want {
		out = append(out, fmt.Sprintf("the first image is %q, want %q", src, want))
	}
	if alt != art.ImageAlt {
		out = append(out, fmt.Sprintf("the picture's alt is %q, want %q", alt, art.ImageAlt))
	}
	n := 0
	for _, img := range imgs {
		if src, _ := imgAttrs(img); src == want {
			n++
		}
	}
	if n > 1 {
		out = append(out, fmt.Sprintf("the picture is shown %d times", n))
	}
	return out
}

// imgAttrs is an <img> tag's src and alt, unescaped.
func imgAttrs(tag string) (src, alt string) {
	for _, m := range attr.FindAllStringSubmatch(tag, -1) {
		if m[1] == "src" {
			src = html.UnescapeString(m[2])
		} else {
			alt = html.UnescapeString(m[2])
		}
	}
	return src, alt
}

// enclosureProblems checks an entry's attachments: the article's
// enclosure with its URL, type and length; its picture, if attached, with
// its real media type and size; nothing else.
func enclosureProblems(s *site, art Article, got []enclosure) []string {
	var out []string
	picture := ""
	if art.Image != "" {
		picture = s.url + art.Slug + "/" + art.Image
	}
	seen := false
	for _, e := range got {
		switch {
		case art.Enclosure != nil && e.URL == art.Enclosure.URL:
			seen = true
			if e.Type != art.Enclosure.Type || e.Length != art.Enclosure.Length {
				out = append(out, fmt.Sprintf("enclosure %s is %s of %d bytes, want %s of %d", e.URL, e.Type, e.Length, art.Enclosure.Type, art.Enclosure.Length))
			}
		case picture != "" && e.URL == picture:
			if e.Type != art.ImageType || e.Length != art.ImageSize {
				out = append(out, fmt.Sprintf("the picture's attachment is %q of %d bytes, want %s of %d", e.Type, e.Length, art.ImageType, art.ImageSize))
			}
		default:
			out = append(out, fmt.Sprintf("an attachment the article does not have: %+v", e))
		}
	}
	if art.Enclosure != nil && !seen {
		out = append(out, fmt.Sprintf("no enclosure %s among %+v", art.Enclosure.URL, got))
	}
	return out
}
