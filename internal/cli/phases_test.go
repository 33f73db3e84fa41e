package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/feedpub/feedpub/internal/fault"
)

// TestStopAtEachPhase fails, then kills, a build at each phase of the
// pipeline (scan, plan, render, staging the files, just before the
// commit) and checks that every published file is exactly as the last
// complete build left it: the same files, the same bytes, the same
// times. A build afterwards publishes the new version whole.
func TestStopAtEachPhase(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a dozen builds; skipped with -short")
	}
	dir := t.TempDir()
	feedpub := buildCommand(t, dir)
	// Tag feeds, pages and archive documents, so that every kind of file
	// is made, some of them as they are written.
	settings := "limit: 10\narchive_size: 20\n"
	os.WriteFile(filepath.Join(dir, "feedpub.yaml"), []byte(settings), 0o644)
	for _, v := range []string{"v1", "v2"} {
		os.MkdirAll(filepath.Join(dir, v), 0o755)
		corpus(t, filepath.Join(dir, v), 120, v, map[string]int{"v1": 0, "v2": 3}[v])
	}
	build := func(version string, env ...string) ([]byte, error) {
		cmd := feedpub(dir, "--articles", version, "--no-cache", "-q")
		cmd.Env = append(os.Environ(), env...)
		return cmd.CombinedOutput()
	}
	if b, err := build("v1"); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	pub := filepath.Join(dir, "public")
	before := snapshot(t, pub)
	if len(before) < 20 {
		t.Fatalf("the first build published only %d files", len(before))
	}
	for _, phase := range []string{fault.Scan, fault.Plan, fault.Render, fault.Stage, fault.Commit} {
		for _, how := range []string{"fail", "kill"} {
			out, err := build("v2", "FEEDPUB_TEST_FAULT="+phase+":"+how)
			if err == nil {
				t.Errorf("%s:%s: the build succeeded", phase, how)
			}
			if how == "fail" && !strings.Contains(string(out), "stopped at the "+phase+" phase") {
				t.Errorf("%s:%s: the build said %q", phase, how, out)
			}
			now := snapshot(t, pub)
			for name, was := range before {
				if is, ok := now[name]; !ok {
					t.Errorf("%s:%s: %s is gone", phase, how, name)
				} else if !bytes.Equal(is.data, was.data) || !is.mod.Equal(was.mod) {
					t.Errorf("%s:%s: %s changed", phase, how, name)
				}
			}
			for name := range now {
				if _, ok := before[name]; !ok {
					t.Errorf("%s:%s: %s is new", phase, how, name)
				}
			}
		}
	}
	if b, err := build("v2"); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	if feed, _ := os.ReadFile(filepath.Join(pub, "atom.xml")); !bytes.Contains(feed, []byte("v2")) || bytes.Contains(feed, []byte(", v1")) {
		t.Error("the build after the stopped ones did not publish the new version")
	}
}

// seenFile is a file as a snapshot saw it.
type seenFile struct {
	data []byte
	mod  time.Time
}

// snapshot reads every file below dir that feedpub publishes (not its
// dotfiles, nor the temporary files a killed build leaves for the next
// to clean).
func snapshot(t *testing.T, dir string) map[string]seenFile {
	t.Helper()
	out := map[string]seenFile{}
	for _, name := range visibleFiles(dir) {
		if strings.Contains(name, ".tmp-") {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = seenFile{data, st.ModTime()}
	}
	return out
}
