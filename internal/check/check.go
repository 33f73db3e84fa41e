// Package check checks RSS 2.0 and 1.0, Atom 1.0 and JSON Feed 1.1 documents,
// feedpub's own or anyone's, offline: against their specifications and
// the rules feedpub holds its own feeds to (absolute URLs, unique ids,
// dates with zones, a self link, Google's size limits). Every finding is
// located in the document and named as the W3C Feed Validation Service
// names the same check.
package check

import (
	"bytes"
	"fmt"
	"sort"
)

// Severity tells a finding that breaks a feed from one that only risks
// how readers show it.
type Severity string

// The severities. A check with any Error fails.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Google's limits for a feed and for one of its items (Publisher Center):
// a larger feed or item is a warning.
const (
	MaxFeedBytes = 2_000_000
	MaxItemBytes = 1_000_000
)

// Options chooses which checks run.
type Options struct {
	// Strict adds the checks of what a feed may lack and still be read
	// well: for now, an icon (RSS image, Atom icon or logo, JSON icon or
	// favicon).
	Strict bool
}

// A Finding is one problem in one document.
type Finding struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Col      int      `json:"col"`
	Severity Severity `json:"severity"`
	Name     string   `json:"name"`    // the W3C validator's name for the check, where it has one
	Message  string   `json:"message"` // what is wrong
	Fix      string   `json:"fix"`     // how to fix it
}

// String is the finding as one line: "file:line:col: severity: Name:
// message — fix".
func (f Finding) String() string {
	s := fmt.Sprintf("%s:%d:%d: %s: %s: %s", f.File, f.Line, f.Col, f.Severity, f.Name, f.Message)
	if f.Fix != "" {
		s += " — " + f.Fix
	}
	return s
}

// HasErrors reports whether any finding is an error.
func HasErrors(fs []Finding) bool {
	for _, f := range fs {
		if f.Severity == Error {
			return true
		}
	}
	return false
}

// findings collects what a document's checks find.
type findings struct {
	file string
	opts Options
	list []Finding
}

func (r *findings) add(sev Severity, p pos, name, msg, fix string) {
	r.list = append(r.list, Finding{File: r.file, Line: p.line, Col: p.col, Severity: sev, Name: name, Message: msg, Fix: fix})
}

func (r *findings) errorf(p pos, name, fix, format string, args ...any) {
	r.add(Error, p, name, fmt.Sprintf(format, args...), fix)
}

func (r *findings) warnf(p pos, name, fix, format string, args ...any) {
	r.add(Warning, p, name, fmt.Sprintf(format, args...), fix)
}

// pos is a place in a document: a 1-based line and byte column.
type pos struct{ line, col int }

// Document checks data, the document named file (a path or URL, used only
// to locate findings), and returns what it finds, in document order. The
// format is told by the content: a JSON object is a JSON Feed, XML with
// an rss root RSS 2.0, with rdf:RDF RSS 1.0, with an Atom feed root Atom.
func Document(file string, data []byte, opts Options) []Finding {
	r := &findings{file: file, opts: opts}
	if len(data) > MaxFeedBytes {
		r.warnf(pos{1, 1}, "FeedTooLarge", "keep fewer items in the feed, or summaries instead of full text (feedpub: limit, content: summary)",
			"the feed is %d bytes, over Google's limit of %d", len(data), MaxFeedBytes)
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') {
		checkJSON(r, data)
	} else {
		checkXML(r, data)
	}
	sort.SliceStable(r.list, func(i, j int) bool {
		a, b := r.list[i], r.list[j]
		return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
	})
	return r.list
}
