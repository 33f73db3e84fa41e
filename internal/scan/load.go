package scan

import (
	"hash/fnv"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/feedpub/feedpub/internal/article"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/frontmatter"
)

// hash is a string's 64-bit FNV-1a hash.
func hash(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// Load reads, parses and resolves one article.
func Load(site *config.Site, path string) (*Entry, diag.List) {
	return LoadInto(site, path, nil)
}

// LoadInto is Load reading the file into *buf's memory, which it keeps
// for the next call, when buf is set: then the entry's body is good only
// until that call.
func LoadInto(site *config.Site, path string, buf *[]byte) (*Entry, diag.List) {
	var src []byte
	var perr *diag.Error
	if buf != nil {
		src, perr = article.ReadFileInto(*buf, path, site.MaxArticleSize)
		*buf = src
	} else {
		src, perr = article.ReadFile(path, site.MaxArticleSize)
	}
	if perr != nil {
		return nil, diag.List{perr}
	}
	a, problems := parseArticle(site, path, src)
	if problems != nil {
		return nil, problems
	}
	if a.Skip != "" {
		return &Entry{Art: a}, nil
	}
	e, problems := resolveOne(site, a)
	if e != nil {
		e.Body = refOf(src, a.Body)
	}
	return e, problems
}

// parseArticle reads an article by the rules of the site's generator.
func parseArticle(site *config.Site, path string, src []byte) (*article.Article, diag.List) {
	dialect := site.Generator.Dialect
	a, problems := article.ParseWith(path, src, article.Options{Location: site.Location, Dialect: dialect, Taxonomies: site.Generator.Taxonomies, HugoDates: site.Generator.Dates})
	noFrontMatter := len(problems) == 1 && problems[0].Msg == frontmatter.NoFrontMatter
	if dialect == article.Feedpub {
		if noFrontMatter && site.SettingsFile != "" {
			// A folder with a settings file is often a repository's, with
			// notes beside the articles.
			return &article.Article{Path: path, Skip: "it has no front matter"}, nil
		}
		return a, problems
	}
	if noFrontMatter && dialect == article.Jekyll && jekyllPost(path) {
		// Jekyll publishes a post without front matter, dated and named
		// by its file name: read as one with an empty front matter.
		a, problems = article.ParseWith(path, append([]byte("---\n---\n"), src...), article.Options{Location: site.Location, Dialect: dialect})
		if a != nil {
			a.BodyLine = 1
		}
		noFrontMatter = false
	}
	if noFrontMatter {
		// The generators take such a file for a page without metadata,
		// or for a static file; neither is an article of the feed.
		return &article.Article{Path: path, Skip: "it has no front matter"}, nil
	}
	if a != nil && dialect == article.Jekyll && slices.Contains(strings.Split(filepath.ToSlash(path), "/"), "_drafts") {
		a.Draft = true
		if st, err := os.Stat(path); err == nil && a.Date.IsZero() {
			a.Date = st.ModTime().In(site.Location) // Jekyll dates a draft so
		}
	}
	if a != nil && a.Date.IsZero() && a.Skip == "" {
		a.Skip = "it has no date"
	}
	return a, problems
}

// jekyllPost reports whether path is a dated post under a _posts folder.
func jekyllPost(path string) bool {
	parts := strings.Split(filepath.ToSlash(path), "/")
	return slices.Contains(parts[:len(parts)-1], "_posts") && datedName.MatchString(parts[len(parts)-1])
}

var datedName = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}-`)

// BodyRef says where an article's body is in its file, so that it can be
// read again, to be rendered as it is written, without parsing the front
// matter again.
type BodyRef struct {
	offset int    // where the body starts
	head   uint64 // a hash of everything before the body
}

// refOf is where body, read from src, starts, and a hash of what comes
// before it.
func refOf(src, body []byte) BodyRef {
	off := len(src) - len(body)
	return BodyRef{offset: off, head: hashBytes(src[:off])}
}

// hashBytes is b's 64-bit FNV-1a hash.
func hashBytes(b []byte) uint64 {
	h := fnv.New64a()
	h.Write(b)
	return h.Sum64()
}

// ReadBody reads the body of the article at path again, checking that
// everything before it is as it was.
func ReadBody(site *config.Site, path string, ref BodyRef) ([]byte, diag.List) {
	src, perr := article.ReadFile(path, site.MaxArticleSize)
	if perr != nil {
		return nil, diag.List{perr}
	}
	if len(src) < ref.offset || hashBytes(src[:ref.offset]) != ref.head {
		return nil, diag.List{diag.At(path, 0, 0, "the article changed while the feeds were being built",
			"run the build again once the article is saved")}
	}
	return src[ref.offset:], nil
}

// Slim drops what an entry no longer needs once its item is made: its
// body and the article's fields the item repeats, keeping where the
// article is, where its id is written and its picture's text.
func Slim(e *Entry) {
	a := e.Art
	s := &article.Article{Path: a.Path, Summary: a.Summary, BodyLine: a.BodyLine, Draft: a.Draft, ImageAlt: a.ImageAlt}
	if p, ok := a.Pos["id"]; ok {
		s.Pos = map[string]article.Pos{"id": p}
	}
	e.Art = s
}
