package cli

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/feedpub/feedpub/internal/diag"
)

// TestExitStatus checks the exit status and the words report gives each
// kind of problem, as README.md documents them.
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
