package encode

import (
	"strings"
	"unicode/utf8"

	"github.com/feedpub/feedpub/internal/model"
)

// cleanText makes s safe for every format: invalid UTF-8 becomes U+FFFD and
// characters XML 1.0 forbids (C0 controls other than tab, newline and
// carriage return, U+FFFE, U+FFFF, surrogates) are removed, as are C1
// controls, which are never meaningful in UTF-8 text. Left in, the former
// make a file no XML parser accepts.
func cleanText(s string) string {
	if isClean(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if allowed(r) {
			return r
		}
		return -1
	}, s)
}

// isClean reports whether s is valid UTF-8 with only allowed characters,
// looking at ASCII eight bytes at a time where it can, since most text is.
func isClean(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			w := s[i : i+8]
			x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
				uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
			// Of bytes all below 0x80, one below 0x20 borrows in the
			// first subtraction and 0x7F in the second.
			if x&highs == 0 && ((x-0x20*ones)|((x^0x7F*ones)-ones))&highs == 0 {
				i += 8
				continue
			}
		}
		if b := s[i]; b < utf8.RuneSelf {
			if b < 0x20 && b != '\t' && b != '\n' && b != '\r' || b == 0x7F {
				return false
			}
			i++
			continue
		}
		// Two-byte characters, most of those in Latin text, are allowed
		// from U+00A0 (C2 A0) on.
		if b := s[i]; b >= 0xC2 && b <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 && (b > 0xC2 || s[i+1] >= 0xA0) {
			i += 2
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || !allowed(r) {
			return false
		}
		i += size
	}
	return true
}

func allowed(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20, r >= 0x7F && r <= 0x9F:
		return false
	case r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
		return false
	case r > 0x10FFFF:
		return false
	}
	return true
}

// cleanLine cleans a one-line string, such as a title, and trims the
// spaces that removing characters may have laid bare, as readers trim
// them in some formats and not in others.
func cleanLine(s string) string { return strings.TrimSpace(cleanText(s)) }

// cleanHeader returns a copy of f's own fields, without items, with every
// string cleaned.
func cleanHeader(f *model.Feed) *model.Feed {
	c := *f
	for _, p := range []*string{&c.Title, &c.Description, &c.HomeURL, &c.ID, &c.Language, &c.Copyright, &c.Generator, &c.Icon, &c.Logo} {
		*p = cleanLine(*p)
	}
	c.Authors = cleanPeople(f.Authors)
	c.Items = nil
	return &c
}

// cleanItem returns it with every string cleaned: it itself when every
// string is clean already, as most are, else a copy.
func cleanItem(it *model.Item) *model.Item {
	if itemIsClean(it) {
		return it
	}
	ci := *it
	for _, p := range []*string{&ci.ID, &ci.URL, &ci.Title, &ci.Summary, &ci.Image, &ci.Language, &ci.ExternalURL} {
		*p = cleanLine(*p)
	}
	if s := it.Source; s != nil {
		ci.Source = &model.Source{Title: cleanLine(s.Title), URL: cleanLine(s.URL)}
	}
	ci.ContentHTML = cleanText(it.ContentHTML)
	ci.Authors = cleanPeople(it.Authors)
	ci.Categories = make([]string, len(it.Categories))
	for j, s := range it.Categories {
		ci.Categories[j] = cleanLine(s)
	}
	if len(it.Translations) > 0 {
		ci.Translations = make([]model.Translation, len(it.Translations))
		for j, t := range it.Translations {
			ci.Translations[j] = model.Translation{Lang: cleanLine(t.Lang), URL: cleanLine(t.URL)}
		}
	}
	return &ci
}

func cleanPeople(ps []model.Person) []model.Person {
	out := make([]model.Person, len(ps))
	for i, p := range ps {
		out[i] = model.Person{Name: cleanLine(p.Name), Email: cleanLine(p.Email), URL: cleanLine(p.URL)}
	}
	return out
}

// itemIsClean reports whether cleanItem would change none of it's strings.
func itemIsClean(it *model.Item) bool {
	for _, s := range [...]string{it.ID, it.URL, it.Title, it.Summary, it.Image, it.Language, it.ExternalURL} {
		if !isCleanLine(s) {
			return false
		}
	}
	if s := it.Source; s != nil && !(isCleanLine(s.Title) && isCleanLine(s.URL)) {
		return false
	}
	if !isClean(it.ContentHTML) {
		return false
	}
	for _, p := range it.Authors {
		if !isCleanLine(p.Name) || !isCleanLine(p.Email) || !isCleanLine(p.URL) {
			return false
		}
	}
	for _, c := range it.Categories {
		if !isCleanLine(c) {
			return false
		}
	}
	for _, t := range it.Translations {
		if !isCleanLine(t.Lang) || !isCleanLine(t.URL) {
			return false
		}
	}
	return true
}

// isCleanLine reports whether cleanLine(s) is s.
func isCleanLine(s string) bool { return isClean(s) && len(strings.TrimSpace(s)) == len(s) }
