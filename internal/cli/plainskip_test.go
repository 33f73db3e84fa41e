package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPlainFolderSkips builds a plain folder with a settings file: a
// README without front matter and a page that only redirects are left
// out with a one-line notice each, as a site's generator leaves them
// out; without a settings file the README stays an error.
func TestPlainFolderSkips(t *testing.T) {
	files := map[string]string{
		"a.md":      good,
		"README.md": "Notes for editors.\n",
		"old.md":    "---\nredirect_to: https://example.com/a/\n---\n",
		"moved.md":  "---\ntitle: Moved\nredirect: /a/\n---\n",
	}
	dir := site(t, files)
	os.WriteFile(filepath.Join(dir, "feedpub.yaml"), []byte("base_url: https://example.com/\n"), 0o644)
	code, _, stderr := run(t, dir, "build")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"articles/README.md: left out: it has no front matter\n",
		"articles/old.md: left out: a redirect stub\n",
		"articles/moved.md: left out: a redirect stub\n",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if f := readFeed(t, filepath.Join(dir, "public", "atom.xml")); len(f.Items) != 1 || f.Items[0].Title != "Good" {
		t.Errorf("items %v, want Good alone", f.Items)
	}
	dir = site(t, map[string]string{"a.md": good, "README.md": "Notes for editors.\n"})
	code, _, stderr = run(t, dir, "build", "--quiet")
	if want := "articles/README.md:1:1: the file does not start with front matter"; code == 0 || !strings.Contains(stderr, want) {
		t.Errorf("without a settings file: exit %d, stderr lacks %q:\n%s", code, want, stderr)
	}
}
