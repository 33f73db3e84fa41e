package cli

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// mediaCases are the files each case of testdata/podcast-media gets
// beside what the folder holds, made by the test: an episode's file is a
// copy of one of the media package's fixtures ("mp3:cbr.mp3"), artwork a
// PNG of the size given ("png:1400x1400").
var mediaCases = map[string]map[string]string{
	"enclosure-length-disagrees": {"articles/show/ep1/ep1.mp3": "mp3:cbr.mp3"},
	"enclosure-type-disagrees":   {"articles/show/ep1/ep1.mp3": "mp3:cbr.mp3"},
	"enclosure-not-beside":       {},
	"enclosure-named-wrong":      {"articles/show/ep1/ep1.m4a": "mp3:cbr.mp3"},
	"artwork-too-small":          {"articles/show/ep1/ep1.mp3": "mp3:cbr.mp3", "articles/art/cover.png": "png:1000x1000"},
	"artwork-not-square":         {"articles/show/ep1/ep1.mp3": "mp3:cbr.mp3", "articles/art/cover.png": "png:1400x1000"},
	"measured":                   {"articles/show/ep1/ep1.mp3": "mp3:cbr.mp3", "articles/art/cover.png": "png:1400x1400"},
}

// TestPodcastMedia builds each case in testdata/podcast-media, a show
// whose episode's file or artwork is in the articles folder, and checks
// the exit status and every line feedpub writes to stderr: a typed
// length or type the file does not have, a file not there or not what
// its name says, artwork Apple refuses, and a show that passes. Run with
// -update to rewrite the want files, then review them.
func TestPodcastMedia(t *testing.T) {
	for name, made := range mediaCases {
		t.Run(name, func(t *testing.T) {
			src := filepath.Join("testdata", "podcast-media", name)
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
				t.Fatal(err)
			}
			os.Remove(filepath.Join(dir, "want"))
			for path, what := range made {
				writeMedia(t, filepath.Join(dir, filepath.FromSlash(path)), what)
			}
			code, _, stderr := run(t, dir)
			got := "exit " + strconv.Itoa(code) + "\n" + stderr
			wantPath := filepath.Join(src, "want")
			if *update {
				if err := os.WriteFile(wantPath, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(wantPath)
			if err != nil {
				t.Fatalf("%v (run 'go test ./internal/cli -run TestPodcastMedia -update')", err)
			}
			if got != string(want) {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
			if name != "measured" {
				return
			}
			rss, err := os.ReadFile(filepath.Join(dir, "public", "podcasts", "coffee-talk", "feed.xml"))
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{
				`<enclosure url="https://example.com/ep1/ep1.mp3" length="40333" type="audio/mpeg"/>`,
				`<itunes:duration>5</itunes:duration>`,
				`<itunes:image href="https://example.com/podcasts/coffee-talk/cover.png"/>`,
			} {
				if !bytes.Contains(rss, []byte(want)) {
					t.Errorf("the show feed has no %s:\n%s", want, rss)
				}
			}
		})
	}
}

// writeMedia writes the file what describes (see mediaCases) at path.
func writeMedia(t *testing.T, path, what string) {
	t.Helper()
	kind, arg, _ := strings.Cut(what, ":")
	var data []byte
	switch kind {
	case "mp3":
		var err error
		if data, err = os.ReadFile(filepath.Join("..", "media", "testdata", arg)); err != nil {
			t.Fatal(err)
		}
	case "png":
		ws, hs, _ := strings.Cut(arg, "x")
		w, _ := strconv.Atoi(ws)
		h, _ := strconv.Atoi(hs)
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		draw.Draw(img, img.Bounds(), image.NewUniform(color.RGBA{0x6f, 0x4e, 0x37, 0xff}), image.Point{}, draw.Src)
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		data = b.Bytes()
	default:
		t.Fatalf("unknown file %q", what)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPodcastMediaRebuilt: a rebuild after an episode's file changed, and
// nothing else, describes the new file in the show feed and the main
// feed, though it reads no article again.
func TestPodcastMediaRebuilt(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "podcast-media", "measured"))); err != nil {
		t.Fatal(err)
	}
	mp3 := filepath.Join(dir, "articles", "show", "ep1", "ep1.mp3")
	writeMedia(t, filepath.Join(dir, "articles", "art", "cover.png"), "png:1400x1400")
	for i, c := range []struct{ file, length, duration string }{{"cbr.mp3", "40333", "5"}, {"vbr.mp3", "28726", "7"}} {
		writeMedia(t, mp3, "mp3:"+c.file)
		if i > 0 { // another time, as an edit gives it
			later := time.Now().Add(time.Duration(i) * time.Minute)
			if err := os.Chtimes(mp3, later, later); err != nil {
				t.Fatal(err)
			}
		}
		if code, _, stderr := run(t, dir); code != 0 {
			t.Fatalf("build %d: exit %d\n%s", i+1, code, stderr)
		}
		enclosure := `<enclosure url="https://example.com/ep1/ep1.mp3" length="` + c.length + `" type="audio/mpeg"`
		for _, feed := range []string{"rss.xml", "podcasts/coffee-talk/feed.xml"} {
			data, err := os.ReadFile(filepath.Join(dir, "public", filepath.FromSlash(feed)))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(data, []byte(enclosure)) {
				t.Errorf("build %d: %s has no %s…:\n%s", i+1, feed, enclosure, data)
			}
			if feed != "rss.xml" && !bytes.Contains(data, []byte("<itunes:duration>"+c.duration+"</itunes:duration>")) {
				t.Errorf("build %d: %s does not last %s s:\n%s", i+1, feed, c.duration, data)
			}
		}
	}
}
