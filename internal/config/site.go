package config

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // time zones work on machines without a zoneinfo database

	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/model"
	"github.com/feedpub/feedpub/internal/permalink"
	"github.com/feedpub/feedpub/internal/podcast"
)

// Site is the checked configuration a build uses.
type Site struct {
	Title       string
	Description string
	BaseURL     *url.URL // absolute, ending in "/"
	Language    string
	Authors     []model.Person
	Copyright   string
	Location    *time.Location
	Articles    string
	Output      string
	Limit       int  // 0: every article
	FullContent bool // false: summaries only
	RSSFile     string
	AtomFile    string
	JSONFile    string

	MaxArticleSize int64   // bytes
	MaxDrop        float64 // 0 to 1
	Cache          string  // the cache file; empty for none

	TagFeeds, CategoryFeeds, AuthorFeeds bool // feed families
	Archive                              bool // RFC 5005 archive documents
	ArchiveSize                          int  // items per archive document
	ArchiveFull                          bool // archive documents carry full content
	Drafts, Future, Expired              bool // let these articles into the feeds
	SectionFeeds                         bool // Hugo's section feeds
	Pages                                bool // HTML pages beside feed sets
	ArticlePages                         bool // a page per article, and the local files it references; never in site mode
	Sitemap                              bool // sitemap.xml of the article pages, written only with ArticlePages
	Hub                                  string
	Stylesheet                           bool

	// Moved maps feeds' old paths to their new paths or URLs (see
	// Settings.Moved); setAt says where a setting was set.
	Moved map[string]string
	setAt func(key string) origin

	// Shortcodes are the templates of the site's own shortcodes, by name.
	Shortcodes map[string]string
	// Markup is how the site's generator renders Markdown.
	Markup Markup

	// SettingsFile is the feedpub.yaml the settings were read from, ""
	// when none was: a folder with one may hold other files than
	// articles (a README.md, redirect pages), which are left out.
	SettingsFile string

	// Generator is the site generator whose site this is, if any; its
	// Links make every article's link and id.
	Generator Generator

	PublishCacheControl        string // for what may change
	PublishCacheControlArchive string // for full archive documents
	PublishGzip                bool
	PublishFeedXML             bool // RSS and Atom objects as application/xml

	// The site's pictures (see pictures.go).
	Icon, Logo    Picture
	ImageFromBody bool            // an article without an image takes its body's first
	Podcasts      []*podcast.Show // the podcast shows, each its own feed
	News          *News           // the Google News publication, nil for no news sitemap
}

var langTag = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)

// ValidLanguage reports whether s is a BCP 47 language tag, as
// CanonicalLanguage reads it ("zh_cn" is one).
func ValidLanguage(s string) bool {
	_, ok := CanonicalLanguage(s)
	return ok
}

