package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gocloud.dev/blob/fileblob"
)

// TestPublishJSON reads publish --json for a dry run, a publish, a change
// of publish_feed_type (both types of RSS and Atom objects) and a publish
// that fails half-way, to a folder; TestPublishClouds does the same on
// each cloud.
func TestPublishJSON(t *testing.T) {
	ctx := context.Background()
	dir := realSite(t, map[string]string{
		"a.md": "---\ntitle: A\ndate: 2024-01-01\ntags: [go]\n---\nA.\n",
		"b.md": "---\ntitle: B\ndate: 2024-01-02\ntags: [go]\n---\nB.\n",
	})
	bucketDir := t.TempDir()
	dest := "file://" + filepath.ToSlash(bucketDir)
	b, err := fileblob.OpenBucket(bucketDir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()

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

	// publish_feed_type: xml gives RSS and Atom objects application/xml,
	// as an update of their headers; JSON Feed and pages keep theirs.
	os.WriteFile(filepath.Join(dir, "feedpub.yaml"), []byte("base_url: https://example.com/\npublish_feed_type: xml\n"), 0o644)
	code, out, errOut = run(t, dir, "publish", "--json", dest)
	rep = decodeReport(t, out)
	want := []string{"atom.xml", "rss.xml", "tags/go/atom.xml", "tags/go/rss.xml"}
	if code != 0 || !slices.Equal(rep.Updated, want) || len(rep.Uploaded) != 0 {
		t.Fatalf("publish_feed_type: xml: exit %d: %+v\n%s", code, rep, errOut)
	}
	for _, a := range rep.Actions {
		if a.Key == "atom.xml" && (a.Was.ContentType != "application/atom+xml; charset=utf-8" || a.Headers.ContentType != "application/xml; charset=utf-8" ||
			a.Reason != "headers changed: Content-Type") {
			t.Errorf("atom.xml: %+v", a)
		}
	}
	for key, ctype := range map[string]string{"rss.xml": "application/xml; charset=utf-8", "tags/go/atom.xml": "application/xml; charset=utf-8",
		"feed.json": "application/feed+json; charset=utf-8", "index.html": "text/html; charset=utf-8"} {
		if a, err := b.Attributes(ctx, key); err != nil || a.ContentType != ctype {
			t.Errorf("%s: %v, %v; want %s", key, a, err, ctype)
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
