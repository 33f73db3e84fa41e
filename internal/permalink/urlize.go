package permalink

import (
	"net/url"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// HugoURLize is Hugo's urlize of one path part (for term folders:
// /tags/<term>/): whitespace runs become one "-", letters, digits, marks,
// ". _ ~ - + # @ / \" and %XX escapes stay and the rest is dropped; the
// result is lower-cased when lower is set (Hugo's default, off with
// disablePathToLower), loses its accents when removeAccents is set
// (removePathAccents), and has non-ASCII percent-encoded.
func HugoURLize(s string, lower, removeAccents bool) string {
	return urlEscape(hugoMakePath(s, lower, removeAccents))
}

// HugoTermPath is the folder Hugo 0.165 gives a taxonomy term
// (/tags/<term>/), as named on disk, not percent-encoded: like a file
// name's, runs of spaces and dashes stay ("A - B" → "a---b"), unlike
// HugoURLize's.
func HugoTermPath(s string, lower, removeAccents bool) string {
	return hugoMakePath(hugoKeepRuns(s), lower, removeAccents)
}

// hugoKeepRuns is how Hugo 0.165 cleans file names, folder names and
// terms for paths, unlike slugs: each space becomes a "-", so runs stay
// ("Two  Spaces - Dash" → "Two--Spaces---Dash"), and what is not allowed
// is dropped ("C++ & Go" → "C++--Go").
func hugoKeepRuns(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case hugoAllowed(s, i, r):
			b.WriteRune(r)
		case unicode.IsSpace(r):
			b.WriteByte('-')
		}
	}
	return b.String()
}

// hugoMakePath is Hugo's MakePathSanitized: sanitize, remove accents
// when asked, then lower-case.
func hugoMakePath(s string, lower, removeAccents bool) string {
	s = hugoSanitize(s)
	if removeAccents {
		s = removeAccentMarks(s)
	}
	if lower {
		s = strings.ToLower(s)
	}
	return s
}

// hugoSanitize is Hugo's paths.Sanitize.
func hugoSanitize(s string) string {
	var b strings.Builder
	prependHyphen, wasHyphen := false, false
	for i, r := range s {
		if hugoAllowed(s, i, r) {
			wasHyphen = r == '-'
			if prependHyphen {
				if !wasHyphen {
					b.WriteByte('-')
				}
				prependHyphen = false
			}
			b.WriteRune(r)
		} else if b.Len() > 0 && !wasHyphen && unicode.IsSpace(r) {
			prependHyphen = true
		}
	}
	return b.String()
}

func hugoAllowed(s string, i int, r rune) bool {
	switch {
	case r == ' ':
		return false
	case unicode.IsLetter(r), unicode.IsDigit(r), unicode.IsMark(r):
		return true
	case strings.ContainsRune(`./\_#+~-@`, r):
		return true
	}
	return r == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// removeAccentMarks is Hugo's RemoveAccentsString: decompose, drop the
// non-spacing marks, recompose ("Café Ünï" → "Cafe Uni").
func removeAccentMarks(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

// urlEscape is Hugo's URLEscape: a round trip through net/url, which
// percent-encodes non-ASCII and spaces (and, as in Hugo, takes a "#" for
// the start of a fragment). A string net/url refuses is returned as is
// where Hugo would panic.
func urlEscape(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	return u.String()
}

// pathEscape is Hugo's PathEscape: the escaped path of s parsed as a URL.
func pathEscape(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return (&url.URL{Path: s}).EscapedPath()
	}
	return u.EscapedPath()
}
