// Package readers writes the corpus that feedpub's feeds are tried on in
// real feed readers (Miniflux, newsboat, feedparser, gofeed): a site of
// articles with every case a subscriber would notice — titles and tags
// that look like markup, one, two and no authors, pictures, link posts,
// reposts, podcasts, dates in several zones, the site's icon and logo —
// and, for each article, what a reader must show. Its tests run the
// readers; the corpus is deterministic, byte for byte.
package readers

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Corpus is a written site and what readers must show of it.
type Corpus struct {
	Dir      string    // the site's folder: feedpub.yaml and articles/
	Title    string    // the site's title
	Articles []Article // in the order they were written
	Icon     []byte    // the PNG named by the icon setting (square)
	Logo     []byte    // the PNG named by the logo setting (wide)
}

// Article is one article of the corpus and what every reader must show of
// it.
type Article struct {
	File      string    // its path below articles/
	Slug      string    // its link is base URL + Slug + "/"
	Title     string    // exactly as written
	Authors   []string  // the names, in the article's order (no e-mail)
	Tags      []string  // tags then categories, as written
	Published time.Time // its date, as an instant
	Updated   time.Time // its updated date; zero when it names none

	Image     string // the picture's path below the article's link ("images/x.png"); empty for none
	ImageAlt  string // the alt text readers must see on it
	ImageType string // its media type
	ImageSize int    // its size in bytes
	BodyImage bool   // the body already shows the picture

	ExternalURL string     // a link post's external page
	Source      *Source    // a repost's origin feed
	Enclosure   *Enclosure // a podcast episode
}

// Source is a repost's origin feed.
type Source struct{ Title, URL string }

// Enclosure is a file for readers to download.
type Enclosure struct {
	URL, Type string
	Length    int
}

// Settings are the corpus's feedpub.yaml, key by key in the file's order.
// A test may leave some out to try a feedpub that lacks them.
var Settings = [][2]string{
	{"title", `"Readers' desk"`},
	{"description", `"Every case a feed reader meets"`},
	{"timezone", `"Europe/Paris"`},
	{"limit", "0"},
	{"icon", `"icon.png"`},
	{"logo", `"logo.png"`},
}

// article is one row of the corpus table: its front matter's lines, its
// body and what readers must show.
type article struct {
	slug, title string
	front       []string // extra front-matter lines, after title and date
	date        string   // as written in the front matter
	published   string   // the same instant, RFC 3339
	updated     string   // RFC 3339, or empty
	authors     []string
	tags        []string
	image       string // file name below articles/images/, or empty
	alt         string // the alt readers must see; empty: the title
	bodyImage   bool
	body        string
	external    string
	source      *Source
	enclosure   *Enclosure
}

