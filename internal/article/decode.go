package article

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/frontmatter"
	"github.com/feedpub/feedpub/internal/model"
)

// aliases maps the names a field may be written under to its canonical
// name. Keys are compared without regard to case, as Hugo does.
var aliases = map[string]string{
	"title": "title", "date": "date",
	"updated": "updated", "lastmod": "updated",
	"summary": "summary", "description": "summary",
	"author": "author", "authors": "authors",
	"tags": "tags", "categories": "categories",
	"slug": "slug", "url": "url", "link": "url", "id": "id",
	"image": "image", "lang": "lang", "draft": "draft",
	"image_alt": "image_alt",
	"enclosure": "enclosure",
	"redirect":  "redirect", "redirect_to": "redirect",
	"external_url": "external_url", "source": "source", // link posts and reposts
}

// Limits on what one article may hold; feeds with more are unreadable.
const (
	MaxTitle = 1000 // characters in a title
	MaxTerms = 200  // entries in 'tags', and in 'categories'
)

// Parse reads one article file in feedpub's dialect. loc is the time zone
// for dates written without one. Every problem found in the file is
// returned.
func Parse(path string, src []byte, loc *time.Location) (*Article, diag.List) {
	return ParseWith(path, src, Options{Location: loc})
}

// ParseWith reads one article file by the given rules.
func ParseWith(path string, src []byte, o Options) (*Article, diag.List) {
	doc, err := frontmatter.ParseWith(path, src, frontmatter.Options{LastKeyWins: o.Dialect == Jekyll})
	if err != nil {
		var de *diag.Error
		if errors.As(err, &de) {
			return nil, diag.List{de}
		}
		return nil, diag.List{diag.At(path, 0, 0, err.Error(), "")}
	}
	d := decoder{path: path, loc: o.Location, dialect: o.Dialect, format: doc.Format, a: &Article{
		Path: path, Body: doc.Body, BodyLine: doc.BodyLine, Pos: map[string]Pos{},
	}}
	if o.Dialect == Hugo {
		d.hugo, d.dates = o.HugoDates, map[string]time.Time{}
		if d.hugo == nil {
			d.hugo = &DefaultHugoDates
		}
	}
	written := map[string]string{}
	for _, f := range doc.Fields.Map {
		key := strings.ToLower(f.Key)
		if o.Dialect == Hugo && d.hugo.isKey(key) {
			if !absent(f.Value) {
				d.a.Pos[key] = Pos{f.Line, f.Col}
				d.dates[key] = d.date(f)
			}
			continue
		}
		if slices.Contains(o.Taxonomies, key) {
			if d.a.Terms == nil {
				d.a.Terms = map[string][]string{}
			}
			d.a.Terms[key] = d.strings(f)
			continue
		}
		name := o.Dialect.fieldName(key)
		if name == "" {
			continue // other tools' keys (weight, layout, …) are allowed
		}
		if absent(f.Value) && !(name == "title" && o.Dialect == Feedpub) {
			continue // an empty value is no value, as generators read it
		}
		if prev, dup := written[name]; dup {
			if o.Dialect.repeatable(name) {
				continue // the first key written wins
			}
			d.errf(f.Line, f.Col, fmt.Sprintf("%q repeats %q, which is already set", f.Key, prev), "keep one of them")
			continue
		}
		written[name] = f.Key
		d.a.Pos[name] = Pos{f.Line, f.Col}
		d.field(name, f)
	}
	d.defaults()
	if len(d.errs) > 0 {
		return nil, d.errs
	}
	return d.a, nil
}

type decoder struct {
	path    string
	loc     *time.Location
	dialect Dialect
	format  frontmatter.Format // the front matter's language, for the lines hints suggest
	a       *Article
	errs    diag.List

	// Hugo's rules for dates, and the dates the front matter sets by key,
	// chosen between once every key is read.
	hugo  *HugoDates
	dates map[string]time.Time
	// Jekyll's summary sources: description wins over excerpt.
	description, excerpt string
	redirect             bool // the page only sends readers elsewhere
}

