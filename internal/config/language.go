package config

import (
	"errors"
	"strings"

	"golang.org/x/text/language"
)

// CanonicalLanguage reads s as the BCP 47 language tag it means, as people
// write them in settings and front matter ("zh_cn", "pt-br", "EN"), and
// returns it in canonical form ("zh-CN", "pt-BR", "en"): hyphens between
// subtags, the language lower-case, a script title-case, a region upper-case.
// Subtags are kept as written (no deprecated code is replaced). ok is false
// when s is no language tag at all.
func CanonicalLanguage(s string) (canon string, ok bool) {
	s = strings.TrimSpace(s)
	if !langTag.MatchString(strings.ReplaceAll(s, "_", "-")) {
		return "", false
	}
	tag, err := language.Raw.Parse(s)
	if err == nil {
		return tag.String(), true
	}
	var unknown language.ValueError
	if !errors.As(err, &unknown) {
		return "", false
	}
	// Well formed but not in the registry x/text knows: cased by hand.
	parts := strings.Split(strings.ReplaceAll(s, "_", "-"), "-")
	for i, p := range parts {
		switch {
		case i == 0:
			p = strings.ToLower(p)
		case len(p) == 4 && isLetters(p) && i == 1:
			p = strings.ToUpper(p[:1]) + strings.ToLower(p[1:])
		case len(p) == 2 && isLetters(p):
			p = strings.ToUpper(p)
		default:
			p = strings.ToLower(p)
		}
		parts[i] = p
	}
	return strings.Join(parts, "-"), true
}

func isLetters(s string) bool {
	for _, c := range s {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}
