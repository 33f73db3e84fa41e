package article

import (
	"strings"
	"testing"
	"time"
)

func TestLinkPostAndRepost(t *testing.T) {
	src := "---\ntitle: x\ndate: 2024-01-01\nexternal_url: https://other.example/story?a=1\n" +
		"source: {title: Other & <Co>, url: ../feed.xml}\n---\n"
	a, errs := Parse("a.md", []byte(src), time.UTC)
	if errs != nil {
		t.Fatal(errs)
	}
	if a.ExternalURL != "https://other.example/story?a=1" || a.Source == nil ||
		*a.Source != (Source{Title: "Other & <Co>", URL: "../feed.xml"}) {
		t.Errorf("external_url %q, source %+v", a.ExternalURL, a.Source)
	}
	if p := a.At("source"); p != (Pos{5, 1}) {
		t.Errorf("source written at %v, want 5:1", p)
	}
	toml := "+++\ntitle = 'x'\ndate = 2024-01-01\nexternal_url = '/elsewhere/'\n[source]\ntitle = 'T'\nurl = 'https://t.example/rss'\n+++\n"
	if a, errs := Parse("a.md", []byte(toml), time.UTC); errs != nil || a.ExternalURL != "/elsewhere/" || a.Source.URL != "https://t.example/rss" {
		t.Errorf("TOML: %v, %+v", errs, a)
	}
}

func TestLinkErrors(t *testing.T) {
	const hint = " — write it as a mapping: source: {title: Other Blog, url: https://other.example/feed.xml}"
	for _, tt := range []struct{ name, fields, want string }{
		{"external_url not http", "external_url: ftp://x.example/a",
			`a.md:4:15: 'external_url' "ftp://x.example/a" is not an http or https URL — write the address of the page the article is about, such as https://example.org/story`},
		{"external_url with a space", "external_url: https://x.example/a b",
			`a.md:4:15: 'external_url' "https://x.example/a b" is not a URL — write the address of the page the article is about, such as https://example.org/story`},
		{"external_url without host", "external_url: 'https:'",
			`a.md:4:15: 'external_url' "https:" has no host — write the address of the page the article is about, such as https://example.org/story`},
		{"external_url a list", "external_url: [a]",
			"a.md:4:15: 'external_url' is a list, not a string — write it as a single line of text"},
		{"source a string", "source: Other Blog",
			"a.md:4:9: 'source' is a string, not a mapping" + hint},
		{"source without url", "source: {title: T}",
			"a.md:4:1: 'source' has no 'url'; readers show the feed's title and link to its url" + hint},
		{"source without title", "source:\n  url: https://t.example/",
			"a.md:4:1: 'source' has no 'title'; readers show the feed's title and link to its url" + hint},
		{"source unknown key", "source: {title: T, url: /f, href: /g}",
			`a.md:4:29: 'source' has an unknown key "href"` + hint},
		{"source url not http", "source: {title: T, url: 'mailto:a@b.c'}",
			`a.md:4:25: 'source.url' "mailto:a@b.c" is not an http or https URL — write the address of the feed the article comes from`},
		{"source title a list", "source: {title: [T], url: /f}",
			"a.md:4:17: 'source.title' is a list, not a string" + hint},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a, errs := Parse("a.md", []byte("---\ntitle: x\ndate: 2024-01-01\n"+tt.fields+"\n---\n"), time.UTC)
			var got []string
			for _, e := range errs {
				got = append(got, e.Error())
			}
			if a != nil || strings.Join(got, "\n") != tt.want {
				t.Errorf("errors:\n got: %s\nwant: %s", strings.Join(got, "\n      "), tt.want)
			}
		})
	}
}