// line is a front matter line setting key to value, quoted as a hint
// writes it, in the front matter's own language: 'title: …' in YAML,
// 'title = …' in TOML. value is written as TOML needs it (strings in
// quotes); YAML shows strings bare.
func (d *decoder) line(key, value string) string {
	if d.format == frontmatter.TOML {
		return "'" + key + " = " + value + "'"
	}
	return "'" + key + ": " + strings.Trim(value, `"`) + "'"
}

func (d *decoder) errf(line, col int, msg, hint string) {
	d.errs = append(d.errs, diag.At(d.path, line, col, msg, hint))
}

func (d *decoder) field(name string, f frontmatter.Field) {
	v := f.Value
	a := d.a
	switch name {
	case "title":
		a.Title = d.text(f, true)
		if n := utf8.RuneCountInString(a.Title); n > MaxTitle {
			d.errf(v.Line, v.Col, fmt.Sprintf("the title is %d characters long, more than %d", n, MaxTitle),
				"shorten it; a missing line break may have joined the body to it")
		}
	case "date":
		a.Date = d.date(f)
	case "updated":
		a.Updated = d.date(f)
	case "summary":
		a.Summary = d.text(f, false)
	case "description":
		d.description = d.text(f, false)
	case "excerpt":
		d.excerpt = d.text(f, false)
	case "translationkey":
		a.TranslationKey = d.text(f, false)
	case "headless":
		if hugoBool(v) {
			a.Skip = "a headless bundle"
		}
	case "build":
		for _, e := range v.Map {
			if strings.EqualFold(e.Key, "list") && e.Value.Kind == frontmatter.KindString && strings.EqualFold(e.Value.Str, "never") {
				a.Skip = "listed nowhere (build.list: never)"
			}
		}
	case "redirect":
		d.redirect = true
	case "weight":
		if n, err := strconv.ParseInt(strings.TrimSpace(v.Str), 10, 32); err == nil && v.Kind == frontmatter.KindNumber {
			a.Weight = int(n)
		}
	case "published":
		if jekyllFalse(v) {
			a.Skip = "unpublished (published: false)"
		}
	case "author", "authors":
		a.Authors = append(a.Authors, d.people(f)...)
	case "tags":
		a.Tags = d.strings(f)
		if d.dialect == Jekyll && v.Kind == frontmatter.KindString {
			a.Tags = strings.Fields(v.Str) // one string: words, as Jekyll splits it
		}
	case "categories":
		a.Categories = d.strings(f)
		if d.dialect == Jekyll && v.Kind == frontmatter.KindString && strings.EqualFold(f.Key, "categories") {
			a.Categories = strings.Fields(v.Str) // 'category' names one, spaces and all
		}
	case "slug":
		a.Slug = d.text(f, true)
		if d.dialect == Feedpub && strings.ContainsAny(a.Slug, "/?#") {
			d.errf(v.Line, v.Col, fmt.Sprintf("the slug %q contains '/', '?' or '#'", a.Slug),
				"use letters, digits and dashes, or set 'url' for a nested path")
		}
	case "url":
		a.URL = d.text(f, true)
	case "id":
		a.ID = d.text(f, true)
	case "image":
		a.Image = d.text(f, true)
	case "image_alt":
		a.ImageAlt = d.text(f, true)
	case "enclosure":
		a.Enclosure = d.enclosure(f)
	case "lang":
		a.Lang = d.text(f, true)
	case "draft":
		switch d.dialect {
		case Hugo:
			a.Draft = hugoBool(v)
			return
		case Jekyll:
			a.Draft = v.Kind == frontmatter.KindBool && v.Str == "true"
			return
		}
		if v.Kind != frontmatter.KindBool {
			d.errf(v.Line, v.Col, fmt.Sprintf("'%s' is %s, not true or false", f.Key, v.Kind), "write 'draft: true' or 'draft: false'")
			return
		}
		a.Draft = v.Str == "true"
	case "external_url":
		a.ExternalURL = d.externalURL(f)
	case "source":
		a.Source = d.source(f)
	}
}

