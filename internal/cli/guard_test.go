package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/feedpub/feedpub/internal/output"
)

func article(title, date string, extra ...string) string {
	return "---\ntitle: " + title + "\ndate: " + date + "\n" + strings.Join(extra, "\n") + "\n---\nBody.\n"
}

// published builds dir once and returns the published Atom feed's bytes.
func published(t *testing.T, dir string) string {
	t.Helper()
	if code, _, errOut := run(t, dir); code != 0 {
		t.Fatalf("first build: exit %d: %s", code, errOut)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "public", "atom.xml"))
	return string(data)
}

// assertRefused checks that a build fails with status 1, saying want, and
// leaves the published feed as it was.
func assertRefused(t *testing.T, dir, before string, want []string, args ...string) {
	t.Helper()
	code, _, errOut := run(t, dir, args...)
	if code != 1 {
		t.Errorf("exit %d, want 1; stderr:\n%s", code, errOut)
	}
	for _, w := range want {
		if !strings.Contains(errOut, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errOut)
		}
	}
	if now, _ := os.ReadFile(filepath.Join(dir, "public", "atom.xml")); string(now) != before {
		t.Error("a refused build changed the published feed")
	}
}

// realSite is a site folder whose settings give it a real base_url.
func realSite(t *testing.T, articles map[string]string) string {
	t.Helper()
	dir := site(t, articles)
	os.WriteFile(filepath.Join(dir, "feedpub.yaml"), []byte("base_url: https://example.com/\n"), 0o644)
	return dir
}

func TestIDDriftBaseURL(t *testing.T) {
	dir := realSite(t, map[string]string{"a.md": article("A", "2024-01-01"), "b.md": article("B", "2024-01-02", "id: urn:b")})
	before := published(t, dir)
	os.WriteFile(filepath.Join(dir, "feedpub.yaml"), []byte("base_url: https://example.org/\n"), 0o644)
	assertRefused(t, dir, before, []string{
		`articles/a.md:1:1: "A" was published with the id https://example.com/a/ and would now get https://example.org/a/: readers would show it again as new — add 'id: https://example.com/a/' to its front matter to keep the old id, or run with --allow-id-change to accept the change`,
		"feedpub: 1 problem found; no file was written",
	})
	if code, _, errOut := run(t, dir, "--allow-id-change"); code != 0 {
		t.Errorf("--allow-id-change: exit %d: %s", code, errOut)
	}
}

// TestFirstRealBaseURL checks that feeds built under the default base_url
// were never published: the first real base_url changes their ids with no
// --allow-id-change, while a move from one real address to another is
// still refused.
func TestFirstRealBaseURL(t *testing.T) {
	for _, local := range [][]string{nil, {"--base-url", "http://127.0.0.1:9000/"}, {"--base-url", "http://blog.localhost/news/"}} {
		dir := site(t, map[string]string{"a.md": article("A", "2024-01-01"), "b.md": article("B", "2024-01-02", "id: urn:b")})
		for range 2 {
			if code, _, errOut := run(t, dir, local...); code != 0 {
				t.Fatalf("%v: exit %d: %s", local, code, errOut)
			}
		}
		code, _, errOut := run(t, dir, "--base-url", "https://example.com/")
		if code != 0 {
			t.Fatalf("%v, then the first real base_url: exit %d: %s", local, code, errOut)
		}
		atom, _ := os.ReadFile(filepath.Join(dir, "public", "atom.xml"))
		if !strings.Contains(string(atom), "<id>https://example.com/a/</id>") || strings.Contains(string(atom), "localhost") {
			t.Errorf("%v: the feed does not have the real ids:\n%s", local, atom)
		}
		assertRefused(t, dir, string(atom), []string{`"A" was published with the id https://example.com/a/ and would now get https://example.org/a/`},
			"--base-url", "https://example.org/")
	}
}

