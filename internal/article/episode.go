package article

import (
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/frontmatter"
	"github.com/feedpub/feedpub/internal/podcast"
)

// episodeKeys are the front matter keys an episode of a show may set,
// besides an article's own.
var episodeKeys = map[string]bool{
	"episode_title": true, "itunes_title": true, "episode": true, "season": true, "season_name": true,
	"episode_type": true, "explicit": true, "duration": true, "transcripts": true, "transcript": true,
	"chapters": true, "soundbite": true, "soundbites": true, "persons": true, "person": true,
	"alternate_enclosures": true,
	// Hugo's castanet theme.
	"podcast_file": true, "podcast_bytes": true, "podcast_duration": true, "guid": true, "episode_image": true,
}

// transcriptTypes are the media types of transcripts, by extension.
var transcriptTypes = map[string]string{
	".vtt": "text/vtt", ".srt": "application/x-subrip", ".json": "application/json",
	".html": "text/html", ".htm": "text/html", ".txt": "text/plain",
}

// ParseEpisode reads the episode fields of an article file's front
// matter (episode, season, duration, transcripts, chapters, …), each
// problem at its line and column; the article's own fields are Parse's.
// The front matter is parsed again, apart from Parse: a build with
// shows does so for every article a feed takes, in a show or not.
func ParseEpisode(path string, src []byte) (*podcast.Episode, diag.List) {
	doc, err := frontmatter.Parse(path, src)
	if err != nil {
		return nil, diag.Problems(err)
	}
	r := &podcast.Reader{Path: path, Kind: diag.Content}
	e := &podcast.Episode{Pos: map[string]podcast.Pos{}}
	for _, f := range doc.Fields.Map {
		k := strings.ToLower(f.Key)
		if !episodeKeys[k] || f.Value.Kind == frontmatter.KindNull {
			continue
		}
		e.Pos[k] = podcast.Pos{Path: path, Line: f.Line, Col: f.Col}
		v := f.Value
		switch k {
		case "episode_title", "itunes_title":
			e.Title = r.Str(k, v)
		case "episode":
			if v.Kind == frontmatter.KindMap {
				podcaster(r, v, e)
			} else {
				e.Number = r.Int(k, v)
			}
		case "season":
			e.Season = r.Int(k, v)
		case "season_name":
			e.SeasonName = r.Str(k, v)
		case "episode_type":
			e.Type = strings.ToLower(r.Str(k, v))
			if e.Type != "full" && e.Type != "trailer" && e.Type != "bonus" {
				r.Errf(v.Line, v.Col, fmt.Sprintf("episode_type %q is not full, trailer or bonus", e.Type), "use full (the default), trailer or bonus")
			}
		case "explicit":
			b := r.Bool(k, v)
			e.Explicit = &b
		case "duration":
			e.Duration = duration(r, v)
		case "transcripts", "transcript":
			e.Transcripts = append(e.Transcripts, transcripts(r, k, v)...)
		case "chapters":
			e.Chapters = chapters(r, v)
		case "soundbite", "soundbites":
			e.Soundbites = append(e.Soundbites, soundbites(r, k, v)...)
		case "persons", "person":
			e.Persons = append(e.Persons, persons(r, k, v)...)
		case "alternate_enclosures":
			e.AlternateEnclosures = alternates(r, v)
		case "podcast_file":
			e.File, e.GUIDIsFile = r.Str(k, v), true
		case "podcast_bytes":
			e.FileLength = r.Int64(k, v)
		case "podcast_duration":
			if _, set := e.Pos["duration"]; !set {
				e.Duration = duration(r, v)
			}
		case "guid":
			e.GUID = r.Str(k, v)
		case "episode_image":
			e.Image = r.Str(k, v)
		}
	}
	if len(r.Errs) > 0 {
		return nil, r.Errs
	}
	return e, nil
}

// podcaster reads eleventy-plugin-podcaster's episode mapping.
func podcaster(r *podcast.Reader, m *frontmatter.Node, e *podcast.Episode) {
	keys := []string{"filename", "url", "seasonnumber", "episodenumber", "size", "duration", "explicit", "episodetype", "type", "guid"}
	r.Fields("episode", m, keys, func(k string, v *frontmatter.Node) {
		e.Pos["episode."+k] = r.PosOf(v)
		switch k {
		case "filename":
			if e.File == "" {
				e.File = r.Str(k, v)
			}
		case "url":
			e.File = r.Str(k, v)
		case "seasonnumber":
			e.Season = r.Int(k, v)
			e.Pos["season"] = r.PosOf(v)
		case "episodenumber":
			e.Number = r.Int(k, v)
			e.Pos["episode"] = r.PosOf(v)
		case "size":
			e.FileLength = r.Int64(k, v)
		case "duration":
			e.Duration = duration(r, v)
		case "explicit":
			b := r.Bool(k, v)
			e.Explicit = &b
		case "episodetype", "type":
			e.Type = strings.ToLower(r.Str(k, v))
		case "guid":
			e.GUID = r.Str(k, v)
		}
	})
}

// duration reads seconds (3600), or HH:MM:SS or MM:SS.
func duration(r *podcast.Reader, v *frontmatter.Node) time.Duration {
	s := strings.TrimSpace(v.Str)
	if v.Kind == frontmatter.KindNumber || v.Kind == frontmatter.KindString {
		if n, err := strconv.ParseFloat(s, 64); err == nil && n > 0 {
			return time.Duration(n * float64(time.Second))
		}
		parts := strings.Split(s, ":")
		if len(parts) == 2 || len(parts) == 3 {
			total, ok := 0, true
			for _, p := range parts {
				n, err := strconv.Atoi(p)
				if err != nil || n < 0 || (total > 0 && n > 59) {
					ok = false
				}
				total = total*60 + n
			}
			if ok && total > 0 {
				return time.Duration(total) * time.Second
			}
		}
	}
	r.Errf(v.Line, v.Col, fmt.Sprintf("duration %q is not a length of time", s), "write seconds (duration: 1830) or hours, minutes and seconds (duration: 00:30:30)")
	return 0
}

