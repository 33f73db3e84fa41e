package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
)

func TestNewGolden(t *testing.T) {
	setArticleClock(t, goldenTime)
	tests := []struct {
		name     string
		settings string // feedpub.yml's text, or none
		args     []string
		file     string // the article written, below the site
	}{
		{"plain", "", []string{"new", "My first post"}, "articles/my-first-post.md"},
		{"tricky-title", "timezone: America/New_York\narticles: posts\n",
			[]string{"new", `Ready: "set", go! #1 — C++ & café`}, "posts/ready-set-go-1-c-and-cafe.md"},
		{"draft", "timezone: Asia/Kolkata\n", []string{"new", "--draft", "Not yet"}, "articles/not-yet.md"},
		{"words", "", []string{"new", "Several", "words", "unquoted"}, "articles/several-words-unquoted.md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.settings != "" {
				writeFile(t, dir, "feedpub.yml", tt.settings)
			}
			code, out, errOut := run(t, dir, tt.args...)
			if code != 0 || errOut != "" {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			checkGolden(t, "new/"+tt.name+".stdout", out)
			checkGolden(t, "new/"+tt.name+".md", readText(t, filepath.Join(dir, tt.file)))
		})
	}
}

// TestNewThenBuild writes articles with new and builds them: the feeds
// carry each title as written, dated by the goldenTime, linked by the slug.
func TestNewThenBuild(t *testing.T) {
	at := time.Now().Add(-time.Hour).Truncate(time.Second)
	setArticleClock(t, at)
	dir := t.TempDir()
	writeFile(t, dir, "feedpub.yaml", "title: Site\nbase_url: https://example.com/\ntimezone: Pacific/Auckland\n")
	title := `Ready: "set" go \ [x] #1`
	for _, args := range [][]string{{"new", title}, {"new", "--draft", "Draft one"}} {
		if code, _, errOut := run(t, dir, args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
	}
	code, out, errOut := run(t, dir, "build")
	if code != 0 {
		t.Fatalf("build: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "2 articles read, 1 item per feed, 1 left out (1 draft)") {
		t.Errorf("the draft was not left out:\n%s", out)
	}
	feed, err := gofeed.NewParser().ParseString(readText(t, filepath.Join(dir, "public", "atom.xml")))
	if err != nil {
		t.Fatal(err)
	}
	if len(feed.Items) != 1 {
		t.Fatalf("%d items, want 1", len(feed.Items))
	}
	it := feed.Items[0]
	if it.Title != title || it.Link != "https://example.com/ready-set-go-x-1/" ||
		it.PublishedParsed == nil || !it.PublishedParsed.Equal(at) {
		t.Errorf("item %q at %q dated %v; want %q, https://example.com/ready-set-go-x-1/, %v", it.Title, it.Link, it.PublishedParsed, title, at)
	}
	if code, _, errOut := run(t, dir, "build", "--drafts"); code != 0 || errOut != "" {
		t.Errorf("build --drafts: exit %d: %s", code, errOut)
	}
}

func TestNewRefuses(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "articles/my-post.md", "mine")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"new", "My post"}, "feedpub: articles/my-post.md already exists; feedpub never overwrites it — choose another name, or edit that file"},
		{[]string{"new", "MY POST!"}, "feedpub: articles/my-post.md already exists; feedpub never overwrites it — choose another name, or edit that file"},
		{[]string{"new"}, `feedpub: new needs the article's title, such as feedpub new "My first post"`},
		{[]string{"new", " "}, `feedpub: new needs the article's title, such as feedpub new "My first post"`},
		{[]string{"new", "🚀 ✨"}, `feedpub: the title "🚀 ✨" has no letter or digit to name the file by; add a word to it`},
		{[]string{"new", "Index"}, `feedpub: the title "Index" would make the file index.md, which is read as its folder's page; choose another title`},
		{[]string{"new", "--config", "nope.yaml", "X"}, "feedpub: the settings file nope.yaml does not exist; create it or leave out --config"},
	}
	for _, tt := range tests {
		code, out, errOut := run(t, dir, tt.args...)
		if code != 2 || out != "" || errOut != tt.want+"\nRun 'feedpub --help' for usage.\n" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2 and %q", tt.args, code, out, errOut, tt.want)
		}
	}
	if got := readText(t, filepath.Join(dir, "articles", "my-post.md")); got != "mine" {
		t.Errorf("the article was overwritten: %q", got)
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "articles")); len(entries) != 1 {
		t.Errorf("new wrote files: %v", entries)
	}
}

// TestSettingsFileNames reads feedpub.yml as feedpub.yaml is read, by
// build and new alike, and refuses both at once.
func TestSettingsFileNames(t *testing.T) {
	setArticleClock(t, goldenTime)
	dir := site(t, map[string]string{"good.md": good})
	writeFile(t, dir, "feedpub.yml", "title: From yml\ntimezone: Asia/Tokyo\n")
	if code, _, errOut := run(t, dir, "build"); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errOut)
	}
	if rss := readText(t, filepath.Join(dir, "public", "rss.xml")); !strings.Contains(rss, "<title>From yml</title>") {
		t.Errorf("build did not read feedpub.yml:\n%s", rss)
	}
	if code, _, errOut := run(t, dir, "new", "Tokyo"); code != 0 {
		t.Fatalf("new: exit %d: %s", code, errOut)
	}
	if got := readText(t, filepath.Join(dir, "articles", "tokyo.md")); !strings.Contains(got, "\ndate: 2026-03-04T14:06:07+09:00\n") {
		t.Errorf("new did not date the article in feedpub.yml's zone:\n%s", got)
	}

	writeFile(t, dir, "feedpub.yaml", "title: From yaml\n")
	want := "feedpub: two settings files, feedpub.yaml and feedpub.yml — keep one and remove the other (both names are read the same way)\n"
	for _, args := range [][]string{{"build"}, {"new", "Another"}} {
		code, out, errOut := run(t, dir, args...)
		if code != 2 || out != "" || errOut != want {
			t.Errorf("%v with both files: exit %d, stdout %q, stderr %q; want 2 and %q", args, code, out, errOut, want)
		}
	}
	if code, _, errOut := run(t, dir, "build", "--config", "feedpub.yaml"); code != 0 {
		t.Errorf("--config must choose between the two: exit %d: %s", code, errOut)
	}
}

