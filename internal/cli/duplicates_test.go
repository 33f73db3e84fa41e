package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/feedpub/feedpub/internal/testfiles"
)

// TestDuplicatesLeftOut builds a site whose three posts share one link:
// the first (by path) is kept, the other two are left out of every feed,
// the main one, the section's and the tag's, in every format, and the
// notice of each names the one kept.
func TestDuplicatesLeftOut(t *testing.T) {
	post := func(title string) string {
		return "---\ntitle: " + title + "\ndate: 2024-01-0" + title[len(title)-1:] + "\nslug: same\ntags: [t]\n---\nBody.\n"
	}
	dir := t.TempDir()
	testfiles.Write(t, dir, map[string]string{
		"hugo.toml":            "baseURL = 'https://example.org/'\ntitle = 'Dups'\n",
		"content/posts/a.md":   post("Post 1"),
		"content/posts/b.md":   post("Post 2"),
		"content/posts/c.md":   post("Post 3"),
		"content/posts/ok.md":  "---\ntitle: OK\ndate: 2024-01-05\n---\nBody.\n",
		"content/posts/old.md": "---\ntitle: Old\ndate: 2023-01-05\ntags: [t]\n---\nBody.\n",
	})
	code, _, stderr := run(t, dir, "build", "--no-cache")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		`content/posts/b.md: left out: the slug "same" is also content/posts/a.md's, which is kept`,
		`content/posts/c.md: left out: the slug "same" is also content/posts/a.md's, which is kept`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	for feed, n := range map[string]int{
		"index.xml": 3, "atom.xml": 3, "feed.json": 3, "posts/index.xml": 3, "tags/t/index.xml": 2,
	} {
		f := readFeed(t, filepath.Join(dir, "public", filepath.FromSlash(feed)))
		seen := map[string]bool{}
		for _, it := range f.Items {
			if seen[it.Link] {
				t.Errorf("%s: %s twice", feed, it.Link)
			}
			seen[it.Link] = true
			if strings.HasPrefix(it.Title, "Post ") && it.Title != "Post 1" {
				t.Errorf("%s: lists %q, which is left out", feed, it.Title)
			}
		}
		if len(f.Items) != n {
			t.Errorf("%s: %d items, want %d", feed, len(f.Items), n)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "index.xml")); err != nil {
		t.Fatal(err)
	}
}
