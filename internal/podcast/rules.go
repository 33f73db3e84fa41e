package podcast

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/feedpub/feedpub/internal/diag"
)

// MaxDescription is the most bytes Apple takes in a show's or an
// episode's description.
const MaxDescription = 4000

// appleTypes are the enclosure media types Apple Podcasts takes, by the
// extensions it takes.
var appleTypes = map[string][]string{
	".mp3": {"audio/mpeg", "audio/mp3"},
	".m4a": {"audio/x-m4a", "audio/mp4", "audio/m4a", "audio/aac"},
	".mp4": {"video/mp4", "audio/mp4"},
	".m4v": {"video/x-m4v", "video/mp4"},
	".mov": {"video/quicktime"},
	".pdf": {"application/pdf"},
}

// Check holds a show's episodes to the rules of Apple Podcasts, Spotify
// and Podcasting 2.0, and returns every problem, each at the place in
// the article that breaks the rule.
func Check(show *Show, items []*Item) diag.List {
	var errs diag.List
	bad := func(p Pos, msg, hint string) {
		errs = append(errs, diag.Content.At(p.Path, p.Line, p.Col, msg, hint))
	}
	guids := map[string]string{}
	enclosures := map[string]string{}
	for _, it := range items {
		ep := it.Episode
		at := func(key string) Pos { return ep.At(key, it.Path) }
		if show.Type == "serial" && ep.Number == 0 && ep.Type != "trailer" {
			bad(at("episode"), fmt.Sprintf("the show %q is serial, and this episode has no number", show.Title),
				"add episode: N (Apple lists a serial show's episodes by number), or make the show type: episodic")
		}
		if _, set := ep.Pos["episode"]; set && ep.Number <= 0 {
			bad(at("episode"), fmt.Sprintf("episode %d is not a number above 0", ep.Number), "number episodes from 1")
		}
		if _, set := ep.Pos["season"]; set && ep.Season <= 0 {
			bad(at("season"), fmt.Sprintf("season %d is not a number above 0", ep.Season), "number seasons from 1, or remove season")
		}
		if other, dup := guids[it.ID]; dup {
			bad(it.EnclosurePos, fmt.Sprintf("the episode's guid %q is also that of %s", it.ID, other),
				"give each episode its own id: apps take two episodes with one guid for one")
		} else {
			guids[it.ID] = it.Path
		}
		e := it.Enclosure
		if other, dup := enclosures[e.URL]; dup {
			bad(it.EnclosurePos, fmt.Sprintf("the enclosure %s is also that of %s", e.URL, other), "give each episode its own audio or video file")
		} else {
			enclosures[e.URL] = it.Path
		}
		checkEnclosure(it, bad)
		if n := len(it.Summary); n > MaxDescription {
			bad(Pos{it.Path, 1, 1}, fmt.Sprintf("the episode's description is %d bytes, more than the %d Apple takes", n, MaxDescription),
				"write a shorter summary: in the front matter, or as the first paragraph")
		}
		for _, t := range ep.Transcripts {
			secure(bad, at("transcripts"), "transcript", t.URL)
		}
		if c := ep.Chapters; c != nil && c.List == nil {
			secure(bad, at("chapters"), "chapters file", c.URL)
		}
		for _, p := range ep.Persons {
			secure(bad, at("persons"), "person's img", p.Img)
			secure(bad, at("persons"), "person's href", p.Href)
		}
		for _, a := range ep.AlternateEnclosures {
			secure(bad, at("alternate_enclosures"), "alternate enclosure", a.URL)
		}
	}
	return errs
}

// checkEnclosure holds an episode's file to what Apple takes.
func checkEnclosure(it *Item, bad func(Pos, string, string)) {
	e := it.Enclosure
	if e.Type == "" || e.Length <= 0 {
		bad(it.EnclosurePos, "the enclosure has no type or no length", "give both: enclosure: {url: …, type: audio/mpeg, length: 12345678}")
		return
	}
	u, err := url.Parse(e.URL)
	if err != nil {
		return
	}
	ext := strings.ToLower(path.Ext(u.Path))
	types, ok := appleTypes[ext]
	switch {
	case !ok:
		bad(it.EnclosurePos, fmt.Sprintf("Apple Podcasts does not take a %q file", ext),
			"publish the episode as MP3, M4A, MP4, M4V, MOV or PDF")
	case !slices.Contains(types, strings.ToLower(e.Type)):
		bad(it.EnclosurePos, fmt.Sprintf("the enclosure's type %s does not match its extension %s", e.Type, ext),
			"write type: "+types[0])
	}
}

// secure reports a URL that is not https where Podcasting 2.0 requires
// https.
func secure(bad func(Pos, string, string), p Pos, what, s string) {
	if s == "" {
		return
	}
	if u, err := url.Parse(s); err != nil || u.Scheme != "https" {
		bad(p, fmt.Sprintf("the %s %s is not an https URL, which Podcasting 2.0 requires", what, s), "publish it over https")
	}
}