func transcripts(r *podcast.Reader, key string, v *frontmatter.Node) []podcast.Transcript {
	var out []podcast.Transcript
	for _, m := range r.Maps(key, v, "url") {
		var t podcast.Transcript
		r.Fields(key, m, []string{"url", "type", "language", "rel"}, func(k string, v *frontmatter.Node) {
			s := r.Str(k, v)
			switch k {
			case "url":
				t.URL = s
			case "type":
				t.Type = s
			case "language":
				t.Language = s
			case "rel":
				t.Rel = s
			}
		})
		if t.Type == "" {
			ext := strings.ToLower(path.Ext(strings.SplitN(t.URL, "?", 2)[0]))
			if t.Type = transcriptTypes[ext]; t.Type == "" {
				r.Errf(m.Line, m.Col, fmt.Sprintf("the transcript %q has no type, and its extension does not tell it", t.URL),
					"name a .vtt, .srt, .json, .html or .txt file, or give its type: {url: …, type: text/vtt}")
			}
		}
		if t.URL == "" {
			r.Errf(m.Line, m.Col, "a transcript has no url", "write transcripts: [episode1.vtt]")
		}
		out = append(out, t)
	}
	return out
}

// chapters reads a chapters file's URL, or a list of chapters, which
// are put in ascending order of start.
func chapters(r *podcast.Reader, v *frontmatter.Node) *podcast.Chapters {
	c := &podcast.Chapters{}
	switch v.Kind {
	case frontmatter.KindString:
		c.URL, c.Type = r.Str("chapters", v), "application/json+chapters"
		return c
	case frontmatter.KindMap:
		r.Fields("chapters", v, []string{"url", "type"}, func(k string, v *frontmatter.Node) {
			if k == "url" {
				c.URL = r.Str(k, v)
			} else {
				c.Type = r.Str(k, v)
			}
		})
		if c.Type == "" {
			c.Type = "application/json+chapters"
		}
		return c
	}
	for _, m := range r.Maps("chapters", v, "") {
		var ch podcast.Chapter
		start := false
		r.Fields("chapters", m, []string{"start", "title", "img", "url"}, func(k string, v *frontmatter.Node) {
			switch k {
			case "start":
				ch.Start, start = duration(r, v).Seconds(), true
				if v.Str == "0" || v.Str == "0:00" || v.Str == "00:00:00" {
					r.Errs = r.Errs[:len(r.Errs)-1] // zero is the first chapter's start
					ch.Start = 0
				}
			case "title":
				ch.Title = r.Str(k, v)
			case "img":
				ch.Img = r.Str(k, v)
			case "url":
				ch.URL = r.Str(k, v)
			}
		})
		if !start {
			r.Errf(m.Line, m.Col, "a chapter has no start", "write chapters: [{start: 0, title: Intro}, {start: 95, title: …}]")
		}
		c.List = append(c.List, ch)
	}
	sort.SliceStable(c.List, func(i, j int) bool { return c.List[i].Start < c.List[j].Start })
	return c
}

func soundbites(r *podcast.Reader, key string, v *frontmatter.Node) []podcast.Soundbite {
	var out []podcast.Soundbite
	for _, m := range r.Maps(key, v, "") {
		var s podcast.Soundbite
		r.Fields(key, m, []string{"start", "duration", "title"}, func(k string, v *frontmatter.Node) {
			switch k {
			case "start":
				s.Start = r.Float(k, v)
			case "duration":
				s.Duration = r.Float(k, v)
			case "title":
				s.Title = r.Str(k, v)
			}
		})
		if s.Duration <= 0 {
			r.Errf(m.Line, m.Col, "a soundbite has no duration", "write soundbite: {start: 73.0, duration: 60.0, title: …}")
		}
		out = append(out, s)
	}
	return out
}

func persons(r *podcast.Reader, key string, v *frontmatter.Node) []podcast.Person {
	var out []podcast.Person
	for _, m := range r.Maps(key, v, "name") {
		p := r.Person(key, m)
		if p.Name == "" {
			r.Errf(m.Line, m.Col, "a person has no name", "write persons: [{name: Ann, role: guest}]")
		}
		out = append(out, p)
	}
	return out
}

func alternates(r *podcast.Reader, v *frontmatter.Node) []podcast.AltEnclosure {
	var out []podcast.AltEnclosure
	for _, m := range r.Maps("alternate_enclosures", v, "") {
		var a podcast.AltEnclosure
		r.Fields("alternate_enclosures", m, []string{"url", "type", "length", "bitrate", "title", "default"}, func(k string, v *frontmatter.Node) {
			switch k {
			case "url":
				a.URL = r.Str(k, v)
			case "type":
				a.Type = r.Str(k, v)
			case "length":
				a.Length = r.Int64(k, v)
			case "bitrate":
				a.Bitrate = r.Float(k, v)
			case "title":
				a.Title = r.Str(k, v)
			case "default":
				a.Default = r.Bool(k, v)
			}
		})
		if a.URL == "" || a.Type == "" {
			r.Errf(m.Line, m.Col, "an alternate enclosure needs a url and a type", "write alternate_enclosures: [{url: episode1.opus, type: audio/opus, length: 12345}]")
		}
		out = append(out, a)
	}
	return out
}
