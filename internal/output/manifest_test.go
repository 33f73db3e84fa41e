package output

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestManifestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	if names, err := ReadManifest(dir); names != nil || err != nil {
		t.Fatalf("no manifest: got %q, %v; want nil, nil", names, err)
	}
	if err := WriteManifest(dir, []Entry{{"tags/go/rss.xml", "family-feed:rss"}, {"atom.xml", ""}, {"atom.xml", "main-feed:atom"}}); err != nil {
		t.Fatal(err)
	}
	names, err := ReadManifest(dir)
	if err != nil || !slices.Equal(names, []string{"atom.xml", "tags/go/rss.xml"}) {
		t.Errorf("got %q, %v; want the names sorted, each once", names, err)
	}
	entries, err := ReadManifestEntries(dir)
	if want := []Entry{{"atom.xml", "main-feed:atom"}, {"tags/go/rss.xml", "family-feed:rss"}}; err != nil || !slices.Equal(entries, want) {
		t.Errorf("got %q, %v; want %q: each name's last kind", entries, err, want)
	}
	if err := WriteManifest(dir, nil); err != nil {
		t.Fatal(err)
	}
	if names, err := ReadManifest(dir); names == nil || len(names) != 0 || err != nil {
		t.Errorf("an empty manifest: got %#v, %v; want an empty list", names, err)
	}
	for _, bad := range []Entry{{"a\nb", ""}, {"", "main-feed:rss"}, {"a", "main feed"}, {"a", "-"}, {"a", "x\n"}} {
		if err := WriteManifest(dir, []Entry{bad}); err == nil {
			t.Errorf("%q was listed", bad)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the folder, want the manifest alone", len(entries))
	}

	for _, bad := range []string{"rss.xml\n", manifestHeader + "\natom.xml", manifestHeader + "\natom.xml\n", manifestHeader + "\nmain-feed:atom \n"} {
		os.WriteFile(filepath.Join(dir, ManifestName), []byte(bad), 0o644)
		if _, err := ReadManifest(dir); err == nil || !strings.Contains(err.Error(), "is not a complete feedpub manifest") {
			t.Errorf("%q: got %v, want an error", bad, err)
		}
	}
}

// TestManifestVersions checks that both versions of the manifest are read:
// version 2 with each file's kind, or none ("-"); version 1, which older
// builds wrote, with names alone, whatever spaces they hold.
func TestManifestVersions(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		want       []Entry
	}{
		{"version 1", manifestHeaderV1 + "\natom.xml\ntags/go/index.xml\ntags/my tag/rss.xml\n",
			[]Entry{{"atom.xml", ""}, {"tags/go/index.xml", ""}, {"tags/my tag/rss.xml", ""}}},
		{"version 1, empty", manifestHeaderV1 + "\n", []Entry{}},
		{"version 2", manifestHeader + "\nmain-feed:atom atom.xml\nfamily-feed:rss tags/go/index.xml\n- tags/my tag/rss.xml\n",
			[]Entry{{"atom.xml", "main-feed:atom"}, {"tags/go/index.xml", "family-feed:rss"}, {"tags/my tag/rss.xml", ""}}},
		{"version 2, a kind this feedpub does not know", manifestHeader + "\nnew-kind:x a.x\n", []Entry{{"a.x", "new-kind:x"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, ManifestName), []byte(tc.data), 0o644)
			got, err := ReadManifestEntries(dir)
			if err != nil || !slices.Equal(got, tc.want) {
				t.Errorf("got %q, %v; want %q", got, err, tc.want)
			}
			// Written again, it is version 2 and lists the same.
			if err := WriteManifest(dir, got); err != nil {
				t.Fatal(err)
			}
			data, _ := os.ReadFile(filepath.Join(dir, ManifestName))
			if again, err := ReadManifestEntries(dir); !strings.HasPrefix(string(data), manifestHeader+"\n") || err != nil || !slices.Equal(again, tc.want) {
				t.Errorf("written again:\n%s\nreads as %q, %v", data, again, err)
			}
		})
	}
}

