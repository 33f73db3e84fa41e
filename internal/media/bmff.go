package media

import (
	"encoding/binary"
	"fmt"
	"slices"
)

// box is one ISO base media box: where it starts, how long its header
// is and how long it is in all.
type box struct {
	typ       string
	off, hdr  int64
	size      int64
	truncated bool // it claims to end past its parent or the file
}

// body is where the box's content starts and ends.
func (b box) body() (int64, int64) { return b.off + b.hdr, b.off + b.size }

// isBMFF tells whether head starts with the first box of an ISO base
// media (MP4) or QuickTime file.
func isBMFF(head []byte) bool {
	if len(head) < 8 {
		return false
	}
	n := binary.BigEndian.Uint32(head)
	switch string(head[4:8]) {
	case "ftyp":
		return n >= 16 || n == 1
	case "moov", "mdat", "wide", "free", "skip", "pnot":
		return n >= 8 || n == 1
	}
	return false
}

// maxBoxes bounds how many boxes of one parent are read.
const maxBoxes = 1 << 16

// boxes calls visit on each box between start and end, until visit
// returns false or the boxes run out; a box that claims to go past end is
// given to visit marked truncated, and is the last.
func (s *source) boxes(start, end int64, visit func(box) (bool, error)) error {
	for off, n := start, 0; off+8 <= end && n < maxBoxes; n++ {
		h, err := s.read(off, 16)
		if err != nil {
			return err
		}
		if len(h) < 8 {
			return nil
		}
		b := box{typ: string(h[4:8]), off: off, hdr: 8, size: int64(binary.BigEndian.Uint32(h))}
		switch b.size {
		case 0: // to the end
			b.size = end - off
		case 1:
			if len(h) < 16 {
				b.size, b.truncated = end-off, true
				break
			}
			b.hdr = 16
			b.size = end - off + 1 // past end, unless it fits
			if u := binary.BigEndian.Uint64(h[8:]); u <= uint64(end-off) {
				b.size = int64(u)
			}
		}
		if b.size < b.hdr {
			return damaged(s.name, "MPEG-4", "its %q box at byte %d has a size of %d", printable(b.typ), off, b.size)
		}
		if b.size > end-off {
			b.size, b.truncated = end-off, true
		}
		more, err := visit(b)
		if err != nil || !more || b.truncated {
			return err
		}
		off += b.size
	}
	return nil
}

// printable shows a box type for a message, its bytes as Go would quote
// them when they are not letters.
func printable(t string) string {
	for _, c := range []byte(t) {
		if c < ' ' || c > '~' {
			return fmt.Sprintf("%x", t)
		}
	}
	return t
}

// movie is what probeBMFF learns of the top-level boxes.
type movie struct {
	major      string   // the ftyp box's major brand, or "qt  " without one
	compatible []string // its compatible brands
	timescale  uint32
	duration   uint64
	fragments  uint64 // the mehd box's duration of a fragmented file
	video      bool
	moov       bool
}

// probeBMFF measures an MP4, M4A, M4V or MOV file from its movie header.
func probeBMFF(s *source) (Info, error) {
	m := movie{major: "qt  "}
	first := true
	err := s.boxes(0, s.size, func(b box) (bool, error) {
		defer func() { first = false }()
		switch {
		case b.typ == "ftyp" && first:
			return true, m.readFtyp(s, b)
		case b.typ == "moov":
			if b.truncated {
				return false, cutShort(s.name, b)
			}
			m.moov = true
			return false, m.readMoov(s, b)
		case b.truncated:
			return false, cutShort(s.name, b)
		}
		return true, nil
	})
	if err != nil {
		return Info{}, err
	}
	if !m.moov {
		return Info{}, damaged(s.name, "MPEG-4", "it has no movie header (moov box), so it is cut short or was not finished")
	}
	if m.timescale == 0 {
		return Info{}, damaged(s.name, "MPEG-4", "its movie header (mvhd box) is missing or has no time scale")
	}
	d := m.duration
	if d == 0 || d == 1<<32-1 || d == 1<<64-1 {
		d = m.fragments
	}
	if d == 0 {
		return Info{}, damaged(s.name, "MPEG-4", "its movie header gives no duration")
	}
	f, err := m.format(s.name)
	if err != nil {
		return Info{}, err
	}
	secs, err := seconds(s.name, "MPEG-4", float64(d)/float64(m.timescale))
	if err != nil {
		return Info{}, err
	}
	return Info{Format: f, Duration: secs, Video: m.video}, nil
}