// TestSettingsReportedAtOnce: every problem of the settings file in one
// run, one a line, after which nothing is built.
func TestSettingsReportedAtOnce(t *testing.T) {
	dir := site(t, map[string]string{"good.md": good})
	writeFile(t, dir, "feedpub.yaml", "baseURL: https://example.com/\nlimit: lots\ntimezone: Mars/Olympus\nurl: x\n")
	for _, args := range [][]string{{"build"}, {"new", "X"}} {
		code, out, errOut := run(t, dir, args...)
		want := `feedpub.yaml:1:1: unknown setting "baseURL" — did you mean base_url? (the site's whole address, such as https://example.com/blog/)
feedpub.yaml:2:8: limit: "lots" is not a whole number — write a whole number, such as limit: 20
feedpub.yaml:3:1: "Mars/Olympus" is not a time zone — use an IANA name such as UTC, Europe/Paris or America/New_York
feedpub.yaml:4:1: unknown setting "url" — did you mean base_url? (the site's whole address, such as https://example.com/blog/)
`
		if code != 2 || out != "" || errOut != want {
			t.Errorf("%v: exit %d, stdout %q, stderr:\n%s\nwant:\n%s", args, code, out, errOut, want)
		}
	}
	if exists(filepath.Join(dir, "public")) || exists(filepath.Join(dir, "articles", "x.md")) {
		t.Error("a run with bad settings wrote files")
	}
}

func TestFileSlug(t *testing.T) {
	tests := []struct{ title, want string }{
		{"My first post", "my-first-post"},
		{"Café au lait", "cafe-au-lait"},
		{"Москва зимой", "moskva-zimoi"},
		{"C++ & Go: a tour", "c-and-go-a-tour"},
		{"  spaced   out  ", "spaced-out"},
		{"2024-05-01 notes", "2024-05-01-notes"},
		{strings.Repeat("word ", 30), strings.TrimSuffix(strings.Repeat("word-", 16), "-")},
	}
	for _, tt := range tests {
		got, err := fileSlug(tt.title)
		if err != nil || got != tt.want {
			t.Errorf("fileSlug(%q) = %q, %v; want %q", tt.title, got, err, tt.want)
		}
		if len(got) > maxSlug {
			t.Errorf("fileSlug(%q) is %d bytes long", tt.title, len(got))
		}
	}
}

// TestNewInSites writes the article where a Hugo or Jekyll site's
// generator looks for posts, and the next build reads it.
func TestNewInSites(t *testing.T) {
	at := time.Now().Add(-time.Hour).Truncate(time.Second)
	setArticleClock(t, at)
	day := at.UTC().Format("2006-01-02")
	tests := []struct {
		name  string
		files map[string]string
		args  []string
		want  string // the file written
		items int    // items in the feed after a build
	}{
		{"jekyll", map[string]string{"_config.yml": "title: Site\nurl: https://example.org\n"},
			[]string{"new", "A post"}, "_posts/" + day + "-a-post.md", 1},
		{"jekyll draft", map[string]string{"_config.yml": "title: Site\nurl: https://example.org\n"},
			[]string{"new", "--draft", "A draft"}, "_drafts/a-draft.md", 0},
		{"hugo", map[string]string{"hugo.toml": "baseURL = 'https://example.org/'\ntitle = 'Site'\n", "content/posts/.keep": ""},
			[]string{"new", "A post"}, "content/posts/a-post.md", 1},
		{"hugo without posts", map[string]string{"hugo.toml": "baseURL = 'https://example.org/'\ntitle = 'Site'\n", "content/.keep": ""},
			[]string{"new", "A post"}, "content/a-post.md", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range tt.files {
				writeFile(t, dir, name, text)
			}
			code, out, errOut := run(t, dir, tt.args...)
			if code != 0 || !strings.HasPrefix(out, "wrote "+filepath.FromSlash(tt.want)+"\n") {
				t.Fatalf("exit %d, stdout %q, stderr %q; want %s", code, out, errOut, tt.want)
			}
			if tt.name == "jekyll draft" && !strings.HasSuffix(out, "until you move it into _posts as YYYY-MM-DD-a-draft.md.\n") {
				t.Errorf("the draft's next step is not said:\n%s", out)
			}
			text := readText(t, filepath.Join(dir, tt.want))
			if strings.Contains(text, "draft:") == strings.HasPrefix(tt.name, "jekyll") {
				t.Errorf("draft key in %s:\n%s", tt.want, text)
			}
			if code, _, errOut := run(t, dir, "build", "--no-cache", "--out", "out"); code != 0 {
				t.Fatalf("build: exit %d: %s", code, errOut)
			}
			feed, err := gofeed.NewParser().ParseString(readText(t, filepath.Join(dir, "out", "feed.json")))
			if err != nil {
				t.Fatal(err)
			}
			if len(feed.Items) != tt.items {
				t.Errorf("%d items, want %d", len(feed.Items), tt.items)
			}
		})
	}
}
