package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/testfiles"
)

// TestExitStatus checks the exit status and the words report gives each
// kind of problem, as docs/guarantees.md documents them.
func TestExitStatus(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		status int
		stderr string
	}{
		{"nothing stopped the run", nil, 0, ""},
		{"articles", diag.List{diag.At("a.md", 3, 7, "bad date", "write YYYY-MM-DD"), diag.At("b.md", 1, 1, "no title", "")}, 1,
			"a.md:3:7: bad date — write YYYY-MM-DD\nb.md:1:1: no title\nfeedpub: 2 problems found; no file was written\n"},
		{"settings in a file", diag.List{diag.Settings.At("feedpub.yaml", 2, 1, "-1 is negative", "use 0")}, 2,
			"feedpub.yaml:2:1: -1 is negative — use 0\n"},
		{"settings from a flag", diag.Settings.New("--limit: -1 is negative", "use 0"), 2,
			"feedpub: --limit: -1 is negative — use 0\n"},
		{"usage", diag.Usage.New("unknown flag: --x", ""), 2,
			"feedpub: unknown flag: --x\nRun 'feedpub --help' for usage.\n"},
		{"usage, wrapped", fmt.Errorf("%w", diag.Usage.New("unknown flag: --x", "")), 2,
			"feedpub: unknown flag: --x\nRun 'feedpub --help' for usage.\n"},
		{"a guard's refusal", diag.Refused.New("the build would drop 3 of the 4 items", "restore them"), 1,
			"feedpub: the build would drop 3 of the 4 items — restore them\nfeedpub: no file was written\n"},
		{"a located refusal", diag.List{diag.Refused.At("a.md", 1, 1, "the id would change", "keep it")}, 1,
			"a.md:1:1: the id would change — keep it\nfeedpub: 1 problem found; no file was written\n"},
		{"a failure", diag.Failed.New("the upload failed", ""), 1, "feedpub: the upload failed\n"},
		{"any other error", errors.New("disk full"), 1, "feedpub: disk full\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			if got := report(tt.err, &stderr); got != tt.status {
				t.Errorf("exit status %d, want %d", got, tt.status)
			}
			if stderr.String() != tt.stderr {
				t.Errorf("stderr\n%s\nwant\n%s", stderr.String(), tt.stderr)
			}
		})
	}
	for k := diag.Content; k <= diag.Failed; k++ {
		if s, ok := exitStatus[k]; !ok || s == exitOK {
			t.Errorf("problems of kind %v have no exit status of their own (%d)", k, s)
		}
	}
}

// elapsed is the build's time on the summary line, which changes from run
// to run.
var elapsed = regexp.MustCompile(`, in [0-9.]+[µnm]?s\n`)

