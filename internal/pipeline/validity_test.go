package pipeline

import (
	"archive/zip"
	"flag"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/feedcheck"
)

var corpusDir = flag.String("corpus", "", "write the validity corpus's articles into this folder (to build and check by hand), then test as usual")

// A vArticle is one article of the validity corpus and what readers must
// find of it in every feed that holds it.
type vArticle struct {
	file, src string
	id        string
	title     string    // as written, and as every format gives it back
	published time.Time // in the zone the article gives
	summary   string    // the plain-text summary every format carries
	tags      []string
	cats      []string
	authors   []string // names
	content   bool     // has a body, so content in full feeds
}

// corpusSite is the site the validity corpus is built for: the defaults,
// with a base URL.
const corpusBase = "https://example.com/site/"

// validityCorpus is a set of articles holding what has drawn warnings from
// the W3C feed validator or broken builds: names made only of punctuation
// or symbols, dates in every zone whose offset is not a whole or half
// hour, titles, summaries and names that look like markup, first
// paragraphs that are only an image, and enough articles for two archive
// documents at the default limit and archive size. Articles are newest
// first by number.
func validityCorpus(t *testing.T) []vArticle {
	t.Helper()
	var out []vArticle
	n := 0
	add := func(a vArticle, front string, body string) {
		n++
		a.file = fmt.Sprintf("v%03d.md", n)
		a.id = fmt.Sprintf("urn:test:v%03d", n)
		if a.published.IsZero() {
			// One a day, going back from the end of 2024.
			a.published = time.Date(2024, 12, 31, 12, 0, 0, 0, time.UTC).AddDate(0, 0, -n)
		}
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: %s\ndate: %s\nid: %s\n", yamlString(a.title), a.published.Format(time.RFC3339), a.id)
		b.WriteString(front)
		b.WriteString("---\n")
		b.WriteString(body)
		a.src = b.String()
		a.content = strings.TrimSpace(body) != ""
		out = append(out, a)
	}
	list := func(names []string) string {
		var q []string
		for _, s := range names {
			q = append(q, yamlString(s))
		}
		return "[" + strings.Join(q, ", ") + "]"
	}

	// Names with no letter or digit.
	symbols := []string{"]]>", "+++", "🚀", "…", "!!!", "—", "&", "<>"}
	add(vArticle{title: "Symbols for names", summary: "Tags, categories and authors made of symbols.",
		tags: symbols, cats: []string{"???", "🚀🚀"}, authors: []string{"…", "🚀"}},
		"tags: "+list(symbols)+"\ncategories: [\"???\", \"🚀🚀\"]\nauthors: [{name: \"…\"}, {name: \"🚀\", email: rocket@example.com}]\n",
		"Tags, categories and authors made of symbols.\n")
	add(vArticle{title: "One symbol author", summary: "By a symbol.", tags: []string{"🚀"}, authors: []string{"+++"}},
		"tags: [\"🚀\"]\nauthor: \"+++ <plus@example.com>\"\n", "By a symbol.\n")

	// Titles, summaries, names and tags that look like markup.
	markup := []struct{ title, summary string }{
		{"Using <em>emphasis</em> & <b>bold</b>", "Write <em>x</em> for emphasis & <b>y</b> for bold."},
		{"&copy; notice", "The &copy; entity & the &#169; reference & &amp;."},
		{"AT&T &amp; R&D: a < b > c", "Less <than> more, AT&T."},
		{"A line<br/>break and <p>paragraph</p>", "A <br> in text </p> here."},
		{"Generics: Vec<T> and Option<String>", "Vec<T> is generic."},
		{"M&M's & <b>not bold</b> in a <div>", "a<b>c"},
	}
	for _, m := range markup {
		// The summary in the front matter is Markdown: entities and raw
		// HTML would be read as such, so the text is written escaped.
		add(vArticle{title: m.title, summary: m.summary, tags: []string{"<em>", "</b>", "&copy;"},
			authors: []string{"Dr. <b>Bob</b> &amp; Co"}},
			"summary: "+yamlString(markdownEscape(m.summary))+"\ntags: [\"<em>\", \"</b>\", \"&copy;\"]\n"+
				"author: {name: \"Dr. <b>Bob</b> &amp; Co\", email: bob@example.com}\n",
			"Body of "+markdownEscape(m.title)+".\n")
	}
	// A summary taken from a first paragraph with markup-like code.
	add(vArticle{title: "Code in the first paragraph", summary: "Write </em> and &copy; in code: <b>bold</b>."},
		"", "Write `</em>` and `&copy;` in code: `<b>bold</b>`.\n\nMore.\n")

	// First paragraphs that are only an image.
	add(vArticle{title: "Image first, then text", summary: "The heron waited in the reeds."},
		"", "![A heron at dawn](heron.jpg)\n\nThe heron waited in the reeds.\n")
	add(vArticle{title: "Only an image", summary: "A sunset over the bay"},
		"", "![A sunset over the bay](sunset.jpg)\n")
	add(vArticle{title: "Only an image without alt text", summary: ""},
		"", "![](plain.jpg)\n")
	add(vArticle{title: "Image and a heading", summary: "Below the heading."},
		"", "[![linked](a.jpg)](https://example.org/)\n\n# A heading\n\nBelow the heading.\n")

	// Every zone whose offset at the article's date is not a whole or
	// half hour.
	for _, z := range oddZones(t) {
		add(vArticle{title: "In " + z.name, published: z.at, summary: "Written in " + z.name + "."},
			"", "Written in "+z.name+".\n")
	}

	// Enough articles for two archive documents at the defaults (20 items
	// per feed, 100 per archive document).
	for n < 130 {
		k := n + 1
		add(vArticle{title: fmt.Sprintf("Filler %d", k), summary: fmt.Sprintf("Filler text %d.", k), tags: []string{"filler"}},
			"tags: [filler]\n", fmt.Sprintf("Filler text %d.\n", k))
	}
	return out
}