// TestLocalBuildOverPublished checks that a build under the built-in
// base_url, after one for the site's address, is refused with one problem
// naming that address, not one per item asking to keep each id, and that
// --allow-id-change still lets it through.
func TestLocalBuildOverPublished(t *testing.T) {
	dir := site(t, map[string]string{"a.md": article("A", "2024-01-01"), "b.md": article("B", "2024-01-02"), "c.md": article("C", "2024-01-03", "id: urn:c")})
	if code, _, errOut := run(t, dir, "--base-url", "https://example.com/news/"); code != 0 {
		t.Fatalf("build for the site: exit %d: %s", code, errOut)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "public", "atom.xml"))
	want := "feedpub: public/atom.xml was published for https://example.com/, and this build's links point at this computer (http://localhost:8080/): " +
		"2 published items would get new ids — to replace the published feeds with ones for this computer alone, run with --allow-id-change to accept the change; " +
		"otherwise build with base_url https://example.com/, the address the feeds were published for\n"
	assertRefused(t, dir, string(before), []string{want})
	if _, _, errOut := run(t, dir); strings.Contains(errOut, "front matter") || strings.Count(errOut, "\n") != 2 {
		t.Errorf("more than the one problem:\n%s", errOut)
	}
	if code, _, errOut := run(t, dir, "--allow-id-change"); code != 0 {
		t.Errorf("--allow-id-change: exit %d: %s", code, errOut)
	}
}

// TestLoopbackIDHint checks that no hint asks to keep an id on this
// computer, as feeds published with 'id: http://localhost:8080/…' pinned
// have: the change is the fix.
func TestLoopbackIDHint(t *testing.T) {
	pinned := article("A", "2024-01-01", "id: http://localhost:8080/a/")
	dir := realSite(t, map[string]string{"a.md": pinned, "b.md": article("B", "2024-01-02")})
	before := published(t, dir)
	os.WriteFile(filepath.Join(dir, "articles", "a.md"), []byte(article("A", "2024-01-01")), 0o644)
	want := `articles/a.md:1:1: "A" was published with the id http://localhost:8080/a/ and would now get https://example.com/a/: readers would show it again as new — since the old id points at this computer and is no id to keep, run with --allow-id-change to accept the change`
	assertRefused(t, dir, before, []string{want})
	os.WriteFile(filepath.Join(dir, "articles", "a.md"), []byte(strings.Replace(pinned, "localhost:8080/a/", "127.0.0.1/a/", 1)), 0o644)
	assertRefused(t, dir, before, []string{`"A" was published with the id http://localhost:8080/a/ and would now get http://127.0.0.1/a/: readers would show it again as new — since the old id points at this computer and is no id to keep, run with --allow-id-change`})
	for _, args := range [][]string{nil, {"--base-url", "https://example.org/"}} {
		_, _, errOut := run(t, dir, args...)
		if strings.Contains(errOut, "id: http://") || strings.Contains(errOut, "back to http://") {
			t.Errorf("a hint keeps a loopback id:\n%s", errOut)
		}
	}
	if code, _, errOut := run(t, dir, "--allow-id-change"); code != 0 {
		t.Errorf("--allow-id-change: exit %d: %s", code, errOut)
	}
}

func TestIDDriftRenamedFile(t *testing.T) {
	dir := realSite(t, map[string]string{"2024-01-01-old-name.md": article("Renamed", "2024-01-01")})
	before := published(t, dir)
	os.Rename(filepath.Join(dir, "articles", "2024-01-01-old-name.md"), filepath.Join(dir, "articles", "new-name.md"))
	assertRefused(t, dir, before, []string{`articles/new-name.md:1:1: "Renamed" was published with the id https://example.com/old-name/ and would now get https://example.com/new-name/: readers would show it again as new — add 'id: https://example.com/old-name/' to its front matter to keep the old id`})
	// Keeping the old id is the fix the message proposes.
	os.WriteFile(filepath.Join(dir, "articles", "new-name.md"), []byte(article("Renamed", "2024-01-01", "id: https://example.com/old-name/")), 0o644)
	if code, _, errOut := run(t, dir); code != 0 {
		t.Errorf("with the old id kept: exit %d: %s", code, errOut)
	}
}

