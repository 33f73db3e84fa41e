package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestPublishJSON reads publish --json for a dry run, a publish, a change
// of publish_feed_type (which changes nothing in a folder: it keeps no
// headers) and a publish that fails half-way, to a folder;
// TestPublishClouds does the same on each cloud, in the cloud build.
func TestPublishJSON(t *testing.T) {
	dir := realSite(t, map[string]string{
		"a.md": "---\ntitle: A\ndate: 2024-01-01\ntags: [go]\n---\nA.\n",
		"b.md": "---\ntitle: B\ndate: 2024-01-02\ntags: [go]\n---\nB.\n",
	})
	bucketDir := t.TempDir()
	dest := "file://" + filepath.ToSlash(bucketDir)

	code, out, errOut := run(t, dir, "publish", "--dry-run", "--json", dest)
	if code != 0 {
		t.Fatalf("dry run: exit %d\n%s%s", code, out, errOut)
	}
	plan := decodeReport(t, out)
	local := tree(t, filepath.Join(dir, "public"))
	var names []string
	for name := range local {
		names = append(names, name)
	}
	slices.Sort(names)
	if !plan.DryRun || plan.Complete || !slices.Equal(plan.Uploaded, names) || len(plan.Kept)+len(plan.Updated)+len(plan.Deleted) != 0 ||
		len(plan.Actions) != len(names) || plan.Destination != dest || !strings.Contains(errOut, "wrote     public/rss.xml") {
		t.Errorf("dry run: %+v\nstderr: %s", plan, errOut)
	}
	if entries, _ := os.ReadDir(bucketDir); len(entries) != 0 {
		t.Errorf("a dry run wrote %d entries", len(entries))
	}

	code, out, errOut = run(t, dir, "publish", "--json", dest)
	rep := decodeReport(t, out)
	if code != 0 || rep.DryRun || !rep.Complete || !slices.Equal(rep.Uploaded, names) || rep.Bytes == 0 {
		t.Fatalf("publish: exit %d: %+v\n%s", code, rep, errOut)
	}
	for _, a := range rep.Actions {
		if a.Key == "rss.xml" && (a.Op != "upload" || !a.Done || a.Stage != "main feeds" || a.Headers.ContentType != "application/rss+xml; charset=utf-8") {
			t.Errorf("rss.xml: %+v", a)
		}
	}

	// publish_feed_type: xml changes the objects' Content-Type, which a
	// folder does not keep: the files are as they were.
	before := tree(t, bucketDir)
	os.WriteFile(filepath.Join(dir, "feedpub.yaml"), []byte("base_url: https://example.com/\npublish_feed_type: xml\n"), 0o644)
	code, out, errOut = run(t, dir, "publish", "--json", dest)
	rep = decodeReport(t, out)
	if code != 0 || len(rep.Updated)+len(rep.Uploaded) != 0 || !slices.Equal(rep.Kept, names) {
		t.Fatalf("publish_feed_type: xml: exit %d: %+v\n%s", code, rep, errOut)
	}
	if after := tree(t, bucketDir); len(after) != len(before) || len(before) != len(local) {
		t.Errorf("the folder changed: %d files, then %d", len(before), len(after))
	}
	for name, data := range local {
		if string(before[name]) != string(data) {
			t.Errorf("%s in the folder is not the build's", name)
		}
	}

	// A publish that fails half-way: what was left undone, and why.
	os.WriteFile(filepath.Join(dir, "articles", "c.md"), []byte("---\ntitle: C\ndate: 2024-01-03\ntags: [go]\n---\nC.\n"), 0o644)
	os.RemoveAll(filepath.Join(bucketDir, "tags"))
	os.WriteFile(filepath.Join(bucketDir, "tags"), []byte("in the way"), 0o644) // tags/go/… cannot be written
	code, out, errOut = run(t, dir, "publish", "--json", "--jobs", "1", dest)
	rep = decodeReport(t, out)
	if code == 0 || rep.Complete || !strings.Contains(rep.Error, "publishing stopped at the archive and family feeds") ||
		!slices.Contains(rep.NotDone, "atom.xml") || !slices.Contains(rep.NotDone, "tags/go/atom.xml") || slices.Contains(rep.Uploaded, "atom.xml") ||
		!strings.Contains(errOut, "publishing stopped at the") {
		t.Errorf("a failed publish: exit %d: %+v\n%s", code, rep, errOut)
	}
}

// TestPublishMissingFolder: a file:// folder that does not exist stops
// publish, and a dry run of it, before the build: no output folder is
// made, and the message names the folder and how to make it.
func TestPublishMissingFolder(t *testing.T) {
	dir := site(t, map[string]string{"a.md": "---\ntitle: A\ndate: 2024-01-01\n---\nA.\n"})
	missing := filepath.Join(t.TempDir(), "missing", "folder")
	dest := "file://" + filepath.ToSlash(missing)
	for _, args := range [][]string{{"publish", dest}, {"publish", "--dry-run", dest}} {
		code, out, errOut := run(t, dir, args...)
		want := "feedpub: the folder " + missing + " to publish to does not exist — create it (mkdir -p " + missing + ") or correct the file:// URL\n"
		if code != 2 || out != "" || errOut != want {
			t.Errorf("%v: exit %d\nstdout: %s\nstderr: %s\nwant exit 2 and: %s", args, code, out, errOut, want)
		}
		if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
			t.Fatalf("%v: the build ran: %v", args, err)
		}
		if _, err := os.Stat(missing); !os.IsNotExist(err) {
			t.Fatalf("%v: the folder was made", args)
		}
	}
}

// publishReport is the JSON that publish --json prints.
type publishReport struct {
	Destination string   `json:"destination"`
	DryRun      bool     `json:"dry_run"`
	Complete    bool     `json:"complete"`
	Error       string   `json:"error"`
	Uploaded    []string `json:"uploaded"`
	Updated     []string `json:"updated"`
	Deleted     []string `json:"deleted"`
	Kept        []string `json:"kept"`
	NotDone     []string `json:"not_done"`
	Bytes       int64    `json:"bytes"`
	ElapsedMS   int64    `json:"elapsed_ms"`
	Actions     []struct {
		Op, Key, Stage, Reason string
		Size                   int64
		Done                   bool
		Headers, Was           struct {
			ContentType     string `json:"content_type"`
			CacheControl    string `json:"cache_control"`
			ContentEncoding string `json:"content_encoding"`
		}
	} `json:"actions"`
}

func decodeReport(t *testing.T, out string) publishReport {
	t.Helper()
	var rep publishReport
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rep); err != nil || dec.More() {
		t.Fatalf("publish --json printed what is not JSON (%v):\n%s", err, out)
	}
	return rep
}
