package article

import (
	"reflect"
	"testing"
	"time"

	"github.com/feedpub/feedpub/internal/podcast"
)

func TestParseEpisode(t *testing.T) {
	yes := true
	tests := []struct {
		front string
		want  podcast.Episode
	}{
		{"episode: 3\nseason: \"2\"\nseason_name: Two", podcast.Episode{Number: 3, Season: 2, SeasonName: "Two"}},
		{"itunes_title: Short\nepisode_type: Bonus\nexplicit: yes", podcast.Episode{Title: "Short", Type: "bonus", Explicit: &yes}},
		{"duration: 90.5", podcast.Episode{Duration: 90500 * time.Millisecond}},
		{"duration: \"1:02:03\"", podcast.Episode{Duration: 3723 * time.Second}},
		{"duration: \"02:03\"", podcast.Episode{Duration: 123 * time.Second}},
		{"transcripts: [a.vtt, {url: b.json, language: fr}, {url: c.txt?x=1, type: text/plain}]", podcast.Episode{Transcripts: []podcast.Transcript{
			{URL: "a.vtt", Type: "text/vtt"}, {URL: "b.json", Type: "application/json", Language: "fr"}, {URL: "c.txt?x=1", Type: "text/plain"}}}},
		{"chapters: [{start: \"00:02:00\", title: B}, {start: 0, title: A}, {start: 30, title: M, img: m.jpg}]", podcast.Episode{Chapters: &podcast.Chapters{List: []podcast.Chapter{
			{Start: 0, Title: "A"}, {Start: 30, Title: "M", Img: "m.jpg"}, {Start: 120, Title: "B"}}}}},
		{"chapters: https://example.com/c.json", podcast.Episode{Chapters: &podcast.Chapters{URL: "https://example.com/c.json", Type: "application/json+chapters"}}},
		{"soundbite: {start: 1.5, duration: 30}", podcast.Episode{Soundbites: []podcast.Soundbite{{Start: 1.5, Duration: 30}}}},
		{"persons: [Ann, {name: Bob, role: guest}]", podcast.Episode{Persons: []podcast.Person{{Name: "Ann"}, {Name: "Bob", Role: "guest"}}}},
		{"episode: {filename: a b.mp3, seasonNumber: 2, episodeNumber: 5, size: 99, duration: 61, episodeType: Bonus, guid: g}",
			podcast.Episode{File: "a b.mp3", Season: 2, Number: 5, FileLength: 99, Duration: 61 * time.Second, Type: "bonus", GUID: "g"}},
		{"podcast_file: a.mp3\npodcast_bytes: 12\npodcast_duration: \"00:01:00\"\nguid: x", podcast.Episode{File: "a.mp3", FileLength: 12, Duration: time.Minute, GUID: "x", GUIDIsFile: true}},
	}
	for _, tt := range tests {
		got, errs := ParseEpisode("a.md", []byte("---\ntitle: T\n"+tt.front+"\n---\n"))
		if errs != nil {
			t.Errorf("%q: %v", tt.front, errs)
			continue
		}
		got.Pos = nil
		if !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("%q:\n got %+v\nwant %+v", tt.front, *got, tt.want)
		}
	}
}
