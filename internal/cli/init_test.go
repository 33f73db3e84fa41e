package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/mmcdole/gofeed"

	"github.com/feedpub/feedpub/internal/config"
)

// setArticleClock sets the clock init and new date articles by, for one test.
func setArticleClock(t *testing.T, at time.Time) {
	t.Helper()
	was := articleNow
	articleNow = func() time.Time { return at }
	t.Cleanup(func() { articleNow = was })
}

// goldenTime is the fixed time of the golden outputs.
var goldenTime = time.Date(2026, 3, 4, 5, 6, 7, 890, time.UTC)

// checkGolden holds got to testdata/name, or rewrites it under -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run 'go test ./internal/cli -run %s -update')", err, t.Name())
	}
	if got != string(want) {
		t.Errorf("%s differs:\n got:\n%s\nwant:\n%s", path, got, want)
	}
}

func readText(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestInitGolden(t *testing.T) {
	setArticleClock(t, goldenTime)
	tests := []struct {
		name string
		args []string
		dir  string // where the files go, below the folder init runs in
	}{
		{"defaults", []string{"init"}, "."},
		{"flags", []string{"init", "my blog", "--title", "Coffee: notes & \"tips\"", "--base-url", "https://example.com/blog/",
			"--author", "Ann Example <ann@example.com>", "--timezone", "Europe/Paris"}, "my blog"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			code, out, errOut := run(t, root, tt.args...)
			if code != 0 || errOut != "" {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			checkGolden(t, "init/"+tt.name+".stdout", out)
			checkGolden(t, "init/"+tt.name+".yaml", readText(t, filepath.Join(root, tt.dir, "feedpub.yaml")))
			checkGolden(t, "init/"+tt.name+".md", readText(t, filepath.Join(root, tt.dir, "articles", "welcome.md")))
		})
	}
}

// TestInitSettingsLoad loads the feedpub.yaml init writes, as it is and
// with every commented-out setting uncommented: both must load and
// resolve without a problem, and uncommenting must change no default.
func TestInitSettingsLoad(t *testing.T) {
	for _, f := range []initFlags{
		{title: "My site", timezone: "UTC"},
		{title: "Yes", baseURL: "https://example.com/x/", author: "Ann: the \"first\" #1 <ann@example.com>", timezone: "Asia/Kolkata"},
	} {
		text := f.settingsFile()
		commented := regexp.MustCompile(`(?m)^# ([a-z_]+): `)
		uncommented := commented.ReplaceAllStringFunc(text, func(line string) string {
			if key := commented.FindStringSubmatch(line)[1]; slices.Contains(config.Keys(), key) {
				return key + ": "
			}
			return line // article_pages, before the article pages arrive
		})
		if strings.Count(uncommented, "\n# ") == strings.Count(text, "\n# ") {
			t.Fatalf("no setting is commented out:\n%s", text)
		}
		for i, text := range []string{text, uncommented} {
			path := filepath.Join(t.TempDir(), "feedpub.yaml")
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			s := config.Defaults()
			if err := s.Load(path); err != nil {
				t.Fatalf("%v:\n%s", err, text)
			}
			site, err := s.Resolve()
			if err != nil {
				t.Fatalf("%v:\n%s", err, text)
			}
			if site.Title != f.title || site.Location.String() != f.timezone {
				t.Errorf("title %q, zone %v; want %q, %q", site.Title, site.Location, f.title, f.timezone)
			}
			if f.author != "" && (len(site.Authors) != 1 || site.Authors[0].Email != "ann@example.com" || site.Authors[0].Name != `Ann: the "first" #1`) {
				t.Errorf("author read as %+v", site.Authors)
			}
			want := "http://localhost:8080/"
			switch {
			case f.baseURL != "":
				want = f.baseURL
			case i == 1:
				want = "https://example.com/" // the placeholder
			}
			if site.BaseURL.String() != want {
				t.Errorf("base_url %v, want %s", site.BaseURL, want)
			}
			d := config.Defaults()
			if i == 1 && (site.Limit != d.Limit || !site.FullContent || site.Language != d.Language || !site.TagFeeds) {
				t.Errorf("uncommenting the settings changed a default: %+v", site)
			}
		}
	}
	for _, o := range commentedSettings() {
		if o.key != "article_pages" && !strings.Contains(strings.Join(config.Keys(), " "), o.key) {
			t.Errorf("init comments on %q, which is not a setting", o.key)
		}
	}
}

// TestInitThenBuild builds the site init writes, and reads its feed.
func TestInitThenBuild(t *testing.T) {
	setArticleClock(t, time.Now().Add(-time.Hour))
	root := t.TempDir()
	if code, _, errOut := run(t, root, "init", "site", "--title", "Notes: on coffee", "--base-url", "https://example.com/notes/"); code != 0 {
		t.Fatalf("init: exit %d: %s", code, errOut)
	}
	dir := filepath.Join(root, "site")
	code, out, errOut := run(t, dir, "build")
	if code != 0 {
		t.Fatalf("build: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "1 article read, 1 item per feed,") {
		t.Errorf("the example article is not in the feeds:\n%s", out)
	}
	for _, name := range []string{"rss.xml", "atom.xml", "feed.json"} {
		feed, err := gofeed.NewParser().ParseString(readText(t, filepath.Join(dir, "public", name)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if feed.Title != "Notes: on coffee" || len(feed.Items) != 1 {
			t.Fatalf("%s: title %q, %d items", name, feed.Title, len(feed.Items))
		}
		it := feed.Items[0]
		if it.Title != "Welcome" || it.Link != "https://example.com/notes/welcome/" {
			t.Errorf("%s: item %q at %q", name, it.Title, it.Link)
		}
		if it.PublishedParsed == nil || !it.PublishedParsed.Equal(articleNow().Truncate(time.Second)) {
			t.Errorf("%s: item dated %v, want %v", name, it.PublishedParsed, articleNow())
		}
	}
}

// TestInitKeepsExistingArticles checks that init in a folder whose
// articles/ already holds articles writes feedpub.yaml alone, saying so,
// so that no example is published among the site's own articles.
func TestInitKeepsExistingArticles(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "articles", "2024", "trip"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"2024/trip/index.md", "2024/notes.md"} {
		if err := os.WriteFile(filepath.Join(root, "articles", filepath.FromSlash(name)), []byte("---\ntitle: Mine\ndate: 2024-01-02\n---\nBody.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := run(t, root, "init", "--title", "Mine", "--base-url", "https://example.com/")
	if code != 0 {
		t.Fatalf("init: exit %d: %s", code, errOut)
	}
	want := "wrote feedpub.yaml\narticles already holds 2 articles: no example article written\n\nNext:\n"
	if !strings.HasPrefix(out, want) {
		t.Errorf("init said\n%s\nwant it to start\n%s", out, want)
	}
	if _, err := os.Lstat(filepath.Join(root, "articles", exampleArticle)); err == nil {
		t.Error("init wrote an example among the site's articles")
	}
	if _, err := os.Lstat(filepath.Join(root, "feedpub.yaml")); err != nil {
		t.Errorf("no feedpub.yaml: %v", err)
	}
	if code, out, errOut := run(t, root, "build"); code != 0 || !strings.Contains(out, "2 articles read") {
		t.Errorf("build: exit %d:\n%s%s", code, out, errOut)
	}
}

func TestInitRefuses(t *testing.T) {
	for _, existing := range []string{"feedpub.yaml", "feedpub.yml", "articles/welcome.md"} {
		root := t.TempDir()
		writeFile(t, root, existing, "title: mine\n")
		code, out, errOut := run(t, root, "init")
		want := "feedpub: " + existing + " already exists; init never overwrites a file — edit it or move it away, or run 'feedpub init' in another folder\n" +
			"Run 'feedpub --help' for usage.\n"
		if code != 2 || out != "" || errOut != want {
			t.Errorf("%s: exit %d, stdout %q, stderr\n%s\nwant\n%s", existing, code, out, errOut, want)
		}
		entries, _ := os.ReadDir(root)
		if len(entries) != 1 {
			t.Errorf("%s: init wrote files beside it: %v", existing, entries)
		}
		if got := readText(t, filepath.Join(root, existing)); got != "title: mine\n" {
			t.Errorf("%s was changed: %q", existing, got)
		}
	}
}

func TestInitBadFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--timezone", "Mars/Olympus"}, `feedpub: --timezone: "Mars/Olympus" is not a time zone — use an IANA name such as UTC, Europe/Paris or America/New_York`},
		{[]string{"--base-url", "example.com"}, `feedpub: --base-url: "example.com" is not an absolute http or https URL — write it like https://example.com/blog/`},
		{[]string{"--base-url", "ftp://example.com/"}, `feedpub: --base-url: "ftp://example.com/" is not an absolute http or https URL — write it like https://example.com/blog/`},
		{[]string{"--base-url="}, `feedpub: --base-url is empty; give the site's address, such as https://example.com/, or leave the flag out`},
		{[]string{"--author", "Ann <nope>"}, `feedpub: --author: "nope" is not an email address — write 'Name', 'Name <email>' or a mapping with name, email and url`},
		{[]string{"--title", " "}, `feedpub: --title: the title is empty — give the site a name`},
		{[]string{"--timezone", "Local"}, "feedpub: --timezone Local is this machine's zone, which another machine would read otherwise; name the zone, such as Europe/Paris"},
		{[]string{"--timezone", ""}, `feedpub: --timezone: "" is not a time zone — use an IANA name such as UTC, Europe/Paris or America/New_York`},
		{[]string{"a", "b"}, `feedpub: init takes at most one folder, not 2 arguments; quote a folder name that has spaces`},
	}
	for _, tt := range tests {
		root := t.TempDir()
		code, out, errOut := run(t, root, append([]string{"init"}, tt.args...)...)
		if code != 2 || out != "" || !strings.HasPrefix(errOut, tt.want+"\n") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2 and %q", tt.args, code, out, errOut, tt.want)
		}
		if entries, _ := os.ReadDir(root); len(entries) != 0 {
			t.Errorf("%v: init wrote %v", tt.args, entries)
		}
	}
}

// TestYAMLQuote reads back every quoted value as the text it quotes.
func TestYAMLQuote(t *testing.T) {
	for _, s := range []string{
		"My site", "Ready: set, go", `She said "hi"`, `back\slash`, "# not a comment", "a #tag", "- dash", "[list]", "{map}",
		"*star", "&amp", "!bang", "%pct", "@at", "`tick`", "yes", "No", "null", "~", "true", "123", "1e3", "0x1F", "2024-05-01",
		"café au lait", "日本語", "🚀 launch", "tab\there", "line\nbreak", "trailing ", " leading", "", "'single'", "a: b", "key:",
		"?", "|", ">", "Ann <ann@example.com>", "https://example.com/blog/", "Europe/Paris", "C++ & C#",
	} {
		var got struct {
			V any `yaml:"v"`
		}
		text := "v: " + yamlQuote(s) + "\n"
		if err := yaml.Unmarshal([]byte(text), &got); err != nil {
			t.Errorf("%q: %v in %q", s, err, text)
			continue
		}
		if str, ok := got.V.(string); !ok || str != s {
			t.Errorf("%q reads back as %#v from %q", s, got.V, text)
		}
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{"blog": "blog", "my blog": "'my blog'", "it's": `'it'\''s'`, "a/b-c_d.e": "a/b-c_d.e", "": "''"} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %q, want %q", in, got, want)
		}
	}
}
