package content

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
)

// Responsive images: an <img srcset> and the <source srcset> of a
// <picture> name several files of one picture, each a URL and a width
// (800w) or density (2x) descriptor. Their URLs are made absolute and
// kept only when the policy would keep the same URL in a src, and the
// attribute is written back as "URL descriptor, URL descriptor"; the
// policy keeps only attributes of that shape (srcsetPattern). A srcset
// that keeps no candidate is removed.

// srcsetPattern is what a srcset written by absoluteSrcset looks like:
// absolute http or https URLs, each with at most one descriptor.
var srcsetPattern = regexp.MustCompile(`^https?://\S*[^\s,](?: \d+w| \d+(?:\.\d+)?x)?(?:, https?://\S*[^\s,](?: \d+w| \d+(?:\.\d+)?x)?)*$`)

// Patterns for the other attributes of responsive images: a sizes list
// ("(max-width: 600px) 100vw, 50vw"), a media query and a media type.
var (
	sizesPattern = regexp.MustCompile(`^[a-zA-Z0-9\s().,:%+*/-]+$`)
	typePattern  = regexp.MustCompile(`^image/[a-z0-9.+-]+$`)
)

// allowResponsive lets p keep <picture>, its <source srcset> and an
// <img srcset>.
func allowResponsive(p *bluemonday.Policy) {
	p.AllowElements("picture")
	p.AllowAttrs("srcset").Matching(srcsetPattern).OnElements("img", "source")
	p.AllowAttrs("sizes").Matching(sizesPattern).OnElements("img", "source")
	p.AllowAttrs("media").Matching(sizesPattern).OnElements("source")
	p.AllowAttrs("type").Matching(typePattern).OnElements("source")
	p.AllowAttrs("width", "height").Matching(bluemonday.NumberOrPercent).OnElements("source")
}

// srcsetDescriptor is a candidate's descriptor as HTML defines it: a
// width or a pixel density.
var srcsetDescriptor = regexp.MustCompile(`^(?:\d+w|\d+(?:\.\d+)?x)$`)

// srcsetCandidates splits a srcset value into its candidates' URLs and
// descriptors ("" for none), as the HTML standard parses it: a URL runs to
// white space, losing commas at its end, and a descriptor to a comma. A
// candidate with more than one descriptor, or one HTML does not define,
// is left out, as browsers leave it out.
func srcsetCandidates(v string) (urls, descs []string) {
	for {
		v = strings.TrimLeft(v, " \t\n\f\r,")
		if v == "" {
			return urls, descs
		}
		end := strings.IndexAny(v, " \t\n\f\r")
		if end < 0 {
			end = len(v)
		}
		u := v[:end]
		v = v[end:]
		desc := ""
		if trimmed := strings.TrimRight(u, ","); trimmed != u {
			u = trimmed
		} else {
			comma := strings.IndexByte(v, ',')
			if comma < 0 {
				comma = len(v)
			}
			desc, v = strings.TrimSpace(v[:comma]), v[comma:]
		}
		if desc != "" && !srcsetDescriptor.MatchString(desc) {
			continue
		}
		urls, descs = append(urls, u), append(descs, desc)
	}
}

// absoluteSrcset is a srcset value with each URL resolved against base,
// keeping the candidates whose URL the policy allows as an http or https
// URL; "" when none is kept.
func absoluteSrcset(base *url.URL, v string) string {
	urls, descs := srcsetCandidates(v)
	var b strings.Builder
	for k, raw := range urls {
		abs, ok := allowedURL(resolve(base, raw))
		if !ok || !(strings.HasPrefix(abs, "http://") || strings.HasPrefix(abs, "https://")) {
			continue
		}
		if strings.HasSuffix(abs, ",") || strings.ContainsAny(abs, " \t\n\f\r") {
			continue // it would not read back as one URL
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(abs)
		if descs[k] != "" {
			b.WriteString(" " + descs[k])
		}
	}
	return b.String()
}

// SrcsetURLs are the URLs of a srcset value, as written.
func SrcsetURLs(v string) []string {
	urls, _ := srcsetCandidates(v)
	return urls
}
