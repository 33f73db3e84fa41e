package article

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/filelist"
)

// DefaultMaxSize is the largest article file read unless configured
// otherwise.
const DefaultMaxSize = 10 << 20

// IsArticle reports whether a file name is an article's: Markdown, and not
// a Hugo section page (_index.md) or a hidden file.
func IsArticle(name string) bool {
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_index.") {
		return false
	}
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".md" || ext == ".markdown"
}

// isArticle reports whether the file at path, below dir, is an article
// in the dialect.
func (d Dialect) isArticle(dir, path string) bool {
	name := filepath.Base(path)
	ext := strings.ToLower(filepath.Ext(name))
	switch d {
	case Hugo:
		return !strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "_index.") &&
			(ext == ".md" || ext == ".markdown" || ext == ".html" || ext == ".htm")
	case Jekyll:
		rel, err := filepath.Rel(dir, path)
		if err != nil || strings.HasPrefix(name, ".") {
			return false
		}
		parts := strings.Split(filepath.ToSlash(rel), "/")
		in := false
		for _, p := range parts[:len(parts)-1] {
			in = in || p == "_posts" || p == "_drafts"
		}
		if !in {
			return false
		}
		switch ext {
		case ".md", ".markdown", ".mkdown", ".mkdn", ".mkd", ".mdown", ".html", ".htm":
			return slices.Contains(parts, "_drafts") || jekyllPrefix.MatchString(name)
		}
		return false
	}
	return IsArticle(name)
}

// jekyllSkipsDir reports whether Jekyll never reads posts below a folder
// of this name: its output, and the folders it excludes by default.
func jekyllSkipsDir(name string) bool {
	switch name {
	case "_site", "node_modules", "vendor", "_sass", "_includes", "_layouts", "_data":
		return true
	}
	return false
}

// hugoPages drops what Hugo takes for a leaf bundle's resources: every
// file below a folder that holds an index file, but that file.
func hugoPages(files *filelist.List) *filelist.List {
	bundles := map[string]bool{}
	files.Each(func(_ int, p []byte) bool {
		path := string(p)
		base := filepath.Base(path)
		if isIndex(base) {
			bundles[filepath.Dir(path)] = true
		}
		return true
	})
	if len(bundles) == 0 {
		return files
	}
	return files.Filter(func(_ int, p []byte) bool {
		path := string(p)
		dir := filepath.Dir(path)
		base := filepath.Base(path)
		resource := false
		if bundles[dir] && !isIndex(base) {
			resource = true
		}
		for d := filepath.Dir(dir); !resource && d != dir && d != "." && d != string(filepath.Separator); d = filepath.Dir(d) {
			resource = bundles[d]
			dir = d
		}
		return !resource
	})
}

// isIndex reports whether a file names a leaf bundle's page: index.md,
// or a translation of it, index.fr.md.
func isIndex(base string) bool {
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	lang, ok := strings.CutPrefix(stem, "index.")
	return stem == "index" || ok && lang != "" && !strings.Contains(lang, ".")
}

// Find lists the article files below dir, sorted by path, with their size
// and modification time (a link's target's). Symbolic links are
// followed to files inside dir only: a link that leaves dir, loops or
// points nowhere is a problem, and links to folders are not followed
// (what they point to inside dir is read anyway); dir itself may be a
// link to a folder. Files that are not regular files, such as pipes, are
// problems too.
func Find(dir string) (*filelist.List, diag.List, error) {
	return FindWith(dir, Feedpub)
}

