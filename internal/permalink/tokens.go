package permalink

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// tokenRe finds Hugo-style tokens: ":name" with an optional "[…]" cut,
// as in Hugo's permalinks.go.
var tokenRe = regexp.MustCompile(`:\w+(\[.+?\])?`)

// escapedColon stands for "\:", a literal colon, during expansion.
const escapedColon = "\x00"

// referenceTime has every field different from Go's layout reference
// time, so a token is a Go time layout exactly when formatting this time
// with it changes it (Hugo's test).
var referenceTime = time.Date(2019, time.November, 9, 23, 1, 42, 1, time.UTC)

// hugoNames are Hugo's named tokens.
var hugoNames = map[string]bool{
	"year": true, "month": true, "monthname": true, "day": true, "weekday": true, "weekdayname": true,
	"yearday": true, "section": true, "sectionslug": true, "sections": true, "sectionslugs": true,
	"title": true, "slug": true, "slugorfilename": true, "filename": true, "contentbasename": true,
	"slugorcontentbasename": true,
}

// isDateToken reports whether attr is a Go time layout such as "06" or "2".
func isDateToken(attr string) bool { return referenceTime.Format(attr) != attr }

// expandTokens replaces each token of pattern with value(attr), attr
// being the token without its colon; known reports the tokens that
// exist. "\:" is a literal colon.
func expandTokens(pattern string, known func(attr string) bool, value func(attr string) (string, error)) (string, error) {
	return expandText(pattern, known, value, func(s string) string { return s })
}

// expandText is expandTokens with the text between tokens passed
// through literal.
func expandText(pattern string, known func(attr string) bool, value func(attr string) (string, error), literal func(string) string) (string, error) {
	s := strings.ReplaceAll(pattern, `\:`, escapedColon)
	var b strings.Builder
	last := 0
	for _, m := range tokenRe.FindAllStringIndex(s, -1) {
		attr := s[m[0]+1 : m[1]]
		if !known(attr) {
			return "", fmt.Errorf("permalink %q: unknown token :%s", pattern, attr)
		}
		v, err := value(attr)
		if err != nil {
			return "", fmt.Errorf("permalink %q: %w", pattern, err)
		}
		b.WriteString(literal(s[last:m[0]]))
		b.WriteString(v)
		last = m[1]
	}
	b.WriteString(literal(s[last:]))
	return strings.ReplaceAll(b.String(), escapedColon, ":"), nil
}

// checkTokens reports the first unknown token of pattern.
func checkTokens(pattern string, known func(attr string) bool) error {
	_, err := expandTokens(pattern, known, func(string) (string, error) { return "", nil })
	return err
}

// dateToken is the value of a date token, as Hugo makes it.
func dateToken(t time.Time, attr string) string {
	switch attr {
	case "year":
		return strconv.Itoa(t.Year())
	case "month":
		return fmt.Sprintf("%02d", int(t.Month()))
	case "monthname":
		return t.Month().String()
	case "day":
		return fmt.Sprintf("%02d", t.Day())
	case "weekday":
		return strconv.Itoa(int(t.Weekday()))
	case "weekdayname":
		return t.Weekday().String()
	case "yearday":
		return strconv.Itoa(t.YearDay())
	}
	return t.Format(attr)
}

// sectionsCut returns the sections a "[…]" cut selects, leniently as
// Hugo does: "[1:]", "[:last]", "[last]", "[0]", "[2:3]"; an index out of
// range selects nothing.
func sectionsCut(cut string, s []string) []string {
	cut = strings.ToLower(strings.TrimSpace(cut))
	if cut == "" {
		return s
	}
	if len(cut) < 3 || cut[0] != '[' || cut[len(cut)-1] != ']' || len(s) == 0 {
		return nil
	}
	index := func(x string, low bool) int {
		switch {
		case x == "" && low:
			return 0
		case x == "":
			return len(s)
		case x == "last":
			return len(s) - 1
		}
		n, _ := strconv.Atoi(x)
		n = max(n, 0)
		if n >= len(s) {
			if low {
				return -1
			}
			return len(s)
		}
		return n
	}
	lo, hi, isRange := strings.Cut(cut[1:len(cut)-1], ":")
	if !isRange {
		n := index(lo, true)
		if n < 0 || s[n] == "" {
			return nil
		}
		return []string{s[n]}
	}
	n1, n2 := index(lo, true), index(hi, false)
	if n1 < 0 || n2 < 0 || n1 > n2 {
		return nil
	}
	return s[n1:n2]
}

// sectionsToken is the value of :sections, with or without a cut.
func sectionsToken(attr string, sections []string) string {
	return path.Join(sectionsCut(strings.TrimPrefix(attr, "sections"), sections)...)
}
