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

// TestShowFromPodcaster builds a show from episodes written for
// eleventy-plugin-podcaster: the episode mapping gives the file (below
// the show's media_prefix, as Podcaster's episodeUrlBase), its size,
// duration and numbers, and the guid stays the episode's link.
func TestShowFromPodcaster(t *testing.T) {
	dir := t.TempDir()
	testfiles.Write(t, dir, map[string]string{
		"feedpub.yaml": "title: Cast\nbase_url: https://example.org/\npodcasts:\n  - title: Cast\n    tag: podcastEpisode\n" +
			"    media_prefix: https://media.example.org/episodes/\n    artwork: https://example.org/cover.jpg\n" +
			"    category: Technology\n    explicit: false\n    type: serial\n",
		"articles/s1e1.md": "---\ntitle: Entering a new Phase\ndate: 2024-04-14\ntags: [podcastEpisode]\nepisode:\n" +
			"  filename: S1E1.mp3\n  seasonNumber: 1\n  episodeNumber: 1\n  size: 61231442\n  duration: 3283\n  explicit: no\n  episodeType: full\n---\nShow notes.\n",
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
	if len(f.Items) != 1 {
		t.Fatalf("%d episodes, want 1:\n%s", len(f.Items), data)
	}
	it := f.Items[0]
	e := it.Enclosures[0]
	got := strings.Join([]string{it.GUID, e.URL, e.Length, it.ITunesExt.Duration, it.ITunesExt.Season, it.ITunesExt.Episode, it.ITunesExt.Explicit, it.ITunesExt.EpisodeType}, " ")
	want := "https://example.org/s1e1/ https://media.example.org/episodes/S1E1.mp3 61231442 3283 1 1 false full"
	if got != want {
		t.Errorf("episode read as\n%s\nwant\n%s", got, want)
	}
}
