package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
)

// jval is a JSON value with where it starts.
type jval struct {
	at         pos
	start, end int64
	str        *string // a string's value
	keys       []string
	obj        map[string]*jval // an object's members, in the order of keys
	keyAt      map[string]pos   // where each of an object's keys is
	arr        []*jval          // an array's elements
	isObj      bool
	isArr      bool
}

// jparser reads a JSON document into jvals, locating each.
type jparser struct {
	data  []byte
	dec   *json.Decoder
	lines []int // the offset at which each line starts
}

func newJParser(data []byte) *jparser {
	p := &jparser{data: data, dec: json.NewDecoder(bytes.NewReader(data)), lines: []int{0}}
	p.dec.UseNumber()
	for i, c := range data {
		if c == '\n' {
			p.lines = append(p.lines, i+1)
		}
	}
	return p
}

// at is the line and column of the byte offset off.
func (p *jparser) at(off int64) pos {
	i := sort.SearchInts(p.lines, int(off)+1) - 1
	return pos{i + 1, int(off) - p.lines[i] + 1}
}

// next is the offset at which the next token begins.
func (p *jparser) next() int64 {
	off := p.dec.InputOffset()
	for off < int64(len(p.data)) {
		switch p.data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	return off
}

// value reads the next value.
func (p *jparser) value() (*jval, error) {
	start := p.next()
	tok, err := p.dec.Token()
	if err != nil {
		return nil, err
	}
	v := &jval{at: p.at(start), start: start}
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			v.isObj, v.obj, v.keyAt = true, map[string]*jval{}, map[string]pos{}
			for p.dec.More() {
				keyStart := p.next()
				k, err := p.dec.Token()
				if err != nil {
					return nil, err
				}
				key, _ := k.(string)
				member, err := p.value()
				if err != nil {
					return nil, err
				}
				if _, dup := v.obj[key]; !dup {
					v.keys = append(v.keys, key)
					v.keyAt[key] = p.at(keyStart)
				}
				v.obj[key] = member
			}
		} else {
			v.isArr = true
			for p.dec.More() {
				el, err := p.value()
				if err != nil {
					return nil, err
				}
				v.arr = append(v.arr, el)
			}
		}
		if _, err := p.dec.Token(); err != nil { // the closing delimiter
			return nil, err
		}
	case string:
		v.str = &t
	}
	v.end = p.dec.InputOffset()
	return v, nil
}

// parseJSON reads data as one JSON value, or reports why it is not JSON.
func parseJSON(r *findings, data []byte) *jval {
	p := newJParser(data)
	v, err := p.value()
	if err == nil {
		if _, extra := p.dec.Token(); extra != io.EOF {
			err = fmt.Errorf("more than one value in the document")
		}
	}
	if err != nil {
		at := p.at(p.dec.InputOffset())
		var se *json.SyntaxError
		if errors.As(err, &se) && se.Offset > 0 {
			at = p.at(se.Offset - 1)
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			err = errors.New("the document ends before its value does")
		}
		r.errorf(at, "InvalidJSON", "make the document valid JSON (RFC 8259): quoted keys, no trailing commas, closed brackets",
			"not valid JSON: %v", err)
		return nil
	}
	return v
}
