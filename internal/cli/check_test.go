package cli

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A feed with one error (an item without title or description) and one
// warning (no self link); and one with only the warning.
const (
	checkBroken = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>T</title><link>https://example.com/</link><description>D</description>
<item><guid>https://example.com/a</guid></item>
</channel></rss>
`
	checkWarned = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>T</title><link>https://example.com/</link><description>D</description>
</channel></rss>
`
)

// TestCheckExit checks feedpub check's output and exit status: 1 on any
// error, 0 with warnings only or none, for the build's own feeds, files
// and URLs.
func TestCheckExit(t *testing.T) {
	dir := site(t, map[string]string{"good.md": good})
	os.WriteFile(filepath.Join(dir, "broken.xml"), []byte(checkBroken), 0o644)
	os.WriteFile(filepath.Join(dir, "warned.xml"), []byte(checkWarned), 0o644)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/rss.xml" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(checkWarned))
	}))
	defer srv.Close()
	const selfMissing = `warning: MissingAtomSelfLink: Missing atom:link with rel="self" — add <atom:link rel="self" href="…the feed's own URL…" type="application/rss+xml"/> to the channel`
	for _, tc := range []struct {
		name    string
		args    []string
		code    int
		out     string // every line of stdout
		errOut  string // what stderr holds
		noBuild bool
	}{
		{name: "the build's feeds", args: []string{"check"}, code: 0,
			out: "checked 3 feeds: no problem found\n"},
		{name: "strict: no icon", args: []string{"check", "--strict", "--out", "public"}, code: 0,
			out: "public/atom.xml:2:1: warning: MissingIcon: the feed has no icon or logo: readers show a blank square — give the feed an <icon> with the site's icon (feedpub: icon)\n" +
				"public/feed.json:1:1: warning: MissingIcon: the feed has no icon or favicon: readers show a blank square — add \"icon\" with the site's icon (feedpub: icon)\n" +
				"public/rss.xml:4:3: warning: MissingIcon: the channel has no image: readers show a blank square — give the channel an <image> with the site's icon (feedpub: icon)\n" +
				"checked 3 feeds: 0 errors, 3 warnings\n"},
		{name: "an error", args: []string{"check", "broken.xml"}, code: 1,
			out: "broken.xml:2:20: " + selfMissing + "\n" +
				"broken.xml:3:1: error: ItemMustContainTitleOrDescription: item must contain either title or description — give the item a <title> or a <description>\n" +
				"checked 1 feed: 1 error, 1 warning\n",
			errOut: "feedpub: 1 error in 1 feed\n"},
		{name: "warnings only", args: []string{"check", "warned.xml", srv.URL + "/rss.xml"}, code: 0,
			out: "warned.xml:2:20: " + selfMissing + "\n" + srv.URL + "/rss.xml:2:20: " + selfMissing + "\n" + "checked 2 feeds: 0 errors, 2 warnings\n"},
		{name: "a URL not found", args: []string{"check", srv.URL + "/gone.xml"}, code: 1,
			out:    "checked 0 feeds: no problem found\n",
			errOut: "feedpub: fetching " + srv.URL + "/gone.xml: the server answered 404 Not Found — check the URL\n"},
		{name: "a file not there", args: []string{"check", "nothere.xml"}, code: 1,
			out:    "checked 0 feeds: no problem found\n",
			errOut: "feedpub: cannot read the feed nothere.xml: open nothere.xml: no such file or directory — name an existing file or an http(s) URL\n"},
		{name: "no build", args: []string{"check"}, code: 1, noBuild: true,
			errOut: "feedpub: the output folder public is not there — run 'feedpub build' first, or name the feeds to check\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := dir
			if tc.noBuild {
				d = t.TempDir()
			} else if _, err := os.Stat(filepath.Join(dir, "public")); err != nil {
				if code, _, errOut := run(t, dir, "build", "-q"); code != 0 {
					t.Fatalf("build exited %d: %s", code, errOut)
				}
			}
			code, out, errOut := run(t, d, tc.args...)
			if code != tc.code || out != tc.out || errOut != tc.errOut {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nwant:\n%s\nstderr:\n%s\nwant:\n%s", code, tc.code, out, tc.out, errOut, tc.errOut)
			}
		})
	}
}

// TestCheckJSON checks that --json prints every finding, located, with
// the counts, and still exits 1 on an error.
func TestCheckJSON(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "broken.xml"), []byte(checkBroken), 0o644)
	os.WriteFile(filepath.Join(dir, "warned.xml"), []byte(checkWarned), 0o644)
	code, out, _ := run(t, dir, "check", "--json", "broken.xml", "warned.xml", "nothere.xml")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	var rep struct {
		Checked  []string
		Failed   []struct{ Feed, Error string }
		Errors   int
		Warnings int
		Findings []struct {
			File, Severity, Name, Message, Fix string
			Line, Col                          int
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(rep.Failed) != 1 || rep.Failed[0].Feed != "nothere.xml" || !strings.HasPrefix(rep.Failed[0].Error, "cannot read the feed nothere.xml: ") {
		t.Errorf("failed: %+v", rep.Failed)
	}
	if strings.Join(rep.Checked, " ") != "broken.xml warned.xml" || rep.Errors != 1 || rep.Warnings != 2 || len(rep.Findings) != 3 {
		t.Fatalf("got %+v", rep)
	}
	f := rep.Findings[1]
	if f.File != "broken.xml" || f.Line != 3 || f.Col != 1 || f.Severity != "error" || f.Name != "ItemMustContainTitleOrDescription" ||
		f.Message != "item must contain either title or description" || f.Fix != "give the item a <title> or a <description>" {
		t.Errorf("the error is %+v", f)
	}
}
