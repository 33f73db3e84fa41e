package encode

import (
	"encoding/xml"
	"strconv"

	"github.com/gorilla/feeds"

	"github.com/feedpub/feedpub/internal/model"
)

// atomFeed is gorilla's AtomFeed with xml:lang, self and alternate links,
// every author and a generator. Entries is declared again so that it is
// encoded after the new feed-level elements.
type atomFeed struct {
	XMLName xml.Name `xml:"feed"`
	Title   atomText `xml:"title"`
	*feeds.AtomFeed
	Subtitle  *atomText        `xml:"subtitle"`
	Lang      string           `xml:"xml:lang,attr,omitempty"`
	HistoryNS string           `xml:"xmlns:fh,attr,omitempty"`
	Links     []feeds.AtomLink `xml:"link"`
	Archive   *struct{}        `xml:"fh:archive"`
	Authors   []*atomPerson    `xml:"author"`
	Generator atomGenerator    `xml:"generator"`
	Entries   []*atomEntry     `xml:"entry"`
}

type atomGenerator struct {
	URI     string `xml:"uri,attr"`
	Version string `xml:"version,attr,omitempty"`
	Name    string `xml:",chardata"`
}

// atomEntry is gorilla's entry with every author, one <category term> per
// tag and category, xml:lang, a plain-text summary and the feed a repost
// comes from (replacing gorilla's Source).
type atomEntry struct {
	XMLName xml.Name `xml:"entry"`
	Title   atomText `xml:"title"`
	*feeds.AtomEntry
	Lang       string          `xml:"xml:lang,attr,omitempty"`
	Alternates []atomAlternate `xml:"link"`
	Authors    []*atomPerson   `xml:"author"`
	Categories []atomCategory  `xml:"category"`
	Source     *atomSource     `xml:"source"`
}

// atomAlternate is an entry's link to its page in another language.
type atomAlternate struct {
	Href     string `xml:"href,attr"`
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
}

// atomText is an Atom text construct of plain text: type="text", the
// default, written as a type only where the element needs one. Every
// reader tried shows such text as written, "<b>" and "&amp;" included
// (see TestTextAsWritten); type="html" holding escaped text is shown as
// entities by those that take the HTML for the text.
type atomText struct {
	Type string `xml:"type,attr,omitempty"`
	Text string `xml:",chardata"`
}

func atomTextOf(s string) atomText { return atomText{Text: s} }

// atomSource is an entry's <source>: the title and address of the feed
// a repost comes from (RFC 4287 4.2.11), the address as its id too.
type atomSource struct {
	ID    string         `xml:"id"`
	Title atomText       `xml:"title"`
	Link  feeds.AtomLink `xml:"link"`
}

// atomPerson is an Atom author, with '&' and '<' in the name as
// hexadecimal references, as in RSS.
type atomPerson struct {
	Name  rssText `xml:"name"`
	URI   string  `xml:"uri,omitempty"`
	Email string  `xml:"email,omitempty"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

// atomHead is the document without entries.
func atomHead(f *model.Feed, l Links) *atomFeed {
	af := (&feeds.Atom{Feed: toGorilla(f)}).AtomFeed()
	af.Id = f.ID // gorilla uses the home link
	af.Icon, af.Logo = f.Icon, f.Logo
	af.Updated = rfc3339(f.Updated)
	if f.Updated.IsZero() {
		af.Updated = rfc3339(emptyFeedDate)
	}
	out := &atomFeed{
		AtomFeed: af,
		Title:    atomTextOf(f.Title),
		Lang:     f.Language,
		Links: []feeds.AtomLink{
			{Href: l.Self, Rel: "self", Type: Atom.MediaType()},
			{Href: f.HomeURL, Rel: "alternate", Type: "text/html"},
		},
		Authors: atomPeople(f.Authors),
	}
	for _, x := range feedLinks(l, Atom.MediaType()) {
		out.Links = append(out.Links, feeds.AtomLink{Href: x.Href, Rel: x.Rel, Type: x.Type})
	}
	if f.Description != "" {
		sub := atomTextOf(f.Description)
		out.Subtitle = &sub
	}
	if l.Archive {
		out.Archive, out.HistoryNS = &struct{}{}, historyNS
	}
	name, version := splitGenerator(f.Generator)
	out.Generator = atomGenerator{URI: GeneratorURI, Version: version, Name: name}
	return out
}

// atomEntryOf is one entry of the feed f.
func atomEntryOf(f *model.Feed, it *model.Item) *atomEntry {
	ge := (&feeds.Atom{Feed: gorillaItems(it)}).AtomFeed().Entries[0]
	ge.Published = rfc3339(it.Published)
	ge.Updated = rfc3339(it.Updated)
	ge.Summary = nil
	switch {
	case it.Summary != "":
		ge.Summary = atomSummary(it.Summary)
	case ge.Content == nil:
		// An entry should carry some text; the title is all there is.
		ge.Summary = atomSummary(it.Title)
	}
	if e := it.Enclosure; e != nil && e.Length <= 0 {
		// A length is advisory: none rather than a made-up one.
		for k := range ge.Links {
			if ge.Links[k].Rel == "enclosure" {
				ge.Links[k].Length = ""
			}
		}
	}
	if it.Image != "" {
		l := feeds.AtomLink{Href: it.Image, Rel: "enclosure", Type: it.ImageType}
		if it.ImageLength > 0 {
			l.Length = strconv.FormatInt(it.ImageLength, 10)
		}
		ge.Links = append(ge.Links, l)
	}
	if it.ExternalURL != "" {
		// A link post: the page it is about; its own page stays the
		// alternate.
		ge.Links = append(ge.Links, feeds.AtomLink{Href: it.ExternalURL, Rel: "related"})
	}
	e := &atomEntry{AtomEntry: ge, Title: atomTextOf(it.Title), Authors: atomPeople(authorLine(it.Authors))}
	if s := it.Source; s != nil {
		e.Source = &atomSource{ID: s.URL, Title: atomTextOf(s.Title), Link: feeds.AtomLink{Href: s.URL, Rel: "self"}}
	}
	if it.Language != "" && it.Language != f.Language {
		e.Lang = it.Language
	}
	for _, t := range it.Translations {
		e.Alternates = append(e.Alternates, atomAlternate{Href: t.URL, Rel: "alternate", Hreflang: t.Lang})
	}
	for _, c := range it.Categories {
		e.Categories = append(e.Categories, atomCategory{Term: c})
	}
	return e
}

// atomPeople converts people to Atom authors; Atom requires a name, so an
// author known only by e-mail is named by the address.
func atomPeople(ps []model.Person) []*atomPerson {
	var out []*atomPerson
	for _, p := range ps {
		out = append(out, &atomPerson{Name: plain(p.Label()), Email: p.Email, URI: p.URL})
	}
	return out
}

// atomSummary is a summary of plain text, as a text construct.
func atomSummary(s string) *feeds.AtomSummary {
	return &feeds.AtomSummary{Content: s, Type: "text"}
}
