package pipeline

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/feedcheck"
)

// FuzzPipeline builds a site of one fixed article and one arbitrary one.
// Any text must give either located errors or three feeds that are well
// formed, pass the JSON Feed checks, and read back, in every format, as
// the same titles and ids.
func FuzzPipeline(f *testing.F) {
	for _, name := range []string{"2024-01-15-hello.md", "escaping.md", "toml-post.md", "bundle/index.md"} {
		if src, err := os.ReadFile(filepath.Join("testdata", "articles", name)); err == nil {
			f.Add(src)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "fixed.md"), []byte("---\ntitle: Fixed\ndate: 2020-01-01\n---\nBody.\n"), 0o644)
		os.WriteFile(filepath.Join(dir, "fuzz.md"), src, 0o644)
		s := config.Defaults()
		s.Articles = dir
		site, err := s.Resolve()
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		res, err := Run(Options{Site: site, Now: now, Drafts: true, Future: true, Generator: "feedpub fuzz"})
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("one small article took %v to build: hostile input must not stall a build", d)
		}
		if err != nil {
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("an error that names no file: %v", err)
			}
			for _, e := range list {
				if !strings.HasPrefix(e.Path, dir) {
					t.Fatalf("an error about no article: %v", e)
				}
			}
			return
		}
		var titles, ids []string
		for name, data := range made(t, res) {
			if !isFeed(name) {
				continue
			}
			if strings.HasSuffix(name, ".json") {
				for _, err := range feedcheck.JSONFeed(data) {
					t.Fatalf("%s: %v", name, err)
				}
			} else if err := feedcheck.WellFormed(data); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			feed := parse(t, data)
			if strings.Contains(name, "/") {
				continue // a family's feed or an archive document: other items
			}
			var ts, is []string
			for _, it := range feed.Items {
				ts = append(ts, it.Title)
				is = append(is, it.GUID)
			}
			if titles == nil {
				titles, ids = ts, is
				continue
			}
			if strings.Join(ts, "\x00") != strings.Join(titles, "\x00") || strings.Join(is, "\x00") != strings.Join(ids, "\x00") {
				t.Fatalf("%s reads back as titles %q ids %q; another main feed as %q %q", name, ts, is, titles, ids)
			}
		}
	})
}
