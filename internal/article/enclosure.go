package article

import (
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/feedpub/feedpub/internal/frontmatter"
	"github.com/feedpub/feedpub/internal/media"
)

// Enclosure is a file attached to an article, such as a podcast episode:
// RSS and Atom enclosures and JSON Feed attachments. Readers download it
// before playing it, so its size and media type are required: written in
// the front matter, or, for a file beside the article, measured from it
// (see measure).
type Enclosure struct {
	URL    string // as written: absolute, or relative to the article
	Type   string // a media type such as audio/mpeg
	Length int64  // in bytes
	// Duration is how long the file plays, when it is a local audio or
	// video file that was measured; 0 otherwise.
	Duration time.Duration
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
	urlPos := Pos{v.Line, v.Col}
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
			urlPos = Pos{n.Line, n.Col}
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
	// A file beside the article is measured: its type and length may be
	// left out. Readers need them, so a remote file must state them.
	local := ""
	if seen["url"] {
		local = d.localFile(e.URL)
	}
	for _, key := range []string{"url", "type", "length"} {
		if !seen[key] && (key == "url" || local == "") {
			d.errf(v.Line, v.Col, fmt.Sprintf("'%s' has no '%s'; readers need the url, the type and the length", f.Key, key), enclosureHint)
			ok = false
		}
	}
	if !ok || local != "" && !d.measure(&e, local, urlPos) {
		return nil
	}
	return &e
}

// localFile is the file an enclosure's url names beside the article (a
// relative reference such as ep1.mp3 or media/ep1.mp3, resolved against
// the article's folder), or "" for an absolute URL or a path from the
// site's root, which name no file feedpub can read.
func (d *decoder) localFile(ref string) string {
	u, err := url.Parse(ref)
	if err != nil || u.IsAbs() || u.Host != "" || u.Path == "" || strings.HasPrefix(u.Path, "/") {
		return ""
	}
	return filepath.Join(filepath.Dir(d.path), filepath.FromSlash(u.Path))
}

// measure fills an enclosure that names the local file path from the
// file: its length, its media type and its duration, read by media.Probe.
// A length or type written in the front matter must be the file's. A
// file media does not know (an .ogg, a .zip) keeps the type written, or
// the one its extension gives, and its length is its size. Problems are
// reported at at, where the front matter names the file; it reports
// whether there were none.
func (d *decoder) measure(e *Enclosure, path string, at Pos) bool {
	info, err := media.Probe(path)
	var me *media.Error
	switch {
	case err == nil:
		if err := info.Check(path, e.Length, e.Type); err != nil {
			return d.mediaProblem(err, at)
		}
		e.Length, e.Type, e.Duration = info.Length, info.Type, info.Duration
		return true
	case errors.Is(err, fs.ErrNotExist):
		if e.Type != "" && e.Length > 0 {
			return true // a file the site serves from elsewhere, as written
		}
		d.errf(at.Line, at.Col, fmt.Sprintf("the enclosure %s is not a file beside the article, so its type and length cannot be measured", path),
			"put the file there, or write its type and length: enclosure: {url: …, type: audio/mpeg, length: 12345678}")
		return false
	case errors.As(err, &me) && errors.Is(err, media.ErrUnsupported):
		if _, apple := media.FormatForExtension(path); !apple {
			return d.unknownFormat(e, path, at, me)
		}
	}
	return d.mediaProblem(err, at)
}

// unknownFormat fills an enclosure whose local file is of a format media
// does not measure: its length is the file's size, its type the one
// written or else its extension's.
func (d *decoder) unknownFormat(e *Enclosure, path string, at Pos, me *media.Error) bool {
	st, err := os.Stat(path)
	if err != nil {
		return d.mediaProblem(err, at)
	}
	if !st.Mode().IsRegular() {
		return d.mediaProblem(me, at)
	}
	if e.Length > 0 && e.Length != st.Size() {
		return d.mediaProblem((media.Info{Length: st.Size()}).Check(path, e.Length, ""), at)
	}
	e.Length = st.Size()
	if e.Type == "" {
		e.Type, _, _ = strings.Cut(mime.TypeByExtension(filepath.Ext(path)), ";")
	}
	if e.Type == "" {
		return d.mediaProblem(me, at)
	}
	return true
}

// mediaProblem reports err, a problem measuring an enclosure, at at.
func (d *decoder) mediaProblem(err error, at Pos) bool {
	var me *media.Error
	if errors.As(err, &me) {
		d.errs = append(d.errs, me.At(d.path, at.Line, at.Col))
		return false
	}
	d.errf(at.Line, at.Col, fmt.Sprintf("the enclosure cannot be measured: %v", err), "make the file readable")
	return false
}
