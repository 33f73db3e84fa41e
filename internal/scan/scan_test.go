package scan

import (
	"fmt"
	"testing"
	"time"
	"unsafe"
)

// TestCandidateOrder checks the feed order: newest first, ties by the
// order of the files' paths, and that the bounded heap keeps exactly the
// first N of that order.
func TestCandidateOrder(t *testing.T) {
	day := func(d int) Stamp { return StampOf(time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC)) }
	cs := []Candidate{{day(1), 2}, {day(2), 1}, {day(1), 0}, {Stamp{day(1).Sec, 1}, 3}, {day(1), 4}}
	SortCandidates(cs, nil)
	var got []int
	for _, c := range cs {
		got = append(got, c.Idx)
	}
	if fmt.Sprint(got) != "[1 3 0 2 4]" {
		t.Errorf("order %v, want [1 3 0 2 4] (newest first, ties by path)", got)
	}
	top := &topN{limit: 3}
	for _, i := range []int{4, 3, 0, 2, 1} {
		top.add(cs[i])
	}
	SortCandidates(top.c, nil)
	if len(top.c) != 3 || top.c[0].Idx != 1 || top.c[1].Idx != 3 || top.c[2].Idx != 0 {
		t.Errorf("the heap kept %v, want 1, 3 and 0", top.c)
	}
}

// TestHugoOrder checks Hugo's order: a set weight first, lighter first,
// then newest, then by title, and only then by path.
func TestHugoOrder(t *testing.T) {
	day := func(d int) Stamp { return StampOf(time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC)) }
	ords := Orders{{Title: "Newest"}, {Title: "B"}, {Title: "A"}, {Weight: 2, Title: "Heavy"}, {Weight: 1, Title: "Light"}}
	cs := []Candidate{{day(3), 0}, {day(1), 1}, {day(1), 2}, {day(1), 3}, {day(1), 4}}
	SortCandidates(cs, ords)
	var got []int
	for _, c := range cs {
		got = append(got, c.Idx)
	}
	if fmt.Sprint(got) != "[4 3 0 2 1]" {
		t.Errorf("order %v, want [4 3 0 2 1] (weights first, then newest, then by title)", got)
	}
}

// TestSortIndexes checks that articles sorted by index come in the order
// their candidates do, the archive documents' order.
func TestSortIndexes(t *testing.T) {
	day := func(d int) Stamp { return StampOf(time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC)) }
	records := []Record{NewRecord(day(1), false), NewRecord(day(2), false), NewRecord(day(1), false), NewRecord(Stamp{day(1).Sec, 1}, false), NewRecord(day(3), false)}
	idx := []int32{0, 1, 2, 3, 4}
	SortIndexes(idx, records, nil)
	if fmt.Sprint(idx) != "[4 1 3 0 2]" {
		t.Errorf("order %v, want [4 1 3 0 2] (newest first, ties by path)", idx)
	}
}

// TestTermsKept checks that each record gives back its own families, and
// none for a record without.
func TestTermsKept(t *testing.T) {
	table := &termTable{ids: map[string]uint32{}}
	sets := [][]string{{"tgo", "tfeeds"}, nil, {"cnews"}, {"tgo", "aAnn", "cnews"}}
	var records []Record
	for _, s := range sets {
		records = append(records, Record{}.withTerms(table.add(s)))
	}
	for i, r := range records {
		if got := fmt.Sprint(table.terms(r)); got != fmt.Sprint(sets[i]) {
			t.Errorf("record %d: terms %s, want %s", i, got, fmt.Sprint(sets[i]))
		}
	}
	if len(table.names) != 4 {
		t.Errorf("%d names kept, want each of the 4 once", len(table.names))
	}
}

// TestRecordSize checks that a record stays at 16 bytes: at a million
// articles each byte more is a megabyte more that a build holds from its
// first phase to its end.
func TestRecordSize(t *testing.T) {
	if unsafe.Sizeof(Record{}) != 16 {
		t.Errorf("a record takes %d bytes, want 16", unsafe.Sizeof(Record{}))
	}
}

// TestRecordFlags checks that a record's flags and families do not
// disturb each other in the word they share.
func TestRecordFlags(t *testing.T) {
	when := Stamp{-62135596800, 999999999}
	for _, draft := range []bool{false, true} {
		for _, at := range []uint32{0, 1, termsMask} {
			r := NewRecord(when, draft).withTerms(at)
			if !r.OK() || r.Draft() != draft || r.terms() != at || r.Published() != when {
				t.Errorf("NewRecord(%v, %v).withTerms(%d) = ok %v draft %v terms %d published %v",
					when, draft, at, r.OK(), r.Draft(), r.terms(), r.Published())
			}
			r.bits &^= recordOK
			if r.OK() || r.Draft() != draft || r.terms() != at {
				t.Errorf("dropped record: ok %v draft %v terms %d", r.OK(), r.Draft(), r.terms())
			}
		}
	}
}
