// Package sitemap writes the site's sitemaps: the plain sitemap of the
// article pages (sitemaps.org 0.9) and the Google News sitemap of the
// articles of the last two days, each split into files of at most a
// limit of URLs under a sitemap index when there are more.
package sitemap

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// The limits of one sitemap file: sitemaps.org's 50,000 URLs, and Google
// News' 1,000.
const (
	MaxURLs     = 50000
	MaxNewsURLs = 1000
)

// Window is how old an article may be to be in the news sitemap: Google
// News reads articles published in the last two days.
const Window = 48 * time.Hour

// The namespaces the files declare.
const (
	nsSitemap = "http://www.sitemaps.org/schemas/sitemap/0.9"
	nsNews    = "http://www.google.com/schemas/sitemap-news/0.9"
)

// Page is one URL of the plain sitemap.
type Page struct {
	Loc     string    // absolute
	LastMod time.Time // zero for none
}

// Article is one URL of the news sitemap.
type Article struct {
	Loc       string // absolute
	Title     string // plain text as written
	Published time.Time
}

// Publication is the news sitemap's news:publication.
type Publication struct {
	Name     string
	Language string // as Google reads it: see NewsLanguage
}

// Now is the moment the news sitemap's window ends: SOURCE_DATE_EPOCH
// (Unix seconds) when it is set, so that a build is reproducible, else
// wall, the clock's time.
func Now(wall time.Time) (time.Time, error) {
	v, set := os.LookupEnv("SOURCE_DATE_EPOCH")
	if !set || v == "" {
		return wall, nil
	}
	sec, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil || sec < 0 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH is %q, not a number of seconds since 1970", v)
	}
	return time.Unix(sec, 0).UTC(), nil
}

// InWindow reports whether an article published at t is in the news
// sitemap of a build at now: published, and at most Window before now.
func InWindow(t, now time.Time) bool {
	return !t.After(now) && !t.Before(now.Add(-Window))
}

// NewsLanguage is the news:language Google reads for the BCP 47 tag
// (canonical, as feedpub's settings keep it): the ISO 639 language, but
// zh-cn for Simplified Chinese (zh, zh-CN, zh-Hans, zh-SG) and zh-tw
// for Traditional Chinese (zh-TW, zh-HK, zh-MO, zh-Hant), which Google
// tells apart.
func NewsLanguage(tag string) string {
	parts := strings.Split(strings.ToLower(tag), "-")
	lang := parts[0]
	if lang != "zh" {
		return lang
	}
	for _, p := range parts[1:] {
		switch p {
		case "hant", "tw", "hk", "mo":
			return "zh-tw"
		}
	}
	return "zh-cn"
}

// Files are a sitemap's documents, Names[k] holding Data[k]: the
// sitemap's name alone when its URLs fit one file, else that name as a
// sitemap index first, then its parts (see PartName).
type Files struct {
	Names []string
	Data  [][]byte
}

// PartName is the n-th (from 1) file of a sitemap split under an index
// at name: sitemap.xml's first is sitemap-1.xml.
func PartName(name string, n int) string {
	stem, ext := name, ""
	if i := strings.LastIndexByte(name, '.'); i > strings.LastIndexByte(name, '/') {
		stem, ext = name[:i], name[i:]
	}
	return stem + "-" + strconv.Itoa(n) + ext
}

// split writes count entries in files of at most max, each by write(from,
// to); with more than max, name is an index of them whose URLs url gives.
func split(name string, count, max int, url func(string) string, write func(from, to int) []byte) Files {
	if count <= max {
		return Files{Names: []string{name}, Data: [][]byte{write(0, count)}}
	}
	var fs Files
	var parts []string
	for n, from := 1, 0; from < count; n, from = n+1, from+max {
		part := PartName(name, n)
		parts = append(parts, part)
		fs.Names = append(fs.Names, part)
		fs.Data = append(fs.Data, write(from, min(from+max, count)))
	}
	var b bytes.Buffer
	b.WriteString(xml.Header + `<sitemapindex xmlns="` + nsSitemap + `">` + "\n")
	for _, p := range parts {
		b.WriteString("  <sitemap><loc>")
		escape(&b, url(p))
		b.WriteString("</loc></sitemap>\n")
	}
	b.WriteString("</sitemapindex>\n")
	return Files{Names: append([]string{name}, fs.Names...), Data: append([][]byte{b.Bytes()}, fs.Data...)}
}

// Plain is the plain sitemap of pages at name, split by MaxURLs; url is
// the address of a file of the output directory, for the index.
func Plain(name string, pages []Page, url func(string) string) Files {
	return plain(name, pages, url, MaxURLs)
}

func plain(name string, pages []Page, url func(string) string, max int) Files {
	return split(name, len(pages), max, url, func(from, to int) []byte {
		var b bytes.Buffer
		b.WriteString(xml.Header + `<urlset xmlns="` + nsSitemap + `">` + "\n")
		for _, p := range pages[from:to] {
			b.WriteString("  <url><loc>")
			escape(&b, p.Loc)
			b.WriteString("</loc>")
			if !p.LastMod.IsZero() {
				b.WriteString("<lastmod>" + p.LastMod.Format(time.RFC3339) + "</lastmod>")
			}
			b.WriteString("</url>\n")
		}
		b.WriteString("</urlset>\n")
		return b.Bytes()
	})
}

// News is the news sitemap of articles at name, split by MaxNewsURLs; an
// empty one when there are none.
func News(name string, pub Publication, articles []Article, url func(string) string) Files {
	return news(name, pub, articles, url, MaxNewsURLs)
}

func news(name string, pub Publication, articles []Article, url func(string) string, max int) Files {
	return split(name, len(articles), max, url, func(from, to int) []byte {
		var b bytes.Buffer
		b.WriteString(xml.Header + `<urlset xmlns="` + nsSitemap + `" xmlns:news="` + nsNews + `">` + "\n")
		for _, a := range articles[from:to] {
			b.WriteString("  <url>\n    <loc>")
			escape(&b, a.Loc)
			b.WriteString("</loc>\n    <news:news>\n      <news:publication>\n        <news:name>")
			escape(&b, pub.Name)
			b.WriteString("</news:name>\n        <news:language>")
			escape(&b, pub.Language)
			b.WriteString("</news:language>\n      </news:publication>\n      <news:publication_date>")
			b.WriteString(a.Published.Format(time.RFC3339))
			b.WriteString("</news:publication_date>\n      <news:title>")
			escape(&b, a.Title)
			b.WriteString("</news:title>\n    </news:news>\n  </url>\n")
		}
		b.WriteString("</urlset>\n")
		return b.Bytes()
	})
}

// escape writes s as XML character data.
func escape(b *bytes.Buffer, s string) {
	xml.EscapeText(b, []byte(s)) // never fails on a bytes.Buffer
}
