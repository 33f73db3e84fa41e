package article

import (
	"fmt"
	"mime"
	"strconv"
	"strings"

	"github.com/feedpub/feedpub/internal/frontmatter"
)

// Enclosure is a file attached to an article, such as a podcast episode:
// RSS and Atom enclosures and JSON Feed attachments. Readers download it
// before playing it, so its size and media type are required.
type Enclosure struct {
	URL    string // as written: absolute, or relative to the article
	Type   string // a media type such as audio/mpeg
	Length int64  // in bytes
}

const enclosureHint = "write it as a mapping: enclosure: {url: /episode1.mp3, type: audio/mpeg, length: 12345678}"

// enclosure reads the 'enclosure' mapping and checks that url, type and
// length are all given and well formed.
func (d *decoder) enclosure(f frontmatter.Field) *Enclosure {
	v := f.Value
	if v.Kind != frontmatter.KindMap {
		d.errf(v.Line, v.Col, fmt.Sprintf("'%s' is %s, not a mapping", f.Key, v.Kind), enclosureHint)
		return nil
	}
	var e Enclosure
	ok, seen := true, map[string]bool{}
	for _, kv := range v.Map {
		n := kv.Value
		key := strings.ToLower(kv.Key)
		seen[key] = true
		if n.Kind != frontmatter.KindString && n.Kind != frontmatter.KindNumber {
			d.errf(n.Line, n.Col, fmt.Sprintf("'%s.%s' is %s, not a string", f.Key, kv.Key, n.Kind), enclosureHint)
			ok = false
			continue
		}
		s := strings.TrimSpace(n.Str)
		switch key {
		case "url":
			e.URL = s
		case "type":
			if mt, _, err := mime.ParseMediaType(s); err != nil || !strings.Contains(mt, "/") || strings.Contains(s, ";") {
				d.errf(n.Line, n.Col, fmt.Sprintf("'%s.type' %q is not a media type", f.Key, s), "write one such as audio/mpeg, video/mp4 or application/pdf")
				ok = false
			}
			e.Type = s
		case "length":
			l, err := strconv.ParseInt(s, 10, 64)
			if err != nil || l <= 0 {
				d.errf(n.Line, n.Col, fmt.Sprintf("'%s.length' %q is not a size in bytes", f.Key, s), "write the file's size in bytes, a whole number above 0")
				ok = false
			}
			e.Length = l
		default:
			d.errf(kv.Line, kv.Col, fmt.Sprintf("'%s' has an unknown key %q", f.Key, kv.Key), enclosureHint)
			ok = false
		}
	}
	for _, key := range []string{"url", "type", "length"} {
		if !seen[key] {
			d.errf(v.Line, v.Col, fmt.Sprintf("'%s' has no '%s'; readers need the url, the type and the length", f.Key, key), enclosureHint)
			ok = false
		}
	}
	if !ok {
		return nil
	}
	return &e
}
