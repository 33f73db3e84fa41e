package pipeline

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/testfiles"
)

// mediaFixtures are episode files of the media package's tests, with the
// sizes and durations ffprobe measured of them there.
var mediaFixtures = []struct {
	file    string
	typ     string
	length  int64
	ffprobe float64 // seconds
}{
	{"cbr.mp3", "audio/mpeg", 40333, 5.041625},
	{"vbr.mp3", "audio/mpeg", 28726, 7.026939},
	{"id3v2.mp3", "audio/mpeg", 24778, 4.048980},
	{"faststart.m4a", "audio/x-m4a", 26249, 6.000000},
	{"moov-end.m4a", "audio/x-m4a", 26249, 6.000000},
}

// mediaShowSettings is a site with one show of the articles below show/;
// %ARTWORK% is its artwork setting.
const mediaShowSettings = "title: S\nbase_url: https://example.com/\npodcasts:\n  - title: Show\n    folder: show\n" +
	"    artwork: %ARTWORK%\n    category: Arts\n    explicit: false\n"

// mediaSite writes files into dir and reads its settings.
func mediaSite(t *testing.T, dir string, files map[string]string) *config.Site {
	t.Helper()
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

// fixture is the content of a media test file.
func fixture(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "media", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestShowMeasured builds a show whose episodes are MP3 and M4A files
// beside their articles, with no type, length or duration written: gofeed
// reads each file's size as its enclosure's length, Apple's type for it,
// and an itunes:duration within a second of ffprobe's.
func TestShowMeasured(t *testing.T) {
	dir := t.TempDir()
	tree := map[string]string{"feedpub.yaml": strings.Replace(mediaShowSettings, "%ARTWORK%", "https://example.com/c.jpg", 1)}
	for i, f := range mediaFixtures {
		slug := strings.TrimSuffix(f.file, filepath.Ext(f.file))
		tree["articles/show/"+slug+"/index.md"] = "---\ntitle: " + slug + "\ndate: 2024-01-0" + strconv.Itoa(i+1) +
			"\nenclosure: {url: " + f.file + "}\n---\nA.\n"
		tree["articles/show/"+slug+"/"+f.file] = fixture(t, f.file)
	}
	got := files(t, Options{Site: mediaSite(t, dir, tree)})
	feed, err := gofeed.NewParser().ParseString(string(got["podcasts/show/feed.xml"]))
	if err != nil {
		t.Fatal(err)
	}
	if len(feed.Items) != len(mediaFixtures) {
		t.Fatalf("%d episodes, want %d", len(feed.Items), len(mediaFixtures))
	}
	for _, it := range feed.Items {
		var f = mediaFixtures[0]
		for _, c := range mediaFixtures {
			if it.Title == strings.TrimSuffix(c.file, filepath.Ext(c.file)) {
				f = c
			}
		}
		slug := strings.TrimSuffix(f.file, filepath.Ext(f.file))
		if it.Title != slug {
			t.Errorf("unexpected episode %q", it.Title)
			continue
		}
		if len(it.Enclosures) != 1 {
			t.Errorf("%s: %d enclosures", f.file, len(it.Enclosures))
			continue
		}
		e := it.Enclosures[0]
		if e.URL != "https://example.com/"+slug+"/"+f.file || e.Length != strconv.FormatInt(f.length, 10) || e.Type != f.typ {
			t.Errorf("%s: enclosure %+v, want length %d, type %s", f.file, e, f.length, f.typ)
		}
		if it.ITunesExt == nil {
			t.Errorf("%s: no itunes:duration", f.file)
			continue
		}
		secs, err := strconv.ParseFloat(it.ITunesExt.Duration, 64)
		if err != nil || math.Abs(secs-f.ffprobe) > 1 {
			t.Errorf("%s: itunes:duration %q, ffprobe %.3f s", f.file, it.ITunesExt.Duration, f.ffprobe)
		}
	}
	measuredByPodcastparser(t, dir, got["podcasts/show/feed.xml"])
}

// measuredByPodcastparser checks that gPodder's parser, when installed,
// reads every episode of the show feed rss with one enclosure, of the
// fixture's length, and its duration within a second of ffprobe's.
func measuredByPodcastparser(t *testing.T, dir string, rss []byte) {
	t.Helper()
	py := "/usr/bin/python3"
	if p, err := exec.LookPath("python3"); err == nil && exec.Command(p, "-c", "import podcastparser").Run() == nil {
		py = p
	} else if exec.Command(py, "-c", "import podcastparser").Run() != nil {
		t.Log("python3-podcastparser is not installed: not read by it")
		return
	}
	feed := filepath.Join(dir, "show.xml")
	if err := os.WriteFile(feed, rss, 0o644); err != nil {
		t.Fatal(err)
	}
	script := `import json, sys, podcastparser
with open(sys.argv[1], "rb") as f:
    p = podcastparser.parse("https://example.com/podcasts/show/feed.xml", f)
print(json.dumps([[e["title"], [x["file_size"] for x in e["enclosures"]], e.get("total_time", 0)] for e in p["episodes"]]))`
	out, err := exec.Command(py, "-c", script, feed).Output()
	if err != nil {
		t.Fatalf("podcastparser: %v", err)
	}
	var episodes [][]any
	if err := json.Unmarshal(out, &episodes); err != nil {
		t.Fatal(err)
	}
	if len(episodes) != len(mediaFixtures) {
		t.Errorf("podcastparser read %d episodes, want %d: %s", len(episodes), len(mediaFixtures), out)
	}
	for _, e := range episodes {
		for _, f := range mediaFixtures {
			if e[0] != strings.TrimSuffix(f.file, filepath.Ext(f.file)) {
				continue
			}
			sizes, _ := e[1].([]any)
			secs, _ := e[2].(float64)
			if len(sizes) != 1 || sizes[0] != float64(f.length) || math.Abs(secs-f.ffprobe) > 1 {
				t.Errorf("podcastparser read %s as %v, want one enclosure of %d bytes, %.3f s", f.file, e, f.length, f.ffprobe)
			}
		}
	}
}

// TestArticleEnclosureMeasured: an article that is no show's episode,
// with a local file as its enclosure, gets the file's length and type in
// the main feeds too, which RSS requires.
func TestArticleEnclosureMeasured(t *testing.T) {
	dir := t.TempDir()
	site := mediaSite(t, dir, map[string]string{
		"feedpub.yaml":             "title: S\nbase_url: https://example.com/\n",
		"articles/talk/index.md":   "---\ntitle: Talk\ndate: 2024-01-01\nenclosure: {url: talk.m4a}\n---\nA.\n",
		"articles/talk/talk.m4a":   fixture(t, "faststart.m4a"),
		"articles/notes/index.md":  "---\ntitle: Notes\ndate: 2024-01-02\nenclosure: {url: notes.zip}\n---\nB.\n",
		"articles/notes/notes.zip": "PK\x03\x04 a zip",
	})
	got := files(t, Options{Site: site})
	var rss []byte
	for name, data := range got {
		if strings.HasSuffix(name, ".xml") && bytes.Contains(data, []byte("<rss")) {
			rss = data
		}
	}
	for _, want := range []string{
		`<enclosure url="https://example.com/talk/talk.m4a" length="26249" type="audio/x-m4a"></enclosure>`,
		`<enclosure url="https://example.com/notes/notes.zip" length="10" type="application/zip"></enclosure>`,
	} {
		if !bytes.Contains(rss, []byte(want)) {
			t.Errorf("no %s in\n%s", want, rss)
		}
	}
}

// TestShowMeasuredRefused: a length or type written for a local file
// that the file does not have is refused where the front matter names
// the file, and so is a file that is not what its name says.
func TestShowMeasuredRefused(t *testing.T) {
	for _, c := range []struct{ name, enclosure, file, want string }{
		{"length", "{url: ep.mp3, length: 999}", "cbr.mp3",
			"ep.mp3 is 40333 bytes long but the enclosure says 999 — remove the length: feedpub measures the file"},
		{"type", "{url: ep.mp3, type: audio/mp3}", "cbr.mp3",
			"ep.mp3 is MP3 (audio/mpeg) but the enclosure says audio/mp3 — remove the type: feedpub reads it from the file"},
		{"extension", "{url: ep.mp3}", "faststart.m4a",
			"ep.mp3 is an MPEG-4 audio file but its name ends in .mp3 — rename it to ep.m4a"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			site := mediaSite(t, dir, map[string]string{
				"feedpub.yaml":              strings.Replace(mediaShowSettings, "%ARTWORK%", "https://example.com/c.jpg", 1),
				"articles/show/ep/index.md": "---\ntitle: Ep\ndate: 2024-01-01\nenclosure: " + c.enclosure + "\n---\nA.\n",
				"articles/show/ep/ep.mp3":   fixture(t, c.file),
			})
			_, err := Run(Options{Site: site, Now: now})
			prefix := filepath.Join(dir, "articles", "show", "ep")
			want := filepath.Join(prefix, "index.md") + ":4:18: " + filepath.Join(prefix, c.want)
			if err == nil || err.Error() != want {
				t.Errorf("got  %v\nwant %s", err, want)
			}
		})
	}
}

// pngOf is an opaque RGB PNG of side×side pixels.
func pngOf(t *testing.T, side int) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, side, side))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.RGBA{0x6f, 0x4e, 0x37, 0xff}), image.Point{}, draw.Src)
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestShowArtworkChecked: a show's local artwork of 1400×1400 px is
// copied beside its feed and named by itunes:image; one of 1000×1000 px
// is refused at the artwork setting.
func TestShowArtworkChecked(t *testing.T) {
	episode := "---\ntitle: One\ndate: 2024-01-01\nenclosure: {url: https://cdn.example.com/1.mp3, type: audio/mpeg, length: 10}\n---\nA.\n"
	dir := t.TempDir()
	good := pngOf(t, 1400)
	site := mediaSite(t, dir, map[string]string{
		"feedpub.yaml":           strings.Replace(mediaShowSettings, "%ARTWORK%", "art/cover.png", 1),
		"articles/art/cover.png": good,
		"articles/show/one.md":   episode,
	})
	got := files(t, Options{Site: site})
	if string(got["podcasts/show/cover.png"]) != good {
		t.Errorf("the artwork was not copied beside the feed")
	}
	if !strings.Contains(string(got["podcasts/show/feed.xml"]), `<itunes:image href="https://example.com/podcasts/show/cover.png"/>`) {
		t.Errorf("itunes:image does not name the copy:\n%s", got["podcasts/show/feed.xml"])
	}

	testfiles.Write(t, dir, map[string]string{"articles/art/cover.png": pngOf(t, 1000)})
	_, err := Run(Options{Site: site, Now: now})
	want := filepath.Join(dir, "feedpub.yaml") + ":6:14: " + filepath.Join(dir, "articles", "art", "cover.png") +
		" is 1000×1000 px — Apple Podcasts needs square artwork of 1400 to 3000 px"
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}
