package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	articlefiles "github.com/feedpub/feedpub/internal/article"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/diag"
)

// articleNow is the clock init and new date articles by; tests set it.
var articleNow = time.Now

// exampleArticle is the file name of the article init writes.
const exampleArticle = "welcome.md"

// initFlags are the init command's flags: what feedpub.yaml starts with.
type initFlags struct {
	title, baseURL, author, timezone string
}

func newInit(stdout io.Writer) *cobra.Command {
	var f initFlags
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Start a site: write feedpub.yaml and an example article",
		Long: `Init writes a commented feedpub.yaml and an example article in
articles/, in DIR (default: the current folder), which it creates if
needed. It never overwrites a file: if either exists, it writes nothing.
When articles/ already holds articles, it writes no example among them.`,
		Args: atMostOneFolder,
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			return runInit(cmd, &f, dir, stdout)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&f.title, "title", "My site", "the site's `NAME`, the title of its feeds")
	fs.StringVar(&f.baseURL, "base-url", "", "the site's public `URL`, such as https://example.com/blog/ (default: set it later; until then links point at http://localhost:8080/)")
	fs.StringVar(&f.author, "author", "", "who writes the articles: a `NAME`, or \"Name <email>\"")
	fs.StringVar(&f.timezone, "timezone", "UTC", "the `ZONE` of dates written without one: an IANA name such as Europe/Paris")
	return cmd
}

func runInit(cmd *cobra.Command, f *initFlags, dir string, stdout io.Writer) error {
	if err := f.check(cmd); err != nil {
		return err
	}
	loc, _ := time.LoadLocation(f.timezone) // checked
	settings := filepath.Join(dir, config.DefaultFile)
	article := filepath.Join(dir, "articles", exampleArticle)
	if err := refuseExisting(dir, article); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, "articles"), 0o755); err != nil {
		return diag.Failed.Errorf("creating the articles folder: %w", err)
	}
	// Articles already there are the site's own: an example among them
	// would be published as its newest article.
	existing := countArticles(filepath.Join(dir, "articles"))
	if err := writeNew(settings, f.settingsFile()); err != nil {
		return err
	}
	if existing > 0 {
		fmt.Fprintf(stdout, "wrote %s\n%s already holds %s: no example article written\n\nNext:\n",
			settings, filepath.Join(dir, "articles"), plural(existing, "article", "articles"))
	} else {
		if err := writeNew(article, welcomeArticle(articleNow().In(loc))); err != nil {
			os.Remove(settings) // all or nothing: a second try meets no file of this one
			return err
		}
		fmt.Fprintf(stdout, "wrote %s\nwrote %s\n\nNext:\n", settings, article)
	}
	if filepath.Clean(dir) != "." {
		fmt.Fprintf(stdout, "  cd %s\n", shellQuote(dir))
	}
	fmt.Fprint(stdout, `  feedpub new "My first post"   # write an article
  feedpub serve                 # preview the feeds and pages in a browser
  feedpub build                 # write the feeds into public/
`)
	if f.baseURL == "" {
		fmt.Fprintf(stdout, "Before publishing, set base_url in %s to the site's public address.\n", config.DefaultFile)
	}
	return nil
}

// check refuses flags that would make settings a build cannot use,
// naming the flag as build does.
func (f *initFlags) check(cmd *cobra.Command) error {
	s := config.Defaults()
	s.Title, s.Timezone = f.title, f.timezone
	s.SetBy("title", "--title")
	s.SetBy("timezone", "--timezone")
	if f.timezone == "Local" {
		return usagef("--timezone Local is this machine's zone, which another machine would read otherwise; name the zone, such as Europe/Paris")
	}
	if f.baseURL != "" {
		s.BaseURL = f.baseURL
		s.SetBy("base_url", "--base-url")
	} else if cmd.Flags().Changed("base-url") {
		return usagef("--base-url is empty; give the site's address, such as https://example.com/, or leave the flag out")
	}
	if f.author != "" {
		s.Author = f.author
		s.SetBy("author", "--author")
	}
	_, err := s.Resolve()
	return err
}

// refuseExisting refuses to run init where it would overwrite a file: a
// settings file by either name, or the example article.
func refuseExisting(dir, article string) error {
	for _, p := range []string{filepath.Join(dir, config.DefaultFile), filepath.Join(dir, config.AltFile), article} {
		if _, err := os.Lstat(p); err == nil {
			return diag.Usage.New(p+" already exists; init never overwrites a file",
				"edit it or move it away, or run 'feedpub init' in another folder")
		}
	}
	return nil
}

// countArticles is how many article files the folder dir holds, as a
// build would list them; 0 when there is no such folder or it cannot be
// read (the build says why).
func countArticles(dir string) int {
	files, _, err := articlefiles.Find(dir)
	if err != nil || files == nil {
		return 0
	}
	return files.Len()
}