// defaults fills what the file name supplies and checks required fields.
func (d *decoder) defaults() {
	a := d.a
	slug, date := nameSlug(a.Path)
	if a.Slug == "" {
		a.Slug = slug
	}
	if d.redirect && len(bytes.TrimSpace(a.Body)) == 0 && a.Skip == "" {
		a.Skip = "a redirect stub"
	}
	if a.Skip != "" && d.dialect == Feedpub {
		return // left out: it needs no title nor date
	}
	switch d.dialect {
	case Hugo:
		// The feed's date is the publish date, which falls back to the
		// date; the update is lastmod.
		var named time.Time
		if date != "" {
			named, _ = time.ParseInLocation("2006-01-02", date, d.loc)
		}
		if _, set := a.Pos["slug"]; !set && !named.IsZero() && slices.Contains(d.hugo.Date, ":filename") {
			a.Pos["slug"] = Pos{1, 1} // Hugo takes the rest of the name for the slug
		}
		date := d.hugoDate(d.hugo.Date, named)
		a.Date = d.hugoDate(d.hugo.PublishDate, named)
		if a.Date.IsZero() {
			a.Date = date
		}
		a.Updated = d.hugoDate(d.hugo.Lastmod, date)
		if !a.Updated.After(a.Date) {
			a.Updated = time.Time{} // no later update to tell
		}
		a.Expires = d.hugoDate(d.hugo.ExpiryDate, date)
		if a.Title == "" {
			a.Title = slug
		}
		if a.Date.IsZero() && a.Skip == "" {
			a.Skip = "undated (Hugo would date it 0001-01-01)"
		}
		return
	case Jekyll:
		if d.description != "" {
			a.Summary = d.description
		} else if d.excerpt != "" {
			a.Summary = d.excerpt
		}
		if a.Title == "" {
			a.Title = TitleFromSlug(slug)
		}
	}
	if _, ok := a.Pos["title"]; !ok && a.Title == "" {
		d.errf(1, 1, "the front matter has no 'title'", "add a line such as "+d.line("title", `"My first post"`))
	}
	if _, ok := a.Pos["date"]; !ok {
		if d.dialect == Jekyll && date == "" {
			return // a draft: dated by its file's modification time
		}
		if date != "" {
			a.Date, _ = time.ParseInLocation("2006-01-02", date, d.loc)
		} else {
			d.errf(1, 1, "the front matter has no 'date'",
				"add a line such as "+d.line("date", "2024-05-01")+" or "+d.line("date", "2024-05-01T09:30:00+02:00"))
		}
	}
}

// hugoDate is the first date the keys give, as Hugo's [frontmatter]
// rules read them; named is the date at the start of the file name.
func (d *decoder) hugoDate(keys []string, named time.Time) time.Time {
	for _, k := range keys {
		switch k {
		case ":default":
			// the defaults are already what an unconfigured site uses
		case ":filename":
			if !named.IsZero() {
				return named
			}
		default:
			if t, ok := d.dates[k]; ok && !t.IsZero() {
				return t
			}
		}
	}
	return time.Time{}
}

// text reads a scalar field as a string. Numbers and booleans are taken as
// written, so 'title: 1984' works.
func (d *decoder) text(f frontmatter.Field, nonEmpty bool) string {
	v := f.Value
	switch v.Kind {
	case frontmatter.KindString, frontmatter.KindNumber, frontmatter.KindBool:
		s := strings.TrimSpace(v.Str)
		if nonEmpty && s == "" {
			d.errf(v.Line, v.Col, fmt.Sprintf("'%s' is empty", f.Key), "give it a value or remove the line")
		}
		return s
	case frontmatter.KindNull:
		if nonEmpty {
			d.errf(v.Line, v.Col, fmt.Sprintf("'%s' is empty", f.Key), "give it a value or remove the line")
		}
		return ""
	}
	d.errf(v.Line, v.Col, fmt.Sprintf("'%s' is %s, not a string", f.Key, v.Kind), "write it as a single line of text")
	return ""
}

