package permalink

import (
	"strings"
)

const upperHex = "0123456789ABCDEF"

// isPchar reports whether c may stand unescaped in a URL path (RFC 3986
// unreserved, sub-delims, ":" "@" and "/").
func isPchar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~!$&'()*+,;=:@/", c) >= 0
}

// jekyllEscapePath is Jekyll's URL.escape_path: every byte that may not
// stand in a path, "%" included, percent-encoded.
func jekyllEscapePath(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; isPchar(c) {
			b.WriteByte(c)
		} else {
			b.WriteByte('%')
			b.WriteByte(upperHex[c>>4])
			b.WriteByte(upperHex[c&15])
		}
	}
	return b.String()
}

// jekyllSanitizeURL is Jekyll's URL#sanitize_url: a leading slash, ".."
// made "/", "./" removed, runs of slashes squeezed.
func jekyllSanitizeURL(s string) string {
	s = strings.ReplaceAll("/"+s, "..", "/")
	s = strings.ReplaceAll(s, "./", "")
	for strings.Contains(s, "//") {
		s = strings.ReplaceAll(s, "//", "/")
	}
	return s
}

// rubyDirname is Ruby's File.dirname for slash paths: trailing slashes
// do not count ("/a/b/" → "/a").
func rubyDirname(s string) string {
	t := strings.TrimRight(s, "/")
	if t == "" && s != "" {
		return "/"
	}
	s = t
	i := strings.LastIndexByte(s, '/')
	switch {
	case i < 0:
		return "."
	case i == 0:
		return "/"
	}
	return strings.TrimRight(s[:i], "/")
}

// absoluteURLPath is the path as Jekyll's absolute_url filter writes it
// (Addressable's normalize): escapes of characters that need none are
// decoded, and everything else that may not stand in a path (spaces,
// non-ASCII, a lone "%") is percent-encoded with upper-case hex. "?" and
// "#", which start a query or fragment, are kept.
func absoluteURLPath(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			d := unhex(s[i+1])<<4 | unhex(s[i+2])
			if isPchar(d) && d != '/' && d != '%' {
				b.WriteByte(d)
			} else {
				b.WriteByte('%')
				b.WriteString(strings.ToUpper(s[i+1 : i+3]))
			}
			i += 2
		case c == '?' || c == '#':
			b.WriteByte(c)
		case isPchar(c):
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(upperHex[c>>4])
			b.WriteByte(upperHex[c&15])
		}
	}
	return b.String()
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}
