package media

import (
	"encoding/binary"
	"io"
	"testing"
	"time"
)

// part is a stretch of a made-up file: n bytes that repeat pattern (or
// zeros when it is empty).
type part struct {
	n       int64
	pattern []byte
}

// synthetic is a large file made of parts that takes no memory, and
// counts what is read of it.
type synthetic struct {
	parts []part
	reads int
	bytes int64
}

func (s *synthetic) size() int64 {
	var n int64
	for _, p := range s.parts {
		n += p.n
	}
	return n
}

func (s *synthetic) ReadAt(b []byte, off int64) (int, error) {
	s.reads++
	n := 0
	start := int64(0)
	for _, p := range s.parts {
		for n < len(b) && off+int64(n) < start+p.n && off+int64(n) >= start {
			at := off + int64(n) - start
			if len(p.pattern) == 0 {
				b[n] = 0
			} else {
				b[n] = p.pattern[at%int64(len(p.pattern))]
			}
			n++
		}
		start += p.n
	}
	s.bytes += int64(n)
	if n < len(b) {
		return n, io.EOF
	}
	return n, nil
}

// hourMP3 is an hour of CBR MP3 (150,000 frames of 24 ms) behind an
// ID3v2 tag of a megabyte (a cover picture), with an ID3v1 tag after.
func hourMP3(t testing.TB, first []byte) *synthetic {
	frame := frames(t, mp3Header, 1)
	tag := []byte("ID3\x04\x00\x00\x00\x40\x00\x00") // 1 MiB of tag follows
	parts := []part{{int64(len(tag)), tag}, {1 << 20, nil}}
	n := int64(150000)
	if first != nil {
		parts = append(parts, part{int64(len(first)), first})
		n--
	}
	parts = append(parts, part{n * int64(len(frame)), frame}, part{128, append([]byte("TAG"), make([]byte, 125)...)})
	return &synthetic{parts: parts}
}

// hourM4A is an hour of M4A whose gigabyte of media data comes before
// the movie header.
func hourM4A() *synthetic {
	ftyp := []byte("\x00\x00\x00\x18ftypM4A \x00\x00\x02\x00M4A isom")
	mdat := make([]byte, 16)
	binary.BigEndian.PutUint32(mdat, 1)
	copy(mdat[4:], "mdat")
	binary.BigEndian.PutUint64(mdat[8:], 16+1<<30)
	mvhd := make([]byte, 8+100)
	binary.BigEndian.PutUint32(mvhd, uint32(len(mvhd)))
	copy(mvhd[4:], "mvhd")
	mvhd[8] = 0
	binary.BigEndian.PutUint32(mvhd[8+12:], 44100)
	binary.BigEndian.PutUint32(mvhd[8+16:], 3600*44100)
	moov := append([]byte("\x00\x00\x00\x00moov"), mvhd...)
	binary.BigEndian.PutUint32(moov, uint32(len(moov)))
	return &synthetic{parts: []part{
		{int64(len(ftyp)), ftyp}, {int64(len(mdat)), mdat}, {1 << 30, nil}, {int64(len(moov)), moov},
	}}
}

// maxRead is the most probing an hour's file may read.
const maxRead = 8 << 10

func TestProbeReadsLittle(t *testing.T) {
	for name, f := range map[string]*synthetic{
		"cbr mp3":  hourMP3(t, nil),
		"xing mp3": hourMP3(t, xingFrame(t, "Xing", 150000)),
		"m4a":      hourM4A(),
	} {
		ext := ".mp3"
		if name == "m4a" {
			ext = ".m4a"
		}
		got, err := ProbeReader("hour"+ext, f, f.size())
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got.Duration != time.Hour || got.Length != f.size() {
			t.Errorf("%s: %+v, want an hour and %d bytes", name, got, f.size())
		}
		if f.bytes > maxRead || f.reads > 100 {
			t.Errorf("%s: read %d bytes in %d reads of a %d-byte file, want at most %d bytes", name, f.bytes, f.reads, f.size(), maxRead)
		}
		t.Logf("%s: read %d bytes in %d reads of %d", name, f.bytes, f.reads, f.size())
	}
}

func BenchmarkProbeHourMP3(b *testing.B) {
	f := hourMP3(b, nil)
	size := f.size()
	for b.Loop() {
		if _, err := ProbeReader("hour.mp3", f, size); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(f.bytes)/float64(b.N), "read-B/op")
}

func TestProbeReadsLittleOfOddFiles(t *testing.T) {
	free := []byte("\x00\x00\x00\x08free")
	for what, c := range map[string]struct {
		f    *synthetic
		want string
	}{
		// A frame header every 5 bytes, none of which another follows.
		"stray frame headers": {&synthetic{parts: []part{{10, []byte("ID3\x04\x00\x00\x00\x00\x00\x00")}, {1 << 20, []byte("\xFF\xFB\x94\x00\x00")}}},
			"odd.mp3 is a damaged MP3 file: it has an ID3 tag but no MPEG audio after it — export or download the file again"},
		// A gigabyte of empty boxes before the movie header.
		"countless boxes": {&synthetic{parts: []part{{int64(len(ftypM4A)), ftypM4A}, {1 << 30, free}}},
			"odd.m4a cannot be measured: its headers go on past the first megabyte read — export or download the file again"},
	} {
		name := "odd.mp3"
		if c.f.parts[0].pattern[4] == 'f' {
			name = "odd.m4a"
		}
		_, err := ProbeReader(name, c.f, c.f.size())
		if err == nil || err.Error() != c.want {
			t.Errorf("%s:\n got %v\nwant %s", what, err, c.want)
		}
		if c.f.bytes > readBudget {
			t.Errorf("%s: read %d bytes in %d reads", what, c.f.bytes, c.f.reads)
		}
		t.Logf("%s: read %d bytes in %d reads", what, c.f.bytes, c.f.reads)
	}
}
