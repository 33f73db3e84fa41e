package layout

import (
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/encode"
)

// The kinds of a podcast show's files, after the table's others.
const (
	ShowFeed     Kind = Redirects + 1 + iota // a podcast show's feed, in RSS and JSON Feed
	ShowChapters                             // an episode's JSON chapters file
)

// ShowDir is the folder of the podcast shows' files: each show's feeds
// and chapters files are in ShowDir/<slug>/.
const ShowDir = "podcasts/"

// The output table's rows for podcast shows.
var (
	showFeedSpec = Spec{
		Kind: ShowFeed, Token: "show-feed", About: "a podcast show's feed, holding every episode (RSS for Apple Podcasts and Spotify, JSON Feed beside it)",
		Path:      "podcasts/<slug>/feed.xml and podcasts/<slug>/feed.json: ShowNames",
		PerFormat: true, Stage: Main, Cache: Short, Feed: true, Ping: true,
	}
	showChaptersSpec = Spec{
		Kind: ShowChapters, Token: "show-chapters", About: "an episode's chapters, as a JSON chapters file (Podcasting 2.0, version 1.2)",
		Path:      "podcasts/<slug>/chapters/<the episode's slug>.json: ShowChaptersName",
		MediaType: "application/json+chapters", Stage: Secondary, Cache: Short,
	}
)

// ShowNames are a show's feed files: RSS and JSON Feed (no Atom, which
// Apple does not read).
func ShowNames(slug string) Names {
	return Names{encode.RSS: ShowDir + slug + "/feed.xml", encode.JSON: ShowDir + slug + "/feed.json"}
}

// ShowChaptersName is the chapters file of the episode whose article's
// slug is episode, in show slug.
func ShowChaptersName(slug, episode string) string {
	return ShowDir + slug + "/chapters/" + episode + ".json"
}

// ShowFeedURL is the URL at which a show's RSS feed is published.
func ShowFeedURL(site *config.Site, slug string) string {
	return URL(site, ShowNames(slug)[encode.RSS])
}
