package cli

import (
	"github.com/feedpub/feedpub/internal/cache"
	"github.com/feedpub/feedpub/internal/layout"
	"github.com/feedpub/feedpub/internal/output"
)

// tally is what writing a build's files did, as the report, the hub and
// the cache need it, gathered file by file as they are written: a build
// of many article pages keeps a line of the report for none of them.
type tally struct {
	// summed gives the kind of the files the report sums up (see
	// summedUp) by their places among the build's files; nil when every
	// file has its line.
	summed func(int) layout.Kind
	// results are those of the files not summed up, in order: the
	// report's lines, and the feeds the hub hears of.
	results []output.Result
	pages   fileCount // the files summed up
	// files counts every file, written those whose bytes changed.
	files, written int
	// stamps, when set, get each file's hash, by its place, for the
	// cache (see recordOutputs).
	stamps []cache.Stamp
}

// add counts r, the result of the build's k-th file.
func (t *tally) add(k int, r output.Result) {
	t.files++
	if t.stamps != nil {
		// The guards may add files (a moved feed's redirect) after the
		// stamps were made for the build's own.
		for k >= len(t.stamps) {
			t.stamps = append(t.stamps, cache.Stamp{})
		}
		t.stamps[k].Hash = r.Hash
	}
	if r.Status != output.Unchanged {
		t.written++
		if t.pages.add(k, r, t.summed) {
			return
		}
	} else if t.summed != nil && t.summed(k) != layout.Unknown {
		return // an unchanged page has no line, nor a hub to tell
	}
	t.results = append(t.results, r)
}
