package picture

import (
	"bytes"
	"encoding/xml"
	"math"
	"strconv"
	"strings"
)

// svgRoot is the first element of head, if head is XML: its start tag.
func svgRoot(head []byte) (xml.StartElement, bool) {
	d := xml.NewDecoder(bytes.NewReader(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))))
	d.Strict = false
	for {
		tok, err := d.Token()
		if err != nil {
			return xml.StartElement{}, false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t, true
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return xml.StartElement{}, false
			}
		}
	}
}

// isSVG reports whether head starts an SVG document: XML (after a
// prologue, comments and a doctype) whose first element is svg.
func isSVG(head []byte) bool {
	t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(t) == 0 || t[0] != '<' {
		return false
	}
	root, ok := svgRoot(head)
	return ok && root.Name.Local == "svg" && (root.Name.Space == "" || root.Name.Space == "http://www.w3.org/2000/svg")
}

// svgSize is an SVG's size: its viewBox's, else its width and height
// when both are plain numbers (or pixels); 0, 0 when it says neither.
func svgSize(head []byte) (int, int) {
	root, ok := svgRoot(head)
	if !ok {
		return 0, 0
	}
	var vb, w, h string
	for _, a := range root.Attr {
		switch a.Name.Local {
		case "viewBox":
			vb = a.Value
		case "width":
			w = a.Value
		case "height":
			h = a.Value
		}
	}
	number := func(s string) (float64, bool) {
		f, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "px"), 64)
		return f, err == nil && f > 0
	}
	if fw, ok := number(w); ok {
		if fh, ok := number(h); ok {
			return size(fw), size(fh)
		}
	}
	if f := strings.FieldsFunc(vb, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '\n' }); len(f) == 4 {
		fw, okw := number(f[2])
		fh, okh := number(f[3])
		if okw && okh {
			return size(fw), size(fh)
		}
	}
	return 0, 0
}

// size rounds a length to whole pixels, at least 1.
func size(f float64) int { return max(1, int(math.Round(f))) }
