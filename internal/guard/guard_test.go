package guard

import (
	"errors"
	"fmt"
	"testing"
)

func TestCheckRemoval(t *testing.T) {
	names := func(n int) []string {
		var s []string
		for i := range n {
			s = append(s, fmt.Sprintf("tags/t%d/rss.xml", i))
		}
		return s
	}
	tests := []struct {
		name       string
		stale      int
		published  int
		maxDrop    float64
		force      bool
		wantRefuse string
	}{
		{name: "nothing stale", stale: 0, published: 10, maxDrop: 0.5},
		{name: "no manifest yet", stale: 0, published: 0, maxDrop: 0},
		{name: "a share up to max_drop", stale: 5, published: 10, maxDrop: 0.5},
		{name: "more than max_drop", stale: 6, published: 10, maxDrop: 0.5,
			wantRefuse: "the build would remove 6 of the 10 files published in public (60%; max_drop allows 50%): " +
				"tags/t0/rss.xml, tags/t1/rss.xml, tags/t2/rss.xml, tags/t3/rss.xml, tags/t4/rss.xml, and 1 more — " +
				"if those feeds were retired on purpose, run again with --force; otherwise restore the articles or settings that made them"},
		{name: "everything, forced", stale: 10, published: 10, maxDrop: 0.5, force: true},
		{name: "everything, max_drop 1", stale: 10, published: 10, maxDrop: 1},
		{name: "one, max_drop 0", stale: 1, published: 10, maxDrop: 0,
			wantRefuse: "the build would remove 1 of the 10 files published in public (10%; max_drop allows 0%): tags/t0/rss.xml — " +
				"if those feeds were retired on purpose, run again with --force; otherwise restore the articles or settings that made them"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckRemoval(names(tc.stale), tc.published, Options{MaxDrop: tc.maxDrop, Force: tc.force, Dir: "public"})
			var re *RemoveError
			switch {
			case tc.wantRefuse == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tc.wantRefuse != "" && !errors.As(err, &re):
				t.Errorf("got %v, want a *RemoveError", err)
			case tc.wantRefuse != "" && err.Error() != tc.wantRefuse:
				t.Errorf("got\n%s\nwant\n%s", err, tc.wantRefuse)
			}
		})
	}
}
