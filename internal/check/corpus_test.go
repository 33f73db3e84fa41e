package check_test

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/feedpub/feedpub/internal/check"
	"github.com/feedpub/feedpub/internal/cli"
	"github.com/feedpub/feedpub/internal/readers"
)

// TestGoldenCorporaSilent checks that every feed of the pipeline's golden
// corpora gives no finding at all, warnings included.
func TestGoldenCorporaSilent(t *testing.T) {
	var feeds []string
	for _, corpus := range []string{"golden", "golden-archive"} {
		root := filepath.Join("..", "pipeline", "testdata", corpus)
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".xml") || strings.HasSuffix(p, ".json")) {
				feeds = append(feeds, p)
			}
			return err
		})
	}
	if len(feeds) < 20 {
		t.Fatalf("only %d feeds in the golden corpora", len(feeds))
	}
	for _, p := range feeds {
		silent(t, p, check.Options{})
	}
}

// TestReadersCorpusSilent builds the readers' corpus and checks, with
// feedpub check alone, that no feed its manifest lists gives a finding,
// even with --strict, and that every feed of the build was checked.
func TestReadersCorpusSilent(t *testing.T) {
	c, err := readers.Write(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(c.Dir) // where feedpub is run, as readers are shown it
	if status := cli.Main([]string{"build", "-q"}, io.Discard, os.Stderr); status != 0 {
		t.Fatalf("building the readers' corpus exited %d", status)
	}
	feeds := 0
	filepath.WalkDir("public", func(p string, d os.DirEntry, err error) error {
		if err == nil && (strings.HasSuffix(p, ".xml") || strings.HasSuffix(p, ".json")) {
			feeds++
		}
		return err
	})
	var out, errOut strings.Builder
	status := cli.Main([]string{"check", "--strict"}, &out, &errOut)
	if want := fmt.Sprintf("checked %d feeds: no problem found\n", feeds); status != 0 || out.String() != want || errOut.Len() > 0 || feeds < 30 {
		t.Errorf("feedpub check --strict exited %d, printed\n%s%s\nwant %q", status, out.String(), errOut.String(), want)
	}
}

// silent fails the test for every finding in the feed at p.
func silent(t *testing.T, p string, opts check.Options) {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range check.Document(p, data, opts) {
		t.Errorf("%s", f)
	}
}
