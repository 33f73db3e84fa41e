package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"

	"github.com/feedpub/feedpub/internal/testfiles"
)

// TestShowFromCastanet builds a show from a Hugo site made for the
// castanet theme: its episodes keep the enclosures and the guids
// castanet wrote, so that apps do not show them again after the move.
func TestShowFromCastanet(t *testing.T) {
	dir := t.TempDir()
	testfiles.Write(t, dir, map[string]string{
		"hugo.toml": "baseURL = 'https://example.org/'\ntitle = 'Cast'\n[params]\nmedia_prefix = 'https://media.example.org/'\n",
		"feedpub.yaml": "podcasts:\n  - title: Cast\n    section: episode\n    artwork: https://example.org/cover.jpg\n" +
			"    category: Technology\n    explicit: false\n",
		"content/episode/1.md": "---\ntitle: One\ndate: 2024-01-01\nepisode: 1\npodcast_file: one.mp3\npodcast_bytes: 1234\n" +
			"podcast_duration: \"01:02:03\"\nepisode_image: /img/one.jpg\n---\nOne.\n",
		"content/episode/2.md": "---\ntitle: Two\ndate: 2024-02-01\nepisode: 2\npodcast_file: two.mp3\npodcast_bytes: 5678\n" +
			"guid: https://old.example.org/episode/2/\n---\nTwo.\n",
		"content/posts/note.md": "---\ntitle: Note\ndate: 2024-01-05\n---\nNot an episode.\n",
	})
	code, _, stderr := run(t, dir, "build")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, "public", "podcasts", "cast", "feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := gofeed.NewParser().ParseString(string(data))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range f.Items {
		e := it.Enclosures[0]
		got = append(got, strings.Join([]string{it.GUID, e.URL, e.Length, e.Type, it.ITunesExt.Duration, it.ITunesExt.Image}, " "))
	}
	want := []string{
		"https://old.example.org/episode/2/ https://media.example.org/two.mp3 5678 audio/mpeg  ",
		"https://media.example.org/one.mp3 https://media.example.org/one.mp3 1234 audio/mpeg 3723 https://example.org/img/one.jpg",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("episodes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
