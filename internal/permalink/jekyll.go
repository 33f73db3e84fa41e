package permalink

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
)

// Jekyll makes post links and ids as Jekyll and jekyll-feed do.
type Jekyll struct {
	// Permalink is the posts' permalink: a built-in style name (date,
	// pretty, ordinal, weekdate, none) or a pattern; "" means date.
	Permalink string
}

// jekyllStyles are Jekyll's built-in permalink styles.
var jekyllStyles = map[string]string{
	"date":     "/:categories/:year/:month/:day/:title:output_ext",
	"pretty":   "/:categories/:year/:month/:day/:title/",
	"ordinal":  "/:categories/:year/:y_day/:title:output_ext",
	"weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
	"none":     "/:categories/:title:output_ext",
}

// jekyllNames are the placeholders of Jekyll's URL drop for documents.
var jekyllNames = map[string]bool{
	"output_ext": true, "path": true, "collection": true, "name": true, "title": true, "slug": true,
	"categories": true, "slugified_categories": true, "year": true, "month": true, "day": true,
	"hour": true, "minute": true, "second": true, "i_day": true, "i_month": true, "short_month": true,
	"long_month": true, "short_year": true, "w_year": true, "week": true, "w_day": true,
	"short_day": true, "long_day": true, "y_day": true,
}

// jekyllTokenRe finds Jekyll placeholders, as URL#generate_url_from_drop.
var jekyllTokenRe = regexp.MustCompile(`:([a-z_]+)`)

// template is the posts' URL template.
func (j Jekyll) template() string {
	if t, ok := jekyllStyles[strings.TrimPrefix(j.Permalink, ":")]; ok {
		return t
	}
	if j.Permalink == "" {
		return jekyllStyles["date"]
	}
	return j.Permalink
}

// Check reports an error for a pattern with an unknown :token, naming it,
// so settings can be refused early.
func (j Jekyll) Check() error {
	_, err := jekyllExpand(j.template(), func(string) string { return "" })
	return err
}

// jekyllExpand replaces each placeholder of template with value(name),
// reading ":month_" as ":month" followed by "_" when there is no
// "month_", as Jekyll does.
func jekyllExpand(template string, value func(name string) string) (string, error) {
	var err error
	out := jekyllTokenRe.ReplaceAllStringFunc(template, func(m string) string {
		name := m[1:]
		rest := ""
		if !jekyllNames[name] && strings.HasSuffix(name, "_") && jekyllNames[strings.TrimSuffix(name, "_")] {
			name, rest = strings.TrimSuffix(name, "_"), "_"
		}
		if !jekyllNames[name] {
			if err == nil {
				err = fmt.Errorf("permalink %q: unknown token :%s", template, m[1:])
			}
			return m
		}
		return jekyllEscapePath(value(name)) + rest
	})
	return out, err
}

// Link returns the post's link, as jekyll-feed's absolute_url(post.url)
// writes it, and its id, absolute_url(post.id): the folder of the URL
// followed by the raw slug, with no extension.
func (j Jekyll) Link(p Page) (link, id string, err error) {
	dir, base := path.Split(p.Path)
	slug, name := jekyllSlug(base)
	if p.Slug != "" {
		slug = p.Slug
	}
	template := j.template()
	if p.URL != "" {
		template = p.URL
	}
	cats := append(jekyllFolderCategories(dir), p.Categories...)
	u, err := jekyllExpand(template, func(token string) string { return jekyllToken(token, p, slug, name, cats) })
	if err != nil {
		return "", "", fmt.Errorf("%s: %w", p.Path, err)
	}
	u = jekyllSanitizeURL(u)
	idPath := rubyDirname(u)
	if !strings.HasSuffix(idPath, "/") {
		idPath += "/"
	}
	idPath += slug
	return strings.TrimPrefix(absoluteURLPath(u), "/"), strings.TrimPrefix(absoluteURLPath(idPath), "/"), nil
}

// jekyllDateName matches a post's file name, as Document::DATE_FILENAME_MATCHER.
var jekyllDateName = regexp.MustCompile(`^(\d{2,4}-\d{1,2}-\d{1,2})-(.*)(\.[^.]+)$`)

// jekyllSlug returns the raw slug of a post file (its name without date
// and extension, trailing dots removed) and the name without extension.
func jekyllSlug(base string) (slug, name string) {
	name = base
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		name = base[:i]
	}
	slug = name
	if m := jekyllDateName.FindStringSubmatch(base); m != nil {
		slug = m[2]
	}
	return strings.TrimRight(slug, "."), name
}

// jekyllFolderCategories are the folders before "_posts", which Jekyll
// makes the post's first categories.
func jekyllFolderCategories(dir string) []string {
	i := strings.Index(dir, "_posts")
	if i < 0 {
		return nil
	}
	var cats []string
	for _, c := range strings.Split(dir[:i], "/") {
		if c != "" {
			cats = append(cats, c)
		}
	}
	return cats
}

// jekyllToken is the unescaped value of one placeholder.
func jekyllToken(name string, p Page, slug, base string, cats []string) string {
	t := p.Date
	switch name {
	case "output_ext":
		return ".html"
	case "collection":
		return "posts"
	case "path":
		return strings.TrimRight(strings.Replace(strings.TrimSuffix(p.Path, path.Ext(p.Path)), "_posts", "", 1), ".")
	case "name":
		return jekyllSlugify(base, "default", false)
	case "title":
		return jekyllSlugify(slug, "pretty", true)
	case "slug":
		return jekyllSlugify(slug, "default", false)
	case "categories", "slugified_categories":
		return jekyllCategories(cats, name == "slugified_categories")
	case "year":
		return t.Format("2006")
	case "month":
		return t.Format("01")
	case "day":
		return t.Format("02")
	case "hour":
		return t.Format("15")
	case "minute":
		return t.Format("04")
	case "second":
		return t.Format("05")
	case "i_day":
		return strconv.Itoa(t.Day())
	case "i_month":
		return strconv.Itoa(int(t.Month()))
	case "short_month":
		return t.Format("Jan")
	case "long_month":
		return t.Format("January")
	case "short_year":
		return t.Format("06")
	case "w_year":
		y, _ := t.ISOWeek()
		return strconv.Itoa(y)
	case "week":
		_, w := t.ISOWeek()
		return fmt.Sprintf("%02d", w)
	case "w_day":
		return strconv.Itoa((int(t.Weekday())+6)%7 + 1)
	case "short_day":
		return t.Format("Mon")
	case "long_day":
		return t.Format("Monday")
	case "y_day":
		return fmt.Sprintf("%03d", t.YearDay())
	}
	return ""
}

// jekyllCategories joins the categories, each once, lower-cased (or
// slugified), as the URL drop does.
func jekyllCategories(cats []string, slugified bool) string {
	seen := map[string]bool{}
	var out []string
	for _, c := range cats {
		if slugified {
			c = jekyllSlugify(c, "default", false)
		} else {
			c = strings.ToLower(c)
		}
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return strings.Join(out, "/")
}
