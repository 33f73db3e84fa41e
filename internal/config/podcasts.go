package config

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/gosimple/slug"

	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/frontmatter"
	"github.com/feedpub/feedpub/internal/model"
	"github.com/feedpub/feedpub/internal/podcast"
)

// Podcasts is the podcasts setting as written: the YAML it was read
// from (one node), kept so that Resolve can point at each value.
type Podcasts []ast.Node

// UnmarshalYAML keeps the setting's YAML for Resolve.
func (p *Podcasts) UnmarshalYAML(n ast.Node) error {
	*p = Podcasts{n}
	return nil
}

// showKeys are the keys of one show in the podcasts setting.
var showKeys = []string{"slug", "folder", "section", "tag", "title", "description", "artwork", "language",
	"category", "subcategory", "explicit", "author", "owner", "type", "copyright", "complete", "block",
	"new_feed_url", "guid", "locked", "medium", "funding", "person", "location", "license",
	"update_frequency", "podroll", "txt", "trailer", "media_prefix"}

// media are podcast:medium's values.
var media = []string{"podcast", "music", "video", "film", "audiobook", "newsletter", "blog", "publisher", "course",
	"podcastL", "musicL", "videoL", "filmL", "audiobookL", "newsletterL", "blogL", "publisherL", "courseL", "mixed"}

var uuidForm = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// resolvePodcasts checks the podcasts setting and returns its shows; the
// site's own settings fill what a show leaves out.
func (s *Settings) resolvePodcasts(site *Site) ([]*podcast.Show, diag.List) {
	if len(s.Podcasts) != 1 || s.Podcasts[0] == nil {
		return nil, nil
	}
	path := s.origin["podcasts"].path
	root, err := frontmatter.FromYAML(path, s.Podcasts[0])
	if err != nil {
		return nil, diag.Problems(err)
	}
	r := &podcast.Reader{Path: path, Kind: diag.Settings}
	var shows []*podcast.Show
	slugs := map[string]int{}
	if root.Kind != frontmatter.KindList {
		r.Errf(root.Line, root.Col, "podcasts is "+root.Kind.String()+", not a list of shows", "write each show as an entry starting with '- title: …' below podcasts:")
		return nil, r.Errs
	}
	for _, n := range root.List {
		if n.Kind != frontmatter.KindMap {
			r.Errf(n.Line, n.Col, "a show in podcasts is "+n.Kind.String()+", not a mapping", "write each show as an entry starting with '- title: …'")
			continue
		}
		sh := readShow(r, n, site)
		if sh == nil {
			continue
		}
		if line, dup := slugs[sh.Slug]; dup {
			p := sh.At("slug")
			r.Errf(p.Line, p.Col, fmt.Sprintf("two shows have the slug %q (the other on line %d)", sh.Slug, line), "give each show its own slug: it names its folder")
		}
		slugs[sh.Slug] = sh.At("").Line
		shows = append(shows, sh)
	}
	return shows, r.Errs
}

