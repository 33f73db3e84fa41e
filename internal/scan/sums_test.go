package scan

import (
	"fmt"
	"strings"
	"testing"
)

// TestSumTable puts runs of Sums out of order, as workers do, and reads
// them back in order, from memory and from a file.
func TestSumTable(t *testing.T) {
	const n = 1000
	want := func(i int) Sums { return Sums{URL: uint64(i) * 3, ID: ^uint64(i), File: uint64(i) << 40} }
	for _, onDisk := range []bool{false, true} {
		t.Run(fmt.Sprint("onDisk=", onDisk), func(t *testing.T) {
			tab := newSumTable(n, onDisk, t.TempDir())
			defer tab.Close()
			if (tab.f != nil) != onDisk {
				t.Fatalf("kept on disk: %v", tab.f != nil)
			}
			for _, lo := range []int{960, 0, 320, 64, 640} { // runs of 320, the last short
				var run []Sums
				for i := lo; i < min(lo+320, n) && (lo != 64 || i < 320); i++ {
					run = append(run, want(i))
				}
				tab.put(lo, run)
			}
			r := tab.Reader()
			for i := 0; i < n; i++ {
				if got := r.Next(); got != want(i) {
					t.Fatalf("article %d: %+v, want %+v", i, got, want(i))
				}
			}
			if got := r.Next(); got != (Sums{}) || r.Err() != nil {
				t.Errorf("past the end: %+v, %v", got, r.Err())
			}
			files, err := tab.Files()
			if err != nil {
				t.Fatal(err)
			}
			for _, i := range []int{0, 1, 499, 999} {
				if files(i) != want(i).File {
					t.Errorf("Files(%d) = %d, want %d", i, files(i), want(i).File)
				}
			}
		})
	}
}

// TestSumTableLost checks that Sums a closed file could not take are
// reported, not read back as zeros.
func TestSumTableLost(t *testing.T) {
	tab := newSumTable(10, true, t.TempDir())
	tab.f.Close()
	tab.put(0, make([]Sums, 10))
	r := tab.Reader()
	r.Next()
	if err := r.Err(); err == nil || !strings.Contains(err.Error(), "keeping the articles' hashes in a temporary file") {
		t.Errorf("after a failed write: %v, want the write's error", err)
	}
}

// TestTermBlocksRunOut checks that families past the last block a
// record can point at stop the scan with an error rather than reading
// as some other article's, or setting its flags.
func TestTermBlocksRunOut(t *testing.T) {
	defer func(n int) { termBlocks = n }(termBlocks)
	termBlocks = 2
	table := &termTable{ids: map[string]uint32{}}
	many := make([]string, termBlock) // more than a block's bytes
	for k := range many {
		many[k] = fmt.Sprint("t", k)
	}
	for k := 0; k < 2; k++ {
		if at := table.add(many); at == 0 || table.err != nil {
			t.Fatalf("block %d: at %d, %v", k, at, table.err)
		}
	}
	if at := table.add(many); at != 0 || table.err == nil {
		t.Errorf("a third block of two: at %d, err %v", at, table.err)
	}
	r := NewRecord(Stamp{}, false).withTerms(table.add([]string{"t1"}))
	if r.Draft() || !r.OK() || len(table.terms(r)) != 0 {
		t.Errorf("a record past the blocks: draft %v ok %v terms %v", r.Draft(), r.OK(), table.terms(r))
	}
}

// TestTermBlocks checks that families stay with their records across
// blocks, and that an article with more terms than a block holds gets a
// block of its own.
func TestTermBlocks(t *testing.T) {
	table := &termTable{ids: map[string]uint32{}}
	var records []Record
	var sets [][]string
	for i := 0; i < 40000; i++ {
		set := []string{fmt.Sprint("t", i%7), fmt.Sprint("c", i%3)}
		if i == 20000 {
			set = nil
			for k := 0; k < termBlock+5; k++ {
				set = append(set, fmt.Sprint("many", k))
			}
		}
		sets = append(sets, set)
		records = append(records, Record{}.withTerms(table.add(set)))
	}
	if len(table.blocks) < 3 {
		t.Fatalf("%d blocks, want at least 3", len(table.blocks))
	}
	for i, r := range records {
		if got := table.terms(r); fmt.Sprint(got) != fmt.Sprint(sets[i]) {
			t.Fatalf("record %d: %d terms, want %d", i, len(got), len(sets[i]))
		}
	}
}