// Resolve checks the settings and returns the Site they describe. Every
// problem is reported, each naming where the bad value was set.
func (s *Settings) Resolve() (*Site, error) {
	var errs diag.List
	// bad records that key's value is wrong, naming where it was set.
	bad := func(key, msg, hint string) {
		o, set := s.origin[key]
		switch {
		case o.path != "":
			errs = append(errs, diag.Settings.At(o.path, o.line, o.col, msg, hint))
		case set:
			errs = append(errs, diag.Settings.New(o.by+": "+msg, hint))
		default:
			errs = append(errs, diag.Settings.New("default "+key+": "+msg, hint))
		}
	}
	site := &Site{
		Title: strings.TrimSpace(s.Title), Description: strings.TrimSpace(s.Description),
		Language: s.Language, Copyright: s.Copyright, Articles: s.Articles, Output: s.Output,
		Limit: s.Limit, RSSFile: s.RSSFile, AtomFile: s.AtomFile, JSONFile: s.JSONFile,
		SettingsFile: s.file,
	}
	if site.Title == "" {
		bad("title", "the title is empty", "give the site a name")
	}
	if site.Description == "" {
		site.Description = site.Title
	}
	u, err := url.Parse(s.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		bad("base_url", fmt.Sprintf("%q is not an absolute http or https URL", s.BaseURL), "write it like https://example.com/blog/")
	} else {
		if !strings.HasSuffix(u.Path, "/") {
			u.Path += "/"
		}
		u.RawQuery, u.Fragment = "", ""
		site.BaseURL = u
	}
	if canon, ok := CanonicalLanguage(s.Language); ok {
		site.Language = canon
	} else {
		bad("language", fmt.Sprintf("%q is not a language tag", s.Language), "write it like en, fr or pt-BR")
	}
	if site.Location, err = time.LoadLocation(s.Timezone); err != nil || s.Timezone == "" {
		bad("timezone", fmt.Sprintf("%q is not a time zone", s.Timezone), "use an IANA name such as UTC, Europe/Paris or America/New_York")
	}
	if s.Limit < 0 {
		bad("limit", fmt.Sprintf("%d is negative", s.Limit), "use the number of items per feed, or 0 for every article")
	}
	switch s.Content {
	case "full":
		site.FullContent = true
	case "summary":
	default:
		bad("content", fmt.Sprintf("%q is neither full nor summary", s.Content), "use full (the whole article) or summary")
	}
	if s.Author != nil {
		ps, err := people(s.Author)
		if err != nil {
			bad("author", err.Error(), "write 'Name', 'Name <email>' or a mapping with name, email and url")
		}
		site.Authors = ps
	}
	if site.MaxArticleSize, err = parseSize(s.MaxArticleSize); err != nil {
		bad("max_article_size", err.Error(), "write a size such as 10MiB, 512KiB or 1048576")
	}
	if s.MaxDrop < 0 || s.MaxDrop > 1 {
		bad("max_drop", fmt.Sprintf("%v is not a share between 0 and 1", s.MaxDrop), "write 0.5 to let a build drop at most half the published items")
	}
	site.MaxDrop = s.MaxDrop
	site.Cache = s.Cache
	site.TagFeeds, site.CategoryFeeds, site.AuthorFeeds = s.TagFeeds, s.CategoryFeeds, s.AuthorFeeds
	site.Archive, site.ArchiveSize, site.Stylesheet = s.Archive, s.ArchiveSize, s.Stylesheet
	site.SectionFeeds, site.Pages = s.SectionFeeds, s.Pages
	site.ArticlePages = s.ArticlePages && s.Generator.Name == "" // a Hugo or Jekyll site has its own
	_, sitemapSet := s.origin["sitemap"]
	site.Sitemap = site.ArticlePages && (s.Sitemap || !sitemapSet && s.News != nil)
	site.Drafts, site.Future, site.Expired = s.Drafts, s.Future, s.Expired
	if s.Archive && (s.ArchiveSize < 1 || s.ArchiveSize > 10000) {
		bad("archive_size", fmt.Sprintf("%d is not between 1 and 10000", s.ArchiveSize), "use the number of items per archive document, such as 100")
	}
	switch s.ArchiveContent {
	case "full":
		site.ArchiveFull = true
	case "summary":
	default:
		bad("archive_content", fmt.Sprintf("%q is neither full nor summary", s.ArchiveContent), "use summary (the default) or full")
	}
	site.PublishCacheControl, site.PublishCacheControlArchive = s.PublishCacheControl, s.PublishCacheControlArchive
	site.PublishGzip = s.PublishGzip
	switch s.PublishFeedType {
	case "specific":
	case "xml":
		site.PublishFeedXML = true
	default:
		bad("publish_feed_type", fmt.Sprintf("%q is neither specific nor xml", s.PublishFeedType), "use specific (application/rss+xml, application/atom+xml) or xml (application/xml, which browsers show through the stylesheet)")
	}
	for _, kv := range [][2]string{{"publish_cache_control", s.PublishCacheControl}, {"publish_cache_control_archive", s.PublishCacheControlArchive}} {
		if strings.ContainsAny(kv[1], "\r\n") {
			bad(kv[0], fmt.Sprintf("%q spans lines", kv[1]), "write one Cache-Control value such as public, max-age=300")
		}
	}
	if s.Hub != "" {
		h, err := url.Parse(s.Hub)
		if err != nil || (h.Scheme != "http" && h.Scheme != "https") || h.Host == "" {
			bad("hub", fmt.Sprintf("%q is not an absolute http or https URL", s.Hub), "write the WebSub hub's URL, such as https://pubsubhubbub.appspot.com/")
		}
		site.Hub = s.Hub
	}
	site.Generator = s.Generator
	site.Shortcodes, site.Markup = s.Shortcodes, s.Markup
	if err := checkShortcodes(s.Shortcodes); err != nil {
		bad("shortcodes", err.Error(), "write each as a Go template, such as '<a href=\"https://github.com/{{ .Get 0 }}\">{{ .Get 0 }}</a>'")
	}
	if site.Generator.Links == nil {
		p := permalink.Pattern{Pattern: s.Permalink}
		if err := p.Check(); err != nil {
			bad("permalink", err.Error(), "use tokens such as :year, :month, :day, :slug, :section and :sections")
		}
		site.Generator.Links = p
	}
	s.resolveMoved(site, bad)
	seen := map[string]string{}
	for _, f := range []struct{ key, name string }{{"rss_file", s.RSSFile}, {"atom_file", s.AtomFile}, {"json_file", s.JSONFile}} {
		clean := path.Clean(f.name)
		if f.name == "" || clean != f.name || strings.HasPrefix(f.name, "/") || strings.HasPrefix(f.name, "../") || f.name == ".." {
			bad(f.key, fmt.Sprintf("%q is not a file name inside the output directory", f.name), "use a name like rss.xml")
			continue
		}
		if other, dup := seen[f.name]; dup {
			bad(f.key, fmt.Sprintf("%q is also the %s", f.name, other), "give each feed its own file")
		}
		seen[f.name] = f.key
	}
	s.resolvePictures(site, bad)
	s.resolveNews(site, bad)
	if site.BaseURL != nil {
		var perrs diag.List
		site.Podcasts, perrs = s.resolvePodcasts(site)
		errs = append(errs, perrs...)
	}
	if len(errs) > 0 {
		inOrder(errs)
		return nil, errs
	}
	return site, nil
}