// readShow reads and checks one show.
func readShow(r *podcast.Reader, n *frontmatter.Node, site *Site) *podcast.Show {
	sh := &podcast.Show{Pos: map[string]podcast.Pos{"": r.PosOf(n)}, Language: site.Language, Copyright: site.Copyright, Type: "episodic"}
	if len(site.Authors) > 0 {
		sh.Author = site.Authors[0].Label()
	}
	if len(n.Map) > 0 {
		sh.Pos[""] = podcast.Pos{Path: r.Path, Line: n.Map[0].Line, Col: n.Map[0].Col}
	}
	explicitSet := false
	r.Fields("podcasts", n, showKeys, func(k string, v *frontmatter.Node) {
		sh.Pos[k] = r.PosOf(v)
		switch k {
		case "slug":
			sh.Slug = r.Str(k, v)
		case "folder":
			sh.Folder = strings.Trim(r.Str(k, v), "/")
		case "section":
			sh.Section = r.Str(k, v)
		case "tag":
			sh.Tag = r.Str(k, v)
		case "title":
			sh.Title = r.Str(k, v)
		case "description":
			sh.Description = r.Str(k, v)
		case "artwork":
			sh.Artwork = r.Str(k, v)
		case "language":
			sh.Language = r.Str(k, v)
		case "category":
			sh.Category = r.Str(k, v)
		case "subcategory":
			sh.Subcategory = r.Str(k, v)
		case "explicit":
			sh.Explicit, explicitSet = r.Bool(k, v), true
		case "author":
			sh.Author = r.Str(k, v)
		case "owner":
			readOwner(r, v, sh)
		case "type":
			sh.Type = r.Str(k, v)
		case "copyright":
			sh.Copyright = r.Str(k, v)
		case "complete":
			sh.Complete = r.Bool(k, v)
		case "block":
			sh.Block = r.Bool(k, v)
		case "new_feed_url":
			sh.NewFeedURL = r.Str(k, v)
		case "guid":
			sh.GUID, sh.GUIDPinned = strings.ToLower(r.Str(k, v)), true
		case "locked":
			sh.Locked = r.Bool(k, v)
		case "medium":
			sh.Medium = r.Str(k, v)
		case "funding":
			sh.Funding = readFunding(r, v)
		case "person":
			sh.Persons = r.Persons(k, v)
		case "location":
			sh.Location = readLocation(r, v)
		case "license":
			sh.License = readLicense(r, v)
		case "update_frequency":
			sh.Update = readUpdate(r, v)
		case "podroll":
			sh.Podroll = readPodroll(r, v)
		case "txt":
			sh.Txt = readTxt(r, v)
		case "trailer":
			sh.Trailers = readTrailers(r, v, site.Location)
		case "media_prefix":
			sh.MediaPrefix = r.Str(k, v)
		}
	})
	checkShow(r, sh, site, explicitSet)
	return sh
}

// checkShow holds a show's settings to what Apple, Spotify and the
// Podcasting 2.0 apps take.
func checkShow(r *podcast.Reader, sh *podcast.Show, site *Site, explicitSet bool) {
	at := func(key, msg, hint string) {
		p := sh.At(key)
		r.Errf(p.Line, p.Col, msg, hint)
	}
	if sh.Title == "" {
		at("title", "the show has no title", "give it one: title: My show")
	}
	if sh.Slug == "" {
		sh.Slug = slug.Make(sh.Title)
	}
	if sh.Slug == "" || strings.ContainsAny(sh.Slug, "/\\?#") || sh.Slug == "." || sh.Slug == ".." {
		at("slug", fmt.Sprintf("the show's slug %q cannot name a folder", sh.Slug), "use letters, digits and dashes, such as slug: my-show")
	}
	if sh.Description == "" {
		sh.Description = sh.Title
	}
	if n := len(sh.Description); n > podcast.MaxDescription {
		at("description", fmt.Sprintf("the show's description is %d bytes, more than the %d Apple takes", n, podcast.MaxDescription), "shorten it")
	}
	chosen := 0
	for _, x := range []string{sh.Folder, sh.Section, sh.Tag} {
		if x != "" {
			chosen++
		}
	}
	if chosen > 1 {
		at("", "the show sets more than one of folder, section and tag", "choose its episodes by one of them")
	}
	if sh.Artwork == "" {
		at("", "the show has no artwork; Apple and Spotify refuse a show without it", "add artwork: cover.jpg, a square JPEG or PNG of 1400 to 3000 pixels")
	} else if local := localFile(site, sh.Artwork); local != "" {
		sh.ArtworkFile = local
		sh.Artwork, _ = site.absURL("podcasts/" + sh.Slug + "/" + url.PathEscape(filepath.Base(local)))
	} else if u, err := site.absURL(sh.Artwork); err != nil {
		at("artwork", fmt.Sprintf("artwork %q is not a URL", sh.Artwork), "write a path such as cover.jpg or an https URL")
	} else {
		sh.Artwork = u
	}
	if sh.Category == "" {
		at("", "the show has no category; Apple refuses a show without one", "add category: with one of Apple's: "+strings.Join(podcast.CategoryNames(), ", "))
	} else if c, ok := podcast.FindCategory(sh.Category); !ok {
		hint := "use one of Apple's: " + strings.Join(podcast.CategoryNames(), ", ")
		if s := podcast.Suggest(sh.Category, podcast.CategoryNames()); s != "" {
			hint = "did you mean " + s + "?"
		}
		at("category", fmt.Sprintf("%q is not one of Apple's categories", sh.Category), hint)
	} else if sh.Subcategory != "" && !c.HasSub(sh.Subcategory) {
		hint := sh.Category + " has no subcategories: remove subcategory"
		if len(c.Subs) > 0 {
			hint = "use one of the subcategories of " + sh.Category + ": " + strings.Join(c.Subs, ", ")
			if s := podcast.Suggest(sh.Subcategory, c.Subs); s != "" {
				hint = "did you mean " + s + "?"
			}
		}
		at("subcategory", fmt.Sprintf("%q is not a subcategory of %s", sh.Subcategory, sh.Category), hint)
	}
	if !explicitSet {
		at("", "the show does not say whether it is explicit; Apple requires it", "add explicit: false, or explicit: true if it has explicit content")
	}
	if sh.Type != "episodic" && sh.Type != "serial" {
		at("type", fmt.Sprintf("type %q is neither episodic nor serial", sh.Type), "use episodic (newest first) or serial (in order, each episode numbered)")
	}
	if !ValidLanguage(sh.Language) {
		at("language", fmt.Sprintf("%q is not a language tag", sh.Language), "write it like en, fr or pt-BR")
	}
	if sh.OwnerEmail != "" {
		if err := model.CheckEmail(sh.OwnerEmail); err != nil {
			at("owner", err.Error(), "write owner: {name: Ann, email: ann@example.com}")
		}
	}
	if sh.Locked && sh.OwnerEmail == "" {
		at("locked", "a locked show names no owner e-mail", "add owner: {name: …, email: …}: podcast:locked names it")
	}
	if sh.Medium != "" && !slices.Contains(media, sh.Medium) {
		at("medium", fmt.Sprintf("medium %q is not one of Podcasting 2.0's", sh.Medium), "use one of "+strings.Join(media, ", "))
	}
	if sh.GUIDPinned && !uuidForm.MatchString(sh.GUID) {
		at("guid", fmt.Sprintf("guid %q is not a UUID", sh.GUID), "write the UUID the first build printed, such as guid: 9b024349-ccf0-5f69-a609-6b82873eab3c")
	}
	if sh.NewFeedURL != "" && !httpURL(sh.NewFeedURL, false) {
		at("new_feed_url", fmt.Sprintf("new_feed_url %q is not an absolute http or https URL", sh.NewFeedURL), "write the show's new feed address in full")
	}
	for _, f := range sh.Funding {
		if !httpURL(f.URL, true) {
			at("funding", fmt.Sprintf("funding url %q is not an https URL, which Podcasting 2.0 requires", f.URL), "write it as https://…")
		}
	}
	for _, p := range sh.Persons {
		checkPerson(at, "person", p)
	}
	for _, t := range sh.Trailers {
		if !httpURL(t.URL, true) {
			at("trailer", fmt.Sprintf("trailer url %q is not an https URL, which Podcasting 2.0 requires", t.URL), "write it as https://…")
		}
	}
}

