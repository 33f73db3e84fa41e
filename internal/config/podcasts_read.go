package config

import (
	"fmt"
	"time"

	"github.com/feedpub/feedpub/internal/frontmatter"
	"github.com/feedpub/feedpub/internal/podcast"
)

// The readers of a show's settings that are lists or mappings.

func readOwner(r *podcast.Reader, v *frontmatter.Node, sh *podcast.Show) {
	for _, m := range r.Maps("owner", v, "") {
		r.Fields("owner", m, []string{"name", "email"}, func(k string, v *frontmatter.Node) {
			if k == "name" {
				sh.OwnerName = r.Str(k, v)
			} else {
				sh.OwnerEmail = r.Str(k, v)
			}
		})
	}
}

func readFunding(r *podcast.Reader, v *frontmatter.Node) []podcast.Funding {
	var out []podcast.Funding
	for _, m := range r.Maps("funding", v, "url") {
		var f podcast.Funding
		r.Fields("funding", m, []string{"url", "text"}, func(k string, v *frontmatter.Node) {
			if k == "url" {
				f.URL = r.Str(k, v)
			} else {
				f.Text = r.Str(k, v)
			}
		})
		out = append(out, f)
	}
	return out
}

func readLocation(r *podcast.Reader, v *frontmatter.Node) *podcast.Location {
	var l podcast.Location
	for _, m := range r.Maps("location", v, "name") {
		r.Fields("location", m, []string{"name", "geo", "osm"}, func(k string, v *frontmatter.Node) {
			s := r.Str(k, v)
			switch k {
			case "name":
				l.Name = s
			case "geo":
				l.Geo = s
			case "osm":
				l.OSM = s
			}
		})
	}
	return &l
}

func readLicense(r *podcast.Reader, v *frontmatter.Node) *podcast.License {
	var l podcast.License
	for _, m := range r.Maps("license", v, "name") {
		r.Fields("license", m, []string{"name", "url"}, func(k string, v *frontmatter.Node) {
			if k == "name" {
				l.Name = r.Str(k, v)
			} else {
				l.URL = r.Str(k, v)
			}
		})
	}
	return &l
}

func readUpdate(r *podcast.Reader, v *frontmatter.Node) *podcast.UpdateFrequency {
	var u podcast.UpdateFrequency
	for _, m := range r.Maps("update_frequency", v, "text") {
		r.Fields("update_frequency", m, []string{"text", "rrule"}, func(k string, v *frontmatter.Node) {
			if k == "text" {
				u.Text = r.Str(k, v)
			} else {
				u.RRule = r.Str(k, v)
			}
		})
	}
	return &u
}

func readPodroll(r *podcast.Reader, v *frontmatter.Node) []podcast.RemoteItem {
	var out []podcast.RemoteItem
	for _, m := range r.Maps("podroll", v, "feed_guid") {
		var ri podcast.RemoteItem
		r.Fields("podroll", m, []string{"feed_guid", "feed_url"}, func(k string, v *frontmatter.Node) {
			if k == "feed_guid" {
				ri.FeedGUID = r.Str(k, v)
			} else {
				ri.FeedURL = r.Str(k, v)
			}
		})
		if ri.FeedGUID == "" {
			r.Errf(m.Line, m.Col, "a podroll entry has no feed_guid", "name each show by its podcast:guid: feed_guid: …")
		}
		out = append(out, ri)
	}
	return out
}

func readTxt(r *podcast.Reader, v *frontmatter.Node) []podcast.Txt {
	var out []podcast.Txt
	for _, m := range r.Maps("txt", v, "value") {
		var t podcast.Txt
		r.Fields("txt", m, []string{"purpose", "value"}, func(k string, v *frontmatter.Node) {
			if k == "purpose" {
				t.Purpose = r.Str(k, v)
			} else {
				t.Value = r.Str(k, v)
			}
		})
		out = append(out, t)
	}
	return out
}

func readTrailers(r *podcast.Reader, v *frontmatter.Node, loc *time.Location) []podcast.Trailer {
	if loc == nil {
		loc = time.UTC
	}
	var out []podcast.Trailer
	for _, m := range r.Maps("trailer", v, "") {
		var t podcast.Trailer
		r.Fields("trailer", m, []string{"url", "title", "date", "length", "type", "season"}, func(k string, v *frontmatter.Node) {
			switch k {
			case "url":
				t.URL = r.Str(k, v)
			case "title":
				t.Title = r.Str(k, v)
			case "type":
				t.Type = r.Str(k, v)
			case "length":
				t.Length = r.Int64(k, v)
			case "season":
				t.Season = r.Int(k, v)
			case "date":
				d, err := time.ParseInLocation("2006-01-02", r.Str(k, v), loc)
				if err != nil {
					r.Errf(v.Line, v.Col, fmt.Sprintf("trailer date %q is not a date", v.Str), "write it as 2024-05-01")
				}
				t.Date = d
			}
		})
		if t.URL == "" || t.Title == "" || t.Date.IsZero() {
			r.Errf(m.Line, m.Col, "a trailer needs a url, a title and a date", "write trailer: [{url: https://…/trailer.mp3, title: …, date: 2024-05-01, type: audio/mpeg, length: 12345}]")
		}
		out = append(out, t)
	}
	return out
}
