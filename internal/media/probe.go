package media

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Probe measures the enclosure file at path: see ProbeReader. Messages
// name the file by path as given, so pass it as the author should read it.
func Probe(path string) (Info, error) {
	f, err := os.Open(path)
	if err != nil {
		return Info{}, fmt.Errorf("reading %s: %w", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return Info{}, fmt.Errorf("reading %s: %w", path, err)
	}
	if !st.Mode().IsRegular() {
		return Info{}, problem(ErrUnsupported, path, "point the enclosure at an audio or video file", "is not a file")
	}
	return ProbeReader(path, f, st.Size())
}

// ProbeReader measures an enclosure of size bytes read through r: its
// format and media type from its content (MP3: an ID3v2 tag, then MPEG
// audio frames; M4A, MP4, M4V, MOV: the ISO base media "ftyp" box; PDF:
// "%PDF-"), its length, and its duration (MP3: the Xing/Info or VBRI
// header's frame count, else the bitrate and the audio's byte count
// without ID3 and APE tags; MP4 family: the movie header "mvhd"). name
// is the file's name for messages, and its extension must match the
// content.
//
// It reads a bounded number of bytes whatever the file's size: a few
// kilobytes of an ordinary file (an MP3 of an hour is not read whole, and
// a movie header after the media data is found by seeking over it), and
// never more than a megabyte: a file that would need more, made of
// countless tiny boxes or stray frame headers, is reported damaged.
//
// A problem with the file is an *Error (errors.Is tells ErrEmpty,
// ErrUnsupported, ErrExtension, ErrDamaged); an error reading r is
// returned wrapped as it is.
func ProbeReader(name string, r io.ReaderAt, size int64) (Info, error) {
	if size <= 0 {
		return Info{}, problem(ErrEmpty, name, "export the episode again, or point the enclosure at the right file", "is empty")
	}
	src := &source{r: r, size: size, name: name}
	head, err := src.read(0, 16)
	if err != nil {
		return Info{}, err
	}
	var info Info
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		info, err = probePDF(src)
	case isBMFF(head):
		info, err = probeBMFF(src)
	case bytes.HasPrefix(head, []byte("ID3")) || isSync(head):
		info, err = probeMP3(src)
	default:
		return Info{}, notAccepted(name)
	}
	if err != nil {
		return Info{}, err
	}
	info.Length = size
	info.Type = info.Format.Type()
	return info, nil
}

// notAccepted is the Error for content that is none of Formats.
func notAccepted(name string) *Error {
	return problem(ErrUnsupported, name, "Apple Podcasts accepts only those; export the episode as MP3 or M4A",
		"is not %s", acceptedList)
}

// mismatch is the Error for content of kind what whose name does not end
// in want.
func mismatch(name, what, want string) *Error {
	ext := filepath.Ext(name)
	base := strings.TrimSuffix(filepath.Base(name), ext)
	if ext == "" {
		return problem(ErrExtension, name, "rename it to "+base+want, "is %s but its name has no extension", what)
	}
	return problem(ErrExtension, name, "rename it to "+base+want, "is %s but its name ends in %s", what, ext)
}

// extOf is the extension of a file's name in lower case: ".mp3".
func extOf(name string) string { return strings.ToLower(filepath.Ext(name)) }

// source reads a file of a known size through an io.ReaderAt.
type source struct {
	r    io.ReaderAt
	size int64
	name string
	used int // bytes read so far
}

// readBudget is the most a probe reads of one file.
const readBudget = 1 << 20

// read returns up to n bytes at off: fewer at the end of the file, none
// past it. Only a failure to read, or reading more than readBudget in
// all, is an error.
func (s *source) read(off int64, n int) ([]byte, error) {
	if off < 0 || off >= s.size || n <= 0 {
		return nil, nil
	}
	if rest := s.size - off; int64(n) > rest {
		n = int(rest)
	}
	if s.used += n; s.used > readBudget {
		return nil, problem(ErrDamaged, s.name, "export or download the file again",
			"cannot be measured: its headers go on past the first megabyte read")
	}
	b := make([]byte, n)
	got, err := s.r.ReadAt(b, off)
	if got == n {
		return b, nil
	}
	if err == nil || errors.Is(err, io.EOF) {
		return b[:got], nil
	}
	return nil, fmt.Errorf("reading %s: %w", s.name, err)
}

// probePDF checks that a PDF file ends as one does.
func probePDF(s *source) (Info, error) {
	tail, err := s.read(max(0, s.size-1024), 1024)
	if err != nil {
		return Info{}, err
	}
	if !bytes.Contains(tail, []byte("%%EOF")) {
		return Info{}, damaged(s.name, "PDF", "it has no end-of-file marker, so it is cut short")
	}
	if extOf(s.name) != ".pdf" {
		return Info{}, mismatch(s.name, "a PDF file", ".pdf")
	}
	return Info{Format: PDF}, nil
}
