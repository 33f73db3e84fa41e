package media

import (
	"bytes"
	"errors"
	"path/filepath"
	"testing"
)

// fuzzNames are the names the fuzzed bytes are probed under.
var fuzzNames = []string{"ep.mp3", "ep.m4a", "ep.mp4", "ep.m4v", "ep.mov", "ep.pdf", "cover.png", "cover.jpg", "ep"}

// FuzzProbe holds that no bytes make Probe or CheckArtwork panic, and
// that what they return is a measurement or a media Error.
func FuzzProbe(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.m*"))
	for _, file := range files {
		b := read(f, filepath.Base(file))
		f.Add(b, uint8(0))
		f.Add(b[:len(b)/3], uint8(1))
	}
	f.Add([]byte("%PDF-1.7\n%%EOF"), uint8(5))
	f.Add([]byte("\x89PNG\r\n\x1a\n"), uint8(6))
	f.Fuzz(func(t *testing.T, b []byte, which uint8) {
		name := fuzzNames[int(which)%len(fuzzNames)]
		var e *Error
		info, err := ProbeReader(name, bytes.NewReader(b), int64(len(b)))
		switch {
		case err != nil && !errors.As(err, &e):
			t.Fatalf("Probe: %v is not a media Error", err)
		case err == nil && (info.Length != int64(len(b)) || info.Type == "" || info.Duration < 0):
			t.Fatalf("Probe: %+v of %d bytes", info, len(b))
		}
		if _, err := CheckArtworkReader(name, bytes.NewReader(b), int64(len(b))); err != nil && !errors.As(err, &e) {
			t.Fatalf("CheckArtwork: %v is not a media Error", err)
		}
	})
}
