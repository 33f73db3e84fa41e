package render

import (
	"fmt"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/feedpub/feedpub/internal/article"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/filelist"
	"github.com/feedpub/feedpub/internal/guard"
	"github.com/feedpub/feedpub/internal/layout"
	"github.com/feedpub/feedpub/internal/model"
	"github.com/feedpub/feedpub/internal/output"
	"github.com/feedpub/feedpub/internal/podcast"
	"github.com/feedpub/feedpub/internal/scan"
)

// Shows makes the files of the site's podcast shows: for each, its RSS
// feed and JSON Feed holding every episode (each article of the show
// with an enclosure that eligible lets in), and the chapters files its
// episodes' chapter lists make. The episodes are checked against Apple's,
// Spotify's and Podcasting 2.0's rules first; every problem of every
// show is returned together.
func Shows(opts Options, list *filelist.List, eligible func(*scan.Entry) bool) ([]output.File, []Show, error) {
	site := opts.Site
	if len(site.Podcasts) == 0 {
		return nil, nil, nil
	}
	if opts.refs == nil {
		opts.refs = newRefs(site, list)
	}
	if opts.Notes == nil {
		opts.Notes = &Notes{}
	}
	episodes, problems := loadEpisodes(opts, list, eligible)
	var files []output.File
	var shows []Show
	for _, show := range site.Podcasts {
		var items []*podcast.Item
		for _, ep := range episodes {
			if inShow(site, show, ep.entry) {
				items = append(items, ep.item(site, show))
			}
		}
		problems = append(problems, podcast.Check(show, items)...)
		fs, built, err := showFiles(opts, show, items)
		if err != nil {
			return nil, nil, err
		}
		art, ps := artworkFile(show)
		problems = append(problems, ps...)
		files = append(append(files, fs...), art...)
		shows = append(shows, built)
	}
	if len(problems) > 0 {
		problems.Sort()
		return nil, nil, problems
	}
	return files, shows, nil
}

// Show is a show as a build made it, for the guard to compare with the
// published show: its feed, where each of its items came from, and its
// JSON Feed's name.
type Show struct {
	Feed     *model.Feed
	Sources  []guard.Source
	JSONFile string
}

// idPos is where an article's id is written, or nil when it has none.
func idPos(a *article.Article) *podcast.Pos {
	p, set := a.Pos["id"]
	if !set {
		return nil
	}
	return &podcast.Pos{Path: a.Path, Line: p.Line, Col: p.Col}
}

// showSource is where an episode's id is written, for the guard.
func showSource(it *podcast.Item) guard.Source {
	if p := it.IDPos; p != nil {
		return guard.Source{Path: it.Path, Line: p.Line, Col: p.Col, IDSet: true}
	}
	return guard.Source{Path: it.Path, Line: 1, Col: 1}
}

// episode is an article with an enclosure, rendered, and what its front
// matter says of it as an episode.
type episode struct {
	entry *scan.Entry
	ep    *podcast.Episode
	pos   podcast.Pos // where its enclosure is written
}

// item is the episode as show writes it; its chapters file, if it lists
// chapters, is named for show.
func (e episode) item(site *config.Site, show *podcast.Show) *podcast.Item {
	ep := *e.ep
	entry, pos := otherTools(site, show, e.entry, &ep), e.pos
	if entry != e.entry {
		for _, k := range []string{"podcast_file", "episode.url", "episode.filename"} {
			if p, ok := ep.Pos[k]; ok {
				pos = p
				break
			}
		}
	}
	if c := ep.Chapters; c != nil && c.List != nil {
		ep.Chapters = &podcast.Chapters{URL: chaptersName(show, entry), Type: "application/json+chapters", List: c.List}
	}
	return &podcast.Item{Item: entry.Item, Episode: &ep, Path: entry.Art.Path, EnclosurePos: pos, IDPos: idPos(entry.Art)}
}

// loadEpisodes reads every article with an enclosure that eligible lets
// in, renders it, and reads its episode fields.
func loadEpisodes(opts Options, list *filelist.List, eligible func(*scan.Entry) bool) ([]episode, diag.List) {
	site := opts.Site
	r := newRenderer(opts)
	var out []episode
	var problems diag.List
	for i := range list.Len() {
		path := list.Path(i)
		var src []byte // the file as read, for its episode fields too
		e, ps := scan.LoadInto(site, path, &src)
		if ps != nil {
			problems = append(problems, ps...)
			continue
		}
		if e.Art.Skip != "" || e.Item == nil || !eligible(e) {
			continue
		}
		ep, ps := article.ParseEpisode(path, src)
		if ps != nil {
			problems = append(problems, ps...)
			continue
		}
		if e.Item.Enclosure == nil && ep.File == "" {
			continue // not an episode
		}
		it, ps := renderedItem(opts, r, site.FullContent, e)
		if ps != nil {
			problems = append(problems, ps...)
			continue
		}
		e.Item = it
		p := e.Art.At("enclosure")
		pos := podcast.Pos{Path: path, Line: p.Line, Col: p.Col}
		measuredDuration(e, ep)
		problems = append(problems, resolveEpisode(site, e, ep)...)
		out = append(out, episode{entry: e, ep: ep, pos: pos})
	}
	return out, problems
}

