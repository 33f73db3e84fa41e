package sitemode

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/feedpub/feedpub/internal/config"
)

// A Hugo or Jekyll site publishes its own favicon, which feedpub's feeds
// and pages then name: the one its settings name where themes read it
// (Hugo's params.favicon or PaperMod's params.assets.favicon; Jekyll's
// feed.icon, as jekyll-feed's stylesheets read it, or favicon), else a
// favicon file at the root of what it publishes. Jekyll's logo (as
// jekyll-seo-tag reads it) is the site's logo. Each is a path below the
// site's root or an absolute URL; one whose file is not there is left
// out, since the generator may make it in ways feedpub does not follow.

// faviconNames are the favicon files looked for, in order.
var faviconNames = []string{"favicon.ico", "favicon.png", "favicon.svg"}

// hugoStatic are the folders a Hugo site publishes at its root: its
// staticDir (one or a list, "static" by default), then its themes'.
func hugoStatic(dir string, t tree) []string {
	var out []string
	for _, d := range strList(t.get("staticdir")) {
		out = append(out, filepath.Join(dir, d))
	}
	if len(out) == 0 {
		out = []string{filepath.Join(dir, "static")}
	}
	themes := t.str("themesdir")
	if themes == "" {
		themes = "themes"
	}
	for _, th := range strList(t.get("theme")) {
		out = append(out, filepath.Join(dir, themes, th, "static"))
	}
	return out
}

// strList reads a string or a list of strings.
func strList(v any) []string {
	switch v := v.(type) {
	case string:
		if strings.TrimSpace(v) != "" {
			return []string{strings.TrimSpace(v)}
		}
	case []any:
		var out []string
		for _, x := range v {
			if s := strings.TrimSpace(fmt.Sprint(x)); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// hugoPictures sets a Hugo site's icon and where its pictures are.
func hugoPictures(dir string, t, params tree, s *config.Settings, where string) {
	s.Generator.Static = hugoStatic(dir, t)
	setPicture(s, "icon", where, &s.Icon, s.Generator.Static, params.str("favicon"), params.str("assets.favicon"))
}

// jekyllPictures sets a Jekyll site's icon, logo and where its pictures
// are.
func jekyllPictures(dir string, t tree, s *config.Settings, where string) {
	s.Generator.Static = []string{dir}
	setPicture(s, "icon", where, &s.Icon, s.Generator.Static, t.str("feed.icon"), t.str("favicon"))
	if v := t.str("logo"); v != "" && found(s.Generator.Static, v) {
		set(s, "logo", where, &s.Logo, v)
	}
}

// setPicture sets field to the first of named that is an absolute URL or
// a file in one of roots, else to the first favicon file there.
func setPicture(s *config.Settings, key, where string, field *string, roots []string, named ...string) {
	for _, v := range named {
		if v != "" && found(roots, v) {
			set(s, key, where, field, v)
			return
		}
	}
	for _, n := range faviconNames {
		if found(roots, n) {
			set(s, key, where, field, n)
			return
		}
	}
}

// found reports whether v is an absolute URL, or a path (from the site's
// root) of a file in one of roots.
func found(roots []string, v string) bool {
	u, err := url.Parse(v)
	if err != nil {
		return false
	}
	if u.Scheme != "" || u.Host != "" {
		return u.Scheme == "http" || u.Scheme == "https"
	}
	for _, r := range roots {
		if isFile(filepath.Join(r, filepath.FromSlash(strings.TrimPrefix(u.Path, "/")))) {
			return true
		}
	}
	return false
}
