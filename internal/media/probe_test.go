package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// fixtures are the files scripts/media-fixtures.sh makes, with their
// sizes and the durations ffprobe measured of them.
var fixtures = []struct {
	file    string
	format  Format
	typ     string
	length  int64
	ffprobe float64 // seconds
	video   bool
}{
	{"cbr.mp3", MP3, "audio/mpeg", 40333, 5.041625, false},
	{"id3v1.mp3", MP3, "audio/mpeg", 12289, 3.062250, false}, // ffprobe counts the ID3v1 tag as audio
	{"id3v2.mp3", MP3, "audio/mpeg", 24778, 4.048980, false},
	{"mpeg2.mp3", MP3, "audio/mpeg", 4701, 4.075102, false},
	{"vbr.mp3", MP3, "audio/mpeg", 28726, 7.026939, false},
	{"faststart.m4a", M4A, "audio/x-m4a", 26249, 6.000000, false},
	{"moov-end.m4a", M4A, "audio/x-m4a", 26249, 6.000000, false},
	{"video.mp4", MP4, "video/mp4", 17890, 3.000000, true},
	{"clip.mov", MOV, "video/quicktime", 5494, 2.000000, true},
}

func TestProbeFixtures(t *testing.T) {
	for _, c := range fixtures {
		t.Run(c.file, func(t *testing.T) {
			path := filepath.Join("testdata", c.file)
			got, err := Probe(path)
			if err != nil {
				t.Fatal(err)
			}
			if got.Format != c.format || got.Type != c.typ || got.Length != c.length || got.Video != c.video {
				t.Errorf("Probe = %+v, want format %s, type %s, length %d, video %v", got, c.format, c.typ, c.length, c.video)
			}
			if st, err := os.Stat(path); err != nil || st.Size() != got.Length {
				t.Errorf("length %d, the file has %v (%v)", got.Length, st.Size(), err)
			}
			want := time.Duration(c.ffprobe * float64(time.Second))
			if diff := (got.Duration - want).Abs(); diff >= time.Second {
				t.Errorf("duration %v, ffprobe %v", got.Duration, want)
			}
			if s, w := ITunesDuration(got.Duration), strconv.Itoa(int(math.Round(c.ffprobe))); s != w {
				t.Errorf("itunes:duration %s, want %s", s, w)
			}
		})
	}
}

