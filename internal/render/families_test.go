package render

import (
	"slices"
	"strings"
	"testing"

	"github.com/feedpub/feedpub/internal/model"
)

// TestItemCache makes three families in turn, as familyFiles does, and
// checks which items each finds rendered: pinned ones always, another
// family's while a later family still needs them and they fit, and that
// the cache is empty once no family needs anything.
func TestItemCache(t *testing.T) {
	item := func(size int) *model.Item { return &model.Item{ContentHTML: strings.Repeat("x", size)} }
	small, big := itemSize(item(100)), itemSize(item(1000))
	c := newItemCache(2*small + big - 1) // room for two small items, or one big and one small less a byte
	main := item(5000)
	c.pin(9, main)
	families := [][]int{{1, 2, 3, 9}, {1, 3, 4}, {2, 3, 4, 9}}
	for _, f := range families {
		c.willTake(f)
	}
	rendered := map[int]*model.Item{1: item(100), 2: item(100), 3: item(1000), 4: item(100)}
	check := func(family int, wantHave, wantMissing []int) map[int]*model.Item {
		t.Helper()
		have, missing := c.take(families[family])
		var got []int
		for i := range have {
			got = append(got, i)
		}
		slices.Sort(got)
		slices.Sort(missing)
		if !slices.Equal(got, wantHave) || !slices.Equal(missing, wantMissing) {
			t.Fatalf("family %d: has %v and misses %v, want %v and %v", family, got, missing, wantHave, wantMissing)
		}
		for _, i := range missing {
			c.put(i, rendered[i])
		}
		return have
	}
	// Family 0 renders 1, 2 and 3; 1 and 2 fit, 3 does not.
	if have := check(0, []int{9}, []int{1, 2, 3}); have[9] != main {
		t.Fatal("the pinned item is not the main feed's")
	}
	// Family 1 is the last to take 1, which leaves and makes room for 3;
	// 4 then does not fit.
	if have := check(1, []int{1}, []int{3, 4}); have[1] != rendered[1] {
		t.Fatal("item 1 is not the one family 0 rendered")
	}
	check(2, []int{2, 3, 9}, []int{4})
	if len(c.items) != 0 || c.bytes != 0 {
		t.Errorf("no family needs anything more, yet the cache holds %d items, %d bytes", len(c.items), c.bytes)
	}
}