// FindWith is Find by a dialect's rules: Hugo's content folder keeps
// only the pages Hugo makes (no _index files, and in a leaf bundle only
// its index file), a Jekyll site only its posts (in _posts folders, and in
// _drafts folders, which the caller marks as drafts).
func FindWith(dir string, dialect Dialect) (*filelist.List, diag.List, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("articles directory: %w", err)
	}
	if !info.IsDir() {
		return nil, nil, fmt.Errorf("articles directory: %s is not a directory", dir)
	}
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("articles directory: %w", err)
	}
	if root, err = filepath.Abs(root); err != nil {
		return nil, nil, fmt.Errorf("articles directory: %w", err)
	}
	files := &filelist.List{}
	var problems diag.List
	err = walkSorted(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			problems = append(problems, diag.At(path, 0, 0, "cannot read: "+unwrapPath(err), "check its permissions"))
			return nil
		}
		if e.IsDir() {
			if path != dir && (strings.HasPrefix(e.Name(), ".") || dialect == Jekyll && jekyllSkipsDir(e.Name())) {
				return filepath.SkipDir
			}
			return nil
		}
		if !dialect.isArticle(dir, path) {
			return nil
		}
		mode := e.Type()
		var info fs.FileInfo
		if mode&fs.ModeSymlink != 0 {
			link, _ := os.Readlink(path)
			target, err := filepath.EvalSymlinks(path)
			if errors.Is(err, fs.ErrNotExist) {
				problems = append(problems, diag.At(path, 0, 0, fmt.Sprintf("the symbolic link points to %s, which does not exist", link),
					"point it at an existing file, or remove it"))
				return nil
			}
			if err != nil {
				problems = append(problems, diag.At(path, 0, 0, "the symbolic link loops: following it never reaches a file",
					"point it at an ordinary file, or remove it"))
				return nil
			}
			if abs, err := filepath.Abs(target); err != nil || !inside(root, abs) {
				problems = append(problems, diag.At(path, 0, 0, fmt.Sprintf("the symbolic link points outside the articles directory (to %s)", link),
					"copy the file into the articles directory instead"))
				return nil
			}
			st, err := os.Stat(target)
			if err != nil {
				problems = append(problems, diag.At(path, 0, 0, "cannot read: "+unwrapPath(err), "check its permissions"))
				return nil
			}
			if st.IsDir() {
				return nil
			}
			mode, info = st.Mode().Type(), st
		}
		if !mode.IsRegular() {
			problems = append(problems, diag.At(path, 0, 0, "not a regular file but "+kind(mode),
				"articles must be ordinary files; remove it or rename it so it does not end in .md"))
			return nil
		}
		if info == nil {
			if info, err = e.Info(); err != nil {
				problems = append(problems, diag.At(path, 0, 0, "cannot read: "+unwrapPath(err), "check its permissions"))
				return nil
			}
		}
		// The walk comes in path order, which Add checks.
		return files.Add(path, info.Size(), info.ModTime().UnixNano())
	})
	if err != nil {
		return nil, nil, fmt.Errorf("reading %s: %w", dir, err)
	}
	if dialect == Hugo {
		files = hugoPages(files)
	}
	return files, problems, nil
}

// ReadFile reads an article, refusing one larger than max bytes.
func ReadFile(path string, max int64) ([]byte, *diag.Error) {
	return ReadFileInto(nil, path, max)
}

// ReadFileInto is ReadFile reading into buf's memory when it is large
// enough, for a caller that reads many files one after another and keeps
// nothing of each: the result is only good until buf is used again. On
// Unix a regular file is read by bare system calls (readFast), half as
// many as through os.Open, with the same result.
func ReadFileInto(buf []byte, path string, max int64) ([]byte, *diag.Error) {
	if max <= 0 {
		max = DefaultMaxSize
	}
	if src, perr, ok := readFast(buf, path, max); ok {
		return src, perr
	}
	return readOpen(buf, path, max)
}

// readOpen is ReadFileInto through an *os.File: the way every file is
// read where readFast takes none, and the one for what readFast leaves,
// such as pipes and folders. max is above zero.
func readOpen(buf []byte, path string, max int64) ([]byte, *diag.Error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, diag.At(path, 0, 0, "cannot read: "+unwrapPath(err), "check its permissions")
	}
	defer f.Close()
	size := 0
	if st, err := f.Stat(); err == nil {
		if st.Size() > max {
			return nil, tooLarge(path, st.Size(), max)
		}
		size = int(st.Size())
	}
	src := buf[:0]
	if cap(src) < size+1 { // a byte more, to see the end of a regular file
		src = make([]byte, 0, size+1)
	}
	r := io.LimitReader(f, max+1)
	for {
		if len(src) == cap(src) { // not a regular file, or it grew
			src = append(src, 0)[:len(src)]
		}
		n, err := r.Read(src[len(src):cap(src)])
		src = src[:len(src)+n]
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, diag.At(path, 0, 0, "cannot read: "+unwrapPath(err), "check that it is a readable file")
		}
	}
	if int64(len(src)) > max { // it grew while being read
		return nil, tooLarge(path, int64(len(src)), max)
	}
	return src, nil
}

func tooLarge(path string, size, max int64) *diag.Error {
	return diag.At(path, 0, 0, fmt.Sprintf("the file is %s, larger than the %s limit", Size(size), Size(max)),
		"split it, or raise max_article_size in feedpub.yaml")
}

// Size formats a byte count for people: "512 B", "10 MiB", "1.5 GiB".
func Size(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	v := float64(n) / float64(div)
	s := fmt.Sprintf("%.1f", v)
	s = strings.TrimSuffix(s, ".0")
	return s + " " + string("KMGTPE"[exp]) + "iB"
}

// kind names the type of a file that is not a regular file.
func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// inside reports whether path is root or below it.
func inside(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// unwrapPath drops the path an *fs.PathError repeats, since messages
// already start with it.
func unwrapPath(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
