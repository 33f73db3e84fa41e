package scan

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/feedpub/feedpub/internal/article"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/permalink"
)

// TestSections checks an article's sections, and the link the pattern
// "/:sections/:slug/" makes of them: every folder for feedpub's own
// articles and a Hugo site's top folder plus folders with an _index file,
// a page bundle's own folder counted by neither, since it is the article
// (and already its slug).
func TestSections(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "posts", "2024"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "posts", "2024", "_index.md"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		dialect  article.Dialect
		rel      string
		sections []string
		link     string
	}{
		{article.Feedpub, "flat.md", nil, "flat/"},
		{article.Feedpub, "posts/flat.md", []string{"posts"}, "posts/flat/"},
		{article.Feedpub, "posts/my-trip/index.md", []string{"posts"}, "posts/my-trip/"},
		{article.Feedpub, "posts/my-trip/index.markdown", []string{"posts"}, "posts/my-trip/"},
		{article.Feedpub, "my-trip/index.md", nil, "my-trip/"},
		{article.Feedpub, "inside-rust/2024/my-trip/index.md", []string{"inside-rust", "2024"}, "inside-rust/2024/my-trip/"},
		{article.Feedpub, "posts/my-trip/index.en.md", []string{"posts", "my-trip"}, "posts/my-trip/index.en/"},
		{article.Hugo, "posts/my-trip/index.md", []string{"posts"}, "posts/my-trip/"},
		{article.Hugo, "posts/2024/my-trip/index.md", []string{"posts", "2024"}, "posts/2024/my-trip/"},
		{article.Hugo, "posts/2023/my-trip/index.md", []string{"posts"}, "posts/my-trip/"},
		// A translated bundle's folder is the page too; permalink.Hugo
		// drops the language from its name, this pattern does not.
		{article.Hugo, "posts/my-trip/index.fr.md", []string{"posts"}, "posts/index.fr/"},
		{article.Jekyll, "_posts/2024-01-02-x.md", []string{"_posts"}, "_posts/x/"},
	}
	pattern := permalink.Pattern{Pattern: "/:sections/:slug/"}
	for _, tt := range tests {
		site := &config.Site{Articles: dir}
		site.Generator.Dialect = tt.dialect
		got := sections(site, tt.rel)
		if !slices.Equal(got, tt.sections) {
			t.Errorf("dialect %v, %s: sections %q, want %q", tt.dialect, tt.rel, got, tt.sections)
		}
		link, _, err := pattern.Link(permalink.Page{Path: tt.rel, Sections: got})
		if err != nil || link != tt.link {
			t.Errorf("dialect %v, %s: link %q (%v), want %q", tt.dialect, tt.rel, link, err, tt.link)
		}
	}
}
