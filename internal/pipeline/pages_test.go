package pipeline

import (
	"bytes"
	"errors"

	"github.com/feedpub/feedpub/internal/feedcheck"
	"github.com/feedpub/feedpub/internal/layout"
	"github.com/feedpub/feedpub/internal/output"
)

// articleFile reports whether f is an article page or a file one copies.
func articleFile(f output.File) bool {
	return f.Kind == layout.ArticlePage.String() || f.Kind == layout.Asset.String()
}

// safePage checks a page feedpub wrote: an article's page as its
// template around a body that must be as safe as feeds carry it, any
// other as SafePage does.
func safePage(data []byte) error {
	open, end := []byte("<div class=\"body\">\n"), []byte("\n</div>\n</article>")
	i, j := bytes.Index(data, open), bytes.LastIndex(data, end)
	if i < 0 {
		return feedcheck.SafePage(data)
	}
	if j < i {
		return errors.New("an article page whose body does not end")
	}
	if err := feedcheck.SafeHTML(string(data[i+len(open) : j])); err != nil {
		return err
	}
	return feedcheck.SafePage(append(bytes.Clone(data[:i]), data[j:]...))
}