// checkPerson holds a podcast:person's URLs to https, through at.
func checkPerson(at func(key, msg, hint string), key string, p podcast.Person) {
	if p.Name == "" {
		at(key, "a person has no name", "write person: [{name: Ann, role: host}]")
	}
	for _, u := range []string{p.Img, p.Href} {
		if u != "" && !httpURL(u, true) {
			at(key, fmt.Sprintf("person %s: %q is not an https URL, which Podcasting 2.0 requires", p.Name, u), "write it as https://…")
		}
	}
}

// localFile is the file in the articles folder that ref names, or ""
// when ref is a URL or names no file there.
func localFile(site *Site, ref string) string {
	if u, err := url.Parse(ref); err != nil || u.Scheme != "" || u.Host != "" || u.RawQuery != "" {
		return ""
	}
	p := filepath.Join(site.Articles, filepath.FromSlash(strings.TrimPrefix(ref, "/")))
	if st, err := os.Stat(p); err != nil || !st.Mode().IsRegular() {
		return ""
	}
	return p
}

// httpURL reports whether s is an absolute http or https URL, or, with
// secure, an https one.
func httpURL(s string, secure bool) bool {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return false
	}
	return u.Scheme == "https" || (!secure && u.Scheme == "http")
}

// absURL is ref resolved below the site's base URL.
func (site *Site) absURL(ref string) (string, error) {
	u, err := url.Parse(ref)
	if err != nil || site.BaseURL == nil {
		return "", fmt.Errorf("not a URL")
	}
	if strings.HasPrefix(ref, "/") {
		u.Path = strings.TrimPrefix(u.Path, "/")
	}
	return site.BaseURL.ResolveReference(u).String(), nil
}
