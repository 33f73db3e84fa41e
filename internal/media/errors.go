package media

import (
	"errors"
	"fmt"

	"github.com/feedpub/feedpub/internal/diag"
)

// The kinds of problem a media Error is; test for them with errors.Is.
var (
	// ErrEmpty is a file of no bytes.
	ErrEmpty = errors.New("empty file")
	// ErrUnsupported is content Apple Podcasts does not accept: for an
	// enclosure none of Formats, for artwork neither JPEG nor PNG.
	ErrUnsupported = errors.New("unsupported format")
	// ErrExtension is a file whose name's extension does not match what
	// its content is.
	ErrExtension = errors.New("extension does not match content")
	// ErrDamaged is a file of an accepted format that is cut short or
	// damaged, so that it cannot be measured.
	ErrDamaged = errors.New("damaged file")
	// ErrTyped is a length or type typed for an enclosure that is not
	// what the file measures.
	ErrTyped = errors.New("typed value disagrees with the file")
	// ErrArtwork is artwork of the wrong size, shape or colour.
	ErrArtwork = errors.New("artwork not accepted")
)

// Error is a problem with a media file: what is wrong with it and how to
// fix it. Msg starts with the file's name as the caller gave it.
type Error struct {
	Path string // the file, as the caller named it
	Msg  string // what is wrong: "cover.png is 1000×1000 px"
	Hint string // how to fix it
	Err  error  // one of the Err… kinds above
}

// Error is "msg — hint".
func (e *Error) Error() string {
	if e.Hint == "" {
		return e.Msg
	}
	return e.Msg + " — " + e.Hint
}

// Unwrap returns the kind of problem, for errors.Is.
func (e *Error) Unwrap() error { return e.Err }

// At returns e as a problem in the articles located at path:line:col (the
// place that names the file, such as a front matter line).
func (e *Error) At(path string, line, col int) *diag.Error {
	d := diag.At(path, line, col, e.Msg, e.Hint)
	d.Err = e
	return d
}

// problem returns an Error about the file name of the kind kind.
func problem(kind error, name, hint, format string, args ...any) *Error {
	return &Error{Path: name, Msg: name + " " + fmt.Sprintf(format, args...), Hint: hint, Err: kind}
}

// damaged returns the Error for a file of format what that cannot be read
// as one.
func damaged(name, what, format string, args ...any) *Error {
	return problem(ErrDamaged, name, "export or download the file again", "is a damaged "+what+" file: "+format, args...)
}
