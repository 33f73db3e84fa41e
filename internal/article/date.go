package article

import (
	"fmt"
	"regexp"
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
	loc := d.loc
	if d.dialect == Jekyll && strings.ContainsAny(strings.TrimSpace(v.Str), " T") {
		loc = time.UTC // YAML reads a time without a zone as UTC, and Jekyll keeps it
	}
	t, err := ParseDate(v.Str, loc)
	if d.dialect == Jekyll && err != nil {
		t, err = rubyDate(v.Str, d.loc, err)
	}
	if d.dialect == Jekyll && err == nil {
		t = t.In(d.loc) // Jekyll works in the site's zone, URLs included
	}
	if err != nil {
		d.errf(v.Line, v.Col, fmt.Sprintf("'%s': %v", f.Key, err), dateHint)
	}
	return t
}

// rubyParts are the parts Ruby's Time.parse picks out of a date: the
// day, a time of day and the zone written right after that time. A zone
// anywhere else is not read, nor is one after a day without a time.
var rubyParts = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}:\d{2}(?::\d{2})?)(?:\s*([+-]\d{2}:?\d{2}|Z|UTC|GMT)\b)?)?(?:\s.*)?$`)

// rubyDate reads a date as Jekyll does with Ruby's lenient Time.parse,
// which skips what it does not understand: "2023-01-29 18:30:22 2023
// -0800" is 18:30:22 in the site's zone, since the zone does not follow
// the time. Without a zone the time is in loc. strict is the error of
// the strict reading, returned when this one fails too.
func rubyDate(s string, loc *time.Location, strict error) (time.Time, error) {
	m := rubyParts.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return time.Time{}, strict
	}
	clock := m[2]
	if clock == "" {
		clock = "00:00:00"
	} else if strings.Count(clock, ":") == 1 {
		clock += ":00"
	}
	if len(clock) == 7 {
		clock = "0" + clock
	}
	zone := strings.ReplaceAll(m[3], ":", "")
	switch zone {
	case "":
		t, err := time.ParseInLocation("2006-01-02 15:04:05", m[1]+" "+clock, loc)
		if err != nil {
			return time.Time{}, strict
		}
		return t, nil
	case "Z", "UTC", "GMT":
		zone = "+0000"
	}
	t, err := time.Parse("2006-01-02 15:04:05 -0700", m[1]+" "+clock+" "+zone)
	if err != nil {
		return time.Time{}, strict
	}
	return t, nil
}
