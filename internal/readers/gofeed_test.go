package readers

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	"github.com/mmcdole/gofeed/json"
	"github.com/mmcdole/gofeed/rss"
)

// TestGofeed reads the corpus's three main feeds, as feedpub serve serves
// them, with gofeed: what a Go reader built on it shows of each article,
// then what each format's own parser finds of the site's icon and logo,
// link posts and reposts.
func TestGofeed(t *testing.T) {
	s := serveCorpus(t)
	raw := map[string][]byte{}
	for _, f := range feeds {
		raw[f.name] = s.get(t, f.path)
		t.Run(f.name, func(t *testing.T) {
			parsed, err := gofeed.NewParser().Parse(bytes.NewReader(raw[f.name]))
			if err != nil {
				t.Fatal(err)
			}
			checkEntries(t, s, "gofeed", f.name, gofeedEntries(parsed), titles, authors, pictures, dates, enclosures, tags)
		})
	}
	t.Run("icon", func(t *testing.T) { checkGofeedIcons(t, s, raw) })
	t.Run("links", func(t *testing.T) { checkGofeedLinks(t, s, raw) })
	t.Run("json10author", func(t *testing.T) { checkJSON10Author(t, s, raw["json"]) })
	t.Run("rssmedia", func(t *testing.T) { checkRSSMedia(t, s, raw["rss"]) })
}

