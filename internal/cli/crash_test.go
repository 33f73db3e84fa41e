package cli

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/feedpub/feedpub/internal/output"
)

// corpus writes n articles with long bodies into dir; version changes
// every title and body, not the URLs, so the two versions' feeds differ in
// every item but keep their ids. The articles' seven tags are numbered
// from firstTag, so that versions with different ones add and remove
// tag feeds.
func corpus(t *testing.T, dir string, n int, version string, firstTag int) {
	t.Helper()
	body := strings.Repeat("Paragraph text with *emphasis*, [a link](../x/) and more words. ", 40)
	for i := 0; i < n; i++ {
		text := fmt.Sprintf("---\ntitle: Article %d, %s\ndate: 2024-01-01T00:%02d:%02dZ\ntags: [t%d]\n---\n\n%s %s\n\n%s\n",
			i, version, (i/60)%60, i%60, firstTag+i%7, version, body, body)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%05d.md", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// buildCommand compiles the feedpub command into dir, without the race
// detector whatever the tests run with, and returns a function that
// prepares runs of it.
func buildCommand(t *testing.T, dir string) func(dir string, args ...string) *exec.Cmd {
	t.Helper()
	bin := filepath.Join(dir, "feedpub")
	if b, err := exec.Command("go", "build", "-o", bin, "github.com/feedpub/feedpub").CombinedOutput(); err != nil {
		t.Fatalf("building feedpub: %v\n%s", err, b)
	}
	return func(dir string, args ...string) *exec.Cmd {
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir
		return cmd
	}
}

var feedFiles = []string{"rss.xml", "atom.xml", "feed.json"}

// TestCrashSafety kills builds at random moments and checks that every
// feed is always either the complete old version or the complete new one,
// that the manifest always names every file a build wrote, that a file
// the user put in the output folder is never removed, and that the next
// build removes what the killed ones left behind, stale feeds included.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("kills dozens of builds; skipped with -short")
	}
	dir := t.TempDir()
	feedpub := buildCommand(t, dir)
	versions := []string{"first", "second"}
	// Three tags of each version are not the other's: every build that
	// finishes removes their feeds.
	firstTag := map[string]int{"first": 0, "second": 3}
	want := map[string]map[string][]byte{} // version → file → bytes
	wantFiles := map[string][]string{}     // version → every file it writes
	var took time.Duration
	for _, v := range versions {
		os.MkdirAll(filepath.Join(dir, v), 0o755)
		corpus(t, filepath.Join(dir, v), 400, v, firstTag[v])
		out := filepath.Join(dir, "out-"+v)
		start := time.Now()
		if b, err := feedpub(dir, "--articles", v, "--out", out, "--limit", "0", "-q").CombinedOutput(); err != nil {
			t.Fatalf("%v: %s", err, b)
		}
		// The quickest build: the later, warm ones are as quick, and a
		// kill timed on a slow first build would often come too late.
		if d := time.Since(start); took == 0 || d < took {
			took = d
		}
		want[v] = map[string][]byte{}
		for _, f := range feedFiles {
			want[v][f], _ = os.ReadFile(filepath.Join(out, f))
		}
		wantFiles[v] = visibleFiles(out)
	}
	pub := filepath.Join(dir, "public")
	if b, err := feedpub(dir, "--articles", "first", "--limit", "0", "-q").CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	// A file of the user's, in a folder a tag feed of the first version
	// shares and the second does not write.
	mine := filepath.Join(pub, "tags", "t0", "mine.txt")
	if err := os.WriteFile(mine, []byte("not feedpub's"), 0o644); err != nil {
		t.Fatal(err)
	}

	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 1))
	t.Logf("a full build takes %v; seed %d", took, seed)
	const runs = 24
	killed, mixed, duringWrite := 0, 0, 0
	for i := 0; i < runs; i++ {
		next := versions[(i+1)%2]
		cmd := feedpub(dir, "--articles", next, "--limit", "0", "-q")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if i%2 == 0 {
			// Anywhere in the build.
			time.Sleep(time.Duration(float64(took) * 1.1 * rng.Float64()))
		} else if waitForTemp(pub, 2*took) {
			// While files are being written: a temporary file has
			// appeared; strike a little later.
			duringWrite++
			time.Sleep(time.Duration(rng.Int64N(int64(40 * time.Millisecond))))
		}
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		if ee, ok := err.(*exec.ExitError); ok && ee.Sys().(syscall.WaitStatus).Signaled() {
			killed++
		}
		seen := map[string]bool{}
		for _, f := range feedFiles {
			data, err := os.ReadFile(filepath.Join(pub, f))
			if err != nil {
				t.Fatalf("kill %d: %s is gone: %v", i, f, err)
			}
			switch {
			case bytes.Equal(data, want["first"][f]):
				seen["first"] = true
			case bytes.Equal(data, want["second"][f]):
				seen["second"] = true
			default:
				t.Fatalf("kill %d: %s is neither the old nor the new feed (%d bytes)", i, f, len(data))
			}
		}
		if len(seen) == 2 {
			mixed++ // killed between two files: each is whole, as promised
		}
		// Whenever the build was killed, the manifest names every file
		// feedpub may have written, so none is ever left for good.
		listed, err := output.ReadManifest(pub)
		if err != nil {
			t.Fatalf("kill %d: %v", i, err)
		}
		for _, f := range visibleFiles(pub) {
			if !slices.Contains(listed, f) && f != "tags/t0/mine.txt" {
				t.Fatalf("kill %d: %s is on disk but not in the manifest", i, f)
			}
		}
		// The killed build is finished with the next one.
		if b, err := feedpub(dir, "--articles", next, "--limit", "0", "-q").CombinedOutput(); err != nil {
			t.Fatalf("the build after kill %d failed: %v: %s", i, err, b)
		}
		for _, f := range feedFiles {
			if data, _ := os.ReadFile(filepath.Join(pub, f)); !bytes.Equal(data, want[next][f]) {
				t.Fatalf("after kill %d, a full build did not publish the new %s", i, f)
			}
		}
		entries, _ := os.ReadDir(pub)
		for _, e := range entries {
			if strings.Contains(e.Name(), ".tmp-") {
				t.Fatalf("after kill %d, a full build left %s behind", i, e.Name())
			}
		}
		// The stale feeds are gone, the user's file is not.
		if got := slices.DeleteFunc(visibleFiles(pub), func(f string) bool { return f == "tags/t0/mine.txt" }); !slices.Equal(got, wantFiles[next]) {
			t.Fatalf("after kill %d, a full build left the files\n%q\nwant\n%q", i, got, wantFiles[next])
		}
		if _, err := os.Stat(mine); err != nil {
			t.Fatalf("after kill %d, the user's file is gone: %v", i, err)
		}
	}
	t.Logf("%d of %d builds were killed while running, %d of them while writing; %d left some files old and some new",
		killed, runs, duringWrite, mixed)
	if killed < runs/3 || duringWrite < runs/4 {
		t.Errorf("too few builds were killed while running (%d) or writing (%d): the test is not exercising crashes", killed, duringWrite)
	}
}

