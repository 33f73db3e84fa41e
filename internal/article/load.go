package article

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/feedpub/feedpub/internal/diag"
)

// IsArticle reports whether a file name is an article's: Markdown, and not
// a Hugo section page (_index.md) or a hidden file.
func IsArticle(name string) bool {
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_index.") {
		return false
	}
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".md" || ext == ".markdown"
}

// LoadDir parses every article below dir, in a fixed order. Problems in
// articles are returned together as a diag.List; the error is for a
// directory that cannot be read at all.
func LoadDir(dir string, loc *time.Location) ([]*Article, diag.List, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("articles directory: %w", err)
	}
	if !info.IsDir() {
		return nil, nil, fmt.Errorf("articles directory: %s is not a directory", dir)
	}
	var paths []string
	var problems diag.List
	err = filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			problems = append(problems, diag.At(path, 0, 0, err.Error(), "check the file's permissions"))
			return nil
		}
		if e.IsDir() {
			if path != dir && strings.HasPrefix(e.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if IsArticle(e.Name()) {
			paths = append(paths, path)
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("reading %s: %w", dir, err)
	}
	sort.Strings(paths)
	var out []*Article
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			problems = append(problems, diag.At(p, 0, 0, fmt.Sprintf("cannot read the file: %v", err), "check that it is a readable file"))
			continue
		}
		a, errs := Parse(p, src, loc)
		problems = append(problems, errs...)
		if a != nil {
			out = append(out, a)
		}
	}
	return out, problems, nil
}
