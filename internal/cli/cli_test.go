package cli

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/feedpub/feedpub/internal/feedcheck"
	"github.com/feedpub/feedpub/internal/publish"
	"github.com/feedpub/feedpub/internal/testfiles"
)

// site makes a site folder with the given articles and returns its path.
func site(t *testing.T, articles map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	testfiles.Write(t, filepath.Join(dir, "articles"), articles)
	return dir
}

// run runs feedpub in dir and returns its exit status and output.
func run(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	var out, errOut bytes.Buffer
	code := Main(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

const good = "---\ntitle: Good\ndate: 2024-01-01\n---\nBody.\n"

func TestBuildDefault(t *testing.T) {
	dir := site(t, map[string]string{"good.md": good})
	code, out, errOut := run(t, dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"wrote     public/rss.xml", "wrote     public/atom.xml", "wrote     public/feed.json",
		"1 article read, 1 item per feed, in "} {
		if !strings.Contains(out, want) {
			t.Errorf("the output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = run(t, dir, "build")
	if code != 0 || !strings.Contains(out, " 0 written, ") || strings.Contains(out, "wrote") {
		t.Errorf("a second build must leave the files unchanged (exit %d):\n%s", code, out)
	}
}

func TestFlagsAndConfig(t *testing.T) {
	dir := site(t, map[string]string{"a.md": good, "b.md": strings.Replace(good, "Good", "Other", 1)})
	os.WriteFile(filepath.Join(dir, "feedpub.yaml"), []byte("title: From the file\nbase_url: https://file.example/\nlimit: 5\n"), 0o644)
	code, _, errOut := run(t, dir, "--out", "site", "--base-url", "https://flag.example/x/", "--limit", "1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rss, err := os.ReadFile(filepath.Join(dir, "site", "rss.xml"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(rss)
	if !strings.Contains(s, "<title>From the file</title>") || !strings.Contains(s, `href="https://flag.example/x/rss.xml"`) ||
		strings.Count(s, "<item>") != 1 {
		t.Errorf("settings were not merged as defaults < file < flags:\n%s", s)
	}
}

func TestBrokenArticleTouchesNothing(t *testing.T) {
	dir := site(t, map[string]string{"good.md": good})
	if code, _, errOut := run(t, dir); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	before := map[string][]byte{}
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	for _, f := range []string{"rss.xml", "atom.xml", "feed.json"} {
		p := filepath.Join(dir, "public", f)
		before[f], _ = os.ReadFile(p)
		os.Chtimes(p, old, old)
	}
	os.WriteFile(filepath.Join(dir, "articles", "new.md"), []byte("---\ntitle: New\ndate: 2024-01-02\n---\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "articles", "bad.md"), []byte("---\ntitle: Bad\ndate: 2024-13-01\n---\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "articles", "worse.md"), []byte("---\ntitle: [\n---\n"), 0o644)
	code, out, errOut := run(t, dir)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if out != "" {
		t.Errorf("a failed build printed %q", out)
	}
	for _, want := range []string{
		`articles/bad.md:3:7: 'date': "2024-13-01" is not a real date or time (month out of range) — write YYYY-MM-DD`,
		"articles/worse.md:2:8: invalid YAML front matter:",
		"feedpub: 2 problems found; no file was written",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	for f, data := range before {
		p := filepath.Join(dir, "public", f)
		now, _ := os.ReadFile(p)
		st, _ := os.Stat(p)
		if !bytes.Equal(now, data) || !st.ModTime().Equal(old) {
			t.Errorf("%s was touched by a failed build", f)
		}
	}
}

func TestDuplicates(t *testing.T) {
	dir := site(t, map[string]string{
		"a.md":            "---\ntitle: A\ndate: 2024-01-01\n---\n",
		"2024-01-02-a.md": "---\ntitle: B\ndate: 2024-01-02\n---\n",
		"c.md":            "---\ntitle: C\ndate: 2024-01-03\nurl: x/\nid: urn:same\n---\n",
		"d.md":            "---\ntitle: D\ndate: 2024-01-04\nurl: x/\n---\n",
		"e.md":            "---\ntitle: E\ndate: 2024-01-05\nid: urn:same\n---\n",
	})
	code, _, errOut := run(t, dir)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{
		`articles/a.md:1:1: the slug "a" is also articles/2024-01-02-a.md's — give one of them a different 'slug'`,
		`articles/d.md:4:1: the URL http://localhost:8080/x/ is also articles/c.md's — give one of them a different 'url'`,
		`articles/e.md:4:1: the id urn:same is also articles/c.md's — ids must be unique: give one of them a different 'id'`,
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	dir := site(t, map[string]string{"good.md": good})
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--no-such-flag"}, "feedpub: unknown flag: --no-such-flag"},
		{[]string{"--articles", "missing"}, "feedpub: the articles directory missing does not exist; create it or point --articles at yours"},
		{[]string{"--config", "nope.yaml"}, "feedpub: the settings file nope.yaml does not exist"},
		{[]string{"--base-url", "example.com"}, `feedpub: --base-url: "example.com" is not an absolute http or https URL`},
		{[]string{"--limit", "-3"}, "feedpub: --limit: -3 is negative"},
		{[]string{"extra"}, `feedpub: unknown command "extra" for "feedpub"`},
		{[]string{"--dry-run", "--ping"}, "feedpub: --dry-run changes no feed, so a hub has nothing to hear of — leave out --ping\n"},
		{[]string{"publish", "--dry-run", "--ping", "file:///nowhere"}, "feedpub: --dry-run changes no feed, so a hub has nothing to hear of — leave out --ping\n"},
	}
	for _, tt := range tests {
		code, _, errOut := run(t, dir, tt.args...)
		if code != 2 || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tt.args, code, errOut, tt.want)
		}
	}
	os.WriteFile(filepath.Join(dir, "feedpub.yaml"), []byte("titel: x\n"), 0o644)
	code, _, errOut := run(t, dir)
	if code != 2 || !strings.Contains(errOut, `feedpub.yaml:1:1: unknown setting "titel" — did you mean title?`) {
		t.Errorf("unknown settings key: exit %d, %q", code, errOut)
	}
}

func TestVersionAndHelp(t *testing.T) {
	code, out, _ := run(t, t.TempDir(), "build", "--help")
	if code != 0 || !strings.Contains(out, "--base-url URL") || !strings.Contains(out, "--articles DIR") {
		t.Errorf("build --help: %d %q", code, out)
	}
}

// TestVersion prints the module's version and the revision from the
// build information, with Version for a build that has no version.
func TestVersion(t *testing.T) {
	const rev = "9b8d6180a1b2c3d4e5f60718293a4b5c6d7e8f90"
	vcs := []debug.BuildSetting{{Key: "-compiler", Value: "gc"}, {Key: "vcs", Value: "git"},
		{Key: "vcs.revision", Value: rev}, {Key: "vcs.time", Value: "2026-12-07T22:10:00Z"}}
	tests := []struct {
		name string
		info *debug.BuildInfo // nil: none to read
		want string
	}{
		{"no build information", nil, "feedpub " + Version + "\n"},
		{"go run in a checkout", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/feedpub/feedpub", Version: "(devel)"}},
			"feedpub " + Version + "\nbuilt with go1.26.8\n"},
		{"go install of a tag", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/feedpub/feedpub", Version: "v1.2.3"}},
			"feedpub v1.2.3\nbuilt with go1.26.8\n"},
		{"go build in a clean checkout", &debug.BuildInfo{GoVersion: "go1.26.8",
			Main: debug.Module{Version: "v0.0.0-20261207221000-9b8d6180a1b2"}, Settings: append(slices.Clone(vcs), debug.BuildSetting{Key: "vcs.modified", Value: "false"})},
			"feedpub v0.0.0-20261207221000-9b8d6180a1b2\nrevision " + rev + ", committed 2026-12-07T22:10:00Z\nbuilt with go1.26.8\n"},
		{"go build with local changes", &debug.BuildInfo{GoVersion: "go1.26.8",
			Main: debug.Module{Version: "(devel)"}, Settings: append(slices.Clone(vcs), debug.BuildSetting{Key: "vcs.modified", Value: "true"})},
			"feedpub " + Version + "\nrevision " + rev + " (modified), committed 2026-12-07T22:10:00Z\nbuilt with go1.26.8\n"},
	}
	defer func(read func() (*debug.BuildInfo, bool)) { readBuildInfo = read }(readBuildInfo)
	for _, tt := range tests {
		readBuildInfo = func() (*debug.BuildInfo, bool) { return tt.info, tt.info != nil }
		for _, args := range [][]string{{"version"}, {"--version"}} {
			code, out, errOut := run(t, t.TempDir(), args...)
			want := tt.want + "the default build: publishes to file:// only (for s3://, gs:// and azblob://: go install -tags withcloud github.com/feedpub/feedpub@latest)\n"
			if publish.CloudBuild() {
				want = tt.want + "the cloud build: publishes to file://, s3://, gs:// and azblob://\n"
			}
			if code != 0 || out != want || errOut != "" {
				t.Errorf("%s: %v: exit %d, stdout %q, stderr %q; want 0 and %q", tt.name, args, code, out, errOut, want)
			}
		}
	}
}

// TestDidYouMean names the command a mistyped one may have meant.
func TestDidYouMean(t *testing.T) {
	dir := site(t, map[string]string{"good.md": good})
	tests := []struct {
		args   []string
		stderr string
	}{
		{[]string{"biuld"}, "feedpub: unknown command \"biuld\" for \"feedpub\" — did you mean \"build\"?\nRun 'feedpub --help' for usage.\n"},
		{[]string{"sevre", "--drafts"}, "feedpub: unknown command \"sevre\" for \"feedpub\" — did you mean \"serve\"?\nRun 'feedpub --help' for usage.\n"},
		{[]string{"pub"}, "feedpub: unknown command \"pub\" for \"feedpub\" — did you mean \"publish\"?\nRun 'feedpub --help' for usage.\n"},
		{[]string{"zzzzzz"}, "feedpub: unknown command \"zzzzzz\" for \"feedpub\"\nRun 'feedpub --help' for usage.\n"},
		{[]string{"build", "biuld"}, "feedpub: unknown command \"biuld\" for \"feedpub build\"\nRun 'feedpub --help' for usage.\n"},
	}
	for _, tt := range tests {
		code, out, errOut := run(t, dir, tt.args...)
		if code != 2 || out != "" || errOut != tt.stderr {
			t.Errorf("%v: exit %d, stdout %q, stderr\n%s\nwant exit 2 and\n%s", tt.args, code, out, errOut, tt.stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("a mistyped command built the feeds")
	}
}

// TestFlagsPerCommand checks that each command has the flags that act on
// it, and no other, and that its help describes them for what it does.
func TestFlagsPerCommand(t *testing.T) {
	building := []string{"articles", "out", "config", "base-url", "limit", "drafts", "future", "quiet", "verbose",
		"no-cache", "keep-going", "force", "allow-id-change"}
	tests := []struct {
		cmd      []string
		has, not []string
		force    string // what --force's help says it does
	}{
		{nil, append([]string{"dry-run", "ping", "version"}, building...), []string{"publish", "delete", "jobs", "json", "addr"}, "write the files even if"},
		{[]string{"build"}, append([]string{"dry-run", "ping"}, building...), []string{"publish", "delete", "jobs", "json", "addr", "version"}, "write the files even if"},
		{[]string{"serve"}, append([]string{"addr"}, building...), []string{"publish", "delete", "jobs", "json", "dry-run", "ping"}, "rebuild even if"},
		{[]string{"publish"}, append([]string{"delete", "jobs", "json", "dry-run", "ping"}, building...), []string{"publish", "addr"}, "build and publish even if"},
	}
	for _, tt := range tests {
		root := newRoot(io.Discard, io.Discard)
		cmd, _, err := root.Find(tt.cmd)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range tt.has {
			if cmd.Flags().Lookup(name) == nil {
				t.Errorf("%v lacks --%s", tt.cmd, name)
			}
		}
		for _, name := range tt.not {
			if cmd.Flags().Lookup(name) != nil {
				t.Errorf("%v has --%s, which does nothing there", tt.cmd, name)
			}
		}
		if f := cmd.Flags().Lookup("force"); !strings.HasPrefix(f.Usage, tt.force) {
			t.Errorf("%v --force: %q; want it to begin %q", tt.cmd, f.Usage, tt.force)
		}
		if tt.cmd != nil && tt.cmd[0] == "serve" {
			for _, name := range []string{"force", "allow-id-change"} {
				if u := cmd.Flags().Lookup(name).Usage; strings.Contains(u, "publish") {
					t.Errorf("serve --%s speaks of publishing: %q", name, u)
				}
			}
		}
	}
	code, _, errOut := run(t, t.TempDir(), "build", "--publish", "file:///x")
	if code != 2 || !strings.Contains(errOut, "unknown flag: --publish") {
		t.Errorf("build --publish: exit %d, %q; want the flag unknown", code, errOut)
	}
}

// TestSampleArticles builds the articles shipped in the repository, as a
// new user's first 'go run .' does, and reads the feeds back.
func TestSampleArticles(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	code, _, errOut := run(t, root, "--no-cache", "--articles", "articles", "--out", out, "--config", filepath.Join(root, "internal", "cli", "testdata", "empty.yaml"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, name := range []string{"rss.xml", "atom.xml", "feed.json"} {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if name == "feed.json" {
			for _, err := range feedcheck.JSONFeed(data) {
				t.Errorf("%s: %v", name, err)
			}
		}
		f, err := gofeed.NewParser().ParseString(string(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(f.Items) != 2 || f.Items[0].Title != "Welcome to feedpub" ||
			f.Items[1].Title != "Kim Kardashian West's year of criminal justice advocacy" {
			t.Errorf("%s: unexpected items", name)
		}
		if p := f.Items[1].PublishedParsed; p == nil || p.Format("2006-01-02") != "2019-04-19" {
			t.Errorf("%s: the news story's date is %v", name, p)
		}
	}
}

// TestDryRun checks that build --dry-run, and feedpub --dry-run, print
// what a build would write and remove, the lines the build then prints,
// and write nothing: no output folder, no cache, no manifest, no file
// touched.
func TestDryRun(t *testing.T) {
	tagged := "---\ntitle: Tagged\ndate: 2024-01-02\ntags: [espresso]\n---\nBody.\n"
	dir := site(t, map[string]string{"good.md": good, "tagged.md": tagged})
	for _, args := range [][]string{{"--dry-run"}, {"build", "--dry-run"}} {
		code, out, errOut := run(t, dir, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		for _, want := range []string{"would write  public/rss.xml (", "would write  public/tags/espresso/rss.xml (",
			" would be written, 0 unchanged, 0 would be removed; nothing was written\n"} {
			if !strings.Contains(out, want) {
				t.Errorf("%v: the output lacks %q:\n%s", args, want, out)
			}
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 || entries[0].Name() != "articles" {
			t.Errorf("%v: a dry run wrote %v beside the articles", args, entries)
		}
	}
	if code, _, errOut := run(t, dir, "build"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// The tag goes, and an article changes: the tag's feeds are stale.
	os.WriteFile(filepath.Join(dir, "articles", "tagged.md"), []byte(strings.Replace(tagged, "tags: [espresso]\n", "", 1)), 0o644)
	before := everyFile(t, dir)
	code, out, errOut := run(t, dir, "build", "--dry-run")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if after := everyFile(t, dir); !maps.Equal(before, after) {
		t.Errorf("a dry run changed the folder:\nbefore %v\nafter  %v", before, after)
	}
	code, built, errOut := run(t, dir, "build")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	would, did := fileLines(out, "would write ", "would remove "), fileLines(built, "wrote ", "removed ")
	if len(would) == 0 || !slices.Contains(would, "remove public/tags/espresso/rss.xml") || !slices.Equal(would, did) {
		t.Errorf("the dry run said\n%s\nthe build did\n%s", out, built)
	}
}

// fileLines are the lines of a build's report about a file written and
// removed, each as "write NAME" or "remove NAME", sorted.
func fileLines(out, write, remove string) []string {
	var lines []string
	for line := range strings.Lines(out) {
		name, _, _ := strings.Cut(line, " (")
		if rest, ok := strings.CutPrefix(name, write); ok {
			lines = append(lines, "write "+strings.TrimSpace(rest))
		} else if rest, ok := strings.CutPrefix(name, remove); ok {
			lines = append(lines, "remove "+strings.TrimSpace(rest))
		}
	}
	slices.Sort(lines)
	return lines
}

// everyFile is every file below dir, dotfiles too (the cache, the
// manifest), with its size, modification time and bytes.
func everyFile(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		st, err := d.Info()
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		files[p] = fmt.Sprintf("%d %v %x", st.Size(), st.ModTime().UnixNano(), sha256.Sum256(data))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestDataImageWarning checks that an image given as a data: URL is left
// out of the feeds whole, and that the build says where it was.
func TestDataImageWarning(t *testing.T) {
	dir := site(t, map[string]string{"pic.md": "---\ntitle: Pic\ndate: 2024-01-01\n---\nIntro.\n\n![Logo](data:image/png;base64,iVBORw0KGgo=)\n\n![Kept](kept.png)\n"})
	code, _, errOut := run(t, dir, "--base-url", "https://example.org/")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := `feedpub: warning: articles/pic.md:7: the image "Logo" is left out: its URL is a data: URL, which feed readers do not show — ` +
		"put the image in a file next to the article and link to it by name, as ![…](picture.png)\n"
	if !strings.Contains(errOut, want) {
		t.Errorf("stderr lacks\n%s\n%s", want, errOut)
	}
	feed := readFeed(t, filepath.Join(dir, "public", "atom.xml"))
	if c := feed.Items[0].Content; strings.Count(c, "<img") != 1 || !strings.Contains(c, `src="https://example.org/pic/kept.png"`) {
		t.Errorf("the content is %q; want the data: image gone, the other kept", c)
	}
}
