// Package frontmatter splits an article file into its front matter and its
// body, and parses YAML (between "---" lines) or TOML (between "+++" lines)
// front matter into a small tree that remembers where every key and value
// stood in the file, so later checks can point at the exact line and column.
package frontmatter

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/feedpub/feedpub/internal/diag"
)

// Format is the language a file's front matter is written in.
type Format int

// The front matter languages, told apart by their delimiter lines.
const (
	YAML Format = iota // between "---" lines, as Jekyll and Hugo write it
	TOML               // between "+++" lines, as Hugo writes it
)

// Doc is an article file split into its parts.
type Doc struct {
	Format   Format // the language the front matter is written in
	Fields   *Node  // the front matter, always a KindMap
	Body     []byte // everything after the closing delimiter line
	BodyLine int    // the file line on which Body starts
}

// NoFrontMatter is the message of the error Parse returns for a file
// that does not start with front matter, which site readers skip.
const NoFrontMatter = "the file does not start with front matter"

// Options are the rules a site's generator reads front matter by.
type Options struct {
	// LastKeyWins lets a YAML mapping repeat a key, the last value
	// written winning, as Jekyll (Ruby's YAML) reads it; otherwise a
	// repeated key is an error, as Hugo reads it.
	LastKeyWins bool
}

// Parse splits src and parses its front matter. Problems are reported as
// *diag.Error values located in the file called path.
func Parse(path string, src []byte) (*Doc, error) { return ParseWith(path, src, Options{}) }

// ParseWith is Parse by the given rules.
func ParseWith(path string, src []byte, o Options) (*Doc, error) {
	if err := checkEncoding(path, src); err != nil {
		return nil, err
	}
	src = bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
	// Blank lines before the opening delimiter are allowed, as Hugo
	// allows them.
	first, rest := cutLine(src)
	open := 1
	for len(trimLine(first)) == 0 && len(rest) > 0 {
		first, rest = cutLine(rest)
		open++
	}
	var format Format
	var closers []string
	switch string(trimLine(first)) {
	case "---":
		format, closers = YAML, []string{"---", "..."}
	case "+++":
		format, closers = TOML, []string{"+++"}
	default:
		return nil, &diag.Error{Path: path, Line: 1, Col: 1, Msg: NoFrontMatter,
			Hint: "make the first line '---', then write 'title:' and 'date:' lines, then a closing '---' line"}
	}
	fm := rest
	line := open + 1
	for len(rest) > 0 {
		var l []byte
		start := len(fm) - len(rest)
		l, rest = cutLine(rest)
		for _, c := range closers {
			if string(trimLine(l)) == c {
				doc := &Doc{Format: format, Body: rest, BodyLine: line + 1}
				var err error
				if format == YAML {
					doc.Fields, err = parseYAML(path, fm[:start], open+1, o.LastKeyWins)
				} else {
					doc.Fields, err = parseTOML(path, fm[:start], open+1)
				}
				if err != nil {
					return nil, err
				}
				return doc, nil
			}
		}
		line++
	}
	return nil, diag.At(path, 1, 1, "the front matter is never closed",
		fmt.Sprintf("add a line '%s' after the last front matter field", closers[0]))
}

// checkEncoding reports files that are not UTF-8 text: UTF-16 files,
// invalid byte sequences and NUL bytes, each at its line and column.
func checkEncoding(path string, src []byte) error {
	if bytes.HasPrefix(src, []byte{0xFE, 0xFF}) || bytes.HasPrefix(src, []byte{0xFF, 0xFE}) {
		return diag.At(path, 1, 1, "the file is encoded as UTF-16", "save it as UTF-8")
	}
	if utf8.Valid(src) && bytes.IndexByte(src, 0) < 0 {
		return nil // the usual case, checked at memory speed; the loop below finds where
	}
	line, col := 1, 1
	for i := 0; i < len(src); {
		c := src[i]
		if c == 0 {
			return diag.At(path, line, col, "the file contains a NUL byte", "remove it; articles must be UTF-8 text")
		}
		if c < utf8.RuneSelf {
			i++
			if c == '\n' || c == '\r' && (i == len(src) || src[i] != '\n') {
				line, col = line+1, 1
			} else {
				col++
			}
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return diag.At(path, line, col, fmt.Sprintf("invalid UTF-8 (byte 0x%02X)", c),
				"save the file as UTF-8; it may be in Latin-1 or Windows-1252")
		}
		i += size
		col++
	}
	return nil
}

// cutLine returns the first line of b, with its line ending, and the rest.
// Lines end in LF, CRLF or a lone CR, as YAML and editors count them, so
// that positions from the YAML parser and from this package agree.
func cutLine(b []byte) (line, rest []byte) {
	if i := bytes.IndexAny(b, "\r\n"); i >= 0 {
		if b[i] == '\r' && i+1 < len(b) && b[i+1] == '\n' {
			i++
		}
		return b[:i+1], b[i+1:]
	}
	return b, nil
}

// countLines counts the lines of b as cutLine cuts them.
func countLines(b []byte) int {
	n := 1
	for len(b) > 0 {
		var l []byte
		l, b = cutLine(b)
		if c := l[len(l)-1]; c == '\n' || c == '\r' {
			n++
		}
	}
	return n
}

// trimLine drops a line ending and trailing blanks.
func trimLine(l []byte) []byte {
	return bytes.TrimRight(l, " \t\r\n")
}