var table = []article{
	{slug: "div-title", title: "Use <div> for blocks", date: "2024-03-01T09:00:00+02:00", published: "2024-03-01T07:00:00Z",
		front: []string{`author: "Ann Example <ann@example.com>"`, `tags: [html, "a<b>c"]`}, authors: []string{"Ann Example"}, tags: []string{"html", "a<b>c"}},
	{slug: "att", title: "AT&T and the phone lines", date: "2024-03-02T10:30:00-05:00", published: "2024-03-02T15:30:00Z",
		front: []string{`author: "Bob Builder <bob@example.com>"`, `categories: [Telecom]`}, authors: []string{"Bob Builder"}, tags: []string{"Telecom"}},
	{slug: "mms", title: "M&M's & <b>not bold</b>", date: "2024-03-03T08:00:00Z", published: "2024-03-03T08:00:00Z",
		front:   []string{`authors: ["Ann Example <ann@example.com>", "Bob Builder <bob@example.com>"]`, `tags: [sweets]`},
		authors: []string{"Ann Example", "Bob Builder"}, tags: []string{"sweets"}},
	{slug: "quotes", title: `"Double", 'single' and ‘curly’ quotes`, date: "2024-03-04T12:00:00+09:00", published: "2024-03-04T03:00:00Z",
		front: []string{`authors: ["Zoë Quinn", "Ann Example <ann@example.com>"]`}, authors: []string{"Zoë Quinn", "Ann Example"}},
	{slug: "unicode", title: "Naïve café in São Paulo — 東京 too 🎉", date: "2024-03-05T18:45:00-03:00", published: "2024-03-05T21:45:00Z",
		front:   []string{`author: {name: "José Núñez", email: jose@example.com, url: "https://example.org/jose"}`, `tags: [café]`},
		authors: []string{"José Núñez"}, tags: []string{"café"}},
	{slug: "no-author", title: "Less is more: 3 < 5 and 5 > 3", date: "2024-03-06T07:00:00Z", published: "2024-03-06T07:00:00Z"},
	{slug: "entity", title: "Writing &amp; in HTML, and &lt;p&gt;", date: "2024-03-07T07:00:00+05:30", published: "2024-03-07T01:30:00Z",
		front: []string{`author: Carol`}, authors: []string{"Carol"}},
	{slug: "mapped-authors", title: "Two authors written as mappings", date: "2024-03-08T06:00:00Z", published: "2024-03-08T06:00:00Z",
		front:   []string{`authors: [{name: Carol, email: carol@example.com}, {name: Dan}]`, `tags: [go, "c++", "R&D"]`, `categories: ["News & Views"]`},
		authors: []string{"Carol", "Dan"}, tags: []string{"go", "c++", "R&D", "News & Views"}},
	{slug: "picture-alt", title: "A picture with its alt text", date: "2024-03-09T09:00:00Z", published: "2024-03-09T09:00:00Z",
		front:   []string{`author: Ann Example`, `image: images/red.png`, `image_alt: "A red square, & more"`},
		authors: []string{"Ann Example"}, image: "red.png", alt: "A red square, & more"},
	{slug: "picture-no-alt", title: "A photo & no alt", date: "2024-03-10T08:00:00-05:00", published: "2024-03-10T13:00:00Z",
		updated: "2024-03-12T01:30:00Z",
		front:   []string{`author: Bob Builder`, `image: images/blue.jpg`, `updated: 2024-03-12T10:30:00+09:00`},
		authors: []string{"Bob Builder"}, image: "blue.jpg"},
	{slug: "picture-in-body", title: "The body shows its picture", date: "2024-03-11T11:00:00Z", published: "2024-03-11T11:00:00Z",
		front:   []string{`author: Carol`, `image: images/green.png`, `image_alt: Green`},
		authors: []string{"Carol"}, image: "green.png", alt: "Green", bodyImage: true,
		body: "Some words first.\n\n![Green](images/green.png)\n\nAnd after.\n"},
	{slug: "link-post", title: "Link: an external page worth reading", date: "2024-03-12T10:00:00Z", published: "2024-03-12T10:00:00Z",
		front:   []string{`author: Dan`, `external_url: "https://example.org/worth-reading?a=1&b=2"`},
		authors: []string{"Dan"}, external: "https://example.org/worth-reading?a=1&b=2"},
	{slug: "repost", title: "Reposted from another feed", date: "2024-03-13T10:00:00Z", published: "2024-03-13T10:00:00Z",
		front:   []string{`author: Dan`, `source: {title: "Other <Feed> & Co", url: "https://example.net/feed.xml"}`},
		authors: []string{"Dan"}, source: &Source{Title: "Other <Feed> & Co", URL: "https://example.net/feed.xml"}},
	{slug: "episode-1", title: "Episode 1: the pilot", date: "2024-03-14 07:15", published: "2024-03-14T06:15:00Z",
		front:   []string{`author: "Ann Example <ann@example.com>"`, `enclosure: {url: "https://media.example.com/ep1.mp3", type: audio/mpeg, length: 12345678}`, `tags: [podcast]`},
		authors: []string{"Ann Example"}, tags: []string{"podcast"}, enclosure: &Enclosure{URL: "https://media.example.com/ep1.mp3", Type: "audio/mpeg", Length: 12345678}},
	{slug: "date-only", title: "A date with no time", date: "2024-03-15", published: "2024-03-14T23:00:00Z",
		front: []string{`author: Bob Builder`}, authors: []string{"Bob Builder"}},
	{slug: "summer-time", title: "Summer time in Paris", date: "2024-07-01 12:00:00", published: "2024-07-01T10:00:00Z",
		front: []string{`author: Carol`, `tags: ["a<b>c", html]`}, authors: []string{"Carol"}, tags: []string{"a<b>c", "html"}},
	{slug: "script-title", title: "Why <script>alert(1)</script> is text here", date: "2024-07-02T00:00:00Z", published: "2024-07-02T00:00:00Z",
		front: []string{`author: "Ann Example <ann@example.com>"`}, authors: []string{"Ann Example"}},
	{slug: "three-authors", title: "Three authors, one & all", date: "2024-07-03T23:59:59-07:00", published: "2024-07-04T06:59:59Z",
		front:   []string{`authors: ["Dan", "Carol <carol@example.com>", "Bob Builder"]`},
		authors: []string{"Dan", "Carol", "Bob Builder"}},
	{slug: "updated-later", title: "Corrected: the right figures", date: "2024-07-05T09:00:00Z", published: "2024-07-05T09:00:00Z",
		updated: "2024-07-06T15:00:00Z",
		front:   []string{`author: Dan`, `updated: 2024-07-06T17:00:00+02:00`}, authors: []string{"Dan"}},
	{slug: "apostrophe", title: "Rock 'n' roll's «guillemets»", date: "2024-07-07T09:00:00Z", published: "2024-07-07T09:00:00Z",
		front: []string{`author: "O'Brien"`}, authors: []string{"O'Brien"}},
	{slug: "long-title", title: "A long title that goes on and on, with commas, semicolons; colons: and dashes – to see nothing is cut short", date: "2024-07-08T09:00:00Z", published: "2024-07-08T09:00:00Z",
		front: []string{`author: Carol`}, authors: []string{"Carol"}},
	{slug: "plain-1", title: "Plain article one", date: "2024-07-09T09:00:00Z", published: "2024-07-09T09:00:00Z",
		front: []string{`author: Bob Builder`, `tags: [plain]`}, authors: []string{"Bob Builder"}, tags: []string{"plain"}},
	{slug: "plain-2", title: "Plain article two", date: "2024-07-10T09:00:00Z", published: "2024-07-10T09:00:00Z",
		front: []string{`tags: [plain]`}, tags: []string{"plain"}},
	{slug: "podcast-picture", title: "Episode 2 & a cover", date: "2024-07-11T09:00:00+01:00", published: "2024-07-11T08:00:00Z",
		front:   []string{`author: Ann Example`, `image: images/red.png`, `enclosure: {url: "https://media.example.com/ep2.mp3", type: audio/mpeg, length: 2048}`, `tags: [podcast]`},
		authors: []string{"Ann Example"}, tags: []string{"podcast"}, image: "red.png",
		enclosure: &Enclosure{URL: "https://media.example.com/ep2.mp3", Type: "audio/mpeg", Length: 2048}},
}

