package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPublishRefusesLoopback checks that publishing under a base_url on
// this computer exits 2 before anything is built or uploaded, saying
// where base_url was set and how to set the real one.
func TestPublishRefusesLoopback(t *testing.T) {
	const how = " — set base_url to the site's address in feedpub.yaml, or run with --base-url https://example.com/\n"
	tests := []struct {
		name     string
		settings string // feedpub.yaml, if any
		args     []string
		want     string // all of stderr
	}{
		{"the default", "", []string{"publish", "DEST"},
			"feedpub: cannot publish with the built-in base_url http://localhost:8080/: every link in the feeds would point at this computer" + how},
		{"a dry run", "", []string{"publish", "--dry-run", "--json", "DEST"},
			"feedpub: cannot publish with the built-in base_url http://localhost:8080/: every link in the feeds would point at this computer" + how},
		{"the settings file", "title: Mine\nbase_url: http://127.0.0.1:8080/blog/\n", []string{"publish", "DEST"},
			"feedpub.yaml:2:1: cannot publish with base_url http://127.0.0.1:8080/blog/: every link in the feeds would point at this computer" + how},
		{"a flag", "base_url: https://example.com/\n", []string{"publish", "--base-url", "http://[::1]:1313/", "DEST"},
			"feedpub: --base-url: cannot publish with base_url http://[::1]:1313/: every link in the feeds would point at this computer" + how},
		{"a .localhost name", "", []string{"publish", "--base-url", "http://news.localhost/", "DEST"},
			"feedpub: --base-url: cannot publish with base_url http://news.localhost/: every link in the feeds would point at this computer" + how},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := site(t, map[string]string{"a.md": good})
			if tt.settings != "" {
				os.WriteFile(filepath.Join(dir, "feedpub.yaml"), []byte(tt.settings), 0o644)
			}
			bucket := t.TempDir()
			args := append([]string(nil), tt.args...)
			args[len(args)-1] = "file://" + filepath.ToSlash(bucket)
			code, out, errOut := run(t, dir, args...)
			if code != 2 || out != "" || errOut != tt.want {
				t.Errorf("exit %d, stdout %q, stderr\n%s\nwant exit 2, nothing on stdout, stderr\n%s", code, out, errOut, tt.want)
			}
			if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
				t.Error("a refused publish built into the output folder")
			}
			if _, err := os.Stat(filepath.Join(dir, ".feedpub-cache")); err == nil {
				t.Error("a refused publish wrote the cache")
			}
			if entries, _ := os.ReadDir(bucket); len(entries) != 0 {
				t.Errorf("a refused publish wrote %d entries to the destination", len(entries))
			}
		})
	}
	// A real address publishes.
	dir := site(t, map[string]string{"a.md": good})
	bucket := t.TempDir()
	if code, _, errOut := run(t, dir, "publish", "--base-url", "https://example.com/", "file://"+filepath.ToSlash(bucket)); code != 0 {
		t.Fatalf("a real base_url: exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(bucket, "atom.xml")); err != nil {
		t.Errorf("a real base_url published nothing: %v", err)
	}
}

// TestDefaultBaseURLNotice checks that a build under the built-in
// base_url says once where its links point, and that nothing else does.
func TestDefaultBaseURLNotice(t *testing.T) {
	const notice = "feedpub: the feeds' links point at http://localhost:8080/, the built-in base_url, which works on this computer only — set your site's address as base_url in feedpub.yaml, or run with --base-url https://example.com/\n"
	tests := []struct {
		name     string
		settings string
		args     []string
		want     int // times the notice is printed
	}{
		{"the default", "", nil, 1},
		{"build", "title: Mine\n", []string{"build"}, 1},
		{"nothing changed since", "", []string{"build", "--limit", "20"}, 1},
		{"quiet", "", []string{"--quiet"}, 0},
		{"the settings file", "base_url: https://example.com/\n", nil, 0},
		{"the settings file, on this computer", "base_url: http://localhost:8080/\n", nil, 0},
		{"a flag", "", []string{"--base-url", "https://example.com/news/"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := site(t, map[string]string{"a.md": good})
			if tt.settings != "" {
				os.WriteFile(filepath.Join(dir, "feedpub.yaml"), []byte(tt.settings), 0o644)
			}
			if tt.name == "nothing changed since" {
				run(t, dir)
			}
			code, _, errOut := run(t, dir, tt.args...)
			if code != 0 || strings.Count(errOut, notice) != tt.want || strings.Count(errOut, "localhost") != tt.want {
				t.Errorf("exit %d, the notice %d times, want %d:\n%s", code, strings.Count(errOut, notice), tt.want, errOut)
			}
		})
	}
	// A failed build says what failed, and nothing of links.
	dir := site(t, map[string]string{"a.md": "---\ntitle: [\n---\n"})
	if code, _, errOut := run(t, dir); code != 1 || strings.Contains(errOut, "base_url") {
		t.Errorf("a failed build: exit %d:\n%s", code, errOut)
	}
}
