package pipeline

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
	ext "github.com/mmcdole/gofeed/extensions"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/feedcheck"
	"github.com/feedpub/feedpub/internal/output"
	"github.com/feedpub/feedpub/internal/podcast"
	"github.com/feedpub/feedpub/internal/testfiles"
)

// showSettings is a site with one show that sets every setting.
const showSettings = `title: Coffee site
base_url: %BASE%
author: Ann Smith <ann@example.com>
podcasts:
  - title: Coffee Talk
    slug: coffee
    folder: show
    description: A show about coffee & the people who make it.
    artwork: https://example.com/cover.jpg
    language: en-GB
    category: Arts
    subcategory: Food
    explicit: false
    author: Ann & Bob
    owner: {name: Ann Smith, email: ann@example.com}
    type: serial
    copyright: © 2024 Ann Smith
    complete: true
    block: true
    new_feed_url: https://feeds.example.com/coffee.xml
    locked: true
    medium: podcast
    funding: [{url: https://example.com/donate, text: Support the show}]
    person: [{name: Ann Smith, role: host, img: https://example.com/ann.jpg}]
    location: {name: Lisbon, geo: "geo:38.72,-9.14"}
    license: CC-BY-4.0
    update_frequency: {text: Weekly, rrule: FREQ=WEEKLY}
    podroll: [{feed_guid: 917393e3-1b1e-5cef-ace4-edaa54e1f810}]
    txt: [{purpose: applepodcastsverify, value: abc123}]
    trailer: [{url: https://cdn.example.com/trailer.mp3, title: Coming soon, date: 2023-12-01, type: audio/mpeg, length: 4321}]
`

// showArticles are the show's episodes, an article of the show without
// an enclosure, and an episode of no show's folder.
var showArticles = map[string]string{
	"articles/show/ep1.md": "---\ntitle: \"Episode 1: Beans\"\ndate: 2024-01-01T10:00:00Z\nepisode: 1\nseason: 1\nseason_name: Origins\n" +
		"duration: \"00:30:05\"\nimage: https://example.com/ep1.jpg\n" +
		"enclosure: {url: https://cdn.example.com/ep1.mp3, type: audio/mpeg, length: 12345678}\n" +
		"transcripts: [https://example.com/ep1.vtt, {url: https://example.com/ep1.srt, language: en}]\n" +
		"chapters: [{start: 95, title: Roasting}, {start: 0, title: Intro}]\n" +
		"soundbite: {start: 73.5, duration: 60, title: The best bean}\n" +
		"alternate_enclosures: [{url: https://cdn.example.com/ep1.opus, type: audio/opus, length: 999, bitrate: 64000}]\n" +
		"---\nWe talk about beans.\n",
	"articles/show/ep2.md": "---\ntitle: \"Episode 2: Milk\"\ndate: 2024-02-01T10:00:00Z\nepisode: 2\nseason: 1\n" +
		"itunes_title: Milk\nepisode_type: bonus\nexplicit: true\nduration: 1800\n" +
		"enclosure: {url: https://cdn.example.com/ep2.m4a, type: audio/x-m4a, length: 2345678}\n" +
		"persons: [{name: Bob, role: guest}]\nchapters: https://example.com/ep2-chapters.json\n---\nMilk.\n",
	"articles/show/notes.md":  "---\ntitle: Show notes\ndate: 2024-01-15\n---\nNo audio here.\n",
	"articles/other/ep9.md":   "---\ntitle: Elsewhere\ndate: 2024-01-20\nenclosure: {url: https://cdn.example.com/x.mp3, type: audio/mpeg, length: 5}\n---\nx\n",
	"articles/show/draft.md":  "---\ntitle: Draft\ndate: 2024-01-21\ndraft: true\nepisode: 3\nenclosure: {url: https://cdn.example.com/d.mp3, type: audio/mpeg, length: 5}\n---\nx\n",
	"articles/show/future.md": "---\ntitle: Later\ndate: 2030-01-21\nepisode: 4\nenclosure: {url: https://cdn.example.com/f.mp3, type: audio/mpeg, length: 5}\n---\nx\n",
}

// showSite writes the show's site below dir with base as its base_url
// and returns its settings resolved.
func showSite(t *testing.T, dir, base string) *config.Site {
	t.Helper()
	files := map[string]string{"feedpub.yaml": strings.ReplaceAll(showSettings, "%BASE%", base)}
	for k, v := range showArticles {
		files[k] = v
	}
	testfiles.Write(t, dir, files)
	s := config.Defaults()
	if err := s.Load(filepath.Join(dir, "feedpub.yaml")); err != nil {
		t.Fatal(err)
	}
	s.Articles, s.Output = filepath.Join(dir, "articles"), filepath.Join(dir, "public")
	site, err := s.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	return site
}