// read returns a fixture's bytes.
func read(t testing.TB, file string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// frames returns n MPEG audio frames of the given header, each as long as
// the header says, with silence after the header.
func frames(t testing.TB, header [4]byte, n int) []byte {
	t.Helper()
	h, ok := parseFrame(header[:])
	if !ok {
		t.Fatalf("% x is not a frame header", header)
	}
	f := make([]byte, h.length())
	copy(f, header[:])
	return bytes.Repeat(f, n)
}

// mp3Header is MPEG-1 layer III, 128 kbit/s, 48 kHz, stereo: frames of
// 384 bytes and 1152 samples, 24 ms each.
var mp3Header = [4]byte{0xFF, 0xFB, 0x94, 0x00}

// apeTag is an APEv2 tag with a header and one item.
func apeTag() []byte {
	item := []byte("\x05\x00\x00\x00\x00\x00\x00\x00Title\x00Hello")
	part := func(flags uint32) []byte {
		b := make([]byte, 32)
		copy(b, "APETAGEX")
		binary.LittleEndian.PutUint32(b[8:], 2000)
		binary.LittleEndian.PutUint32(b[12:], uint32(len(item)+32))
		binary.LittleEndian.PutUint32(b[16:], 1)
		binary.LittleEndian.PutUint32(b[20:], flags)
		return b
	}
	out := part(1<<31 | 1<<29)
	out = append(out, item...)
	return append(out, part(1<<31)...)
}

func TestProbeTagsAreNotAudio(t *testing.T) {
	audio := frames(t, mp3Header, 250) // 6 s
	id3v1 := append([]byte("TAG"), make([]byte, 125)...)
	id3v2 := append([]byte("ID3\x04\x00\x00\x00\x00\x01\x00"), make([]byte, 128)...) // 128 bytes of tag
	for name, b := range map[string][]byte{
		"bare":            audio,
		"id3v2":           cat(id3v2, audio),
		"id3v1":           cat(audio, id3v1),
		"ape":             cat(audio, apeTag()),
		"ape and id3v1":   cat(audio, apeTag(), id3v1),
		"every tag":       cat(id3v2, audio, apeTag(), id3v1),
		"id3v2 and junk":  cat(id3v2, []byte("\x00\x00\xFF\xFB\x00"), audio),
		"two id3v2 tags":  cat(id3v2, id3v2, audio),
		"id3v2 in footer": cat([]byte("ID3\x04\x00\x10\x00\x00\x00\x00"), []byte("3DI\x04\x00\x10\x00\x00\x00\x00"), audio),
	} {
		got, err := ProbeReader("ep.mp3", bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got.Duration != 6*time.Second || got.Length != int64(len(b)) {
			t.Errorf("%s: %+v, want 6s and length %d", name, got, len(b))
		}
	}
}

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// xingFrame returns a first frame of mp3Header holding a Xing header
// that counts n frames.
func xingFrame(t testing.TB, tag string, n uint32) []byte {
	f := frames(t, mp3Header, 1)
	at := 4 + 32
	copy(f[at:], tag)
	binary.BigEndian.PutUint32(f[at+4:], 1|2)
	binary.BigEndian.PutUint32(f[at+8:], n)
	return f
}

// vbriFrame returns a first frame of mp3Header holding a VBRI header that
// counts n frames.
func vbriFrame(t testing.TB, n uint32) []byte {
	f := frames(t, mp3Header, 1)
	copy(f[36:], "VBRI")
	binary.BigEndian.PutUint16(f[40:], 1)
	binary.BigEndian.PutUint32(f[36+14:], n)
	return f
}

func TestProbeVBRHeaders(t *testing.T) {
	audio := frames(t, mp3Header, 10)
	for name, c := range map[string]struct {
		b    []byte
		want time.Duration
	}{
		// The header's count wins over the bytes: 1000 frames of 24 ms.
		"xing": {cat(xingFrame(t, "Xing", 1000), audio), 24 * time.Second},
		"info": {cat(xingFrame(t, "Info", 1000), audio), 24 * time.Second},
		"vbri": {cat(vbriFrame(t, 500), audio), 12 * time.Second},
		// A Xing header without a frame count says nothing of the duration.
		"xing without count": {cat(func() []byte { f := xingFrame(t, "Xing", 1000); f[36+7] = 0; return f }(), audio), 264 * time.Millisecond},
	} {
		got, err := ProbeReader("ep.mp3", bytes.NewReader(c.b), int64(len(c.b)))
		if err != nil || got.Duration != c.want {
			t.Errorf("%s: %v %v, want %v", name, got.Duration, err, c.want)
		}
	}
}

func TestProbeErrors(t *testing.T) {
	m4a := read(t, "faststart.m4a")
	moovEnd := read(t, "moov-end.m4a")
	id3 := read(t, "id3v2.mp3")
	pdf := []byte("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")
	for _, c := range []struct {
		name string
		b    []byte
		kind error
		want string
	}{
		{"ep.mp3", nil, ErrEmpty,
			"ep.mp3 is empty — export the episode again, or point the enclosure at the right file"},
		{"notes.txt", []byte("hello, listeners"), ErrUnsupported,
			"notes.txt is not an MP3, M4A, MP4, M4V, MOV or PDF file — Apple Podcasts accepts only those; export the episode as MP3 or M4A"},
		{"ep.ogg", cat([]byte("OggS\x00\x02"), make([]byte, 100)), ErrUnsupported,
			"ep.ogg is not an MP3, M4A, MP4, M4V, MOV or PDF file — Apple Podcasts accepts only those; export the episode as MP3 or M4A"},
		{"ep.mp3", cat([]byte("RIFF\x24\x00\x00\x00WAVEfmt "), make([]byte, 100)), ErrUnsupported,
			"ep.mp3 is not an MP3, M4A, MP4, M4V, MOV or PDF file — Apple Podcasts accepts only those; export the episode as MP3 or M4A"},
		{"ep.aac", cat([]byte("\xFF\xF1\x50\x80\x02\x1F\xFC"), make([]byte, 60)), ErrUnsupported,
			"ep.aac is not an MP3, M4A, MP4, M4V, MOV or PDF file — Apple Podcasts accepts only those; export the episode as MP3 or M4A"},
		{"ep.mp2", frames(t, [4]byte{0xFF, 0xFD, 0x84, 0x00}, 3), ErrUnsupported,
			"ep.mp2 is MPEG audio layer II, not MP3 — export it as MP3 (MPEG audio layer III)"},
		{"ep.m4a", read(t, "cbr.mp3"), ErrExtension,
			"ep.m4a is an MP3 file but its name ends in .m4a — rename it to ep.mp3"},
		{"shows/ep", read(t, "cbr.mp3"), ErrExtension,
			"shows/ep is an MP3 file but its name has no extension — rename it to ep.mp3"},
		{"ep.mp3", m4a, ErrExtension,
			"ep.mp3 is an MPEG-4 audio file but its name ends in .mp3 — rename it to ep.m4a"},
		{"ep.mov", m4a, ErrExtension,
			"ep.mov is an MPEG-4 audio file but its name ends in .mov — rename it to ep.m4a"},
		{"ep.m4a", read(t, "video.mp4"), ErrExtension,
			"ep.m4a is an MPEG-4 video but its name ends in .m4a — rename it to ep.mp4"},
		{"clip.mp4", read(t, "clip.mov"), ErrExtension,
			"clip.mp4 is a QuickTime movie but its name ends in .mp4 — rename it to clip.mov"},
		{"notes.mp3", pdf, ErrExtension,
			"notes.mp3 is a PDF file but its name ends in .mp3 — rename it to notes.pdf"},
		{"notes.pdf", pdf[:30], ErrDamaged,
			"notes.pdf is a damaged PDF file: it has no end-of-file marker, so it is cut short — export or download the file again"},
		{"ep.m4a", moovEnd[:len(moovEnd)/2], ErrDamaged,
			`ep.m4a is a damaged MPEG-4 file: it is cut short: its "mdat" box at byte 36 ends past the end of the file — export or download the file again`},
		{"ep.m4a", m4a[:1000], ErrDamaged,
			`ep.m4a is a damaged MPEG-4 file: it is cut short: its "moov" box at byte 28 ends past the end of the file — export or download the file again`},
		{"ep.m4a", m4a[:28], ErrDamaged,
			"ep.m4a is a damaged MPEG-4 file: it has no movie header (moov box), so it is cut short or was not finished — export or download the file again"},
		{"ep.m4a", cat(m4a[:28], []byte("\x00\x00\x00\x04free")), ErrDamaged,
			`ep.m4a is a damaged MPEG-4 file: its "free" box at byte 28 has a size of 4 — export or download the file again`},
		{"ep.m4a", cat(m4a[:28], []byte("\x00\x00\x00\x08moov")), ErrDamaged,
			"ep.m4a is a damaged MPEG-4 file: its movie header (mvhd box) is missing or has no time scale — export or download the file again"},
		{"ep.mp3", id3[:200], ErrDamaged,
			"ep.mp3 is a damaged MP3 file: it has an ID3 tag but no audio after it — export or download the file again"},
		{"ep.mp3", cat(id3[:302], bytes.Repeat([]byte("noise "), 100)), ErrDamaged,
			"ep.mp3 is a damaged MP3 file: it has an ID3 tag but no MPEG audio after it — export or download the file again"},
		{"ep.mp3", []byte("ID3\x04\x00\x00\x80\x00\x00\x00"), ErrDamaged,
			"ep.mp3 is a damaged MP3 file: its ID3 tag has a size that is not a tag's — export or download the file again"},
	} {
		_, err := ProbeReader(c.name, bytes.NewReader(c.b), int64(len(c.b)))
		if err == nil || err.Error() != c.want {
			t.Errorf("%s (%d bytes):\n got %v\nwant %s", c.name, len(c.b), err, c.want)
			continue
		}
		var e *Error
		if !errors.Is(err, c.kind) || !errors.As(err, &e) || e.Path != c.name {
			t.Errorf("%s: %v is not a media error of kind %v", c.name, err, c.kind)
		}
	}
}

func TestProbeFile(t *testing.T) {
	dir := t.TempDir()
	if _, err := Probe(filepath.Join(dir, "missing.mp3")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	if _, err := Probe(dir); err == nil || err.Error() != dir+" is not a file — point the enclosure at an audio or video file" {
		t.Errorf("folder: %v", err)
	}
	// A located error puts the problem where the file is named.
	err := problem(ErrEmpty, "ep.mp3", "fix it", "is empty").At("posts/ep.md", 3, 12)
	if got := err.Error(); got != "posts/ep.md:3:12: ep.mp3 is empty — fix it" || !errors.Is(err, ErrEmpty) {
		t.Errorf("At: %q", got)
	}
}

func TestProbeMPEGVersions(t *testing.T) {
	mono := [4]byte{0xFF, 0xFB, 0x94, 0xC0}
	monoXing := frames(t, mono, 1)
	copy(monoXing[4+17:], "Xing\x00\x00\x00\x01\x00\x00\x00\x64") // 100 frames of 24 ms
	mpeg25 := [4]byte{0xFF, 0xE3, 0x80, 0x00}                     // 64 kbit/s at 11025 Hz: 417-byte frames
	crc := [4]byte{0xFF, 0xFA, 0x94, 0x00}                        // with a CRC: the Xing header is 2 bytes later
	crcXing := frames(t, crc, 1)
	copy(crcXing[4+2+32:], "Info\x00\x00\x00\x01\x00\x00\x00\x0A")
	for name, c := range map[string]struct {
		b    []byte
		want time.Duration
	}{
		"mono xing": {cat(monoXing, frames(t, mono, 5)), 2400 * time.Millisecond},
		"mpeg 2.5":  {frames(t, mpeg25, 100), time.Duration(100 * 417 * 8 * float64(time.Second) / 64000)},
		"crc info":  {cat(crcXing, frames(t, crc, 3)), 240 * time.Millisecond},
	} {
		got, err := ProbeReader("ep.mp3", bytes.NewReader(c.b), int64(len(c.b)))
		if err != nil || got.Duration != c.want {
			t.Errorf("%s: %v, %v; want %v", name, got.Duration, err, c.want)
		}
	}
	for name, c := range map[string]struct {
		b    []byte
		want string
	}{
		"layer I": {frames(t, [4]byte{0xFF, 0xFF, 0x40, 0x00}, 3),
			"ep.mp3 is MPEG audio layer I, not MP3 — export it as MP3 (MPEG audio layer III)"},
		"years of frames": {cat(xingFrame(t, "Xing", 1<<31), frames(t, mp3Header, 2)),
			"ep.mp3 is a damaged MP3 file: its header says it plays for 14317 hours — export or download the file again"},
	} {
		_, err := ProbeReader("ep.mp3", bytes.NewReader(c.b), int64(len(c.b)))
		if err == nil || err.Error() != c.want {
			t.Errorf("%s:\n got %v\nwant %s", name, err, c.want)
		}
	}
}

func TestProbePDF(t *testing.T) {
	b := []byte("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")
	got, err := ProbeReader("notes.pdf", bytes.NewReader(b), int64(len(b)))
	if want := (Info{Format: PDF, Type: "application/pdf", Length: int64(len(b))}); err != nil || got != want {
		t.Errorf("Probe = %+v, %v; want %+v", got, err, want)
	}
}

func TestInfoCheck(t *testing.T) {
	info := Info{Format: MP3, Type: "audio/mpeg", Length: 40333, Duration: 5 * time.Second}
	for _, c := range []struct {
		length int64
		typ    string
		want   string
	}{
		{0, "", ""},
		{40333, "audio/mpeg", ""},
		{0, "Audio/MPEG; codecs=mp3", ""},
		{40000, "audio/mpeg", "ep.mp3 is 40333 bytes long but the enclosure says 40000 — remove the length: feedpub measures the file"},
		{40333, "audio/mp3", "ep.mp3 is MP3 (audio/mpeg) but the enclosure says audio/mp3 — remove the type: feedpub reads it from the file"},
	} {
		err := info.Check("ep.mp3", c.length, c.typ)
		if got := fmt.Sprint(err); (c.want == "" && err != nil) || (c.want != "" && (got != c.want || !errors.Is(err, ErrTyped))) {
			t.Errorf("Check(%d, %q) = %v, want %q", c.length, c.typ, err, c.want)
		}
	}
}
