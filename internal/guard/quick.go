package guard

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
)

// quickEntries reads the entries of an Atom document from r without
// decoding their content, which is nearly all of a large feed's bytes and
// would take seconds to decode, and without holding more than an entry or
// so of it: each <entry> element, less its <content>, is decoded alone.
// It applies only where a '<' can only start a tag (no comments, CDATA
// sections, declarations or instructions after the root's start) and
// where every entry decodes; otherwise it reports false and the document
// must be decoded whole. Errors are the reader's.
func quickEntries(r io.Reader) ([]atomEntry, bool, error) {
	s := &scanner{r: r}
	// Up to the root element; what comes before it may hold anything.
	for {
		if i := bytes.Index(s.buf, []byte("<feed")); i >= 0 {
			s.buf = s.buf[i:]
			break
		}
		s.buf = s.buf[max(0, len(s.buf)-len("<feed")):]
		if more, err := s.fill(); err != nil || !more {
			return nil, false, err
		}
	}
	var out []atomEntry
	var frag []byte
	for {
		start := tagAt(s.buf, "entry")
		if start < 0 {
			// No entry starts here: all but a tail that may begin one is
			// markup between entries.
			keep := min(len(s.buf), len("<entry "))
			if !plain(s.buf[:len(s.buf)-keep]) {
				return nil, false, nil
			}
			s.buf = s.buf[len(s.buf)-keep:]
			more, err := s.fill()
			if err != nil {
				return nil, false, err
			}
			if !more {
				return out, len(out) > 0 && plain(s.buf), nil
			}
			continue
		}
		if !plain(s.buf[:start]) {
			return nil, false, nil
		}
		n := bytes.Index(s.buf[start:], []byte("</entry>"))
		if n < 0 {
			s.buf = s.buf[start:]
			more, err := s.fill()
			if err != nil || !more {
				return nil, false, err
			}
			continue
		}
		end := start + n + len("</entry>")
		entry := s.buf[start:end]
		s.buf = s.buf[end:]
		if !plain(entry) {
			return nil, false, nil
		}
		var ok bool
		if frag, ok = withoutContent(frag[:0], entry); !ok {
			return nil, false, nil
		}
		var e atomEntry
		if err := xml.Unmarshal(frag, &e); err != nil {
			return nil, false, nil
		}
		out = append(out, e)
	}
}

// scanner holds the part of a document not yet looked at: buf, at the
// front of mem once fill has moved it there.
type scanner struct {
	r   io.Reader
	mem []byte
	buf []byte
	eof bool
}

// fill appends more of the document to buf, growing mem only when buf
// fills it, and reports false at the end of the document.
func (s *scanner) fill() (bool, error) {
	if s.eof {
		return false, nil
	}
	if len(s.buf) == len(s.mem) {
		s.mem = make([]byte, max(2*len(s.mem), 1<<20))
	}
	s.buf = s.mem[:copy(s.mem, s.buf)]
	n, err := io.ReadFull(s.r, s.mem[len(s.buf):])
	s.buf = s.mem[:len(s.buf)+n]
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		s.eof = true
		return n > 0, nil
	}
	return true, err
}

// plain reports whether b holds no comment, CDATA section, declaration or
// processing instruction, so that every '<' in it starts a tag.
func plain(b []byte) bool {
	return !bytes.Contains(b, []byte("<!")) && !bytes.Contains(b, []byte("<?"))
}

// withoutContent appends entry to frag less its <content> elements.
func withoutContent(frag, entry []byte) ([]byte, bool) {
	for {
		c := tagAt(entry, "content")
		if c < 0 {
			return append(frag, entry...), true
		}
		frag = append(frag, entry[:c]...)
		end := bytes.IndexByte(entry[c:], '>')
		if end < 0 {
			return nil, false
		}
		if entry[c+end-1] == '/' { // <content src="…"/>
			entry = entry[c+end+1:]
			continue
		}
		endTag := bytes.Index(entry[c:], []byte("</content>"))
		if endTag < 0 {
			return nil, false
		}
		entry = entry[c+endTag+len("</content>"):]
	}
}

// tagAt is where the first start tag of the unprefixed element name is in
// b, or -1.
func tagAt(b []byte, name string) int {
	off := 0
	for {
		i := bytes.Index(b[off:], []byte("<"+name))
		if i < 0 {
			return -1
		}
		i += off
		if j := i + 1 + len(name); j < len(b) {
			switch b[j] {
			case '>', '/', ' ', '\t', '\n', '\r':
				return i
			}
		}
		off = i + 1
	}
}