// TestLeftOutReport checks, against the golden files in
// testdata/leftout, what a build prints of the articles it leaves out:
// counts by reason on the summary line, and each named with why on
// stderr when there are few, or under --verbose.
func TestLeftOutReport(t *testing.T) {
	const (
		draft  = "---\ntitle: Draft\ndate: 2024-01-02\ndraft: true\n---\nBody.\n"
		future = "---\ntitle: Future\ndate: 2099-01-01T09:30:00Z\n---\nBody.\n"
	)
	drafts := map[string]string{"good.md": good}
	for i := range 7 {
		drafts[fmt.Sprintf("draft-%d.md", i)] = draft
	}
	tests := []struct {
		name  string
		files map[string]string // in the site's folder
		args  []string
	}{
		{"few", map[string]string{"articles/good.md": good, "articles/draft.md": draft, "articles/future.md": future}, nil},
		{"one", map[string]string{"articles/good.md": good, "articles/draft.md": draft}, nil},
		{"none", map[string]string{"articles/good.md": good}, nil},
		{"many", prefixed("articles/", drafts), nil},
		{"many-verbose", prefixed("articles/", drafts), []string{"build", "-v"}},
		{"many-quiet", prefixed("articles/", drafts), []string{"--quiet"}},
		{"many-dry-run", prefixed("articles/", drafts), []string{"--dry-run"}},
		{"drafts-included", map[string]string{"articles/good.md": good, "articles/draft.md": draft, "articles/future.md": future}, []string{"--drafts"}},
		{"hugo", map[string]string{
			"hugo.toml":                     "baseURL = 'https://example.org/'\ntitle = 'Hugo'\n",
			"content/README.md":             "Notes for editors.\n",
			"content/posts/ok.md":           "---\ntitle: OK\ndate: 2024-01-01\n---\nBody.\n",
			"content/posts/draft.md":        "---\ntitle: Draft\ndate: 2024-01-01\ndraft: true\n---\nBody.\n",
			"content/posts/future.md":       "---\ntitle: Future\ndate: 2099-01-01T09:30:00Z\n---\nBody.\n",
			"content/posts/expired.md":      "---\ntitle: Old\ndate: 2024-01-01\nexpiryDate: 2024-06-01\n---\n",
			"content/posts/hidden/index.md": "---\ntitle: Hidden\ndate: 2024-01-01\nheadless: true\n---\n",
		}, []string{"build", "--no-cache"}},
		{"jekyll", map[string]string{
			"_config.yml":                    "title: Jekyll\nurl: https://example.org\nplugins: [jekyll-feed]\n",
			"_posts/2024-01-01-ok.md":        "---\ntitle: OK\n---\nBody.\n",
			"_posts/2024-01-02-unpub.md":     "---\ntitle: Unpublished\npublished: false\n---\nBody.\n",
			"_posts/2099-01-01-future.md":    "---\ntitle: Future\n---\nBody.\n",
			"_drafts/a-draft.md":             "---\ntitle: A draft\ndate: 2024-01-03\n---\nBody.\n",
			"_posts/2024-01-04-also-ok.md":   "---\ntitle: Also OK\n---\nBody.\n",
			"_posts/2024-01-05-unpub-too.md": "---\ntitle: Unpublished too\npublished: false\n---\nBody.\n",
		}, []string{"build", "--no-cache"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			testfiles.Write(t, dir, tt.files)
			args := tt.args
			if _, site := tt.files["articles/good.md"]; site {
				args = append(slices.Clone(args), "--base-url", "https://example.org/")
			}
			code, stdout, stderr := run(t, dir, args...)
			// The files are other tests' concern: the counts are this one's.
			var summary strings.Builder
			for line := range strings.Lines(elapsed.ReplaceAllString(stdout, ", in T\n")) {
				if !strings.HasPrefix(line, "wrote ") && !strings.HasPrefix(line, "would write ") {
					summary.WriteString(line)
				}
			}
			got := fmt.Sprintf("exit %d\n-- stdout\n%s-- stderr\n%s", code, summary.String(), stderr)
			wantPath := filepath.Join("testdata", "leftout", tt.name+".txt")
			if *update {
				os.MkdirAll(filepath.Dir(wantPath), 0o755)
				if err := os.WriteFile(wantPath, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(wantPath)
			if err != nil {
				t.Fatalf("%v (run 'go test ./internal/cli -run TestLeftOutReport -update')", err)
			}
			if got != string(want) {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// prefixed is files with each name below dir.
func prefixed(dir string, files map[string]string) map[string]string {
	out := map[string]string{}
	for name, text := range files {
		out[dir+name] = text
	}
	return out
}

// TestPlural checks the counts messages are made of.
func TestPlural(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string
	}{{0, "0 files"}, {1, "1 file"}, {2, "2 files"}, {1000, "1000 files"}} {
		if got := plural(tt.n, "file", "files"); got != tt.want {
			t.Errorf("plural(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

// TestReportSumsPages: a build names each feed and page of the site on a
// line of its own, but sums up the article pages and the local files they
// reference in one line, which --verbose replaces with a line for each;
// removed files are named each.
func TestReportSumsPages(t *testing.T) {
	dir := site(t, map[string]string{
		"a.md":          "---\ntitle: A\ndate: 2024-01-01\n---\n![x](pic.png)\n",
		"b.md":          "---\ntitle: B\ndate: 2024-01-02\n---\nB.\n",
		"pic.png":       "not really a picture",
		"nested/c/c.md": "---\ntitle: C\ndate: 2024-01-03\n---\nC.\n",
	})
	code, out, errOut := run(t, dir, "--no-cache")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	pageLine := regexp.MustCompile(`(?m)^wrote     3 article pages and 1 local file they reference \(\d+ bytes; --verbose names each\)$`)
	if !pageLine.MatchString(out) || strings.Contains(out, "a/index.html") || !strings.Contains(out, "wrote     public/atom.xml (") {
		t.Errorf("the report does not sum up the pages alone:\n%s", out)
	}
	os.Remove(filepath.Join(dir, "articles", "b.md"))
	code, out, errOut = run(t, dir, "--no-cache", "-v")
	if code != 0 {
		t.Fatalf("-v: exit %d: %s", code, errOut)
	}
	for _, want := range []string{"removed   public/b/index.html (", "wrote     public/atom.xml ("} {
		if !strings.Contains(out, want) {
			t.Errorf("-v does not name %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "--verbose names each") {
		t.Errorf("-v still sums up:\n%s", out)
	}
	os.Remove(filepath.Join(dir, "articles", "a.md"))
	code, out, _ = run(t, dir, "--no-cache")
	for _, want := range []string{"removed   public/a/index.html (", "removed   public/a/pic.png ("} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("exit %d; the report does not name %q:\n%s", code, want, out)
		}
	}
}
