package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/corpus"
	"github.com/feedpub/feedpub/internal/output"
	"github.com/feedpub/feedpub/internal/render"
)

// withStreamAbove runs fn with the main feeds streamed above n items.
func withStreamAbove(n int, fn func()) {
	old := render.StreamAbove
	render.StreamAbove = n
	defer func() { render.StreamAbove = old }()
	fn()
}

// TestStreamedSame checks that main feeds streamed to their files are the
// bytes made in memory, for the fixtures and a generated corpus, with one
// worker and several, and with every article taken from the cache.
func TestStreamedSame(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Generate(dir, 150, 7); err != nil {
		t.Fatal(err)
	}
	sites := map[string]*config.Site{
		"fixtures":          testSite(t, func(s *config.Settings) { s.Limit = 0 }),
		"fixtures, limit 3": testSite(t, func(s *config.Settings) { s.Limit = 3 }),
		"corpus": testSite(t, func(s *config.Settings) {
			s.Articles, s.Limit, s.Hub = filepath.Join(dir, "articles"), 0, "https://hub.example.com/"
		}),
	}
	for name, site := range sites {
		for _, workers := range []int{1, 3} {
			opts := Options{Site: site, Workers: workers}
			var whole, streamed map[string][]byte
			withStreamAbove(1<<30, func() { whole = files(t, opts) })
			withStreamAbove(0, func() { streamed = files(t, opts) })
			var cached map[string][]byte
			withStreamAbove(0, func() {
				// Articles taken from the cache are read in the second phase.
				o := opts
				o.Now, o.Generator, o.Caching = now, "feedpub test", true
				first, err := Run(o)
				if err != nil {
					t.Fatal(err)
				}
				o.Cache = savedCache(t, first.Cache)
				again, err := Run(o)
				if err != nil || again.Read != 0 {
					t.Fatalf("again: read %v, %v", again, err)
				}
				cached = made(t, again)
			})
			if len(whole) != len(streamed) {
				t.Errorf("%s: %d files streamed, %d made whole", name, len(streamed), len(whole))
			}
			for f, data := range whole {
				if !bytes.Equal(data, streamed[f]) {
					t.Errorf("%s, %d workers: streamed %s differs: %s", name, workers, f, firstDiff(streamed[f], data))
				}
				if !bytes.Equal(data, cached[f]) {
					t.Errorf("%s, %d workers: streamed %s from the cache differs: %s", name, workers, f, firstDiff(cached[f], data))
				}
			}
		}
	}
}

// TestStreamedChanged edits an article's front matter between the first
// phase and the writing of a streamed feed: the write fails naming the
// article, and the feeds written before are left as they were.
func TestStreamedChanged(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Generate(dir, 40, 3); err != nil {
		t.Fatal(err)
	}
	site := testSite(t, func(s *config.Settings) { s.Articles, s.Limit = filepath.Join(dir, "articles"), 0 })
	out := t.TempDir()
	build := func() (*Result, error) { return Run(Options{Site: site, Now: now, Generator: "feedpub test"}) }
	withStreamAbove(0, func() {
		res, err := build()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := output.WriteAll(out, res.Files); err != nil {
			t.Fatal(err)
		}
		before, _ := os.ReadFile(filepath.Join(out, "rss.xml"))

		res, err = build()
		if err != nil {
			t.Fatal(err)
		}
		victim := res.Sources[len(res.Sources)-1].Path // rendered only as it is written
		src, _ := os.ReadFile(victim)
		edited := strings.Replace(string(src), "title:", "title: Edited", 1)
		if err := os.WriteFile(victim, []byte(edited), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err = output.WriteAll(out, res.Files)
		if err == nil || !strings.Contains(err.Error(), victim) || !strings.Contains(err.Error(), "changed while the feeds were being built") {
			t.Fatalf("error %v, want one naming %s", err, victim)
		}
		if after, _ := os.ReadFile(filepath.Join(out, "rss.xml")); !bytes.Equal(before, after) {
			t.Error("a failed streamed write changed rss.xml")
		}
		assertOnlyFeeds(t, out)
	})
}

// assertOnlyFeeds fails if a temporary file is left in dir.
func assertOnlyFeeds(t *testing.T, dir string) {
	t.Helper()
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.HasPrefix(info.Name(), ".") {
			t.Errorf("a temporary file was left behind: %s", p)
		}
		return nil
	})
}

// TestKeptSame checks that a feed of every article made from what the
// first phase kept (read into a buffer each worker reuses) is the feed
// made from the articles read again, as a limit above their number does.
func TestKeptSame(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Generate(dir, 300, 5); err != nil {
		t.Fatal(err)
	}
	for _, arts := range []string{filepath.Join("testdata", "articles"), filepath.Join(dir, "articles")} {
		all := files(t, Options{Site: testSite(t, func(s *config.Settings) { s.Articles, s.Limit = arts, 0 })})
		again := files(t, Options{Site: testSite(t, func(s *config.Settings) { s.Articles, s.Limit = arts, 1<<20 })})
		for _, name := range []string{"rss.xml", "atom.xml", "feed.json", "index.html"} {
			if !bytes.Equal(all[name], again[name]) {
				t.Errorf("%s: %s differs: %s", arts, name, firstDiff(all[name], again[name]))
			}
		}
	}
}
