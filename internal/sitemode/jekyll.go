package sitemode

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/feedpub/feedpub/internal/article"
	"github.com/feedpub/feedpub/internal/config"
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
	// at paths of its own; feedpub's families stay off unless
	// feedpub.yaml turns them on.
	set(s, "tag_feeds", where, &s.TagFeeds, false)
	set(s, "category_feeds", where, &s.CategoryFeeds, false)
	set(s, "author_feeds", where, &s.AuthorFeeds, false)
	set(s, "pages", where, &s.Pages, false)

	pattern := t.str("collections.posts.permalink")
	if pattern == "" {
		pattern = t.str("permalink")
	}
	links := permalink.Jekyll{Permalink: pattern}
	if err := links.Check(); err != nil {
		return "", fmt.Errorf("%s: permalink: %w", where, err)
	}
	s.Generator = config.Generator{Name: "Jekyll", File: where, Dialect: article.Jekyll, Links: links}
	return "read the Jekyll site's settings from " + name, nil
}
