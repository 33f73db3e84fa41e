package article

import (
	"fmt"
	"strings"
	"time"

	"github.com/feedpub/feedpub/internal/frontmatter"
)

// Layouts with a time zone of their own, and layouts read in the site's.
var (
	zonedLayouts = []string{time.RFC3339Nano, "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05 -07:00", "2006-01-02T15:04:05-0700"}
	localLayouts = []string{"2006-01-02", "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999"}
)

const dateHint = "write YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] (read in the site's time zone) or RFC 3339 such as 2024-05-01T09:30:00+02:00"

// ParseDate reads a date in one of the forms articles may use. Dates
// without a zone are read in loc.
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	var rangeErr error
	try := func(layout string, in *time.Location) (time.Time, bool) {
		t, err := time.ParseInLocation(layout, s, in)
		if err == nil {
			return t, true
		}
		if pe, ok := err.(*time.ParseError); ok && strings.Contains(pe.Message, "out of range") && rangeErr == nil {
			rangeErr = fmt.Errorf("%q is not a real date or time (%s)", s, strings.TrimPrefix(pe.Message, ": "))
		}
		return time.Time{}, false
	}
	for _, l := range zonedLayouts {
		if t, ok := try(l, time.UTC); ok {
			return t, nil
		}
	}
	for _, l := range localLayouts {
		if t, ok := try(l, loc); ok {
			return t, nil
		}
	}
	if rangeErr != nil {
		return time.Time{}, rangeErr
	}
	return time.Time{}, fmt.Errorf("%q is not a date feedpub understands", s)
}

func (d *decoder) date(f frontmatter.Field) time.Time {
	v := f.Value
	if v.Kind != frontmatter.KindString && v.Kind != frontmatter.KindNumber {
		d.errf(v.Line, v.Col, fmt.Sprintf("'%s' is %s, not a date", f.Key, v.Kind), dateHint)
		return time.Time{}
	}
	t, err := ParseDate(v.Str, d.loc)
	if err != nil {
		d.errf(v.Line, v.Col, fmt.Sprintf("'%s': %v", f.Key, err), dateHint)
	}
	return t
}