// strings reads a list of strings; a single string counts as a list of one.
func (d *decoder) strings(f frontmatter.Field) []string {
	v := f.Value
	if len(v.List) > MaxTerms {
		d.errf(v.Line, v.Col, fmt.Sprintf("'%s' has %d entries, more than %d", f.Key, len(v.List), MaxTerms),
			"keep the few that describe the article")
		return nil
	}
	var out []string
	switch v.Kind {
	case frontmatter.KindNull:
		return nil
	case frontmatter.KindString, frontmatter.KindNumber:
		if s := strings.TrimSpace(v.Str); s != "" {
			out = append(out, s)
		}
		return out
	case frontmatter.KindList:
		for _, e := range v.List {
			if e.Kind != frontmatter.KindString && e.Kind != frontmatter.KindNumber {
				d.errf(e.Line, e.Col, fmt.Sprintf("an entry of '%s' is %s, not a string", f.Key, e.Kind),
					fmt.Sprintf("write '%s' as a list of words, e.g. [news, go]", f.Key))
				continue
			}
			if s := strings.TrimSpace(e.Str); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	d.errf(v.Line, v.Col, fmt.Sprintf("'%s' is %s, not a list", f.Key, v.Kind),
		fmt.Sprintf("write '%s' as a list, e.g. [news, go]", f.Key))
	return nil
}

// people reads "author" or "authors": a string, a mapping, or a list of
// those.
func (d *decoder) people(f frontmatter.Field) []model.Person {
	v := f.Value
	if v.Kind == frontmatter.KindList {
		var out []model.Person
		for _, e := range v.List {
			if p, ok := d.person(f.Key, e); ok {
				out = append(out, p)
			}
		}
		return out
	}
	if p, ok := d.person(f.Key, v); ok {
		return []model.Person{p}
	}
	return nil
}

const personHint = "write 'Name', 'Name <email>', or a mapping with 'name', 'email' and 'url'"

func (d *decoder) person(key string, v *frontmatter.Node) (model.Person, bool) {
	switch v.Kind {
	case frontmatter.KindString:
		p, err := model.ParsePerson(v.Str)
		if err != nil {
			d.errf(v.Line, v.Col, fmt.Sprintf("'%s': %v", key, err), personHint)
			return p, false
		}
		return p, true
	case frontmatter.KindMap:
		var p model.Person
		ok := true
		for _, f := range v.Map {
			e := f.Value
			if e.Kind != frontmatter.KindString {
				d.errf(e.Line, e.Col, fmt.Sprintf("'%s.%s' is %s, not a string", key, f.Key, e.Kind), personHint)
				ok = false
				continue
			}
			switch err := p.Set(f.Key, e.Str); {
			case errors.Is(err, model.ErrUnknownKey):
				d.errf(f.Line, f.Col, fmt.Sprintf("'%s' has an unknown key %q", key, f.Key), personHint)
				ok = false
			case err != nil: // the only value Set checks is the email
				d.errf(e.Line, e.Col, fmt.Sprintf("'%s.email': %v", key, err), "write it as name@example.com")
				ok = false
			}
		}
		if ok && p.Label() == "" {
			d.errf(v.Line, v.Col, fmt.Sprintf("'%s' has neither a name nor an email", key), personHint)
			ok = false
		}
		return p, ok
	}
	d.errf(v.Line, v.Col, fmt.Sprintf("'%s' is %s, not an author", key, v.Kind), personHint)
	return model.Person{}, false
}
