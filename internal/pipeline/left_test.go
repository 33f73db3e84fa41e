package pipeline

import (
	"fmt"
	"testing"
	"time"

	"github.com/feedpub/feedpub/internal/scan"
)

// TestLeftOut checks that a build counts the articles it leaves out by
// reason, and names them, with why, only while they are at most
// Options.NameLeft.
func TestLeftOut(t *testing.T) {
	site := testSite(t, nil)
	paris, _ := time.LoadLocation("Europe/Paris")
	named := []LeftOut{
		{Path: "testdata/articles/draft.md", Reason: scan.Draft},
		{Path: "testdata/articles/future.md", Reason: scan.Future, Date: time.Date(2999, 1, 1, 0, 0, 0, 0, paris)},
	}
	tests := []struct {
		name    string
		opts    Options
		left    int
		draft   int
		future  int
		named   []LeftOut
		strings []string
	}{
		{"named", Options{NameLeft: 2}, 2, 1, 1, named, []string{
			"testdata/articles/draft.md: left out: a draft (--drafts includes drafts)",
			"testdata/articles/future.md: left out: dated 2999-01-01 00:00 CET, in the future (--future includes it)",
		}},
		{"more than named", Options{NameLeft: 1}, 2, 1, 1, nil, nil},
		{"none named", Options{}, 2, 1, 1, nil, nil},
		{"drafts built", Options{NameLeft: 5, Drafts: true}, 1, 0, 1, named[1:], nil},
		// Every article is in the future then; the draft counts as a draft.
		{"before everything", Options{NameLeft: 1, Now: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)}, 8, 1, 7, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.opts
			opts.Site = site
			if opts.Now.IsZero() {
				opts.Now = now
			}
			res, err := Run(opts)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Close()
			if res.Left != tt.left || res.LeftBy[scan.Draft] != tt.draft || res.LeftBy[scan.Future] != tt.future {
				t.Errorf("left %d (%v), want %d: %d drafts, %d future", res.Left, res.LeftBy, tt.left, tt.draft, tt.future)
			}
			if fmt.Sprint(res.LeftOut) != fmt.Sprint(tt.named) || (res.LeftOut == nil) != (tt.named == nil) {
				t.Errorf("named %v, want %v", res.LeftOut, tt.named)
			}
			for i, want := range tt.strings {
				if got := res.LeftOut[i].String(); got != want {
					t.Errorf("%q, want %q", got, want)
				}
			}
		})
	}
}