func TestShowReadByGofeed(t *testing.T) {
	dir := t.TempDir()
	site := showSite(t, dir, "https://example.com/")
	got := files(t, Options{Site: site})
	rss := got["podcasts/coffee/feed.xml"]
	f, err := gofeed.NewParser().ParseString(string(rss))
	if err != nil {
		t.Fatalf("gofeed: %v\n%s", err, rss)
	}
	it := f.ITunesExt
	if it == nil {
		t.Fatalf("no iTunes extension:\n%s", rss)
	}
	check := func(what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %q, want %q", what, got, want)
		}
	}
	check("title", f.Title, "Coffee Talk")
	check("description", f.Description, "A show about coffee & the people who make it.")
	check("language", f.Language, "en-GB")
	check("copyright", f.Copyright, "© 2024 Ann Smith")
	check("itunes:author", it.Author, "Ann & Bob")
	check("itunes:image", it.Image, "https://example.com/cover.jpg")
	check("itunes:explicit", it.Explicit, "false")
	check("itunes:type", it.Type, "serial")
	check("itunes:complete", it.Complete, "Yes")
	check("itunes:block", it.Block, "Yes")
	check("itunes:new-feed-url", it.NewFeedURL, "https://feeds.example.com/coffee.xml")
	if len(it.Categories) != 1 || it.Categories[0].Text != "Arts" || it.Categories[0].Subcategory == nil || it.Categories[0].Subcategory.Text != "Food" {
		t.Errorf("itunes:category = %+v, want Arts > Food", it.Categories)
	}
	if it.Owner == nil || it.Owner.Name != "Ann Smith" || it.Owner.Email != "ann@example.com" {
		t.Errorf("itunes:owner = %+v", it.Owner)
	}
	pod := func(x map[string][]ext.Extension, name, attr string) string {
		t.Helper()
		es := x[name]
		if len(es) == 0 {
			return ""
		}
		if attr == "" {
			return es[0].Value
		}
		return es[0].Attrs[attr]
	}
	p := f.Extensions["podcast"]
	check("podcast:guid", pod(p, "guid", ""), podcast.GUID("example.com/podcasts/coffee/feed.xml"))
	check("podcast:locked", pod(p, "locked", ""), "yes")
	check("podcast:locked owner", pod(p, "locked", "owner"), "ann@example.com")
	check("podcast:medium", pod(p, "medium", ""), "podcast")
	check("podcast:funding", pod(p, "funding", "url"), "https://example.com/donate")
	check("podcast:person", pod(p, "person", ""), "Ann Smith")
	check("podcast:person role", pod(p, "person", "role"), "host")
	check("podcast:location geo", pod(p, "location", "geo"), "geo:38.72,-9.14")
	check("podcast:license", pod(p, "license", ""), "CC-BY-4.0")
	check("podcast:updateFrequency rrule", pod(p, "updateFrequency", "rrule"), "FREQ=WEEKLY")
	check("podcast:txt", pod(p, "txt", ""), "abc123")
	check("podcast:trailer", pod(p, "trailer", "url"), "https://cdn.example.com/trailer.mp3")
	if len(p["podroll"]) != 1 || len(p["podroll"][0].Children["remoteItem"]) != 1 {
		t.Errorf("podcast:podroll = %+v", p["podroll"])
	}

	if len(f.Items) != 2 {
		t.Fatalf("%d episodes, want 2 (not the note, the other folder's, the draft or the future one):\n%s", len(f.Items), rss)
	}
	e2, e1 := f.Items[0], f.Items[1]
	check("episode 2 guid", e2.GUID, "https://example.com/ep2/")
	check("itunes:episode", e2.ITunesExt.Episode, "2")
	check("itunes:season", e2.ITunesExt.Season, "1")
	check("itunes:episodeType", e2.ITunesExt.EpisodeType, "bonus")
	check("itunes:explicit", e2.ITunesExt.Explicit, "true")
	check("itunes:duration", e2.ITunesExt.Duration, "1800")
	check("itunes:title", pod(e2.Extensions["itunes"], "title", ""), "Milk")
	check("podcast:person", pod(e2.Extensions["podcast"], "person", ""), "Bob")
	check("podcast:chapters", pod(e2.Extensions["podcast"], "chapters", "url"), "https://example.com/ep2-chapters.json")
	check("itunes:duration", e1.ITunesExt.Duration, "1805")
	check("itunes:image", e1.ITunesExt.Image, "https://example.com/ep1.jpg")
	check("itunes:title", pod(e1.Extensions["itunes"], "title", ""), "Episode 1: Beans")
	ep1 := e1.Extensions["podcast"]
	check("podcast:season name", pod(ep1, "season", "name"), "Origins")
	check("podcast:episode", pod(ep1, "episode", ""), "1")
	if ts := ep1["transcript"]; len(ts) != 2 || ts[0].Attrs["type"] != "text/vtt" || ts[1].Attrs["type"] != "application/x-subrip" || ts[1].Attrs["language"] != "en" {
		t.Errorf("podcast:transcript = %+v", ts)
	}
	check("podcast:chapters", pod(ep1, "chapters", "url"), "https://example.com/podcasts/coffee/chapters/ep1.json")
	check("podcast:soundbite", pod(ep1, "soundbite", "startTime"), "73.5")
	if alt := ep1["alternateEnclosure"]; len(alt) != 1 || alt[0].Attrs["type"] != "audio/opus" || alt[0].Children["source"][0].Attrs["uri"] != "https://cdn.example.com/ep1.opus" {
		t.Errorf("podcast:alternateEnclosure = %+v", alt)
	}
	for _, item := range f.Items {
		if len(item.Enclosures) != 1 {
			t.Errorf("%s: %d enclosures, want 1", item.Title, len(item.Enclosures))
		}
		if _, media := item.Extensions["media"]; media {
			t.Errorf("%s: a media: element in a show feed", item.Title)
		}
	}
	check("enclosure", e1.Enclosures[0].URL+" "+e1.Enclosures[0].Type+" "+e1.Enclosures[0].Length, "https://cdn.example.com/ep1.mp3 audio/mpeg 12345678")

	var chapters struct {
		Version  string `json:"version"`
		Chapters []struct {
			StartTime float64 `json:"startTime"`
			Title     string  `json:"title"`
		} `json:"chapters"`
	}
	if err := json.Unmarshal(got["podcasts/coffee/chapters/ep1.json"], &chapters); err != nil {
		t.Fatal(err)
	}
	if chapters.Version != "1.2.0" || len(chapters.Chapters) != 2 || chapters.Chapters[0].Title != "Intro" || chapters.Chapters[1].StartTime != 95 {
		t.Errorf("chapters = %+v, want Intro at 0 then Roasting at 95", chapters)
	}

	for _, err := range feedcheck.JSONFeed(got["podcasts/coffee/feed.json"]) {
		t.Errorf("JSON Feed: %v", err)
	}
	if err := feedcheck.WellFormed(rss); err != nil {
		t.Errorf("RSS: %v", err)
	}
	jf, err := gofeed.NewParser().ParseString(string(got["podcasts/coffee/feed.json"]))
	if err != nil {
		t.Fatal(err)
	}
	if len(jf.Items) != 2 || len(jf.Items[1].Enclosures) != 1 || jf.Items[1].Enclosures[0].URL != "https://cdn.example.com/ep1.mp3" {
		t.Errorf("JSON Feed items = %+v, want both episodes with their attachment", jf.Items)
	}
	if again := files(t, Options{Site: site}); !bytes.Equal(again["podcasts/coffee/feed.xml"], rss) {
		t.Errorf("a second build wrote another show feed")
	}
}

