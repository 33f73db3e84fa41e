// Package model is the feed as feedpub understands it, independent of any
// file format: a site with its metadata and an ordered list of items. The
// build fills it and the encoders read it; it knows nothing about
// files, Markdown or XML.
package model

import (
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
)

// Person is an author of a feed or an item. Name is what readers show;
// Email and URL are optional.
type Person struct {
	Name  string
	Email string
	URL   string
}

// Label is what to call p where a name is required: the name, or the
// e-mail address when there is no name.
func (p Person) Label() string {
	if p.Name != "" {
		return p.Name
	}
	return p.Email
}

// Feed is one feed: the site's metadata and the items it lists, newest
// first.
type Feed struct {
	Title       string
	Description string
	HomeURL     string // the site's home page
	ID          string // a permanent identifier for the feed (Atom <id>)
	Language    string // a BCP 47 tag such as "en" or "pt-BR"
	Copyright   string
	Generator   string // the program that wrote the feed, with its version
	Authors     []Person
	Updated     time.Time // the newest date among the items, zero when there are none; never the clock
	Icon        string    // an absolute URL of a small square picture of the site (a favicon), or empty
	Logo        string    // an absolute URL of a larger picture of the site, or empty
	Items       []*Item
}

// Item is one article in a feed.
type Item struct {
	ID          string // a permanent, unique identifier
	URL         string // the article's canonical, absolute URL
	Title       string
	Summary     string // plain text
	ContentHTML string // sanitised HTML with absolute URLs; empty when the feed carries summaries only
	Published   time.Time
	Updated     time.Time // equal to Published when the article was never updated
	Authors     []Person
	Categories  []string // tags, then categories, without duplicates
	Image       string   // an absolute URL, or empty
	ImageType   string   // the image's media type when its name tells it, else empty
	ImageLength int64    // the image's size in bytes when known, else 0
	Enclosure   *Enclosure
	Language    string // set only when it differs from the feed's
	ExternalURL string // for a link post, the absolute URL of the page it is about; else empty
	Source      *Source
	// Translations are the same article in the site's other languages,
	// each at its own absolute URL; empty for a site in one language.
	Translations []Translation
}

// Translation is an article's page in another language: its BCP 47 tag
// and its absolute URL.
type Translation struct {
	Lang string
	URL  string
}

// Source is where a reposted item first appeared: a feed's title and the
// absolute URL of that feed.
type Source struct {
	Title string
	URL   string
}

// Enclosure is a file attached to an item, such as a podcast episode.
type Enclosure struct {
	URL    string // absolute
	Type   string // a media type
	Length int64  // in bytes
}

// IDIsURL reports whether the item's ID is its URL, in which case RSS may
// call the guid a permalink.
func (it *Item) IDIsURL() bool { return it.ID == it.URL }

// Newest returns the latest Updated date among items, or the zero time
// when there are none.
func Newest(items []*Item) time.Time {
	var t time.Time
	for _, it := range items {
		if it.Updated.After(t) {
			t = it.Updated
		}
	}
	return t
}

// ParsePerson reads a person written as "Name", "Name <email>" or
// "<email>", the forms Hugo and Jekyll front matter use.
func ParsePerson(s string) (Person, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Person{}, fmt.Errorf("the author is empty")
	}
	open := strings.LastIndexByte(s, '<')
	if open < 0 {
		if strings.ContainsAny(s, ">") {
			return Person{}, fmt.Errorf("%q has '>' but no '<'", s)
		}
		return Person{Name: s}, nil
	}
	if !strings.HasSuffix(s, ">") {
		return Person{}, fmt.Errorf("%q has text after the <email>", s)
	}
	email := strings.TrimSpace(s[open+1 : len(s)-1])
	if err := CheckEmail(email); err != nil {
		return Person{}, err
	}
	return Person{Name: strings.TrimSpace(s[:open]), Email: email}, nil
}

// ErrUnknownKey is what Set says of a key that names no field of a
// Person.
var ErrUnknownKey = errors.New("not a field of a person")

// Set sets the field of p that key names, as a mapping of a person writes
// it in front matter or settings: "name", "email", or "url" (or "uri", as
// Atom calls it), in any case, to value less surrounding space. An email
// must be a plain address, as CheckEmail says; another key is
// ErrUnknownKey.
func (p *Person) Set(key, value string) error {
	value = strings.TrimSpace(value)
	switch strings.ToLower(key) {
	case "name":
		p.Name = value
	case "email":
		if err := CheckEmail(value); err != nil {
			return err
		}
		p.Email = value
	case "url", "uri":
		p.URL = value
	default:
		return ErrUnknownKey
	}
	return nil
}

// CheckEmail reports whether s is a plain address such as "ann@example.com".
func CheckEmail(s string) error {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return fmt.Errorf("%q is not an email address", s)
	}
	return nil
}
