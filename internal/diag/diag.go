// Package diag describes problems found in input files in the form
// "path:line:col: what is wrong — how to fix it", the form editors and
// terminals recognise, and collects several of them so that one run can
// report every problem at once.
package diag

import (
	"sort"
	"strconv"
	"strings"
)

// Error is one problem at a place in a file. Line and Col are 1-based; a
// zero Line means the problem concerns the file as a whole.
type Error struct {
	Path string
	Line int
	Col  int
	Msg  string // what is wrong
	Hint string // how to fix it; may be empty
}

// Error formats e as "path:line:col: msg — hint".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(e.Line))
		col := e.Col
		if col < 1 {
			col = 1
		}
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(col))
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString(" — ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// At returns an Error at path:line:col.
func At(path string, line, col int, msg, hint string) *Error {
	return &Error{Path: path, Line: line, Col: col, Msg: msg, Hint: hint}
}

// List is every problem found in a run. A nil or empty List is no error;
// use Err to turn a List into an error value.
type List []*Error

// Error lists the problems one per line.
func (l List) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Err returns l as an error, or nil when l is empty, so callers never
// return a typed nil.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Sort orders the problems by path, line and column, so reports are the
// same from run to run whatever order files were read in.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}
