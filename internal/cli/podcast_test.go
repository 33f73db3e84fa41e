package cli

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// TestPodcastRules builds each case in testdata/podcasts, a show that
// breaks one of Apple's, Spotify's or Podcasting 2.0's rules, and checks
// the exit status and every line feedpub writes to stderr. Run with
// -update to rewrite the want files, then review them.
func TestPodcastRules(t *testing.T) {
	cases, err := os.ReadDir(filepath.Join("testdata", "podcasts"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		name := c.Name()
		t.Run(name, func(t *testing.T) {
			src := filepath.Join("testdata", "podcasts", name)
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
				t.Fatal(err)
			}
			os.Remove(filepath.Join(dir, "want"))
			code, _, stderr := run(t, dir)
			got := "exit " + strconv.Itoa(code) + "\n" + stderr
			wantPath := filepath.Join(src, "want")
			if *update {
				if err := os.WriteFile(wantPath, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(wantPath)
			if err != nil {
				t.Fatalf("%v (run 'go test ./internal/cli -run TestPodcastRules -update')", err)
			}
			if got != string(want) {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
			if code == 0 {
				t.Errorf("a show that breaks a rule was built")
			}
		})
	}
}