func TestShowReadByPodcastparser(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil || exec.Command(py, "-c", "import podcastparser").Run() != nil {
		py = "/usr/bin/python3"
		if exec.Command(py, "-c", "import podcastparser").Run() != nil {
			t.Skip("python3-podcastparser is not installed (apt-get install python3-podcastparser)")
		}
	}
	dir := t.TempDir()
	site := showSite(t, dir, "https://example.com/")
	got := files(t, Options{Site: site})
	feed := filepath.Join(dir, "feed.xml")
	if err := os.WriteFile(feed, got["podcasts/coffee/feed.xml"], 0o644); err != nil {
		t.Fatal(err)
	}
	script := `import json, sys, podcastparser
with open(sys.argv[1], "rb") as f:
    p = podcastparser.parse("https://example.com/podcasts/coffee/feed.xml", f)
print(json.dumps([[e["guid"], [x["url"] for x in e["enclosures"]], e.get("total_time", 0)] for e in p["episodes"]]))`
	out, err := exec.Command(py, "-c", script, feed).Output()
	if err != nil {
		t.Fatalf("podcastparser: %v", err)
	}
	var episodes [][]any
	if err := json.Unmarshal(out, &episodes); err != nil {
		t.Fatal(err)
	}
	// A serial show, which podcastparser lists oldest first.
	want := [][]any{
		{"https://example.com/ep1/", []any{"https://cdn.example.com/ep1.mp3"}, 1805.0},
		{"https://example.com/ep2/", []any{"https://cdn.example.com/ep2.m4a"}, 1800.0},
	}
	if !slices.EqualFunc(episodes, want, func(a, b []any) bool { x, _ := json.Marshal(a); y, _ := json.Marshal(b); return string(x) == string(y) }) {
		t.Errorf("podcastparser read %s, want %v", out, want)
	}
}

