package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gosimple/slug"
	"github.com/spf13/cobra"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/sitemode"
)

// newFlags are the new command's flags.
type newFlags struct {
	config, articles string
	draft            bool
}

func newNew(stdout io.Writer) *cobra.Command {
	var f newFlags
	cmd := &cobra.Command{
		Use:   `new "TITLE"`,
		Short: "Write a new article with its front matter filled in",
		Long: `New writes an article into the articles folder, named by the slug of its
title (My first post: my-first-post.md), with its title and today's date
(now, in the site's time zone) filled in. It reads the settings as build
does, and never overwrites a file. In a Jekyll site it writes
_posts/YYYY-MM-DD-slug.md (with --draft, _drafts/slug.md); in a Hugo
site, content/posts/slug.md when that folder exists.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(strings.Join(args, " ")) == "" {
				return usagef(`new needs the article's title, such as feedpub new "My first post"`)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runNew(cmd, &f, strings.Join(args, " "), stdout)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&f.config, "config", "", "read settings from `FILE` (default \"feedpub.yaml\" or \"feedpub.yml\", whichever exists)")
	fs.StringVar(&f.articles, "articles", "", "write the article into `DIR` (default: the setting 'articles', \"articles\")")
	fs.BoolVar(&f.draft, "draft", false, "mark the article a draft, which builds leave out until it is not")
	return cmd
}

func runNew(cmd *cobra.Command, f *newFlags, title string, stdout io.Writer) error {
	title = strings.TrimSpace(title)
	site, err := f.settings(cmd)
	if err != nil {
		return err
	}
	name, err := fileSlug(title)
	if err != nil {
		return err
	}
	date := articleNow().In(site.Location)
	path := articlePath(site, name, date, f.draft)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return diag.Failed.Errorf("creating the articles folder: %w", err)
	}
	if err := writeNew(path, newArticleText(title, date, f.draft, site.Generator.Name != "Jekyll")); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s\n\nNext: write the article below its front matter, then\n", path)
	fmt.Fprint(stdout, `  feedpub serve   # preview it in a browser
  feedpub build   # write the feeds
`)
	switch {
	case f.draft && site.Generator.Name == "Jekyll":
		fmt.Fprintln(stdout, "It is a draft: builds leave it out (build and serve show it with --drafts) until you move it into _posts as YYYY-MM-DD-"+name+".md.")
	case f.draft:
		fmt.Fprintln(stdout, "It is a draft: builds leave it out (build and serve show it with --drafts) until you set draft: false.")
	}
	return nil
}

// settings reads the site's settings as build does: the defaults, a Hugo
// or Jekyll site's own, the settings file, then --articles.
func (f *newFlags) settings(cmd *cobra.Command) (*config.Site, error) {
	s := config.Defaults()
	if _, err := sitemode.Apply(".", &s); err != nil {
		return nil, err
	}
	path := f.config
	if path == "" {
		var err error
		if path, err = config.Find("."); err != nil {
			return nil, err
		}
	} else if !exists(path) {
		return nil, usagef("the settings file %s does not exist; create it or leave out --config", path)
	}
	if path != "" {
		if err := s.Load(path); err != nil {
			return nil, err
		}
	}
	if cmd.Flags().Changed("articles") {
		s.Articles = f.articles
		s.SetBy("articles", "--articles")
	}
	return s.Resolve()
}

// articlePath is where new writes the article named name: in the
// articles folder, or where the site's generator looks for posts — a
// Jekyll site's _posts folder, its name prefixed with the date (or
// _drafts, for a draft), a Hugo site's content/posts when there is one.
func articlePath(site *config.Site, name string, date time.Time, draft bool) string {
	switch site.Generator.Name {
	case "Jekyll":
		if draft {
			return filepath.Join(site.Articles, "_drafts", name+".md")
		}
		return filepath.Join(site.Articles, "_posts", date.Format("2006-01-02")+"-"+name+".md")
	case "Hugo":
		if posts := filepath.Join(site.Articles, "posts"); isFolder(posts) {
			return filepath.Join(posts, name+".md")
		}
	}
	return filepath.Join(site.Articles, name+".md")
}

// isFolder reports whether path is a folder.
func isFolder(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// newArticleText is a new article's text: its front matter, dated date,
// and an empty body. A Jekyll post has no draft key: its folder says.
func newArticleText(title string, date time.Time, draft, draftKey bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s\ndate: %s\n", yamlQuote(title), date.Truncate(time.Second).Format(time.RFC3339))
	if draftKey {
		fmt.Fprintf(&b, "draft: %t\n", draft)
	}
	b.WriteString("tags: []\n---\n\n")
	return b.String()
}

// maxSlug is the longest slug new names a file by, in bytes.
const maxSlug = 80

// fileSlug is the name, without ".md", of the article new writes for
// title: its slug, as gosimple/slug makes it (lower case, accents and
// other scripts in ASCII, a dash between words), cut at a dash to at
// most maxSlug bytes. The file name is the article's slug, as for every
// article without a slug of its own.
func fileSlug(title string) (string, error) {
	name := slug.Make(title)
	if len(name) > maxSlug {
		name = name[:maxSlug]
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			name = name[:i]
		}
	}
	switch name {
	case "":
		return "", usagef("the title %q has no letter or digit to name the file by; add a word to it", title)
	case "index", "_index":
		return "", usagef("the title %q would make the file %s.md, which is read as its folder's page; choose another title", title, name)
	}
	return name, nil
}
