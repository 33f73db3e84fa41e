package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"

	"github.com/feedpub/feedpub/internal/output"
)

// TestStaleFiles builds a site, changes it, builds again and checks which
// files the second build removed, kept and reported.
func TestStaleFiles(t *testing.T) {
	tagged := map[string]string{
		"a.md": article("A", "2024-01-01", "tags: [go]"),
		"b.md": article("B", "2024-01-02", "tags: [js]"),
		"c.md": article("C", "2024-01-03", "tags: [go]"),
	}
	archived := map[string]string{}
	for i, n := range []string{"a", "b", "c", "d", "e"} {
		archived[n+".md"] = article(strings.ToUpper(n), "2024-01-0"+string(rune('1'+i)))
	}
	jsFeeds := []string{"tags/js/rss.xml", "tags/js/atom.xml", "tags/js/feed.json", "tags/js/index.html"}
	retag := func(t *testing.T, dir string) { // b.md moves from js to go: the js feeds are stale
		write(t, dir, "articles/b.md", article("B", "2024-01-02", "tags: [go]"))
	}
	tests := []struct {
		name     string
		articles map[string]string
		settings string                         // feedpub.yaml
		before   func(t *testing.T, dir string) // after the first build
		change   func(t *testing.T, dir string) // before the second
		args     []string                       // the second build's
		wantCode int
		wantOut  []string
		wantErr  []string
		gone     []string          // below public
		kept     []string          // below public
		items    map[string]int    // feeds below public, and how many items gofeed finds in each
		files    map[string]string // files below public, and what they hold
		feedURL  map[string]string // feeds below public, and the address of the feed gofeed finds in each
		kinds    map[string]string // files below public, and their kinds in the manifest
	}{
		{
			name: "a tag that disappears takes its folder along", articles: tagged, change: retag,
			wantOut: []string{"removed   public/tags/js/atom.xml (", "removed   public/tags/js/rss.xml (",
				"10 files in public: ", " 4 removed\n"},
			gone: append(slices.Clone(jsFeeds), "tags/js"), kept: []string{"tags/go/index.html"},
			items: map[string]int{"tags/go/atom.xml": 3, "tags/go/rss.xml": 3, "tags/go/feed.json": 3, "atom.xml": 3},
		},
		{
			name: "a shrinking archive loses its last documents", articles: archived,
			settings: "limit: 1\narchive_size: 2\n",
			change: func(t *testing.T, dir string) {
				os.Remove(filepath.Join(dir, "articles", "a.md"))
				os.Remove(filepath.Join(dir, "articles", "b.md"))
			},
			wantOut: []string{"removed   public/archive/rss/3.xml (", "12 files in public: ", " 3 removed\n"},
			gone:    []string{"archive/rss/3.xml", "archive/atom/3.xml", "archive/json/3.json"},
			items:   map[string]int{"archive/atom/1.xml": 2, "archive/rss/2.xml": 0, "archive/json/1.json": 2, "rss.xml": 1},
		},
		{
			name: "files the user put in the output folder stay", articles: tagged,
			before: func(t *testing.T, dir string) {
				write(t, dir, "public/robots.txt", "User-agent: *\n")
				write(t, dir, "public/tags/js/notes.txt", "mine\n")
			},
			change:  retag,
			wantOut: []string{" 4 removed\n"},
			gone:    jsFeeds, kept: []string{"robots.txt", "tags/js/notes.txt"},
		},
		{
			name: "without a manifest nothing is removed", articles: tagged,
			before: func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, "public", output.ManifestName)) },
			change: retag, wantOut: []string{"10 files in public: 8 written, 2 unchanged, 0 removed\n"},
			kept: jsFeeds,
		},
		{
			name: "a damaged manifest removes nothing, and is replaced", articles: tagged,
			before: func(t *testing.T, dir string) { write(t, dir, "public/"+output.ManifestName, "tags/js/rss.xml\n") },
			change: retag, wantOut: []string{" 0 removed\n"},
			wantErr: []string{"feedpub: public/.feedpub-manifest is not a complete feedpub manifest; no stale file is removed this time"},
			kept:    jsFeeds,
		},
		{
			name: "a renamed feed file stops the build", articles: tagged,
			change: func(t *testing.T, dir string) {
				write(t, dir, "feedpub.yaml", "article_pages: false\nrss_file: index.rss\n")
			},
			wantCode: 1,
			wantErr: []string{"feedpub.yaml:2:1: the build would remove rss.xml, the RSS feed an earlier build published " +
				"(and 2 family feeds with it), as rss_file is now index.rss: its subscribers would get \"not found\" and never learn the new address — " +
				"if the feed is retired on purpose, run again with --force; otherwise add 'moved: {rss.xml: index.rss}' to feedpub.yaml " +
				"to leave a redirect that readers follow\n",
				"no file was written"},
			kept: []string{"rss.xml", "tags/go/rss.xml", "tags/js/rss.xml"},
		},
		{
			name: "a renamed feed file with --force is stale", articles: tagged,
			change: func(t *testing.T, dir string) {
				write(t, dir, "feedpub.yaml", "article_pages: false\nrss_file: index.rss\n")
			},
			args:    []string{"--force"},
			wantOut: []string{"removed   public/rss.xml (", "removed   public/tags/go/rss.xml (", " 3 removed\n"},
			gone:    []string{"rss.xml", "tags/go/rss.xml", "tags/js/rss.xml"},
			items:   map[string]int{"index.rss": 3, "tags/js/index.rss": 1},
		},
		{
			name: "a moved feed leaves redirects", articles: tagged,
			change: func(t *testing.T, dir string) {
				write(t, dir, "feedpub.yaml", "article_pages: false\nrss_file: index.rss\natom_file: feed.atom\njson_file: feed.jsonfeed\n"+
					"moved: {rss.xml: index.rss, atom.xml: feed.atom, feed.json: 'https://feeds.example.org/news.json',\n"+
					"  tags/go/feed.json: tags/go/feed.jsonfeed, tags/js/feed.json: tags/js/feed.jsonfeed}\n")
			},
			wantOut: []string{"wrote     public/rss.xml (", "wrote     public/tags/go/rss.xml (", "wrote     public/tags/js/atom.xml (",
				"wrote     public/_redirects (", " 0 removed\n"},
			kept:  []string{"tags/go/index.rss", "tags/go/feed.atom"},
			items: map[string]int{"index.rss": 3, "tags/js/feed.atom": 1, "atom.xml": 1, "tags/go/atom.xml": 1, "feed.json": 1, "rss.xml": 1, "tags/js/rss.xml": 1},
			files: map[string]string{
				"_redirects": "/atom.xml /feed.atom 301\n/feed.json https://feeds.example.org/news.json 301\n/rss.xml /index.rss 301\n" +
					"/tags/go/atom.xml /tags/go/feed.atom 301\n/tags/go/feed.json /tags/go/feed.jsonfeed 301\n/tags/go/rss.xml /tags/go/index.rss 301\n" +
					"/tags/js/atom.xml /tags/js/feed.atom 301\n/tags/js/feed.json /tags/js/feed.jsonfeed 301\n/tags/js/rss.xml /tags/js/index.rss 301\n",
			},
			feedURL: map[string]string{"atom.xml": "http://localhost:8080/feed.atom", "tags/go/atom.xml": "http://localhost:8080/tags/go/feed.atom",
				"rss.xml": "http://localhost:8080/index.rss", "tags/js/rss.xml": "http://localhost:8080/tags/js/index.rss",
				"feed.json": "https://feeds.example.org/news.json"},
			kinds: map[string]string{"rss.xml": "redirect:rss", "atom.xml": "redirect:atom", "feed.json": "redirect:json", "_redirects": "redirects"},
		},
		{
			name: "a mass removal needs --force", articles: tagged,
			change: func(t *testing.T, dir string) {
				write(t, dir, "feedpub.yaml", "article_pages: false\ntag_feeds: false\n")
			},
			wantCode: 1,
			wantErr: []string{"feedpub: the build would remove 8 of the 14 files published in public (57%; max_drop allows 50%): " +
				"tags/go/atom.xml, tags/go/feed.json, tags/go/index.html, tags/go/rss.xml, tags/js/atom.xml, and 3 more — " +
				"if those feeds were retired on purpose, run again with --force; otherwise restore the articles or settings that made them",
				"feedpub: no file was written"},
			kept: append(slices.Clone(jsFeeds), "tags/go/rss.xml"),
		},
		{
			name: "a mass removal with --force", articles: tagged,
			change: func(t *testing.T, dir string) {
				write(t, dir, "feedpub.yaml", "article_pages: false\ntag_feeds: false\n")
			},
			args: []string{"--force"}, wantOut: []string{"6 files in public: ", " 8 removed\n"},
			gone: append(slices.Clone(jsFeeds), "tags/go/rss.xml", "tags"),
		},
		{
			name: "a build with a bad article removes nothing", articles: tagged,
			change: func(t *testing.T, dir string) {
				retag(t, dir)
				write(t, dir, "articles/bad.md", "---\ntitle: Bad\n---\n")
			},
			wantCode: 1, wantErr: []string{"no file was written"},
			kept: jsFeeds,
		},
		{
			name: "a build that fails to write removes nothing", articles: tagged,
			change: func(t *testing.T, dir string) {
				retag(t, dir)
				write(t, dir, "articles/d.md", article("D", "2024-01-04", "tags: [rust]"))
				write(t, dir, "public/tags/rust", "a file where the build needs a folder\n")
			},
			wantCode: 1, wantErr: []string{"public/tags/rust"},
			kept: jsFeeds,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := site(t, tc.articles)
			// These cases are about feeds and their folders; the stale
			// pages of deleted articles are tested in internal/pipeline.
			write(t, dir, "feedpub.yaml", "article_pages: false\n"+tc.settings)
			if code, _, errOut := run(t, dir); code != 0 {
				t.Fatalf("first build: exit %d: %s", code, errOut)
			}
			if tc.before != nil {
				tc.before(t, dir)
			}
			manifest, _ := os.ReadFile(filepath.Join(dir, "public", output.ManifestName))
			tc.change(t, dir)
			code, out, errOut := run(t, dir, tc.args...)
			if code != tc.wantCode {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.wantCode, errOut)
			}
			for _, w := range tc.wantOut {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tc.wantErr {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
			for _, n := range tc.gone {
				if _, err := os.Lstat(filepath.Join(dir, "public", n)); err == nil {
					t.Errorf("%s is still there", n)
				}
			}
			for _, n := range tc.kept {
				if _, err := os.Lstat(filepath.Join(dir, "public", n)); err != nil {
					t.Errorf("%s is gone", n)
				}
			}
			for n, want := range tc.items {
				data, err := os.ReadFile(filepath.Join(dir, "public", n))
				if err != nil {
					t.Errorf("%s: %v", n, err)
					continue
				}
				if f, err := gofeed.NewParser().ParseString(string(data)); err != nil || len(f.Items) != want {
					t.Errorf("%s: %v items (%v), want %d", n, itemCount(f), err, want)
				}
			}
			for n, want := range tc.files {
				if data, err := os.ReadFile(filepath.Join(dir, "public", n)); err != nil || string(data) != want {
					t.Errorf("%s holds %q (%v), want %q", n, data, err, want)
				}
			}
			for n, want := range tc.feedURL {
				data, _ := os.ReadFile(filepath.Join(dir, "public", n))
				if f, err := gofeed.NewParser().ParseString(string(data)); err != nil || f.FeedLink != want {
					t.Errorf("%s: gofeed finds the feed at %q (%v), want %q", n, feedLink(f), err, want)
				}
			}
			if len(tc.kinds) > 0 {
				entries, _ := output.ReadManifestEntries(filepath.Join(dir, "public"))
				for n, want := range tc.kinds {
					if i := slices.IndexFunc(entries, func(e output.Entry) bool { return e.Name == n }); i < 0 || entries[i].Kind != want {
						t.Errorf("the manifest does not list %s as %s: %v", n, want, entries)
					}
				}
			}
			after, _ := os.ReadFile(filepath.Join(dir, "public", output.ManifestName))
			if code != 0 && !isSuperset(manifestNames(after), manifestNames(manifest)) {
				t.Errorf("a failed build lost files from the manifest:\nbefore %q\nafter  %q", manifestNames(manifest), manifestNames(after))
			}
			if code == 0 {
				assertManifestListsDisk(t, filepath.Join(dir, "public"), tc.kept)
			}
		})
	}
}