// TestShowGUIDKept checks that a show's derived podcast:guid is the one
// its published feed has, after base_url changes, and that the build says
// to pin it.
func TestShowGUIDKept(t *testing.T) {
	dir := t.TempDir()
	site := showSite(t, dir, "https://old.example.com/")
	res, err := Run(Options{Site: site, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := output.WriteAll(site.Output, res.Files); err != nil {
		t.Fatal(err)
	}
	const oldGUID = "podcast:guid>" // the one derived from old.example.com
	first := string(made(t, res)["podcasts/coffee/feed.xml"])
	if !strings.Contains(first, "<podcast:guid>") {
		t.Fatalf("no podcast:guid:\n%s", first)
	}
	if w := strings.Join(res.Warnings(), "\n"); !strings.Contains(w, "pin it: add guid: ") {
		t.Errorf("the build does not say to pin the guid: %q", w)
	}
	site = showSite(t, dir, "https://new.example.com/")
	res, err = Run(Options{Site: site, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	second := string(made(t, res)["podcasts/coffee/feed.xml"])
	guid := func(s string) string {
		_, rest, _ := strings.Cut(s, "<"+oldGUID)
		g, _, _ := strings.Cut(rest, "<")
		return g
	}
	if guid(second) != guid(first) {
		t.Errorf("the guid changed with base_url: %s, then %s", guid(first), guid(second))
	}
	if w := strings.Join(res.Warnings(), "\n"); !strings.Contains(w, "keeps the podcast:guid "+guid(first)) {
		t.Errorf("the build does not say it kept the guid: %q", w)
	}
}

// partytimeDir holds the script that reads a feed with podcast-partytime,
// and the lockfile of its packages ('npm ci' there installs them).
var partytimeDir = filepath.Join("..", "..", "scripts", "partytime")

func TestShowReadByPartytime(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	if _, err := os.Stat(filepath.Join(partytimeDir, "node_modules", "podcast-partytime")); err != nil {
		t.Skip("podcast-partytime is not installed: run 'npm ci' in scripts/partytime")
	}
	dir := t.TempDir()
	site := showSite(t, dir, "https://example.com/")
	got := files(t, Options{Site: site})
	feed := filepath.Join(dir, "feed.xml")
	if err := os.WriteFile(feed, got["podcasts/coffee/feed.xml"], 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, filepath.Join(partytimeDir, "check.js"), feed).Output()
	if err != nil {
		t.Fatalf("podcast-partytime: %v", err)
	}
	var read struct {
		GUID     string              `json:"guid"`
		Phases   map[string][]string `json:"phases"`
		Episodes []struct {
			GUID        string  `json:"guid"`
			Enclosure   string  `json:"enclosure"`
			Duration    float64 `json:"duration"`
			Transcripts int     `json:"transcripts"`
			Chapters    string  `json:"chapters"`
			Persons     int     `json:"persons"`
		} `json:"episodes"`
	}
	if err := json.Unmarshal(out, &read); err != nil {
		t.Fatal(err)
	}
	wantPhases := map[string][]string{
		"1": {"chapters", "funding", "locked", "soundbite", "transcript"},
		"2": {"episode", "location", "person", "season"},
		"3": {"alternateEnclosure", "guid", "license", "trailer"},
		"4": {"medium"},
		"6": {"podroll", "txt"},
	}
	for phase, tags := range wantPhases {
		if !slices.Equal(read.Phases[phase], tags) {
			t.Errorf("phase %s: podcast-partytime saw %q, want %q", phase, read.Phases[phase], tags)
		}
	}
	if read.GUID != podcast.GUID("example.com/podcasts/coffee/feed.xml") {
		t.Errorf("guid %q", read.GUID)
	}
	if len(read.Episodes) != 2 {
		t.Fatalf("podcast-partytime read %d episodes, want 2: %s", len(read.Episodes), out)
	}
	e2, e1 := read.Episodes[0], read.Episodes[1]
	if e2.GUID != "https://example.com/ep2/" || e2.Enclosure != "https://cdn.example.com/ep2.m4a" || e2.Duration != 1800 || e2.Persons != 1 {
		t.Errorf("episode 2 read as %+v", e2)
	}
	if e1.GUID != "https://example.com/ep1/" || e1.Transcripts != 2 || e1.Chapters != "https://example.com/podcasts/coffee/chapters/ep1.json" || e1.Duration != 1805 {
		t.Errorf("episode 1 read as %+v", e1)
	}
}
