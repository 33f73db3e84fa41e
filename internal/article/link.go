package article

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/feedpub/feedpub/internal/frontmatter"
)

// Source is the feed a reposted article first appeared in, as its front
// matter names it: the feed's title and its address.
type Source struct {
	Title string
	URL   string // as written: absolute, or relative to the article
}

const sourceHint = "write it as a mapping: source: {title: Other Blog, url: https://other.example/feed.xml}"

// webURL checks that s, a front matter value, is an http or https URL, or
// a path relative to the article; it returns a reason when it is not.
func webURL(s string) string {
	u, err := url.Parse(s)
	switch {
	case err != nil || strings.ContainsAny(s, " \t\n\r"):
		return "is not a URL"
	case u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https":
		return "is not an http or https URL"
	case u.Scheme != "" && u.Host == "":
		return "has no host"
	}
	return ""
}

// externalURL reads 'external_url', the page a link post is about.
func (d *decoder) externalURL(f frontmatter.Field) string {
	s := d.text(f, true)
	if why := webURL(s); s != "" && why != "" {
		v := f.Value
		d.errf(v.Line, v.Col, fmt.Sprintf("'%s' %q %s", f.Key, s, why),
			"write the address of the page the article is about, such as https://example.org/story")
		return ""
	}
	return s
}

// source reads the 'source' mapping of a repost: its title and url, both
// required.
func (d *decoder) source(f frontmatter.Field) *Source {
	v := f.Value
	if v.Kind != frontmatter.KindMap {
		d.errf(v.Line, v.Col, fmt.Sprintf("'%s' is %s, not a mapping", f.Key, v.Kind), sourceHint)
		return nil
	}
	var s Source
	ok := true
	for _, kv := range v.Map {
		n := kv.Value
		key := strings.ToLower(kv.Key)
		if key != "title" && key != "url" {
			d.errf(kv.Line, kv.Col, fmt.Sprintf("'%s' has an unknown key %q", f.Key, kv.Key), sourceHint)
			ok = false
			continue
		}
		if n.Kind != frontmatter.KindString && n.Kind != frontmatter.KindNumber {
			d.errf(n.Line, n.Col, fmt.Sprintf("'%s.%s' is %s, not a string", f.Key, kv.Key, n.Kind), sourceHint)
			ok = false
			continue
		}
		text := strings.TrimSpace(n.Str)
		if key == "title" {
			s.Title = text
			continue
		}
		if why := webURL(text); why != "" {
			d.errf(n.Line, n.Col, fmt.Sprintf("'%s.url' %q %s", f.Key, text, why), "write the address of the feed the article comes from")
			ok = false
		}
		s.URL = text
	}
	for _, key := range []string{"title", "url"} {
		if (key == "title" && s.Title == "" || key == "url" && s.URL == "") && ok {
			d.errf(f.Line, f.Col, fmt.Sprintf("'%s' has no '%s'; readers show the feed's title and link to its url", f.Key, key), sourceHint)
			ok = false
		}
	}
	if !ok {
		return nil
	}
	return &s
}
