package guard

import (
	"bytes"
	"encoding/xml"
)

// quickEntries reads the entries of an Atom document without decoding
// their content, which is nearly all of a large feed's bytes and would
// take seconds to decode: each <entry> element, less its <content>, is
// decoded alone. It applies only where a '<' can only start a tag (no
// comments, CDATA sections, declarations or instructions after the
// root's start) and where every entry decodes; otherwise it reports
// false and the document must be decoded whole.
func quickEntries(data []byte) ([]atomEntry, bool) {
	root := bytes.Index(data, []byte("<feed"))
	if root < 0 {
		return nil, false
	}
	body := data[root:]
	if bytes.Contains(body, []byte("<!")) || bytes.Contains(body, []byte("<?")) {
		return nil, false
	}
	var out []atomEntry
	var frag []byte
	for {
		start := tagAt(body, "entry")
		if start < 0 {
			break
		}
		n := bytes.Index(body[start:], []byte("</entry>"))
		if n < 0 {
			return nil, false
		}
		entry := body[start : start+n+len("</entry>")]
		body = body[start+n+len("</entry>"):]
		frag = frag[:0]
		for {
			c := tagAt(entry, "content")
			if c < 0 {
				break
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
		frag = append(frag, entry...)
		var e atomEntry
		if err := xml.Unmarshal(frag, &e); err != nil {
			return nil, false
		}
		out = append(out, e)
	}
	return out, len(out) > 0
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