// people reads the author setting.
func people(v any) ([]model.Person, error) {
	switch v := v.(type) {
	case string:
		p, err := model.ParsePerson(v)
		if err != nil {
			return nil, err
		}
		return []model.Person{p}, nil
	case map[string]any:
		var p model.Person
		for k, x := range v {
			s, ok := x.(string)
			if !ok {
				return nil, fmt.Errorf("author.%s is not a string", k)
			}
			if err := p.Set(k, s); errors.Is(err, model.ErrUnknownKey) {
				return nil, fmt.Errorf("author has an unknown key %q", k)
			} else if err != nil {
				return nil, err
			}
		}
		if p.Label() == "" {
			return nil, fmt.Errorf("author has neither a name nor an email")
		}
		return []model.Person{p}, nil
	}
	return nil, fmt.Errorf("author is neither text nor a mapping")
}

// parseSize reads a size in bytes: a whole number, or a number followed by
// B, KB, KiB, MB, MiB, GB or GiB.
func parseSize(v any) (int64, error) {
	var s string
	switch v := v.(type) {
	case uint64:
		s = fmt.Sprint(v)
	case int64:
		s = fmt.Sprint(v)
	case int:
		s = fmt.Sprint(v)
	case string:
		s = v
	default:
		return 0, fmt.Errorf("%v is not a size", v)
	}
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	num, unit := s, ""
	if i >= 0 {
		num, unit = s[:i], strings.TrimSpace(s[i:])
	}
	mult := map[string]float64{"": 1, "B": 1, "KB": 1e3, "KiB": 1 << 10, "MB": 1e6, "MiB": 1 << 20, "GB": 1e9, "GiB": 1 << 30}[unit]
	n, err := strconv.ParseFloat(num, 64)
	if mult == 0 || err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a size", s)
	}
	return int64(n * mult), nil
}
