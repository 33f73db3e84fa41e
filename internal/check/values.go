package check

import (
	"net/url"
	"regexp"
	"strings"
	"time"
)

// absolute reports whether s is an absolute URL with a host (or a
// mailto, tag or urn URI, which need none).
func absolute(s string) bool {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Scheme == "" {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "ftp":
		return u.Host != ""
	}
	return u.Opaque != "" || u.Host != "" || u.Path != ""
}

// resolved is s resolved against base, when base is absolute.
func resolved(s, base string) string {
	b, err := url.Parse(strings.TrimSpace(base))
	if err != nil || !absolute(base) {
		return s
	}
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return s
	}
	return b.ResolveReference(u).String()
}

// rfc822 matches a date of RFC 822 (as RFC 2822 and RSS 2.0 read it):
// an optional day name, the day, month and year, the time with optional
// seconds, and a zone.
var rfc822 = regexp.MustCompile(`^(?:(Mon|Tue|Wed|Thu|Fri|Sat|Sun), *)?(\d{1,2}) +(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +(\d{2}|\d{4}) +(\d{2}:\d{2}(?::\d{2})?)(?: +(.+))?$`)

// rfc822Zones are the zones RFC 822 names; numeric offsets are the others.
var rfc822Zones = regexp.MustCompile(`^(?:[+-]\d{4}|UT|GMT|Z|[ECMP][SD]T|[A-IK-Za-ik-z])$`)

// rfc822Problem says what is wrong with the RFC 822 date s, or "".
func rfc822Problem(s string) string {
	m := rfc822.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return "is not an RFC 822 date like Mon, 02 Jan 2006 15:04:05 +0000"
	}
	if m[6] == "" {
		return "has no time zone"
	}
	if !rfc822Zones.MatchString(m[6]) {
		return "has the zone " + m[6] + ", which RFC 822 does not name"
	}
	layout := "2 Jan 2006 15:04"
	if len(m[4]) == 2 {
		layout = "2 Jan 06 15:04"
	}
	if len(m[5]) == 8 {
		layout += ":05"
	}
	t, err := time.Parse(layout, m[2]+" "+m[3]+" "+m[4]+" "+m[5])
	if err != nil {
		return "is not a day and time of the calendar"
	}
	if m[1] != "" && t.Weekday().String()[:3] != m[1] {
		return "names the wrong day of the week (" + t.Weekday().String() + ")"
	}
	return ""
}

// rfc3339Problem says what is wrong with the RFC 3339 date-time s, or "".
func rfc3339Problem(s string) string {
	s = strings.TrimSpace(s)
	if _, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return ""
	}
	if _, err := time.Parse("2006-01-02T15:04:05.999999999", s); err == nil {
		return "has no time zone"
	}
	if _, err := time.Parse("2006-01-02", s); err == nil {
		return "is a date without a time and a zone"
	}
	return "is not an RFC 3339 date-time like 2006-01-02T15:04:05Z"
}
