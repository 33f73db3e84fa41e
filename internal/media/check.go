package media

import (
	"strings"
)

// Check compares what an author typed for an enclosure with what Probe
// measured of its file: a typed length (0 when none was typed) must be
// Length, and a typed media type ("" when none was typed; case and
// parameters do not matter) must be Type. name is the file's name for
// messages. A disagreement is an *Error of kind ErrTyped; the length is
// checked first.
func (i Info) Check(name string, length int64, typ string) error {
	if length != 0 && length != i.Length {
		return problem(ErrTyped, name, "remove the length: feedpub measures the file",
			"is %d bytes long but the enclosure says %d", i.Length, length)
	}
	t, _, _ := strings.Cut(typ, ";")
	if t = strings.TrimSpace(t); t != "" && !strings.EqualFold(t, i.Type) {
		return problem(ErrTyped, name, "remove the type: feedpub reads it from the file",
			"is %s (%s) but the enclosure says %s", i.Format.name(), i.Type, t)
	}
	return nil
}

// name is how messages call a format: "MP3".
func (f Format) name() string { return strings.ToUpper(string(f)) }
