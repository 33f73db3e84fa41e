package permalink

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// The characters each slugify mode replaces with a hyphen, from Jekyll's
// utils.rb ("\s" in Ruby is ASCII white space only).
var slugifyRes = map[string]*regexp.Regexp{
	"raw":     regexp.MustCompile(`[ \t\r\n\f\v]+`),
	"default": regexp.MustCompile(`[^\p{M}\p{L}\p{Nd}]+`),
	"pretty":  regexp.MustCompile(`[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+`),
	"ascii":   regexp.MustCompile(`[^A-Za-z0-9]+`),
}

// JekyllSlugify is Jekyll's slugify in mode "default", "pretty", "raw",
// "ascii", "latin" (jekyll-feed uses it for tag feed names etc.), lower-
// cased as Jekyll does unless asked otherwise. Another mode returns s
// lower-cased; "" means "default".
func JekyllSlugify(s, mode string) string { return jekyllSlugify(s, mode, false) }

// jekyllSlugify is JekyllSlugify with Jekyll's cased option, which keeps
// the case (the :title of a URL).
func jekyllSlugify(s, mode string, cased bool) string {
	if mode == "" {
		mode = "default"
	}
	re := slugifyRes[mode]
	switch {
	case mode == "latin":
		re = slugifyRes["default"]
		s = transliterate(s)
	case re == nil:
		if cased {
			return s
		}
		return strings.ToLower(s)
	}
	s = re.ReplaceAllString(s, "-")
	s = strings.TrimPrefix(s, "-")
	s = strings.TrimSuffix(s, "-")
	if !cased {
		s = strings.ToLower(s)
	}
	return s
}

// latinLetters are the letters I18n.transliterate spells out instead of
// stripping an accent from.
var latinLetters = map[rune]string{
	'Æ': "AE", 'æ': "ae", 'Ð': "D", 'ð': "d", 'Ø': "O", 'ø': "o", 'Þ': "TH", 'þ': "th",
	'ß': "ss", 'Đ': "D", 'đ': "d", 'Ħ': "H", 'ħ': "h", 'ı': "i", 'Ĳ': "IJ", 'ĳ': "ij",
	'ĸ': "k", 'Ŀ': "L", 'ŀ': "l", 'Ł': "L", 'ł': "l", 'ŉ': "'n", 'Ŋ': "NG", 'ŋ': "ng",
	'Œ': "OE", 'œ': "oe", 'Ŧ': "T", 'ŧ': "t",
}

// transliterate approximates Ruby I18n's default transliteration: Latin
// letters lose their accents, and any other non-ASCII character becomes
// "?" (which slugify then turns into a hyphen).
func transliterate(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	plain, _, err := transform.String(t, s)
	if err != nil {
		plain = s
	}
	var b strings.Builder
	for _, r := range plain {
		switch {
		case r < utf8.RuneSelf:
			b.WriteRune(r)
		case latinLetters[r] != "":
			b.WriteString(latinLetters[r])
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}
