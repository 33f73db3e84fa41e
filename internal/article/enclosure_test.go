package article

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestEnclosureMeasured: an enclosure naming a file beside the article
// may leave out its type and length, which the file gives, with its
// duration; a remote one may not; a written value the file does not
// have is refused at the url.
func TestEnclosureMeasured(t *testing.T) {
	dir := t.TempDir()
	mp3, err := os.ReadFile(filepath.Join("..", "media", "testdata", "cbr.mp3"))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"ep.mp3": mp3, "media/ep.mp3": mp3, "notes.zip": []byte("PK\x03\x04zip"), "odd.xyz": []byte("?")} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "a.md")
	at := path + ":4:18: "
	for _, c := range []struct {
		enclosure string
		want      Enclosure
		err       string
	}{
		{"{url: ep.mp3}", Enclosure{URL: "ep.mp3", Type: "audio/mpeg", Length: 40333, Duration: 5041625 * time.Microsecond}, ""},
		{"{url: media/ep.mp3, type: audio/mpeg, length: 40333}", Enclosure{URL: "media/ep.mp3", Type: "audio/mpeg", Length: 40333, Duration: 5041625 * time.Microsecond}, ""},
		{"{url: notes.zip}", Enclosure{URL: "notes.zip", Type: "application/zip", Length: 7}, ""},
		{"{url: notes.zip, type: application/x-zip, length: 7}", Enclosure{URL: "notes.zip", Type: "application/x-zip", Length: 7}, ""},
		{"{url: gone.mp3, type: audio/mpeg, length: 10}", Enclosure{URL: "gone.mp3", Type: "audio/mpeg", Length: 10}, ""},
		{"{url: ep.mp3, length: 40000}", Enclosure{}, at + filepath.Join(dir, "ep.mp3") + " is 40333 bytes long but the enclosure says 40000 — remove the length: feedpub measures the file"},
		{"{url: notes.zip, length: 8}", Enclosure{}, at + filepath.Join(dir, "notes.zip") + " is 7 bytes long but the enclosure says 8 — remove the length: feedpub measures the file"},
		{"{url: odd.xyz}", Enclosure{}, at + filepath.Join(dir, "odd.xyz") + " is not an MP3, M4A, MP4, M4V, MOV or PDF file — Apple Podcasts accepts only those; export the episode as MP3 or M4A"},
		{"{url: gone.mp3}", Enclosure{}, at + "the enclosure " + filepath.Join(dir, "gone.mp3") + " is not a file beside the article, so its type and length cannot be measured — put the file there, or write its type and length: enclosure: {url: …, type: audio/mpeg, length: 12345678}"},
		{"{url: https://cdn.example.com/ep.mp3, type: audio/mpeg}", Enclosure{}, path + ":4:12: 'enclosure' has no 'length'; readers need the url, the type and the length — " + enclosureHint},
		{"{url: /ep.mp3, length: 10}", Enclosure{}, path + ":4:12: 'enclosure' has no 'type'; readers need the url, the type and the length — " + enclosureHint},
	} {
		src := "---\ntitle: A\ndate: 2024-01-01\nenclosure: " + c.enclosure + "\n---\nA.\n"
		a, errs := Parse(path, []byte(src), time.UTC)
		switch {
		case c.err != "":
			if errs.Error() != c.err {
				t.Errorf("%s:\ngot  %v\nwant %s", c.enclosure, errs, c.err)
			}
		case errs != nil:
			t.Errorf("%s: %v", c.enclosure, errs)
		case a.Enclosure == nil || *a.Enclosure != c.want:
			t.Errorf("%s: %+v, want %+v", c.enclosure, a.Enclosure, c.want)
		}
	}
}