// TestRenamedLocally checks that under the default base_url, whose feeds
// were never published, a renamed file is not refused.
func TestRenamedLocally(t *testing.T) {
	dir := site(t, map[string]string{"2024-01-01-old-name.md": article("Renamed", "2024-01-01")})
	published(t, dir)
	os.Rename(filepath.Join(dir, "articles", "2024-01-01-old-name.md"), filepath.Join(dir, "articles", "new-name.md"))
	if code, _, errOut := run(t, dir); code != 0 || strings.Contains(errOut, "id:") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

func TestIDDriftEditedID(t *testing.T) {
	dir := realSite(t, map[string]string{"a.md": article("A", "2024-01-01", "id: urn:one")})
	before := published(t, dir)
	os.WriteFile(filepath.Join(dir, "articles", "a.md"), []byte(article("A", "2024-03-01", "id: urn:two")), 0o644)
	assertRefused(t, dir, before, []string{`articles/a.md:4:1: "A" was published with the id urn:one and would now get urn:two: readers would show it again as new — set its 'id' back to urn:one to keep the old id`})
}

func TestEditsThatKeepIDs(t *testing.T) {
	dir := site(t, map[string]string{"a.md": article("A", "2024-01-01"), "b.md": article("B", "2024-01-02")})
	published(t, dir)
	// A new date, a new title and a new body keep the URL, hence the id.
	os.WriteFile(filepath.Join(dir, "articles", "a.md"), []byte(article("A, revised", "2024-02-01")+"More.\n"), 0o644)
	if code, _, errOut := run(t, dir); code != 0 {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

func TestDropGuard(t *testing.T) {
	arts := map[string]string{}
	for _, n := range []string{"a", "b", "c", "d"} {
		arts[n+".md"] = article(strings.ToUpper(n), "2024-01-0"+string(rune('1'+n[0]-'a')))
	}
	dir := site(t, arts)
	before := published(t, dir)
	os.Remove(filepath.Join(dir, "articles", "a.md"))
	os.Remove(filepath.Join(dir, "articles", "b.md"))
	os.Remove(filepath.Join(dir, "articles", "c.md"))
	assertRefused(t, dir, before, []string{
		`feedpub: the build would drop 3 of the 4 items published in public/atom.xml (75%; max_drop allows 50%): "C", "B", "A" — if those articles were removed on purpose, run again with --force; otherwise restore them`,
		"feedpub: no file was written",
	})
	// All of them gone, as when the articles folder is emptied by mistake.
	os.Remove(filepath.Join(dir, "articles", "d.md"))
	assertRefused(t, dir, before, []string{"the build would drop 4 of the 4 items"})
	os.WriteFile(filepath.Join(dir, "articles", "d.md"), []byte(arts["d.md"]), 0o644)
	if code, _, errOut := run(t, dir, "--force"); code != 0 {
		t.Errorf("--force: exit %d: %s", code, errOut)
	}
	// With max_drop at 1, dropping even every published item is allowed.
	os.WriteFile(filepath.Join(dir, "feedpub.yaml"), []byte("max_drop: 1\n"), 0o644)
	os.Remove(filepath.Join(dir, "articles", "d.md"))
	if code, _, errOut := run(t, dir); code != 0 {
		t.Errorf("max_drop 1: exit %d: %s", code, errOut)
	}
}

func TestNewerArticlesPushOldOnesOut(t *testing.T) {
	dir := site(t, map[string]string{"a.md": article("A", "2024-01-01"), "b.md": article("B", "2024-01-02")})
	os.WriteFile(filepath.Join(dir, "feedpub.yaml"), []byte("limit: 2\n"), 0o644)
	published(t, dir)
	os.WriteFile(filepath.Join(dir, "articles", "c.md"), []byte(article("C", "2024-01-03")), 0o644)
	os.WriteFile(filepath.Join(dir, "articles", "d.md"), []byte(article("D", "2024-01-04")), 0o644)
	if code, _, errOut := run(t, dir); code != 0 {
		t.Errorf("items pushed out of a full feed are not lost: exit %d: %s", code, errOut)
	}
}

func TestCorruptPublishedFeed(t *testing.T) {
	dir := site(t, map[string]string{"a.md": article("A", "2024-01-01")})
	published(t, dir)
	os.WriteFile(filepath.Join(dir, "public", "atom.xml"), []byte("<feed><entry>"), 0o644)
	code, _, errOut := run(t, dir)
	if code != 1 || !strings.Contains(errOut, "the published feed public/atom.xml is not valid Atom") || !strings.Contains(errOut, "run with --force to replace it") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	if code, _, errOut := run(t, dir, "--force"); code != 0 {
		t.Errorf("--force: exit %d: %s", code, errOut)
	}
}

func TestLockAndLeftovers(t *testing.T) {
	dir := site(t, map[string]string{"a.md": article("A", "2024-01-01")})
	before := published(t, dir)
	lock, err := output.TakeLock(filepath.Join(dir, "public"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "articles", "b.md"), []byte(article("B", "2024-01-02")), 0o644)
	assertRefused(t, dir, before, []string{"feedpub: another feedpub build (pid ", "is writing to public — wait for it to finish, then run again"})
	lock.Release()

	leftover := filepath.Join(dir, "public", ".rss.xml.tmp-123456")
	os.WriteFile(leftover, []byte("half a feed"), 0o644)
	if code, _, errOut := run(t, dir); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(leftover); err == nil {
		t.Error("the next build did not remove a leftover temporary file")
	}
}