// measuredDuration gives an episode whose front matter states no
// duration the one measured of its enclosure's file, when it is a local
// file (the article package measures it, with its length and type, as it
// reads the front matter).
func measuredDuration(e *scan.Entry, ep *podcast.Episode) {
	if enc := e.Art.Enclosure; enc != nil && ep.Duration == 0 {
		ep.Duration = enc.Duration
	}
}

// resolveEpisode makes the episode's URLs absolute against its article's
// and takes its artwork from the article's image.
func resolveEpisode(site *config.Site, e *scan.Entry, ep *podcast.Episode) diag.List {
	var problems diag.List
	abs := func(key, s string) string {
		if s == "" {
			return ""
		}
		u, err := url.Parse(s)
		if err != nil {
			p := ep.At(key, e.Art.Path)
			problems = append(problems, diag.At(p.Path, p.Line, p.Col, fmt.Sprintf("%q is not a URL", s), "write an absolute URL or a path relative to the article"))
			return s
		}
		return e.URL.ResolveReference(u).String()
	}
	if ep.Image == "" {
		ep.Image = e.Item.Image
	} else {
		ep.Image = abs("episode_image", ep.Image)
	}
	for i := range ep.Transcripts {
		ep.Transcripts[i].URL = abs("transcripts", ep.Transcripts[i].URL)
	}
	if c := ep.Chapters; c != nil && c.List == nil {
		c.URL = abs("chapters", c.URL)
	}
	for i := range ep.AlternateEnclosures {
		ep.AlternateEnclosures[i].URL = abs("alternate_enclosures", ep.AlternateEnclosures[i].URL)
	}
	if ep.Title == "" {
		ep.Title = e.Item.Title
	}
	return problems
}

// otherTools gives an episode written for another podcast tool the
// enclosure and guid that tool wrote: Hugo's castanet theme (podcast_file
// below media_prefix, an MP3 of podcast_bytes, guid or else the file's
// URL) or eleventy-plugin-podcaster (episode.filename below
// episodeUrlBase, or episode.url; episode.size; episode.guid or else the
// episode's link). The show's media_prefix, or a Hugo site's
// media_prefix param, is what file names are below.
func otherTools(site *config.Site, show *podcast.Show, e *scan.Entry, ep *podcast.Episode) *scan.Entry {
	if ep.File == "" || e.Item.Enclosure != nil {
		return e
	}
	prefix := show.MediaPrefix
	if prefix == "" {
		prefix, _ = site.Markup.Params["media_prefix"].(string)
	}
	file := ep.File
	if u, err := url.Parse(file); err != nil || !u.IsAbs() {
		file = prefix + file
	}
	it := *e.Item
	it.Enclosure = &model.Enclosure{URL: file, Type: "audio/mpeg", Length: ep.FileLength}
	if u, err := url.Parse(file); err == nil {
		it.Enclosure.URL = e.URL.ResolveReference(u).String()
	}
	switch {
	case ep.GUID != "":
		it.ID = ep.GUID
	case ep.GUIDIsFile:
		it.ID = file
	}
	c := *e
	c.Item = &it
	return &c
}

// inShow reports whether the article of e is one of show's: below its
// folder, in its section, or tagged with its tag; every article with an
// enclosure when the show names none of them.
func inShow(site *config.Site, show *podcast.Show, e *scan.Entry) bool {
	rel, err := filepath.Rel(site.Articles, e.Art.Path)
	if err != nil {
		return false
	}
	rel = filepath.ToSlash(rel)
	switch {
	case show.Folder != "":
		return strings.HasPrefix(rel, show.Folder+"/")
	case show.Section != "":
		first, _, nested := strings.Cut(rel, "/")
		return nested && first == show.Section
	case show.Tag != "":
		return slices.ContainsFunc(e.Art.Tags, func(t string) bool { return strings.EqualFold(t, show.Tag) })
	}
	return true
}

// chaptersName is the URL of the chapters file of e's episode in show.
func chaptersName(show *podcast.Show, e *scan.Entry) string {
	return layout.ShowChaptersName(show.Slug, episodeSlug(e))
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// episodeSlug names an episode's files: its article's slug, made safe.
func episodeSlug(e *scan.Entry) string {
	s := unsafeName.ReplaceAllString(e.Art.Slug, "-")
	if s == "" || s == "." || s == ".." {
		s = "episode"
	}
	return s
}