// writeCorpus writes the corpus's articles into dir.
func writeCorpus(t *testing.T, dir string, arts []vArticle) {
	t.Helper()
	for _, a := range arts {
		if err := os.WriteFile(filepath.Join(dir, a.file), []byte(a.src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// yamlString quotes s as a YAML double-quoted scalar.
func yamlString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// markdownEscape escapes what Markdown would read as markup or entities.
func markdownEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "<", `\<`, "&", `\&`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`).Replace(s)
}

type zoneDate struct {
	name string
	at   time.Time
}

// oddZones lists, for every IANA zone Go knows (read from the zone
// database shipped with Go, or else a fixed list), each of a few dates at
// which the zone's offset is not a multiple of 30 minutes, as a time in
// that zone.
func oddZones(t *testing.T) []zoneDate {
	t.Helper()
	names := []string{"Asia/Kathmandu", "Pacific/Chatham", "Australia/Eucla"}
	if r, err := zip.OpenReader(filepath.Join(runtime.GOROOT(), "lib", "time", "zoneinfo.zip")); err == nil {
		for _, f := range r.File {
			if !slices.Contains(names, f.Name) {
				names = append(names, f.Name)
			}
		}
		r.Close()
	}
	slices.Sort(names)
	var out []zoneDate
	for _, name := range names {
		loc, err := time.LoadLocation(name)
		if err != nil {
			continue
		}
		// Summer and winter in both hemispheres, today and in the 1990s.
		for _, d := range []time.Time{
			time.Date(2024, 1, 15, 9, 30, 0, 0, time.UTC), time.Date(2024, 7, 15, 9, 30, 0, 0, time.UTC),
			time.Date(1995, 1, 15, 9, 30, 0, 0, time.UTC), time.Date(1995, 7, 15, 9, 30, 0, 0, time.UTC),
		} {
			// A minute apart, so that no two entries share a date
			// (validators warn of that).
			at := d.Add(time.Duration(len(out)) * time.Minute).In(loc)
			if _, off := at.Zone(); off%1800 != 0 && off%60 == 0 {
				out = append(out, zoneDate{name, at})
			}
		}
	}
	for _, want := range []string{"Asia/Kathmandu", "Pacific/Chatham", "Australia/Eucla"} {
		if !slices.ContainsFunc(out, func(z zoneDate) bool { return z.name == want }) {
			t.Fatalf("no date with an odd offset found in %s", want)
		}
	}
	return out
}

// TestValidityCorpusWrite writes the corpus where -corpus says.
func TestValidityCorpusWrite(t *testing.T) {
	if *corpusDir == "" {
		t.Skip("no -corpus folder")
	}
	if err := os.MkdirAll(*corpusDir, 0o755); err != nil {
		t.Fatal(err)
	}
	writeCorpus(t, *corpusDir, validityCorpus(t))
}

// TestValidityCorpus builds the validity corpus with the default settings
// (and with author feeds, and with one archive document) and checks every
// file: each feed parses with gofeed and passes feedcheck, each page is
// safe, every item carries its article's values as each format writes
// them, and every article is met once walking the main feed and the
// archive documents.
func TestValidityCorpus(t *testing.T) {
	arts := validityCorpus(t)
	dir := t.TempDir()
	writeCorpus(t, dir, arts)
	byID := map[string]vArticle{}
	for _, a := range arts {
		byID[a.id] = a
	}
	for _, tc := range []struct {
		name     string
		edit     func(*config.Settings)
		archives int
	}{
		{"defaults", nil, 2},
		{"author feeds", func(s *config.Settings) { s.AuthorFeeds = true }, 2},
		{"one archive document", func(s *config.Settings) { s.ArchiveSize = 1000 }, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := config.Defaults()
			s.BaseURL, s.Articles = corpusBase, dir
			if tc.edit != nil {
				tc.edit(&s)
			}
			site, err := s.Resolve()
			if err != nil {
				t.Fatal(err)
			}
			got := files(t, Options{Site: site})
			checkCorpusBuild(t, site, got, byID, tc.archives)
		})
	}
}

func checkCorpusBuild(t *testing.T, site *config.Site, got map[string][]byte, byID map[string]vArticle, archives int) {
	t.Helper()
	// Every article once, walking the main feed and the archive documents.
	met := map[string]map[string]int{}
	docs := 0
	for name, data := range got {
		var format string
		switch {
		case strings.HasSuffix(name, ".html"):
			if err := safePage(data); err != nil {
				t.Errorf("%s: %v", name, err)
			}
			continue
		case strings.HasSuffix(name, ".json"):
			format = "json"
			for _, err := range feedcheck.JSONFeed(data) {
				t.Errorf("%s: %v", name, err)
			}
		case strings.HasSuffix(name, "rss.xml") || strings.HasPrefix(name, "archive/rss/"):
			format = "rss"
		case strings.HasSuffix(name, "atom.xml") || strings.HasPrefix(name, "archive/atom/"):
			format = "atom"
		default:
			continue // the stylesheet
		}
		if format != "json" {
			if err := feedcheck.WellFormed(data); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
		archived := strings.HasPrefix(name, "archive/")
		if archived && format == "atom" {
			docs++
		}
		f := parse(t, data)
		if f.FeedLink != corpusBase+name {
			t.Errorf("%s: self link %q", name, f.FeedLink)
		}
		for _, it := range f.Items {
			a, ok := byID[it.GUID]
			if !ok {
				t.Errorf("%s: an item with the id %q, which no article has", name, it.GUID)
				continue
			}
			if name == site.RSSFile || name == site.AtomFile || name == site.JSONFile || archived {
				if met[format] == nil {
					met[format] = map[string]int{}
				}
				met[format][a.id]++
			}
			checkCorpusItem(t, name, format, it, a, !archived)
		}
	}
	if docs != archives {
		t.Errorf("%d archive documents, want %d", docs, archives)
	}
	if archives == 1 {
		// A lone archive document is as RFC 5005 asks: marked fh:archive,
		// linked to the current feed, and with no prev-archive or
		// next-archive since there is no other archive document, nor
		// fh:complete, since the feed is not complete without the main
		// feed. The W3C validator's ArchiveIncomplete warning, which asks
		// for one of these, is wrong about it.
		for _, name := range []string{"archive/atom/1.xml", "archive/rss/1.xml"} {
			doc := string(got[name])
			for _, s := range []string{"<fh:archive>", `rel="current"`} {
				if !strings.Contains(doc, s) {
					t.Errorf("%s lacks %s", name, s)
				}
			}
			for _, s := range []string{"prev-archive", "next-archive", "fh:complete"} {
				if strings.Contains(doc, s) {
					t.Errorf("%s has %s", name, s)
				}
			}
		}
	}
	for _, format := range []string{"rss", "atom", "json"} {
		for id := range byID {
			if n := met[format][id]; n != 1 {
				t.Errorf("%s: %s is met %d times walking the main feed and the archive", format, id, n)
			}
		}
	}
	// Names made only of symbols have feeds named by their hashes.
	for _, fam := range []struct{ dir, name string }{
		{"tags/x-627eb540d7/", "]]>"}, {"tags/x-ebbc0b2870/", "🚀"}, {"tags/x-b4935894c8/", "…"},
		{"tags/plus-plus-plus/", "+++"}, {"categories/x-a03b221c6c/", "???"}, {"tags/b/", "</b>"},
	} {
		for _, file := range []string{"rss.xml", "atom.xml", "feed.json", "index.html"} {
			data, ok := got[fam.dir+file]
			if !ok {
				t.Errorf("no %s%s for %q", fam.dir, file, fam.name)
				continue
			}
			if file == "index.html" {
				continue
			}
			title := parse(t, data).Title
			if want := site.Title + " — " + fam.name; title != want {
				t.Errorf("%s%s: title %q, want %q", fam.dir, file, title, site.Title+" — "+fam.name)
			}
		}
	}
	if site.AuthorFeeds {
		for _, dir := range []string{"authors/x-b4935894c8/", "authors/x-ebbc0b2870/", "authors/plus-plus-plus/"} {
			if _, ok := got[dir+"atom.xml"]; !ok {
				t.Errorf("no %satom.xml", dir)
			}
		}
	}
}

func checkCorpusItem(t *testing.T, name, format string, it *gofeed.Item, a vArticle, full bool) {
	t.Helper()
	bad := func(field string, got, want any) {
		t.Errorf("%s: %s: %s = %q, want %q", name, a.file, field, got, want)
	}
	// Titles as written, in every format.
	if it.Title != a.title {
		bad("title", it.Title, a.title)
	}
	// Summaries: RSS descriptions are HTML, and the title stands in for
	// a missing summary; the others are plain text.
	summary, want := it.Description, a.summary
	if format == "rss" {
		summary = html.UnescapeString(summary)
		if want == "" {
			want = a.title
		}
	}
	if summary != want {
		bad("summary", summary, want)
	}
	if format == "rss" && a.content && strings.TrimSpace(it.Description) == "" {
		bad("description", it.Description, "some text")
	}
	if full && a.content && format != "json" && it.Content == "" {
		bad("content", it.Content, "the body")
	}
	// Dates: the instant, written with the article's offset, except that
	// RSS writes offsets that are not a whole or half hour in UTC.
	if it.PublishedParsed == nil || !it.PublishedParsed.Equal(a.published) {
		bad("published", it.Published, a.published.Format(time.RFC3339))
	} else {
		layout := time.RFC3339
		_, off := a.published.Zone()
		if format == "rss" {
			layout = time.RFC1123Z
			if off%1800 != 0 {
				off = 0
			}
		}
		written, err := time.Parse(layout, it.Published)
		if _, woff := written.Zone(); err != nil || woff != off {
			bad("published as written", it.Published, fmt.Sprintf("offset %ds", off))
		}
	}
	// Tags and categories as written, in that order.
	cats := append(slices.Clone(a.tags), a.cats...)
	if strings.Join(it.Categories, "|") != strings.Join(cats, "|") {
		bad("categories", it.Categories, cats)
	}
	// Authors' names as written, in every format as one line of them
	// all, in the article's order.
	if len(a.authors) > 0 {
		var names []string
		for _, p := range it.Authors {
			names = append(names, p.Name)
		}
		wantNames := []string{strings.Join(a.authors, ", ")}
		if strings.Join(names, "|") != strings.Join(wantNames, "|") {
			bad("authors", names, wantNames)
		}
	}
}
