package guard

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/output"
)

// movedSite is a site whose settings file holds yaml.
func movedSite(t *testing.T, yaml string) *config.Site {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, "feedpub.yaml")
	os.WriteFile(p, []byte(yaml), 0o644)
	s := config.Defaults()
	if err := s.Load(p); err != nil {
		t.Fatal(err)
	}
	site, err := s.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	return site
}

func TestMoves(t *testing.T) {
	published := []output.Entry{
		{Name: "rss.xml", Kind: "main-feed:rss"}, {Name: "atom.xml", Kind: "main-feed:atom"},
		{Name: "tags/go/rss.xml", Kind: "family-feed:rss"}, {Name: "tags/js/rss.xml", Kind: "family-feed:rss"},
		{Name: "tags/old/rss.xml", Kind: "family-feed:rss"}, {Name: "index.html", Kind: "home-page"},
	}
	build := func(rss string) []output.File {
		return []output.File{
			{Name: rss, Kind: "main-feed:rss"}, {Name: "atom.xml", Kind: "main-feed:atom"},
			{Name: "tags/go/" + rss, Kind: "family-feed:rss"}, {Name: "tags/js/" + rss, Kind: "family-feed:rss"},
		}
	}
	for _, tc := range []struct {
		name     string
		yaml     string
		listed   []output.Entry
		files    []output.File
		force    bool
		wantErr  string
		wantFile []string // the files Moves adds, by name
	}{
		{name: "nothing moved", yaml: "title: T\n", listed: published, files: build("rss.xml")},
		{name: "rss_file renamed", yaml: "title: T\nrss_file: feed.rss\n", listed: published, files: build("feed.rss"),
			wantErr: "feedpub.yaml:2:1: the build would remove rss.xml, the RSS feed an earlier build published (and 2 family feeds with it), " +
				"as rss_file is now feed.rss: its subscribers would get \"not found\" and never learn the new address — " +
				"add 'moved: {rss.xml: feed.rss}' to " + "SETTINGS" + " to leave a redirect that readers follow"},
		{name: "rss_file renamed, forced", yaml: "title: T\nrss_file: feed.rss\n", listed: published, files: build("feed.rss"), force: true},
		{name: "rss_file renamed and moved", yaml: "title: T\nrss_file: feed.rss\nmoved: {rss.xml: feed.rss}\n", listed: published, files: build("feed.rss"),
			wantFile: []string{"rss.xml", "tags/go/rss.xml", "tags/js/rss.xml", "_redirects"}},
		{name: "a family's feed renamed alone", yaml: "title: T\n", listed: published,
			files: append(build("rss.xml")[:3], output.File{Name: "tags/js/index.xml", Kind: "family-feed:rss"}),
			wantErr: "public/tags/js/rss.xml: the build would remove tags/js/rss.xml, family feeds an earlier build published that it now writes " +
				"under other names: their subscribers would get \"not found\" — add each to 'moved', as 'moved: {tags/js/rss.xml: tags/js/index.xml}', " +
				"to leave redirects that readers follow"},
		{name: "moved names a file still written", yaml: "title: T\nmoved: {atom.xml: feed.atom}\n", listed: published, files: build("rss.xml"),
			wantErr: "feedpub.yaml:2:1: atom.xml is still a file this build writes — leave it out of moved"},
		{name: "moved names no feed", yaml: "title: T\nrss_file: feed.rss\nmoved: {rss.xml: fed.rss}\n", listed: published, files: build("feed.rss"),
			wantErr: "feedpub.yaml:3:1: rss.xml: this build writes no feed fed.rss — name the feed's new file, or its absolute URL"},
		{name: "moved before any manifest: the families follow", yaml: "title: T\nrss_file: feed.rss\nmoved: {rss.xml: feed.rss}\n", files: build("feed.rss"),
			wantFile: []string{"rss.xml", "tags/go/rss.xml", "tags/js/rss.xml", "_redirects"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := movedSite(t, tc.yaml)
			site.Output = "public"
			files, err := Moves(site, tc.listed, tc.files, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), tc.force)
			got := ""
			if err != nil {
				got = err.Error()
				// The path of the settings file the test made.
				got = strings.ReplaceAll(got, filepath.Join(filepath.Dir(strings.SplitN(got, ":", 2)[0]), "feedpub.yaml"), "feedpub.yaml")
			}
			want := strings.ReplaceAll(tc.wantErr, "SETTINGS", "feedpub.yaml")
			if got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
			var names []string
			for _, f := range files {
				names = append(names, f.Name)
			}
			if strings.Join(names, " ") != strings.Join(tc.wantFile, " ") {
				t.Errorf("adds %v, want %v", names, tc.wantFile)
			}
		})
	}
}
