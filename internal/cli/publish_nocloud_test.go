//go:build !withcloud

package cli

import (
	"os"
	"path/filepath"
	"testing"
)

// TestPublishNeedsCloudBuild: without the tag withcloud, publishing to a
// cloud exits 2 before the build, with the command that installs the
// cloud build; the output folder is left as it was.
func TestPublishNeedsCloudBuild(t *testing.T) {
	dir := site(t, map[string]string{"a.md": "---\ntitle: A\ndate: 2024-01-01\n---\nA.\n"})
	if code, _, errOut := run(t, dir); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errOut)
	}
	before := tree(t, filepath.Join(dir, "public"))
	os.WriteFile(filepath.Join(dir, "articles", "b.md"), []byte("---\ntitle: B\ndate: 2024-01-02\n---\nB.\n"), 0o644)
	for _, tt := range []struct {
		args   []string
		scheme string
	}{
		{[]string{"publish", "s3://feeds/news?region=eu-west-1"}, "s3"},
		{[]string{"publish", "--dry-run", "gs://feeds/news"}, "gs"},
		{[]string{"publish", "azblob://feeds"}, "azblob"},
	} {
		code, out, errOut := run(t, dir, tt.args...)
		want := "feedpub: this feedpub publishes to folders (file://) only, not to " + tt.scheme +
			":// — install the build with the clouds: go install -tags withcloud github.com/feedpub/feedpub@latest\n"
		if code != 2 || out != "" || errOut != want {
			t.Errorf("%v: exit %d\nstdout: %s\nstderr: %s\nwant exit 2 and: %s", tt.args, code, out, errOut, want)
		}
		after := tree(t, filepath.Join(dir, "public"))
		if len(after) != len(before) {
			t.Fatalf("%v: the build ran: %d files, then %d", tt.args, len(before), len(after))
		}
		for name, data := range before {
			if string(after[name]) != string(data) {
				t.Errorf("%v: %s changed", tt.args, name)
			}
		}
	}
}