// TestEntries checks that a file's kind goes into its manifest entry.
func TestEntries(t *testing.T) {
	got := Entries([]File{{Name: "rss.xml", Kind: "main-feed:rss"}, {Name: "robots.txt"}})
	if want := []Entry{{"rss.xml", "main-feed:rss"}, {"robots.txt", ""}}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestStaleAndRemove(t *testing.T) {
	tests := []struct {
		name        string
		disk        []string // files on disk before
		old, keep   []string // the old manifest, the new build's files
		wantStale   []string
		wantPresent int
		wantLeft    []string // files and folders left, besides keep
	}{
		{
			name: "a gone tag's folder goes",
			disk: []string{"rss.xml", "tags/go/rss.xml", "tags/go/index.html", "tags/js/rss.xml"},
			old:  []string{"rss.xml", "tags/go/index.html", "tags/go/rss.xml", "tags/js/rss.xml"},
			keep: []string{"rss.xml", "tags/js/rss.xml"}, wantStale: []string{"tags/go/index.html", "tags/go/rss.xml"},
			wantPresent: 4,
		},
		{
			name: "nested folders emptied go, the output folder stays",
			disk: []string{"archive/rss/1.xml", "archive/rss/2.xml"},
			old:  []string{"archive/rss/1.xml", "archive/rss/2.xml"},
			keep: nil, wantStale: []string{"archive/rss/1.xml", "archive/rss/2.xml"}, wantPresent: 2,
		},
		{
			name: "a file feedpub did not write stays, and so does its folder",
			disk: []string{"tags/go/rss.xml", "tags/go/notes.txt", "robots.txt"},
			old:  []string{"tags/go/rss.xml"},
			keep: nil, wantStale: []string{"tags/go/rss.xml"}, wantPresent: 1,
			wantLeft: []string{"robots.txt", "tags", "tags/go", "tags/go/notes.txt"},
		},
		{
			name: "listed files already gone are neither stale nor counted",
			disk: []string{"rss.xml"},
			old:  []string{"rss.xml", "tags/go/rss.xml"},
			keep: []string{"rss.xml"}, wantPresent: 1,
		},
		{
			name: "names that cannot be feedpub's are never stale",
			disk: []string{".feedpub.lock", "sub/.hidden", "rss.xml"},
			old:  []string{".feedpub.lock", "sub/.hidden", "../outside", "/etc/passwd", "sub/../rss.xml", "."},
			keep: nil, wantPresent: 0,
			wantLeft: []string{".feedpub.lock", "rss.xml", "sub", "sub/.hidden"},
		},
		{
			name: "a folder where a file was listed is not removed",
			disk: []string{"tags/go/x"},
			old:  []string{"tags/go"},
			keep: nil, wantPresent: 0, wantLeft: []string{"tags", "tags/go", "tags/go/x"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			base := t.TempDir()
			dir := filepath.Join(base, "public")
			os.MkdirAll(dir, 0o755)
			os.WriteFile(filepath.Join(base, "outside"), []byte("x"), 0o644)
			for _, n := range append(slices.Clone(tc.disk), tc.keep...) {
				p := filepath.Join(dir, filepath.FromSlash(n))
				os.MkdirAll(filepath.Dir(p), 0o755)
				os.WriteFile(p, []byte(n), 0o644)
			}
			stale, present, err := Stale(dir, tc.old, tc.keep)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(stale, tc.wantStale) || present != tc.wantPresent {
				t.Errorf("Stale: %q of %d present; want %q of %d", stale, present, tc.wantStale, tc.wantPresent)
			}
			res, err := Remove(dir, stale)
			if err != nil {
				t.Fatal(err)
			}
			if len(res) != len(stale) {
				t.Errorf("removed %d files, want %d", len(res), len(stale))
			}
			for _, r := range res {
				if r.Status != Removed || r.Size == 0 {
					t.Errorf("%s: %s, %d bytes", r.Path, r.Status, r.Size)
				}
			}
			left := map[string]bool{}
			filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
				if rel, _ := filepath.Rel(dir, p); rel != "." {
					left[filepath.ToSlash(rel)] = true
				}
				return nil
			})
			for _, n := range tc.keep {
				for d := n; d != "."; d = filepath.ToSlash(filepath.Dir(d)) {
					delete(left, d)
				}
				if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
					t.Errorf("%s, still written, is gone", n)
				}
			}
			if got := slices.Sorted(maps.Keys(left)); !slices.Equal(got, tc.wantLeft) {
				t.Errorf("left %q, want %q", got, tc.wantLeft)
			}
			if _, err := os.Stat(filepath.Join(base, "outside")); err != nil {
				t.Error("a file outside the output folder was removed")
			}
		})
	}
}

func TestRemoveStaysInside(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "public")
	elsewhere := filepath.Join(base, "elsewhere")
	os.MkdirAll(dir, 0o755)
	os.MkdirAll(filepath.Join(elsewhere, "go"), 0o755)
	os.WriteFile(filepath.Join(elsewhere, "go", "rss.xml"), []byte("not ours"), 0o644)
	os.WriteFile(filepath.Join(elsewhere, "atom.xml"), []byte("not ours"), 0o644)
	// A folder, and a file, that the user replaced with links out of the
	// output folder.
	if err := os.Symlink(elsewhere, filepath.Join(dir, "tags")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	os.Symlink(filepath.Join(elsewhere, "atom.xml"), filepath.Join(dir, "atom.xml"))
	names := []string{"tags/go/rss.xml", "atom.xml"}
	stale, _, _ := Stale(dir, names, nil)
	if len(stale) != 0 {
		t.Errorf("stale through links: %q", stale)
	}
	Remove(dir, names) // it may refuse to look through the link; it must not follow it
	for _, p := range []string{filepath.Join(elsewhere, "go", "rss.xml"), filepath.Join(elsewhere, "atom.xml")} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s, outside the output folder, was removed", p)
		}
	}
}

// TestStaleSameFile checks that a listed name that is now another name
// of a file the build writes (rss.xml once rss_file is RSS.xml, on a file
// system that ignores case) is not stale: a hard link stands in for such
// a file system.
func TestStaleSameFile(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "RSS.xml"), []byte("new"), 0o644)
	if err := os.Link(filepath.Join(dir, "RSS.xml"), filepath.Join(dir, "rss.xml")); err != nil {
		t.Skip("no hard links here:", err)
	}
	os.WriteFile(filepath.Join(dir, "Atom.xml"), []byte("new"), 0o644)
	os.WriteFile(filepath.Join(dir, "atom.xml"), []byte("old"), 0o644)
	stale, present, err := Stale(dir, []string{"rss.xml", "atom.xml"}, []string{"RSS.xml", "Atom.xml"})
	if err != nil || !slices.Equal(stale, []string{"atom.xml"}) || present != 2 {
		t.Errorf("got %q of %d, %v; want only atom.xml, a file of its own, stale", stale, present, err)
	}
}
