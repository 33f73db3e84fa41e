package publish

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/testfiles"
)

// files lists the regular files below dir, slash-separated.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			rel, _ := filepath.Rel(dir, p)
			names = append(names, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(names)
	return names
}

// TestFolder publishes to a folder as file:// does: the files arrive
// byte for byte and nothing else (no hidden file, no temporary file, no
// record of headers); a folder keeps no headers, so a change of them
// uploads nothing; --delete removes stale files and the folders they
// leave empty, but never hidden files.
func TestFolder(t *testing.T) {
	dir := site(t, output)
	root := t.TempDir()
	testfiles.Write(t, root, map[string]string{".htaccess": "keep", ".well-known/security.txt": "keep",
		"stale.xml": "old", "tags/gone/atom.xml": "old"})
	b := folder{root: root}
	pub := func(edit func(*Options)) (*Report, error) {
		return publish(t, b, dir, &recorder{}, func(o *Options) {
			o.Prefix = ""
			if edit != nil {
				edit(o)
			}
		})
	}
	rep, err := pub(nil)
	if err != nil || rep.Uploaded != 8 {
		t.Fatalf("first publish: %v, %d uploaded", err, rep.Uploaded)
	}
	want := []string{".htaccess", ".well-known/security.txt", "archive/atom/1.xml", "archive/atom/2.xml", "atom.xml", "feed.xsl",
		"index.html", "rss.xml", "stale.xml", "tags/go/atom.xml", "tags/go/index.html", "tags/gone/atom.xml"}
	if got := files(t, root); !slices.Equal(got, want) {
		t.Errorf("the folder holds %v\nwant %v", got, want)
	}
	for name, data := range output {
		if !strings.HasPrefix(name, ".") && read(t, b, name) != data {
			t.Errorf("%s = %q, want %q", name, read(t, b, name), data)
		}
	}
	if st, err := os.Stat(filepath.Join(root, "atom.xml")); err != nil || st.Mode().Perm() != 0o644 {
		t.Errorf("atom.xml: %v, %v; want mode 0644", st.Mode(), err)
	}

	headers := func(o *Options) {
		o.Classify = func(name string) (Stage, string, string) {
			s, _, _ := classify(name)
			return s, "text/plain", "no-store"
		}
	}
	if rep, err := pub(headers); err != nil || rep.Uploaded+rep.Updated != 0 || rep.Skipped != 8 {
		t.Errorf("new headers on a folder: %v, %d uploaded, %d updated, %d skipped; want 0, 0, 8", err, rep.Uploaded, rep.Updated, rep.Skipped)
	}
	os.WriteFile(filepath.Join(dir, "atom.xml"), []byte("<feed>edited</feed>"), 0o644)
	if rep, err := pub(nil); err != nil || rep.Uploaded != 1 || read(t, b, "atom.xml") != "<feed>edited</feed>" {
		t.Errorf("one edit: %v, %d uploaded", err, rep.Uploaded)
	}

	rep, err = pub(func(o *Options) { o.Delete = true })
	if err != nil || rep.Deleted != 2 {
		t.Fatalf("--delete: %v, %d deleted, want 2", err, rep.Deleted)
	}
	want = slices.DeleteFunc(want, func(n string) bool { return n == "stale.xml" || n == "tags/gone/atom.xml" })
	if got := files(t, root); !slices.Equal(got, want) {
		t.Errorf("after --delete the folder holds %v\nwant %v", got, want)
	}
	if _, err := os.Stat(filepath.Join(root, "tags", "gone")); !os.IsNotExist(err) {
		t.Errorf("the emptied folder tags/gone is still there: %v", err)
	}
}

// TestFolderInTheWay: a file where a folder must go fails the upload,
// which is not retried.
func TestFolderInTheWay(t *testing.T) {
	dir := site(t, output)
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "tags"), []byte("in the way"), 0o644)
	_, err := publish(t, folder{root: root}, dir, &recorder{}, func(o *Options) { o.Prefix, o.Attempts, o.Jobs = "", 3, 1 })
	if err == nil || !strings.Contains(err.Error(), "upload tags/go/atom.xml: mkdir "+filepath.Join(root, "tags")) {
		t.Fatalf("error: %v", err)
	}
	if names := files(t, root); slices.ContainsFunc(names, func(n string) bool { return strings.Contains(n, tempPrefix) }) {
		t.Errorf("a temporary file was left: %v", names)
	}
}

// TestCheckFolder: what stops publishing to a file:// URL, said before
// anything is built.
func TestCheckFolder(t *testing.T) {
	root := t.TempDir()
	missing := filepath.Join(root, "missing", "folder")
	file := filepath.Join(root, "file")
	os.WriteFile(file, nil, 0o644)
	for _, tt := range []struct {
		dest string
		kind diag.Kind
		msg  string
	}{
		{"file://" + filepath.ToSlash(root), 0, ""},
		{"file://" + filepath.ToSlash(missing), diag.Settings,
			"the folder " + missing + " to publish to does not exist — create it (mkdir -p " + missing + ") or correct the file:// URL"},
		{"file://" + filepath.ToSlash(file), diag.Settings, file + ", where file:// publishes, is a file, not a folder — name a folder in the file:// URL"},
		{"file://public", diag.Usage, "file://public names a folder on another machine — write an absolute path after file://, such as file:///srv/www/feeds"},
		{"file://" + filepath.ToSlash(root) + "?create_dir=true", diag.Usage, "file://" + filepath.ToSlash(root) + " takes no settings after ? — remove ?create_dir=true"},
		{"ftp://example.com/feeds?secret=1", diag.Usage,
			`"ftp://example.com/feeds" is not a destination feedpub knows — write s3://bucket/prefix, gs://bucket/prefix, azblob://container/prefix or file:///path`},
	} {
		err := Check(tt.dest)
		if tt.msg == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.dest, err)
			}
			continue
		}
		p := diag.Problems(err)
		if len(p) != 1 || p[0].Kind != tt.kind || p[0].Error() != tt.msg {
			t.Errorf("%s:\n got %v (%v)\nwant %s (%v)", tt.dest, err, p, tt.msg, tt.kind)
		}
	}
}