// visibleFiles lists the files below dir, relative and slash-separated,
// leaving out hidden ones (the lock, the manifest, temporary files).
func visibleFiles(dir string) []string {
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
			rel, _ := filepath.Rel(dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(files)
	return files
}

// waitForTemp waits until a temporary file appears in dir, for at most d.
func waitForTemp(dir string, d time.Duration) bool {
	for end := time.Now().Add(d); time.Now().Before(end); {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.Contains(e.Name(), ".tmp-") {
				return true
			}
		}
		time.Sleep(100 * time.Microsecond)
	}
	return false
}

// TestConcurrentBuilds starts two builds of different corpora on the same
// output directory at once, many times: each either publishes or stops
// with the lock message, and every feed is always one build's whole file.
func TestConcurrentBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("runs many builds; skipped with -short")
	}
	dir := t.TempDir()
	feedpub := buildCommand(t, dir)
	want := map[string]map[string][]byte{}
	for _, v := range []string{"first", "second"} {
		os.MkdirAll(filepath.Join(dir, v), 0o755)
		corpus(t, filepath.Join(dir, v), 150, v, 0)
		out := filepath.Join(dir, "out-"+v)
		if b, err := feedpub(dir, "--articles", v, "--out", out, "--limit", "0", "-q").CombinedOutput(); err != nil {
			t.Fatalf("%v: %s", err, b)
		}
		want[v] = map[string][]byte{}
		for _, f := range feedFiles {
			want[v][f], _ = os.ReadFile(filepath.Join(out, f))
		}
	}
	refused := 0
	for i := 0; i < 10; i++ {
		var cmds []*exec.Cmd
		var outs []*bytes.Buffer
		for _, v := range []string{"first", "second"} {
			cmd := feedpub(dir, "--articles", v, "--limit", "0", "-q")
			var b bytes.Buffer
			cmd.Stderr = &b
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			cmds, outs = append(cmds, cmd), append(outs, &b)
		}
		for j, cmd := range cmds {
			if err := cmd.Wait(); err != nil {
				if !strings.Contains(outs[j].String(), "another feedpub build") {
					t.Fatalf("round %d: a build failed without the lock message: %v: %s", i, err, outs[j])
				}
				refused++
			}
		}
		for _, f := range feedFiles {
			data, _ := os.ReadFile(filepath.Join(dir, "public", f))
			if !bytes.Equal(data, want["first"][f]) && !bytes.Equal(data, want["second"][f]) {
				t.Fatalf("round %d: %s is no build's whole file", i, f)
			}
		}
	}
	t.Logf("%d of 20 builds found the directory locked", refused)
}