// cutShort is the Error for a box that ends past the end of the file.
func cutShort(name string, b box) *Error {
	return damaged(name, "MPEG-4", "it is cut short: its %q box at byte %d ends past the end of the file", printable(b.typ), b.off)
}

// readFtyp reads the brands of an ftyp box.
func (m *movie) readFtyp(s *source, b box) error {
	start, end := b.body()
	body, err := s.read(start, int(min(end-start, 256)))
	if err != nil {
		return err
	}
	if len(body) < 8 {
		return damaged(s.name, "MPEG-4", "its file type (ftyp) box is too short")
	}
	m.major = string(body[:4])
	for i := 8; i+4 <= len(body); i += 4 {
		m.compatible = append(m.compatible, string(body[i:i+4]))
	}
	return nil
}

// readMoov reads the movie header and the track handlers in a moov box.
func (m *movie) readMoov(s *source, moov box) error {
	start, end := moov.body()
	return s.boxes(start, end, func(b box) (bool, error) {
		var err error
		switch b.typ {
		case "mvhd":
			err = m.readMvhd(s, b)
		case "trak":
			err = m.readTrak(s, b)
		case "mvex":
			err = m.readMvex(s, b)
		}
		return true, err
	})
}

// readMvhd reads the time scale and duration of an mvhd box, of either
// version.
func (m *movie) readMvhd(s *source, b box) error {
	start, _ := b.body()
	h, err := s.read(start, 32)
	if err != nil {
		return err
	}
	switch {
	case len(h) >= 20 && h[0] == 0:
		m.timescale = binary.BigEndian.Uint32(h[12:])
		m.duration = uint64(binary.BigEndian.Uint32(h[16:]))
	case len(h) >= 32 && h[0] == 1:
		m.timescale = binary.BigEndian.Uint32(h[20:])
		m.duration = binary.BigEndian.Uint64(h[24:])
	default:
		return damaged(s.name, "MPEG-4", "its movie header (mvhd box) is of an unknown version or too short")
	}
	return nil
}

// readMvex reads the duration of a fragmented movie from mvex/mehd.
func (m *movie) readMvex(s *source, mvex box) error {
	start, end := mvex.body()
	return s.boxes(start, end, func(b box) (bool, error) {
		if b.typ != "mehd" {
			return true, nil
		}
		bs, _ := b.body()
		h, err := s.read(bs, 12)
		switch {
		case err != nil:
			return false, err
		case len(h) >= 8 && h[0] == 0:
			m.fragments = uint64(binary.BigEndian.Uint32(h[4:]))
		case len(h) >= 12 && h[0] == 1:
			m.fragments = binary.BigEndian.Uint64(h[4:])
		}
		return false, nil
	})
}

// readTrak notes whether a track is video, from trak/mdia/hdlr.
func (m *movie) readTrak(s *source, trak box) error {
	start, end := trak.body()
	return s.boxes(start, end, func(b box) (bool, error) {
		if b.typ != "mdia" {
			return true, nil
		}
		ms, me := b.body()
		return false, s.boxes(ms, me, func(h box) (bool, error) {
			if h.typ != "hdlr" {
				return true, nil
			}
			hs, _ := h.body()
			body, err := s.read(hs, 12)
			if err == nil && len(body) == 12 && string(body[8:12]) == "vide" {
				m.video = true
			}
			return false, err
		})
	})
}

// format decides which of M4A, MP4, M4V and MOV the file is: QuickTime
// by its brand, the others by the name's extension, which must agree
// with the brand and with whether the file holds video.
func (m *movie) format(name string) (Format, error) {
	if m.major == "qt  " {
		if extOf(name) != ".mov" {
			return "", mismatch(name, "a QuickTime movie", ".mov")
		}
		return MOV, nil
	}
	want := ".m4a"
	switch {
	case m.video && m.hasBrand("M4V ", "M4VH", "M4VP"):
		want = ".m4v"
	case m.video:
		want = ".mp4"
	}
	switch f, _ := FormatForExtension(extOf(name)); f {
	case M4A:
		if m.video {
			return "", mismatch(name, "an MPEG-4 video", want)
		}
		return M4A, nil
	case MP4, M4V:
		return f, nil
	}
	if m.video {
		return "", mismatch(name, "an MPEG-4 video", want)
	}
	return "", mismatch(name, "an MPEG-4 audio file", want)
}

// hasBrand tells whether the major or a compatible brand is one of bs.
func (m *movie) hasBrand(bs ...string) bool {
	return slices.Contains(bs, m.major) || slices.ContainsFunc(m.compatible, func(c string) bool { return slices.Contains(bs, c) })
}
