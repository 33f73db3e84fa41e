package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"testing"
	"time"
)

// mkbox is an ISO base media box of type typ holding body.
func mkbox(typ string, body ...[]byte) []byte {
	b := cat(body...)
	h := make([]byte, 8)
	binary.BigEndian.PutUint32(h, uint32(8+len(b)))
	copy(h[4:], typ)
	return cat(h, b)
}

// mvhd is a movie header of the given version.
func mvhd(version byte, timescale uint32, duration uint64) []byte {
	if version == 0 {
		b := make([]byte, 100)
		binary.BigEndian.PutUint32(b[12:], timescale)
		binary.BigEndian.PutUint32(b[16:], uint32(duration))
		return mkbox("mvhd", b)
	}
	b := make([]byte, 112)
	b[0] = 1
	binary.BigEndian.PutUint32(b[20:], timescale)
	binary.BigEndian.PutUint64(b[24:], duration)
	return mkbox("mvhd", b)
}

// track is a trak box whose handler is of type handler ("soun", "vide").
func track(handler string) []byte {
	h := make([]byte, 24)
	copy(h[8:], handler)
	return mkbox("trak", mkbox("tkhd", make([]byte, 84)), mkbox("mdia", mkbox("mdhd", make([]byte, 24)), mkbox("hdlr", h)))
}

var ftypM4A = mkbox("ftyp", []byte("M4A \x00\x00\x02\x00M4A isomiso2"))

func TestProbeMovieHeaders(t *testing.T) {
	mehd := func(d uint32) []byte {
		b := make([]byte, 8)
		binary.BigEndian.PutUint32(b[4:], d)
		return mkbox("mvex", mkbox("mehd", b))
	}
	for _, c := range []struct {
		what, name string
		b          []byte
		want       Info
	}{
		{"version 0", "ep.m4a", cat(ftypM4A, mkbox("moov", mvhd(0, 1000, 90500), track("soun"))),
			Info{Format: M4A, Duration: 90500 * time.Millisecond}},
		{"version 1", "ep.m4a", cat(ftypM4A, mkbox("moov", mvhd(1, 48000, 48000*7200), track("soun"))),
			Info{Format: M4A, Duration: 2 * time.Hour}},
		{"mdat first, 64-bit size", "ep.m4a", cat(ftypM4A, []byte("\x00\x00\x00\x01mdat\x00\x00\x00\x00\x00\x00\x00\x14abcd"), mkbox("moov", mvhd(0, 10, 25))),
			Info{Format: M4A, Duration: 2500 * time.Millisecond}},
		{"fragmented", "ep.mp4", cat(ftypM4A, mkbox("moov", mvhd(0, 1000, 0), mehd(61000), track("vide"))),
			Info{Format: MP4, Duration: 61 * time.Second, Video: true}},
		{"m4v", "ep.m4v", cat(mkbox("ftyp", []byte("M4V \x00\x00\x00\x00M4V isom")), mkbox("moov", mvhd(0, 600, 600), track("soun"), track("vide"))),
			Info{Format: M4V, Duration: time.Second, Video: true}},
		{"QuickTime without ftyp", "old.mov", cat(mkbox("wide"), mkbox("moov", mvhd(0, 600, 1200), track("vide"))),
			Info{Format: MOV, Duration: 2 * time.Second, Video: true}},
	} {
		got, err := ProbeReader(c.name, bytes.NewReader(c.b), int64(len(c.b)))
		c.want.Length, c.want.Type = int64(len(c.b)), c.want.Format.Type()
		if err != nil || got != c.want {
			t.Errorf("%s: %+v, %v; want %+v", c.what, got, err, c.want)
		}
	}
}

func TestProbeMovieHeaderErrors(t *testing.T) {
	for _, c := range []struct {
		what string
		b    []byte
		want string
	}{
		{"no duration", cat(ftypM4A, mkbox("moov", mvhd(0, 1000, 0))),
			"ep.m4a is a damaged MPEG-4 file: its movie header gives no duration — export or download the file again"},
		{"version 2", cat(ftypM4A, mkbox("moov", mkbox("mvhd", []byte{2, 0, 0, 0}))),
			"ep.m4a is a damaged MPEG-4 file: its movie header (mvhd box) is of an unknown version or too short — export or download the file again"},
		{"years long", cat(ftypM4A, mkbox("moov", mvhd(1, 1, 1<<40))),
			"ep.m4a is a damaged MPEG-4 file: its header says it plays for 305419897 hours — export or download the file again"},
		{"short ftyp", ftypM4A[:12],
			"ep.m4a is a damaged MPEG-4 file: its file type (ftyp) box is too short — export or download the file again"},
		{"binary box type", cat(ftypM4A, []byte("\x00\x00\x00\x02\x01\x02\x03\x04")),
			`ep.m4a is a damaged MPEG-4 file: its "01020304" box at byte 28 has a size of 2 — export or download the file again`},
	} {
		_, err := ProbeReader("ep.m4a", bytes.NewReader(c.b), int64(len(c.b)))
		if err == nil || err.Error() != c.want || !errors.Is(err, ErrDamaged) {
			t.Errorf("%s:\n got %v\nwant %s", c.what, err, c.want)
		}
	}
}

// failing is a reader that fails after its first n bytes.
type failing struct {
	b []byte
	n int64
}

var errDisk = errors.New("disk on fire")

func (f failing) ReadAt(p []byte, off int64) (int, error) {
	if off+int64(len(p)) > f.n {
		return 0, errDisk
	}
	return copy(p, f.b[off:]), nil
}

func TestProbeReadFailure(t *testing.T) {
	for _, file := range []string{"cbr.mp3", "id3v2.mp3", "vbr.mp3", "moov-end.m4a", "video.mp4"} {
		b := read(t, file)
		ns := []int64{0, 10, 40, 400}
		if file == "cbr.mp3" || file == "moov-end.m4a" {
			ns = append(ns, int64(len(b))-100) // these read the file's end
		}
		for _, n := range ns {
			_, err := ProbeReader(file, failing{b, n}, int64(len(b)))
			var e *Error
			if !errors.Is(err, errDisk) || errors.As(err, &e) || err.Error() != "reading "+file+": disk on fire" {
				t.Errorf("%s failing after %d bytes: %v", file, n, err)
			}
		}
	}
	if _, err := CheckArtworkReader("cover.png", failing{nil, 0}, 100); !errors.Is(err, errDisk) {
		t.Errorf("artwork: %v", err)
	}
	if _, err := HashReader(io.MultiReader(bytes.NewReader([]byte("abc")), failingReader{})); !errors.Is(err, errDisk) {
		t.Errorf("hash: %v", err)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errDisk }