// Write writes the corpus into dir: feedpub.yaml with settings (those of
// Settings whose keys omit does not name), the articles, their pictures,
// the icon and the logo.
func Write(dir string, omit ...string) (*Corpus, error) {
	c := &Corpus{Dir: dir, Title: "Readers' desk"}
	var err error
	if c.Icon, err = pngOf(32, 32, color.RGBA{0x20, 0x60, 0xa0, 0xff}); err != nil {
		return nil, err
	}
	if c.Logo, err = pngOf(96, 32, color.RGBA{0xa0, 0x60, 0x20, 0xff}); err != nil {
		return nil, err
	}
	images, err := articleImages()
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{
		"feedpub.yaml":              settings(omit),
		"articles/icon.png":         c.Icon,
		"articles/logo.png":         c.Logo,
		"articles/images/red.png":   images["red.png"],
		"articles/images/blue.jpg":  images["blue.jpg"],
		"articles/images/green.png": images["green.png"],
	}
	for _, a := range table {
		name := a.slug + ".md"
		files["articles/"+name] = a.text()
		art, err := a.expected(name, images)
		if err != nil {
			return nil, err
		}
		c.Articles = append(c.Articles, art)
	}
	return c, writeFiles(dir, files)
}

// settings is the text of feedpub.yaml without the keys in omit.
func settings(omit []string) []byte {
	var b bytes.Buffer
	for _, kv := range Settings {
		skip := false
		for _, o := range omit {
			skip = skip || o == kv[0]
		}
		if !skip {
			fmt.Fprintf(&b, "%s: %s\n", kv[0], kv[1])
		}
	}
	return b.Bytes()
}

