package media

import (
	"bytes"
	"encoding/binary"
	"time"
)

// mpegFrame is what an MPEG audio frame's 4-byte header says.
type mpegFrame struct {
	version    int // 1, 2, or 25 for MPEG 2.5
	layer      int // 1, 2 or 3
	crc        bool
	bitrate    int // bits per second
	sampleRate int // per second
	padding    bool
	mono       bool
}

// bitrates in kbit/s by [MPEG-1 or not][layer-1][index].
var bitrates = [2][3][16]int{
	{ // MPEG-1
		{0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448, -1},
		{0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, -1},
		{0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, -1},
	},
	{ // MPEG-2 and 2.5
		{0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256, -1},
		{0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, -1},
		{0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, -1},
	},
}

// parseFrame reads a frame header; false for bytes that are not one, or
// one without a bitrate ("free format"), which cannot be measured.
func parseFrame(b []byte) (mpegFrame, bool) {
	if len(b) < 4 || b[0] != 0xFF || b[1]&0xE0 != 0xE0 {
		return mpegFrame{}, false
	}
	var h mpegFrame
	switch (b[1] >> 3) & 3 {
	case 0:
		h.version = 25
	case 2:
		h.version = 2
	case 3:
		h.version = 1
	default:
		return mpegFrame{}, false
	}
	h.layer = 4 - int((b[1]>>1)&3)
	if h.layer == 4 {
		return mpegFrame{}, false
	}
	h.crc = b[1]&1 == 0
	v := 0
	if h.version != 1 {
		v = 1
	}
	kbps := bitrates[v][h.layer-1][b[2]>>4]
	rate := [3]int{44100, 48000, 32000}
	si := int((b[2] >> 2) & 3)
	if kbps <= 0 || si == 3 {
		return mpegFrame{}, false
	}
	h.bitrate = kbps * 1000
	h.sampleRate = rate[si]
	switch h.version {
	case 2:
		h.sampleRate /= 2
	case 25:
		h.sampleRate /= 4
	}
	h.padding = b[2]&2 != 0
	h.mono = b[3]>>6 == 3
	return h, true
}

// samples is how many samples a frame holds.
func (h mpegFrame) samples() int {
	switch {
	case h.layer == 1:
		return 384
	case h.layer == 3 && h.version != 1:
		return 576
	}
	return 1152
}

// length is the frame's size in bytes, its header included.
func (h mpegFrame) length() int {
	if h.layer == 1 {
		n := 12 * h.bitrate / h.sampleRate
		if h.padding {
			n++
		}
		return n * 4
	}
	n := h.samples() / 8 * h.bitrate / h.sampleRate
	if h.padding {
		n++
	}
	return n
}

// sideInfo is the size of a layer III frame's side information, after
// which a Xing or Info header stands.
func (h mpegFrame) sideInfo() int {
	switch {
	case h.version == 1 && h.mono:
		return 17
	case h.version == 1:
		return 32
	case h.mono:
		return 9
	}
	return 17
}

// sameStream tells whether g can follow h in one stream.
func (h mpegFrame) sameStream(g mpegFrame) bool {
	return h.version == g.version && h.layer == g.layer && h.sampleRate == g.sampleRate
}

// isSync tells whether b starts with an MPEG audio frame header.
func isSync(b []byte) bool {
	_, ok := parseFrame(b)
	return ok
}

const (
	// maxID3Tags is how many ID3v2 tags in a row are skipped.
	maxID3Tags = 4
	// syncWindow is how far after the tags the first frame is looked for.
	syncWindow = 64 << 10
	// syncChunk is how much of that window is read at once.
	syncChunk = 4 << 10
)

// probeMP3 measures an MP3 file: it skips the ID3v2 tags at the start,
// finds the first of two frames in a row, and takes the duration from the
// Xing/Info or VBRI header in it, or else from the bitrate and the bytes
// of audio.
func probeMP3(s *source) (Info, error) {
	start, tagged, err := skipID3v2(s)
	if err != nil {
		return Info{}, err
	}
	off, h, err := firstFrame(s, start)
	if err != nil {
		return Info{}, err
	}
	if off < 0 {
		if tagged {
			return Info{}, damaged(s.name, "MP3", "it has an ID3 tag but no MPEG audio after it")
		}
		return Info{}, notAccepted(s.name)
	}
	if h.layer != 3 {
		return Info{}, problem(ErrUnsupported, s.name, "export it as MP3 (MPEG audio layer III)",
			"is MPEG audio layer %s, not MP3", [4]string{1: "I", 2: "II"}[h.layer])
	}
	secs, err := mp3Seconds(s, off, h)
	if err != nil {
		return Info{}, err
	}
	if extOf(s.name) != ".mp3" {
		return Info{}, mismatch(s.name, "an MP3 file", ".mp3")
	}
	d, err := seconds(s.name, "MP3", secs)
	if err != nil {
		return Info{}, err
	}
	return Info{Format: MP3, Duration: d}, nil
}

