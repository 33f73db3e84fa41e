// Package podcast is a podcast show as Apple Podcasts, Spotify and the
// Podcasting 2.0 apps read it: the show's settings, its episodes' own
// fields, Apple's categories, the show's podcast:guid, and the rules
// those apps hold a show to, checked before any file is written.
package podcast

import (
	"time"

	"github.com/feedpub/feedpub/internal/model"
)

// Pos is a place in a file: the settings file for a show, the article for
// an episode.
type Pos struct {
	Path      string
	Line, Col int
}

// Show is one podcast: its settings, checked, and which articles are its
// episodes.
type Show struct {
	Slug string // its folder below podcasts/ in the output
	// Which articles it takes: those below Folder (a path relative to the
	// articles folder), in Section, or tagged Tag; only one is set.
	Folder, Section, Tag string

	Title       string
	Description string
	Artwork     string // an absolute URL
	// ArtworkFile is the artwork's file in the articles folder, which the
	// build copies to podcasts/<slug>/, when the settings name one.
	ArtworkFile string
	Language    string
	Category    string
	Subcategory string
	Explicit    bool
	Author      string
	OwnerName   string
	OwnerEmail  string
	Type        string // "episodic" or "serial"
	Copyright   string
	Complete    bool
	Block       bool
	NewFeedURL  string
	// GUID is the show's podcast:guid; GUIDPinned says the settings give
	// it, rather than it being derived from the feed's URL.
	GUID       string
	GUIDPinned bool
	Locked     bool
	Medium     string
	Funding    []Funding
	Persons    []Person
	Location   *Location
	License    *License
	Update     *UpdateFrequency
	Podroll    []RemoteItem
	Txt        []Txt
	Trailers   []Trailer
	// MediaPrefix is what episode file names other tools' front matter
	// gives are below (castanet's media_prefix, Podcaster's
	// episodeUrlBase).
	MediaPrefix string

	// Pos is where each setting was written, by key.
	Pos map[string]Pos
}

// At is where key was written in the show's settings, or where the show
// starts.
func (s *Show) At(key string) Pos {
	if p, ok := s.Pos[key]; ok {
		return p
	}
	return s.Pos[""]
}

// Funding is a podcast:funding link.
type Funding struct{ URL, Text string }

// Person is a podcast:person: a host, a guest, anyone credited.
type Person struct{ Name, Role, Group, Img, Href string }

// Location is a podcast:location.
type Location struct{ Name, Geo, OSM string }

// License is a podcast:license: a name from the SPDX list, or another
// with its URL.
type License struct{ Name, URL string }

// UpdateFrequency is a podcast:updateFrequency: a text, and optionally an
// RFC 5545 rule and whether the show is complete.
type UpdateFrequency struct{ Text, RRule string }

// RemoteItem names another show, for podcast:podroll.
type RemoteItem struct{ FeedGUID, FeedURL string }

// Txt is a podcast:txt, such as Apple's applepodcastsverify token.
type Txt struct{ Purpose, Value string }

// Trailer is a podcast:trailer.
type Trailer struct {
	URL, Title, Type string
	Date             time.Time
	Length           int64
	Season           int
}

// Episode is what an article says of itself as an episode of a show,
// beside the item it is in every feed.
type Episode struct {
	Title      string // itunes:title: the title without show or numbers
	Number     int    // 0: none
	Season     int    // 0: none
	SeasonName string
	Type       string // "full", "trailer" or "bonus"; "" for full
	Explicit   *bool  // nil: the show's
	Duration   time.Duration
	Image      string // artwork of its own, as written
	// Transcripts and AlternateEnclosures are as written: their URLs
	// absolute or relative to the article.
	Transcripts         []Transcript
	Chapters            *Chapters
	Soundbites          []Soundbite
	Persons             []Person
	AlternateEnclosures []AltEnclosure

	// File, FileLength and GUID are what other podcast tools write for
	// an episode's enclosure (a file name below the show's media_prefix,
	// and its size) and guid, so that a show keeps its guids when it
	// moves to feedpub; empty when not written. GUIDIsFile says the
	// tool's guid, when none is written, is the file's URL (castanet's),
	// not the episode's link.
	File       string
	FileLength int64
	GUID       string
	GUIDIsFile bool

	// Pos is where each field was written, by its front matter key.
	Pos map[string]Pos
}

// At is where key was written in the article, or its first line.
func (e *Episode) At(key, path string) Pos {
	if p, ok := e.Pos[key]; ok {
		return p
	}
	return Pos{Path: path, Line: 1, Col: 1}
}

// Transcript is a podcast:transcript.
type Transcript struct{ URL, Type, Language, Rel string }

// Chapters is an episode's chapters: a file as given (URL and Type), or
// a list the build writes as a JSON chapters file.
type Chapters struct {
	URL, Type string
	List      []Chapter
}

// Chapter is one chapter of a JSON chapters file.
type Chapter struct {
	Start float64 // seconds
	Title string
	Img   string
	URL   string
}

// Soundbite is a podcast:soundbite.
type Soundbite struct {
	Start, Duration float64 // seconds
	Title           string
}

// AltEnclosure is a podcast:alternateEnclosure with its one source.
type AltEnclosure struct {
	URL, Type, Title string
	Length           int64
	Bitrate          float64
	Default          bool
}

// Item is an episode as a show feed writes it: the article's item and
// its episode fields, with where its article is.
type Item struct {
	*model.Item
	Episode *Episode
	Path    string // the article, as named in messages
	// EnclosurePos is where the article's enclosure is written; IDPos,
	// its id, or nil when it sets none.
	EnclosurePos Pos
	IDPos        *Pos
}
