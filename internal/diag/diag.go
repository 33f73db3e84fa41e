// Package diag is the one shape of feedpub's errors: a problem, what is
// wrong and how to fix it, located as "path:line:col" (the form editors
// and terminals recognise) when it is in a file, with the kind of problem
// it is, from which the command line chooses its exit status. A List
// collects several problems, so that one run can report every one.
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Kind is what sort of problem an Error is.
type Kind uint8

const (
	// Content is a problem in the articles: one that cannot be read or
	// published as written, or articles that clash. It is the zero Kind,
	// since most problems are of it.
	Content Kind = iota
	// Settings is a bad setting: in the settings file, a site
	// generator's settings or a flag.
	Settings
	// Usage is a mistake in how feedpub was called.
	Usage
	// Refused is a guard's refusal: the work would hurt subscribers, or
	// the guard cannot tell that it would not.
	Refused
	// Failed is work that could not be done: a file that could not be
	// written, an upload that failed, a port that could not be served.
	// It is the last Kind: tests go through the kinds up to it.
	Failed
)

var kindNames = [...]string{Content: "content", Settings: "settings", Usage: "usage", Refused: "refused", Failed: "failed"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind " + strconv.Itoa(int(k))
}

// Override names what lets through work that a guard refused. The package
// that refuses defines its overrides; the program words each as its own
// flag or setting.
type Override string

// Error is one problem. Line and Col are 1-based; a zero Line means the
// problem concerns the file as a whole, and an empty Path that it has no
// place in a file.
type Error struct {
	Kind Kind
	Path string
	Line int
	Col  int
	Msg  string // what is wrong
	Hint string // how to fix it; may be empty

	// Override, on a refusal, is what would let the work through anyway.
	// OverrideWhen, when set, is the case in which that is the fix ("if
	// those articles were removed on purpose"); Hint is then the fix
	// otherwise. Advised words them into the hint.
	Override     Override
	OverrideWhen string

	// Err is the error behind the problem, if any, for errors.Is and
	// errors.As; Msg already says what it says.
	Err error
}

// Error formats e as "path:line:col: msg — hint", or "msg — hint" when e
// has no path.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Path != "" {
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
	}
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString(" — ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// Unwrap returns the error behind e, or nil.
func (e *Error) Unwrap() error { return e.Err }

// Advised returns e with how, the words for its Override ("run again with
// --force"), worked into its hint: "when, how; otherwise hint" when e says
// when to override, else "hint, or how". e is returned as it is when it
// has no Override or how is empty.
func (e *Error) Advised(how string) *Error {
	if e.Override == "" || how == "" {
		return e
	}
	a := *e
	switch {
	case e.OverrideWhen != "" && e.Hint != "":
		a.Hint = e.OverrideWhen + ", " + how + "; otherwise " + e.Hint
	case e.OverrideWhen != "":
		a.Hint = e.OverrideWhen + ", " + how
	case e.Hint != "":
		a.Hint = e.Hint + ", or " + how
	default:
		a.Hint = how
	}
	return &a
}

// At returns a problem in the articles at path:line:col.
func At(path string, line, col int, msg, hint string) *Error {
	return Content.At(path, line, col, msg, hint)
}

// At returns a problem of kind k at path:line:col.
func (k Kind) At(path string, line, col int, msg, hint string) *Error {
	return &Error{Kind: k, Path: path, Line: line, Col: col, Msg: msg, Hint: hint}
}

// New returns a problem of kind k with no place in a file.
func (k Kind) New(msg, hint string) *Error {
	return &Error{Kind: k, Msg: msg, Hint: hint}
}

// Errorf returns a problem of kind k with no place in a file and no hint,
// its message formatted as fmt.Errorf does; an error that %w wraps is the
// problem's Err.
func (k Kind) Errorf(format string, args ...any) *Error {
	err := fmt.Errorf(format, args...)
	return &Error{Kind: k, Msg: err.Error(), Err: errors.Unwrap(err)}
}

// Wrap returns err as a problem of kind k with no place in a file.
func (k Kind) Wrap(err error) *Error {
	return &Error{Kind: k, Msg: err.Error(), Err: err}
}

// List is every problem found in a run, all of one kind. A nil or empty
// List is no error; use Err to turn a List into an error value.
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

// Problems returns the problems err holds: a List's, an *Error, those of
// errors joined with errors.Join; any other error is one problem of kind
// Failed. An error that wraps a problem in words of its own is one
// problem of that problem's kind, in those words. Problems of nil is nil.
func Problems(err error) List {
	switch e := err.(type) {
	case nil:
		return nil
	case List:
		return e
	case *Error:
		return List{e}
	case interface{ Unwrap() []error }:
		var l List
		for _, x := range e.Unwrap() {
			l = append(l, Problems(x)...)
		}
		return l
	}
	var l List
	if errors.As(err, &l) && len(l) > 0 {
		if l.Error() == err.Error() {
			return l
		}
		return List{l[0].Kind.Wrap(err)}
	}
	var de *Error
	if errors.As(err, &de) {
		if de.Error() == err.Error() {
			return List{de}
		}
		return List{de.Kind.Wrap(err)}
	}
	return List{Failed.Wrap(err)}
}
