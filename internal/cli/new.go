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
does, and never overwrites a file.`,
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
	fs.StringVar(&f.config, "config", "", "read settings from `FILE` (default \"feedpub.yaml\" or \"feedpub.yml\" when it exists)")
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
	if err := os.MkdirAll(site.Articles, 0o755); err != nil {
		return diag.Failed.Errorf("creating the articles folder: %w", err)
	}
	path := filepath.Join(site.Articles, name+".md")
	if err := writeNew(path, frontMatter(title, now().In(site.Location), f.draft)); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s\n\nNext: write the article below its front matter, then\n", path)
	fmt.Fprint(stdout, `  feedpub serve   # preview it in a browser
  feedpub build   # write the feeds
`)
	if f.draft {
		fmt.Fprintln(stdout, "It is a draft: builds leave it out (serve and build show it with --drafts) until you set draft: false.")
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

// frontMatter is a new article's text: its front matter, dated date,
// and an empty body.
func frontMatter(title string, date time.Time, draft bool) string {
	return fmt.Sprintf("---\ntitle: %s\ndate: %s\ndraft: %t\ntags: []\n---\n\n",
		yamlQuote(title), date.Truncate(time.Second).Format(time.RFC3339), draft)
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