// text is the article's file: front matter, then its body.
func (a article) text() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "---\ntitle: %s\ndate: %s\n", yamlString(a.title), a.date)
	for _, l := range a.front {
		b.WriteString(l + "\n")
	}
	b.WriteString("---\n")
	if a.body != "" {
		b.WriteString(a.body)
	} else {
		fmt.Fprintf(&b, "The article %q has a body of its own, with *emphasis* & a [link](https://example.org/).\n", a.slug)
	}
	return b.Bytes()
}

// yamlString quotes s for YAML as a double-quoted scalar.
func yamlString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// expected is what readers must show of the article.
func (a article) expected(file string, images map[string][]byte) (Article, error) {
	art := Article{File: file, Slug: a.slug, Title: a.title, Authors: a.authors, Tags: a.tags,
		BodyImage: a.bodyImage, ExternalURL: a.external, Source: a.source, Enclosure: a.enclosure}
	var err error
	if art.Published, err = time.Parse(time.RFC3339, a.published); err != nil {
		return art, fmt.Errorf("%s: %w", a.slug, err)
	}
	if a.updated != "" {
		if art.Updated, err = time.Parse(time.RFC3339, a.updated); err != nil {
			return art, fmt.Errorf("%s: %w", a.slug, err)
		}
	}
	if a.image != "" {
		art.Image = "images/" + a.image
		art.ImageAlt = a.alt
		if art.ImageAlt == "" {
			art.ImageAlt = a.title
		}
		art.ImageSize = len(images[a.image])
		art.ImageType = "image/png"
		if strings.HasSuffix(a.image, ".jpg") {
			art.ImageType = "image/jpeg"
		}
	}
	return art, nil
}

// articleImages are the articles' images: small PNGs and a JPEG, by file name.
func articleImages() (map[string][]byte, error) {
	out := map[string][]byte{}
	var err error
	if out["red.png"], err = pngOf(40, 30, color.RGBA{0xd0, 0x20, 0x20, 0xff}); err != nil {
		return nil, err
	}
	if out["green.png"], err = pngOf(30, 40, color.RGBA{0x20, 0xd0, 0x20, 0xff}); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, filled(48, 32, color.RGBA{0x20, 0x20, 0xd0, 0xff}), &jpeg.Options{Quality: 80}); err != nil {
		return nil, err
	}
	out["blue.jpg"] = b.Bytes()
	return out, nil
}

// pngOf is a PNG of w×h pixels of c, with a lighter diagonal so that it
// is not a flat colour.
func pngOf(w, h int, c color.RGBA) ([]byte, error) {
	var b bytes.Buffer
	err := png.Encode(&b, filled(w, h, c))
	return b.Bytes(), err
}

func filled(w, h int, c color.RGBA) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			p := c
			if x == y*w/h {
				p = color.RGBA{0xff, 0xff, 0xff, 0xff}
			}
			img.SetRGBA(x, y, p)
		}
	}
	return img
}

// writeFiles writes files below dir by slash-separated name, in name
// order.
func writeFiles(dir string, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		p := filepath.Join(dir, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, files[n], 0o644); err != nil {
			return err
		}
	}
	return nil
}
