package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/encode"
	"github.com/feedpub/feedpub/internal/layout"
	"github.com/feedpub/feedpub/internal/media"
	"github.com/feedpub/feedpub/internal/model"
	"github.com/feedpub/feedpub/internal/output"
	"github.com/feedpub/feedpub/internal/podcast"
)

// artworkFile is the show's artwork copied beside its feed, when it is a
// file of the articles folder, checked first against Apple's rules (JPEG
// or PNG, square, 1400 to 3000 pixels, RGB, its extension matching its
// content); a problem is located at the show's artwork setting.
func artworkFile(show *podcast.Show) ([]output.File, diag.List) {
	if show.ArtworkFile == "" {
		return nil, nil
	}
	p := show.At("artwork")
	data, err := os.ReadFile(show.ArtworkFile)
	if err == nil {
		_, err = media.CheckArtworkReader(show.ArtworkFile, bytes.NewReader(data), int64(len(data)))
	}
	if err != nil {
		var me *media.Error
		if errors.As(err, &me) {
			d := diag.Settings.At(p.Path, p.Line, p.Col, me.Msg, me.Hint)
			d.Err = me
			return nil, diag.List{d}
		}
		return nil, diag.List{diag.Settings.At(p.Path, p.Line, p.Col, fmt.Sprintf("the artwork cannot be read: %v", err),
			"name a JPEG or PNG file of the articles folder, or an absolute URL")}
	}
	name := layout.ShowDir + show.Slug + "/" + filepath.Base(show.ArtworkFile)
	return []output.File{{Name: name, Kind: layout.Asset.String(), Data: data}}, nil
}

// showFiles encodes one show: its RSS feed, its JSON Feed and its
// chapters files.
func showFiles(opts Options, show *podcast.Show, items []*podcast.Item) ([]output.File, Show, error) {
	site := opts.Site
	slices.SortStableFunc(items, func(a, b *podcast.Item) int {
		if c := b.Published.Compare(a.Published); c != 0 {
			return c
		}
		return strings.Compare(a.Path, b.Path)
	})
	names := layout.ShowNames(show.Slug)
	self := layout.URL(site, names[encode.RSS])
	sh := *show
	if !sh.GUIDPinned {
		sh.GUID = showGUID(opts, &sh, self)
	}
	feed := &model.Feed{
		Title: sh.Title, Description: sh.Description, HomeURL: site.BaseURL.String(), ID: self,
		Language: sh.Language, Copyright: sh.Copyright, Generator: opts.Generator, Icon: sh.Artwork, Logo: sh.Artwork,
	}
	if sh.Author != "" {
		feed.Authors = []model.Person{{Name: sh.Author}}
	}
	var files []output.File
	built := Show{Feed: feed, JSONFile: names[encode.JSON]}
	for _, it := range items {
		feed.Items = append(feed.Items, it.Item)
		built.Sources = append(built.Sources, showSource(it))
		if c := it.Episode.Chapters; c != nil && c.List != nil {
			data, err := chaptersJSON(c)
			if err != nil {
				return nil, Show{}, err
			}
			name := c.URL
			c.URL = layout.URL(site, name)
			files = append(files, output.File{Name: name, Kind: layout.ShowChapters.String(), Data: data})
		}
	}
	feed.Updated = model.Newest(feed.Items)
	links := func(f encode.Format) encode.Links {
		l := encode.Links{Self: layout.URL(site, names[f])}
		if site.Hub != "" {
			l.Hubs = []string{site.Hub}
		}
		if site.Stylesheet && f == encode.RSS {
			l.Stylesheet = layout.StylesheetHref(names[f])
		}
		return l
	}
	rss := encode.ShowRSS(feed, &sh, items, links(encode.RSS))
	var js bytes.Buffer
	if err := encode.Encode(&js, encode.JSON, feed, links(encode.JSON)); err != nil {
		return nil, Show{}, err
	}
	files = append(files,
		output.File{Name: names[encode.RSS], Kind: layout.ShowFeed.For(encode.RSS).String(), Data: rss},
		output.File{Name: names[encode.JSON], Kind: layout.ShowFeed.For(encode.JSON).String(), Data: js.Bytes()})
	return files, built, nil
}

// showGUID is the podcast:guid of a show whose settings give none: the
// one its published feed already has, so that a change of base_url
// never changes it, else the one derived from its feed's URL. The build
// says to pin it when it derives it first, and when it keeps one that
// its URL no longer gives.
func showGUID(opts Options, show *podcast.Show, self string) string {
	derived := podcast.GUID(self)
	old := publishedGUID(filepath.Join(opts.Site.Output, filepath.FromSlash(layout.ShowNames(show.Slug)[encode.RSS])))
	p := show.At("")
	where := fmt.Sprintf("%s:%d:%d", p.Path, p.Line, p.Col)
	if old != "" && old != derived {
		opts.Notes.add([]string{fmt.Sprintf("%s: the show %q keeps the podcast:guid %s of its published feed, not %s from its new URL — pin it: add guid: %s to the show", where, show.Title, old, derived, old)})
		return old
	}
	if old == "" {
		opts.Notes.add([]string{fmt.Sprintf("%s: the show %q has the podcast:guid %s, derived from its feed's URL — pin it: add guid: %s to the show, so that it never changes", where, show.Title, derived, derived)})
	}
	return derived
}

var guidElement = regexp.MustCompile(`<podcast:guid>([0-9a-f-]{36})</podcast:guid>`)

// publishedGUID is the podcast:guid of the show feed at path, or "" when
// there is none.
func publishedGUID(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	if m := guidElement.FindSubmatch(data); m != nil {
		return string(m[1])
	}
	return ""
}

// chaptersJSON writes chapters as a JSON chapters file, version 1.2.
func chaptersJSON(c *podcast.Chapters) ([]byte, error) {
	type chapter struct {
		StartTime float64 `json:"startTime"`
		Title     string  `json:"title,omitempty"`
		Img       string  `json:"img,omitempty"`
		URL       string  `json:"url,omitempty"`
	}
	doc := struct {
		Version  string    `json:"version"`
		Chapters []chapter `json:"chapters"`
	}{Version: "1.2.0"}
	for _, ch := range c.List {
		doc.Chapters = append(doc.Chapters, chapter{StartTime: ch.Start, Title: ch.Title, Img: ch.Img, URL: ch.URL})
	}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("writing chapters: %w", err)
	}
	return append(data, '\n'), nil
}
