package sitemode

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/feedpub/feedpub/internal/article"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/permalink"
)

// jekyll applies a Jekyll site's settings and jekyll-feed's.
func jekyll(dir, name string, s *config.Settings) (string, error) {
	t, err := readTree(filepath.Join(dir, name))
	if err != nil {
		return "", err
	}
	where := name
	jekyllMarkup(dir, t, s)
	if u := t.str("url"); u != "" {
		// absolute_url is url + baseurl + path.
		base := strings.TrimSuffix(u, "/") + "/" + strings.Trim(t.str("baseurl"), "/")
		set(s, "base_url", where, &s.BaseURL, strings.TrimSuffix(base, "/")+"/")
	}
	// jekyll-feed titles the feed site.title, else site.name.
	if v := t.str("title"); v != "" {
		set(s, "title", where, &s.Title, v)
	} else if v := t.str("name"); v != "" {
		set(s, "title", where, &s.Title, v)
	}
	if v := t.str("description"); v != "" {
		set(s, "description", where, &s.Description, v)
	} else if s.Title != "" {
		set(s, "description", where, &s.Description, s.Title)
	}
	if v := t.str("lang"); v != "" {
		set(s, "language", where, &s.Language, v)
	}
	zone := t.str("timezone")
	if zone == "" {
		zone = os.Getenv("TZ") // Jekyll's zone when the site sets none
	}
	if zone != "" {
		set(s, "timezone", where, &s.Timezone, zone)
	}
	switch a := t.get("author").(type) {
	case string:
		set[any](s, "author", where, &s.Author, a)
	case tree:
		m := map[string]any{}
		for k, to := range map[string]string{"name": "name", "email": "email", "uri": "url", "url": "url"} {
			if v := a.str(k); v != "" {
				m[to] = v
			}
		}
		if len(m) > 0 {
			set[any](s, "author", where, &s.Author, m)
		}
	}
	set(s, "articles", where, &s.Articles, dir)
	out := t.str("destination")
	if out == "" {
		out = "_site"
	}
	set(s, "output", where, &s.Output, filepath.Join(dir, out))

	// jekyll-feed: an Atom feed of the newest posts at feed.path.
	feed := t.sub("feed")
	limit := 10
	if n, ok := feed.integer("posts_limit"); ok && n > 0 {
		limit = n
	}
	set(s, "limit", where, &s.Limit, limit)
	path := strings.TrimPrefix(feed.str("path"), "/")
	if path == "" {
		path = "feed.xml"
	}
	set(s, "atom_file", where, &s.AtomFile, path)
	stem := strings.TrimSuffix(path, filepath.Ext(path))
	set(s, "rss_file", where, &s.RSSFile, stem+".rss.xml")
	set(s, "json_file", where, &s.JSONFile, stem+".json")
	if feed.boolean("excerpt_only") {
		set(s, "content", where, &s.Content, "summary")
	}
	// jekyll-feed makes no tag or category feeds unless asked, and then
	// at paths of its own.
	cats := map[string]bool{}
	if list, ok := feed.get("categories").([]any); ok {
		for _, c := range list {
			cats[fmt.Sprint(c)] = true
		}
	}
	tagFeeds := jekyllTagFeeds(feed.get("tags"))
	set(s, "tag_feeds", where, &s.TagFeeds, tagFeeds != nil)
	set(s, "category_feeds", where, &s.CategoryFeeds, len(cats) > 0)
	set(s, "author_feeds", where, &s.AuthorFeeds, false)
	set(s, "pages", where, &s.Pages, false)
	set(s, "drafts", where, &s.Drafts, t.boolean("show_drafts"))
	set(s, "future", where, &s.Future, t.boolean("future"))

	pattern := t.str("collections.posts.permalink")
	if pattern == "" {
		pattern = t.str("permalink")
	}
	links := permalink.Jekyll{Permalink: pattern}
	if err := links.Check(); err != nil {
		return "", diag.Settings.At(where, 0, 0, "permalink: "+err.Error(), "")
	}
	s.Generator = config.Generator{Name: "Jekyll", File: where, Key: t.key(), Dialect: article.Jekyll, Links: links,
		TermSlug: func(name string) string { return name }, // jekyll-feed names feeds as written
		Family: func(taxonomy, name, _ string) (string, *[3]string, bool) {
			var atom string
			switch {
			case taxonomy == "categories" && cats[name]:
				atom = "feed/" + name + ".xml"
			case taxonomy == "tags" && tagFeeds != nil && tagFeeds.wants(name):
				atom = tagFeeds.path + name + ".xml"
			default:
				return "", nil, false
			}
			stem := strings.TrimSuffix(atom, ".xml")
			return stem + "/", &[3]string{stem + ".rss.xml", atom, stem + ".json"}, true
		},
	}
	jekyllPictures(dir, t, s, where)
	return "read the Jekyll site's settings from " + name, nil
}

// jekyllTags is jekyll-feed's 'tags' setting: a feed per tag, at path.
type jekyllTags struct {
	path   string
	only   map[string]bool // nil: every tag
	except map[string]bool
}

// jekyllTagName is what jekyll-feed takes for a tag it makes a feed of.
var jekyllTagName = regexp.MustCompile(`^[A-Za-z0-9_]+$`)

func (j *jekyllTags) wants(tag string) bool {
	return jekyllTagName.MatchString(tag) && (j.only == nil || j.only[tag]) && !j.except[tag]
}

// jekyllTagFeeds reads feed.tags: true, or a mapping with path, only and
// except; nil when there are no tag feeds.
func jekyllTagFeeds(v any) *jekyllTags {
	set := func(v any) map[string]bool {
		list, ok := v.([]any)
		if !ok {
			return nil
		}
		m := map[string]bool{}
		for _, x := range list {
			m[fmt.Sprint(x)] = true
		}
		return m
	}
	switch v := v.(type) {
	case bool:
		if v {
			return &jekyllTags{path: "feed/by_tag/"}
		}
	case tree:
		j := &jekyllTags{path: strings.Trim(v.str("path"), "/") + "/", only: set(v.get("only")), except: set(v.get("except"))}
		if j.path == "/" {
			j.path = "feed/by_tag/"
		}
		return j
	}
	return nil
}
