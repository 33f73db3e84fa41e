package readers

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestNewsboat has newsboat (Debian's, 2.21) fetch the corpus's RSS and
// Atom feeds without its screen (-x reload), each into a cache of its own
// (newsboat knows an item by its id across feeds), and checks what it
// keeps there to show: titles, author lines, the picture first in the
// text, dates. Its cache is read with the sqlite3 command. newsboat 2.21
// reads no JSON Feed.
func TestNewsboat(t *testing.T) {
	nb := lookTool(t, "newsboat", "apt-get install newsboat")
	sqlite := lookTool(t, "sqlite3", "apt-get install sqlite3")
	s := serveCorpus(t)
	for _, f := range feeds[:2] {
		t.Run(f.name, func(t *testing.T) {
			dir := t.TempDir()
			reload := func() []newsboatItem {
				t.Helper()
				newsboatReload(t, nb, dir, s.url+f.path)
				return newsboatItems(t, sqlite, filepath.Join(dir, "cache.db"))
			}
			items := reload()
			var shown []entry
			for _, it := range items {
				shown = append(shown, entry{Link: it.URL, Title: it.Title, Author: it.Author, Content: it.Content, Published: time.Unix(it.PubDate, 0)})
			}
			checkEntries(t, s, "newsboat", f.name, shown, titles, authors, pictures, dates)
			t.Run("refreshes", func(t *testing.T) {
				again := reload()
				if !slices.Equal(newsboatIDs(again), newsboatIDs(items)) {
					t.Errorf("after a reload the items are %v, were %v", newsboatIDs(again), newsboatIDs(items))
				}
			})
		})
	}
}

// newsboatReload runs newsboat's reload of one feed, with a configuration,
// URL list, cache and home of its own in dir.
func newsboatReload(t *testing.T, nb, dir, feedURL string) {
	t.Helper()
	urls, config := filepath.Join(dir, "urls"), filepath.Join(dir, "config")
	if err := os.WriteFile(urls, []byte(feedURL+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(config, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(nb, "-C", config, "-u", urls, "-c", filepath.Join(dir, "cache.db"), "-x", "reload")
	cmd.Dir = dir
	cmd.Env = []string{"PATH=/usr/bin:/bin", "HOME=" + dir, "XDG_CONFIG_HOME=" + dir, "XDG_DATA_HOME=" + dir, "LANG=C.UTF-8", "TERM=dumb"}
	if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
		t.Fatalf("newsboat -x reload: %v\n%s", err, out)
	}
}

// newsboatItem is a row of newsboat's cache of items.
type newsboatItem struct {
	ID      int64  `json:"id"`
	URL     string `json:"url"`
	Title   string `json:"title"`
	Author  string `json:"author"`
	Content string `json:"content"`
	PubDate int64  `json:"pubDate"`
}

// newsboatItems reads the items of newsboat's cache.
func newsboatItems(t *testing.T, sqlite, db string) []newsboatItem {
	t.Helper()
	out, err := exec.Command(sqlite, "-json", "-readonly", db,
		"SELECT id, url, title, author, content, pubDate FROM rss_item WHERE deleted = 0 ORDER BY id").Output()
	if err != nil {
		t.Fatalf("reading newsboat's cache: %v", err)
	}
	var items []newsboatItem
	if len(out) > 0 {
		if err := json.Unmarshal(out, &items); err != nil {
			t.Fatalf("newsboat's cache: %v: %s", err, out)
		}
	}
	return items
}

func newsboatIDs(items []newsboatItem) []int64 {
	var ids []int64
	for _, it := range items {
		ids = append(ids, it.ID)
	}
	return ids
}