// writeNew writes a file that must not exist yet.
func writeNew(path, text string) error {
	file, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return diag.Usage.New(path+" already exists; feedpub never overwrites it", "choose another name, or edit that file")
	}
	if err != nil {
		return diag.Failed.Errorf("creating %s: %w", path, err)
	}
	_, err = file.WriteString(text)
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return diag.Failed.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// commentedSetting is a commented-out setting in the feedpub.yaml init writes.
type commentedSetting struct {
	comment, key, value string
}

// commentedSettings are the settings init writes commented out, each
// with its default (uncommenting it changes nothing until it is edited)
// or, for those empty by default, an example.
func commentedSettings() []commentedSetting {
	d := config.Defaults()
	return []commentedSetting{
		{"One sentence on what the site is about (default: the title).", "description", `"Notes on coffee"`},
		{"The language of the articles: a tag such as en, fr or pt-BR.", "language", d.Language},
		{"Where the articles are, and where the feeds are written.", "articles", d.Articles},
		{"", "output", d.Output},
		{"Items per feed; 0 puts every article in the feeds.", "limit", strconv.Itoa(d.Limit)},
		{"full puts whole articles in the feeds, summary only their summaries.", "content", d.Content},
		{"The pattern of article links, with :year, :month, :day and :slug\n# (default: the slug and a slash).", "permalink", `"/:year/:month/:slug/"`},
		{"A feed set per tag, per category and per author.", "tag_feeds", strconv.FormatBool(d.TagFeeds)},
		{"", "category_feeds", strconv.FormatBool(d.CategoryFeeds)},
		{"", "author_feeds", strconv.FormatBool(d.AuthorFeeds)},
		{"A page for each article at its link; turn it off when the articles'\n# pages are published elsewhere.", "article_pages", "true"},
		{"A copyright line for the feeds.", "copyright", `"Your Name"`},
		{"A WebSub hub to notify of new articles (with build --ping).", "hub", "https://pubsubhubbub.appspot.com/"},
	}
}

// settingsFile is the text of the feedpub.yaml init writes.
func (f *initFlags) settingsFile() string {
	var b strings.Builder
	b.WriteString(`# feedpub's settings for this site. Every setting is optional: one left
# out, or commented out with #, keeps its default. docs/settings.md in
# feedpub's source lists them all.

# The site's name: the title of its feeds.
title: ` + yamlQuote(f.title) + `

# The site's public address: every link and id in the feeds starts with it.
`)
	if f.baseURL != "" {
		b.WriteString("base_url: " + yamlQuote(f.baseURL) + "\n")
	} else {
		b.WriteString(`# Until it is set, links point at http://localhost:8080/, and publish
# refuses to run.
# base_url: https://example.com/
`)
	}
	b.WriteString(`
# Who writes the articles, unless an article names its own authors:
# "Name", "Name <email>", or a mapping with name, email and url.
`)
	if f.author != "" {
		b.WriteString("author: " + yamlQuote(f.author) + "\n")
	} else {
		b.WriteString("# author: \"Your Name <you@example.com>\"\n")
	}
	b.WriteString(`
# The time zone of dates written without one, such as 2024-05-01 09:30.
timezone: ` + yamlQuote(f.timezone) + "\n")
	for _, o := range commentedSettings() {
		if o.comment != "" {
			b.WriteString("\n# " + o.comment + "\n")
		}
		b.WriteString("# " + o.key + ": " + o.value + "\n")
	}
	return b.String()
}

// welcomeArticle is the example article init writes, dated date.
func welcomeArticle(date time.Time) string {
	return `---
title: "Welcome"
date: ` + date.Truncate(time.Second).Format(time.RFC3339) + `
tags: [example]
---

This is an example article, written by 'feedpub init'. Every article is a
Markdown file in the articles folder that starts with its **front matter**:
the fields between the two ` + "`---`" + ` lines. Only the title and the date are
required; the date says where the article goes in the feeds.

<!--more-->

The text above the ` + "`<!--more-->`" + ` line is the article's summary, which feeds
carry when the setting ` + "`content`" + ` is ` + "`summary`" + `. Everything else is the
article's body, in Markdown: *emphasis*, **strong**, [links](https://example.com/),
lists and code.

- Write a new article with ` + "`feedpub new \"Its title\"`" + `.
- Mark one ` + "`draft: true`" + ` to keep it out of the feeds for now.
- Delete this file once you have your own articles.
`
}

// plainYAML matches text that YAML reads as itself without quotes.
var plainYAML = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9 ./_:@<>,'()+&-]*[A-Za-z0-9/>)]$`)

// yamlQuote writes s as a YAML scalar: as it is when that reads back as
// the same text, else double-quoted (Go's escapes are YAML's too).
func yamlQuote(s string) string {
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "null", "y", "n":
		return strconv.Quote(s)
	}
	if plainYAML.MatchString(s) && !strings.Contains(s, ": ") {
		return s
	}
	return strconv.Quote(s)
}

// shellQuote quotes a path for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// atMostOneFolder allows at most one positional argument, as a usage error.
func atMostOneFolder(cmd *cobra.Command, args []string) error {
	if len(args) > 1 {
		return usagef("%s takes at most one folder, not %d arguments; quote a folder name that has spaces", cmd.Name(), len(args))
	}
	return nil
}