// checkRSSMedia checks the RSS media:content of each article's picture:
// its real media type and its size in bytes.
func checkRSSMedia(t *testing.T, s *site, raw []byte) {
	r, err := (&rss.Parser{}).Parse(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	for _, art := range s.corpus.Articles {
		if art.Image == "" {
			continue
		}
		page, picture := s.url+art.Slug+"/", s.url+art.Slug+"/"+art.Image
		for _, it := range r.Items {
			if it.GUID == nil || it.GUID.Value != page {
				continue
			}
			found := false
			for _, m := range it.Extensions["media"]["content"] {
				if m.Attrs["url"] != picture {
					continue
				}
				found = true
				if m.Attrs["type"] != art.ImageType || m.Attrs["fileSize"] != strconv.Itoa(art.ImageSize) {
					t.Errorf("%s: media:content type %q fileSize %q, want %q and %d", art.Slug, m.Attrs["type"], m.Attrs["fileSize"], art.ImageType, art.ImageSize)
				}
			}
			if !found {
				t.Errorf("%s: no media:content for %s", art.Slug, picture)
			}
		}
	}
}

// checkJSON10Author checks that JSON Feed items carry version 1.0's
// author beside 1.1's authors, for the readers that read only author: the
// names as the article lists them.
func checkJSON10Author(t *testing.T, s *site, raw []byte) {
	j, err := (&json.Parser{}).Parse(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	for _, art := range s.corpus.Articles {
		want := strings.Join(art.Authors, ", ")
		for _, it := range j.Items {
			if it.ID == s.url+art.Slug+"/" && want != "" && (it.Author == nil || it.Author.Name != want) {
				t.Errorf("%s: JSON Feed 1.0 author %+v, want the name %q", art.Slug, it.Author, want)
			}
		}
	}
}

// gofeedEntries is what gofeed's universal feed shows of each item.
func gofeedEntries(f *gofeed.Feed) []entry {
	var out []entry
	for _, it := range f.Items {
		e := entry{Link: it.Link, Title: it.Title, Content: it.Content, Tags: it.Categories}
		if e.Content == "" {
			e.Content = it.Description
		}
		var names []string
		for _, p := range it.Authors {
			names = append(names, p.Name)
		}
		e.Author = strings.Join(names, ", ")
		if it.PublishedParsed != nil {
			e.Published = *it.PublishedParsed
		}
		for _, enc := range it.Enclosures {
			n, _ := strconv.Atoi(enc.Length)
			e.Enclosures = append(e.Enclosures, enclosure{URL: enc.URL, Type: enc.Type, Length: n})
		}
		out = append(out, e)
	}
	return out
}

// checkGofeedIcons checks each format's icon and logo: RSS <image> (the
// icon or the logo, with the channel's title and link), Atom <icon> and
// <logo>, JSON Feed icon and favicon, each serving the settings' file.
func checkGofeedIcons(t *testing.T, s *site, raw map[string][]byte) {
	is := func(where, u string, want ...[]byte) {
		t.Helper()
		if u == "" {
			t.Errorf("%s: none", where)
			return
		}
		if !strings.HasPrefix(u, s.url) {
			t.Errorf("%s is %q, not served with the feeds", where, u)
			return
		}
		got := s.get(t, strings.TrimPrefix(u, s.url))
		for _, w := range want {
			if bytes.Equal(got, w) {
				return
			}
		}
		t.Errorf("%s %s is not the settings' image (%d bytes)", where, u, len(got))
	}
	c := s.corpus
	if r, err := (&rss.Parser{}).Parse(bytes.NewReader(raw["rss"])); err != nil {
		t.Error(err)
	} else if r.Image == nil {
		t.Error("RSS: no <image>")
	} else {
		is("RSS <image>", r.Image.URL, c.Icon, c.Logo)
		if r.Image.Title != r.Title || r.Image.Link != r.Link {
			t.Errorf("RSS <image> has title %q and link %q, want the channel's %q and %q", r.Image.Title, r.Image.Link, r.Title, r.Link)
		}
	}
	if a, err := (&atom.Parser{}).Parse(bytes.NewReader(raw["atom"])); err != nil {
		t.Error(err)
	} else {
		is("Atom <icon>", a.Icon, c.Icon)
		is("Atom <logo>", a.Logo, c.Logo)
	}
	if j, err := (&json.Parser{}).Parse(bytes.NewReader(raw["json"])); err != nil {
		t.Error(err)
	} else {
		is("JSON Feed icon", j.Icon, c.Icon, c.Logo)
		is("JSON Feed favicon", j.Favicon, c.Icon)
	}
}

// checkGofeedLinks checks link posts and reposts in each format's own
// terms: the external page as RSS <link>, Atom rel="related" and JSON
// Feed external_url, the article's own page as guid, alternate and url;
// the origin feed as RSS and Atom <source>.
func checkGofeedLinks(t *testing.T, s *site, raw map[string][]byte) {
	r, err := (&rss.Parser{}).Parse(bytes.NewReader(raw["rss"]))
	if err != nil {
		t.Fatal(err)
	}
	a, err := (&atom.Parser{}).Parse(bytes.NewReader(raw["atom"]))
	if err != nil {
		t.Fatal(err)
	}
	j, err := (&json.Parser{}).Parse(bytes.NewReader(raw["json"]))
	if err != nil {
		t.Fatal(err)
	}
	for _, art := range s.corpus.Articles {
		page := s.url + art.Slug + "/"
		var problems []string
		for _, it := range r.Items {
			if it.GUID == nil || it.GUID.Value != page {
				continue
			}
			problems = append(problems, rssLinkProblems(art, page, it)...)
		}
		for _, e := range a.Entries {
			if e.ID == page {
				problems = append(problems, atomLinkProblems(art, page, e)...)
			}
		}
		for _, it := range j.Items {
			if it.ID != page {
				continue
			}
			if it.URL != page || it.ExternalURL != art.ExternalURL {
				problems = append(problems, fmt.Sprintf("JSON Feed url %q and external_url %q, want %q and %q", it.URL, it.ExternalURL, page, art.ExternalURL))
			}

		}
		for _, p := range problems {
			t.Errorf("%s: %s", art.Slug, p)
		}
	}
}

func rssLinkProblems(art Article, page string, it *rss.Item) []string {
	var out []string
	wantLink := page
	if art.ExternalURL != "" {
		wantLink = art.ExternalURL
	}
	if it.Link != wantLink {
		out = append(out, fmt.Sprintf("RSS <link> %q, want %q", it.Link, wantLink))
	}
	switch {
	case art.Source == nil && it.Source != nil:
		out = append(out, fmt.Sprintf("RSS <source> %+v, and the article names none", *it.Source))
	case art.Source != nil && (it.Source == nil || it.Source.Title != art.Source.Title || it.Source.URL != art.Source.URL):
		out = append(out, fmt.Sprintf("RSS <source> %+v, want %+v", it.Source, *art.Source))
	}
	return out
}

func atomLinkProblems(art Article, page string, e *atom.Entry) []string {
	var out []string
	rel := map[string]string{}
	for _, l := range e.Links {
		r := l.Rel
		if r == "" {
			r = "alternate"
		}
		if _, ok := rel[r]; !ok {
			rel[r] = l.Href
		}
	}
	if rel["alternate"] != page || rel["related"] != art.ExternalURL {
		out = append(out, fmt.Sprintf("Atom alternate %q and related %q, want %q and %q", rel["alternate"], rel["related"], page, art.ExternalURL))
	}
	switch {
	case art.Source == nil && e.Source != nil:
		out = append(out, fmt.Sprintf("Atom <source> %q, and the article names none", e.Source.Title))
	case art.Source != nil && (e.Source == nil || e.Source.Title != art.Source.Title || !hasLink(e.Source.Links, art.Source.URL)):
		out = append(out, fmt.Sprintf("Atom <source> %+v, want title %q and a link to %s", e.Source, art.Source.Title, art.Source.URL))
	}
	return out
}

func hasLink(links []*atom.Link, href string) bool {
	for _, l := range links {
		if l.Href == href {
			return true
		}
	}
	return false
}