// TestStaleAfterFailure checks that a build after a failed one removes
// what the failed one would have: the manifest it left still names the
// old files.
func TestStaleAfterFailure(t *testing.T) {
	dir := site(t, map[string]string{"a.md": article("A", "2024-01-01", "tags: [go]"), "b.md": article("B", "2024-01-02", "tags: [js]")})
	if code, _, errOut := run(t, dir); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	write(t, dir, "articles/b.md", article("B", "2024-01-02", "tags: [rust]"))
	write(t, dir, "public/tags/rust", "in the way\n")
	if code, _, _ := run(t, dir); code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	os.Remove(filepath.Join(dir, "public", "tags", "rust"))
	code, out, errOut := run(t, dir)
	if code != 0 || !strings.Contains(out, " 4 removed\n") {
		t.Fatalf("exit %d: %s\n%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "tags", "js")); err == nil {
		t.Error("the js feeds outlived the build after the failed one")
	}
	assertManifestListsDisk(t, filepath.Join(dir, "public"), nil)
}

// TestUnchangedKeepsManifest checks that a build that finds nothing
// changed keeps the manifest, and that one with the manifest missing
// writes it again.
func TestUnchangedKeepsManifest(t *testing.T) {
	dir := site(t, map[string]string{"a.md": article("A", "2024-01-01", "tags: [go]")})
	manifest := filepath.Join(dir, "public", output.ManifestName)
	if code, _, errOut := run(t, dir); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	first, _ := os.ReadFile(manifest)
	code, out, _ := run(t, dir)
	if now, _ := os.ReadFile(manifest); code != 0 || !strings.Contains(out, "(0 read, the rest unchanged)") || string(now) != string(first) {
		t.Errorf("an unchanged build changed the manifest (exit %d):\n%s", code, out)
	}
	os.Remove(manifest)
	code, out, _ = run(t, dir)
	if now, _ := os.ReadFile(manifest); code != 0 || string(now) != string(first) {
		t.Errorf("a build without a manifest did not write it again (exit %d):\n%s", code, out)
	}
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func itemCount(f *gofeed.Feed) int {
	if f == nil {
		return -1
	}
	return len(f.Items)
}

// manifestNames are the names a manifest's bytes list.
func manifestNames(data []byte) []string {
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) == 0 {
		return nil
	}
	return lines[1:]
}

func isSuperset(a, b []string) bool {
	for _, n := range b {
		if !slices.Contains(a, n) {
			return false
		}
	}
	return true
}

// assertManifestListsDisk checks that the manifest in dir lists exactly
// the files in it, besides hidden ones and those in users (the user's).
func assertManifestListsDisk(t *testing.T, dir string, users []string) {
	t.Helper()
	listed, err := output.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	var disk []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if err == nil && !d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
			if !slices.Contains(users, rel) || slices.Contains(listed, rel) {
				disk = append(disk, rel)
			}
		}
		return nil
	})
	slices.Sort(disk)
	if !slices.Equal(disk, listed) {
		t.Errorf("the manifest lists\n%q\nthe folder holds\n%q", listed, disk)
	}
}

func feedLink(f *gofeed.Feed) string {
	if f == nil {
		return ""
	}
	return f.FeedLink
}