// skipID3v2 returns the offset after the ID3v2 tags at the start of the
// file, and whether there were any.
func skipID3v2(s *source) (int64, bool, error) {
	var off int64
	for range maxID3Tags {
		b, err := s.read(off, 10)
		if err != nil {
			return 0, false, err
		}
		if len(b) < 10 || !bytes.HasPrefix(b, []byte("ID3")) {
			break
		}
		if b[6]|b[7]|b[8]|b[9] >= 0x80 {
			return 0, false, damaged(s.name, "MP3", "its ID3 tag has a size that is not a tag's")
		}
		n := int64(b[6])<<21 | int64(b[7])<<14 | int64(b[8])<<7 | int64(b[9])
		off += 10 + n
		if b[5]&0x10 != 0 { // a footer follows the tag
			off += 10
		}
	}
	if off >= s.size && off > 0 {
		return 0, false, damaged(s.name, "MP3", "it has an ID3 tag but no audio after it")
	}
	return off, off > 0, nil
}

// firstFrame finds, within syncWindow of start, the first frame header
// that a second one follows (or that ends the file), so that stray bytes
// that look like a header are not taken for one. It returns -1 when there
// is none.
func firstFrame(s *source, start int64) (int64, mpegFrame, error) {
	for base := start; base < start+syncWindow && base < s.size; base += syncChunk {
		b, err := s.read(base, syncChunk+3)
		if err != nil {
			return 0, mpegFrame{}, err
		}
		for i := 0; i+4 <= len(b); i++ {
			h, ok := parseFrame(b[i:])
			if !ok {
				continue
			}
			off := base + int64(i)
			next := off + int64(h.length())
			if next >= s.size {
				return off, h, nil
			}
			nb, err := s.read(next, 4)
			if err != nil {
				return 0, mpegFrame{}, err
			}
			if g, ok := parseFrame(nb); ok && h.sameStream(g) {
				return off, h, nil
			}
		}
	}
	return -1, mpegFrame{}, nil
}

// mp3Seconds is how long the stream whose first frame h is at off plays.
func mp3Seconds(s *source, off int64, h mpegFrame) (float64, error) {
	b, err := s.read(off, h.length())
	if err != nil {
		return 0, err
	}
	if frames := vbrFrames(b, h); frames > 0 {
		return float64(frames) * float64(h.samples()) / float64(h.sampleRate), nil
	}
	end, err := audioEnd(s)
	if err != nil {
		return 0, err
	}
	if end <= off {
		return 0, damaged(s.name, "MP3", "its tags leave no audio")
	}
	return float64(end-off) * 8 / float64(h.bitrate), nil
}

// vbrFrames is the frame count of the Xing/Info or VBRI header in the
// first frame b, or 0 when it has none.
func vbrFrames(b []byte, h mpegFrame) uint32 {
	at := 4 + h.sideInfo()
	for _, x := range []int{at, at + 2} {
		if x+12 > len(b) {
			continue
		}
		tag := b[x : x+4]
		if !bytes.Equal(tag, []byte("Xing")) && !bytes.Equal(tag, []byte("Info")) {
			continue
		}
		if binary.BigEndian.Uint32(b[x+4:])&1 == 0 {
			return 0
		}
		return binary.BigEndian.Uint32(b[x+8:])
	}
	if len(b) >= 36+18 && bytes.Equal(b[36:40], []byte("VBRI")) {
		return binary.BigEndian.Uint32(b[36+14:])
	}
	return 0
}

// audioEnd is where the audio ends: before an ID3v1 tag and an APE tag at
// the end of the file.
func audioEnd(s *source) (int64, error) {
	end := s.size
	if t, err := s.read(end-128, 3); err != nil {
		return 0, err
	} else if end >= 128 && bytes.Equal(t, []byte("TAG")) {
		end -= 128
	}
	if end < 32 {
		return end, nil
	}
	f, err := s.read(end-32, 32)
	if err != nil {
		return 0, err
	}
	if len(f) == 32 && bytes.HasPrefix(f, []byte("APETAGEX")) {
		n := int64(binary.LittleEndian.Uint32(f[12:]))
		if binary.LittleEndian.Uint32(f[20:])&(1<<31) != 0 {
			n += 32 // the tag also has a header
		}
		end -= min(n, end)
	}
	return end, nil
}

// maxSeconds is the longest duration believed, a thousand hours: a
// header that says more is damaged.
const maxSeconds = 1000 * 3600

// seconds turns a measured number of seconds into a Duration, or the
// Error for a file of format what whose headers give a duration past
// maxSeconds.
func seconds(name, what string, s float64) (time.Duration, error) {
	if s > maxSeconds {
		return 0, damaged(name, what, "its header says it plays for %.0f hours", s/3600)
	}
	if s <= 0 || s != s {
		return 0, nil
	}
	return time.Duration(s * float64(time.Second)), nil
}
