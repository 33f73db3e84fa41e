package cli

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestPingPodcastIndex checks that --ping tells Podcast Index of a show
// feed when it changes, and only then, with no hub set.
func TestPingPodcastIndex(t *testing.T) {
	pingBackoff = time.Millisecond
	var mu sync.Mutex
	var told []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		told = append(told, r.URL.Query().Get("url"))
	}))
	defer srv.Close()
	old := podcastIndexURL
	podcastIndexURL = srv.URL + "/api/1.0/hub/pubnotify"
	defer func() { podcastIndexURL = old }()
	episode := "---\ntitle: One\ndate: 2024-01-01\nenclosure: {url: https://cdn.example.com/1.mp3, type: audio/mpeg, length: 10}\n---\nA.\n"
	dir := site(t, map[string]string{"show/one.md": episode})
	settings := "podcasts:\n  - title: Show\n    folder: show\n    artwork: https://example.com/c.jpg\n    category: Arts\n    explicit: false\n"
	os.WriteFile(filepath.Join(dir, "feedpub.yaml"), []byte(settings), 0o644)

	code, out, errOut := run(t, dir, "--ping")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := []string{"http://localhost:8080/podcasts/show/feed.xml"}
	if !slices.Equal(told, want) || !strings.Contains(out, "notified Podcast Index of 1 changed show: 1 accepted, 0 failed") {
		t.Errorf("told %q, want %q; output:\n%s", told, want, out)
	}
	told = nil
	if code, out, _ = run(t, dir, "--ping"); code != 0 || len(told) != 0 || !strings.Contains(out, "no show changed") {
		t.Errorf("an unchanged show was told of (%q); exit %d, output:\n%s", told, code, out)
	}
}

// TestShowGuard refuses a build that would change a published episode's
// guid, which every app would show again, unless --allow-id-change; the
// episode is not in the main feed, whose guard does not see it.
func TestShowGuard(t *testing.T) {
	episode := "---\ntitle: One\ndate: 2024-01-01\n%senclosure: {url: https://cdn.example.com/1.mp3, type: audio/mpeg, length: 10}\n---\nA.\n"
	dir := site(t, map[string]string{"show/one.md": strings.Replace(episode, "%s", "", 1), "news.md": "---\ntitle: News\ndate: 2024-06-01\n---\nN.\n"})
	settings := "base_url: https://example.com/\nlimit: 1\npodcasts:\n  - title: Show\n    folder: show\n    artwork: https://example.com/c.jpg\n    category: Arts\n    explicit: false\n"
	os.WriteFile(filepath.Join(dir, "feedpub.yaml"), []byte(settings), 0o644)
	if code, _, errOut := run(t, dir); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	os.WriteFile(filepath.Join(dir, "articles", "show", "one.md"), []byte(strings.Replace(episode, "%s", "id: tag:example.com,2024:one\n", 1)), 0o644)
	code, _, errOut := run(t, dir)
	want := `articles/show/one.md:4:1: "One" was published with the id https://example.com/one/ and would now get tag:example.com,2024:one`
	if code == 0 || !strings.Contains(errOut, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant a refusal: %s", code, errOut, want)
	}
	if code, _, errOut := run(t, dir, "--allow-id-change"); code != 0 {
		t.Errorf("--allow-id-change: exit %d: %s", code, errOut)
	}
}
