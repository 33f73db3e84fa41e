// Package output writes feed files so that nothing is ever half-written: each
// file goes to a temporary file in the same directory, is synced to disk,
// then renamed over the old one, so a web server or a reader sees either
// the complete old file or the complete new one.
package output

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/cespare/xxhash/v2"
	"github.com/feedpub/feedpub/internal/fault"
)

// File is one file to write: its path relative to the output directory and
// its complete contents, or how to make them.
type File struct {
	Name string
	// Kind is what the file is, in the output layout's words (such as
	// "main-feed:rss"; see package layout), or "" when not known. It is
	// not written into the file: the manifest records it, so that serving
	// and publishing need not work it out from the name.
	Kind string
	Data []byte
	// Make, when set, makes the contents just before the file is written,
	// so that a build of many large files never holds them all at once.
	Make func() ([]byte, error)
	// Keep says the file is already on disk as the build would write it;
	// it is reported as unchanged and not touched.
	Keep bool
	// Group, when set, writes this file together with the others of the
	// group, in one pass, when the first of them is written.
	Group *Group
}

// A Group writes several files in one pass, each to its own writer, for
// files too large to hold in memory that are best made together (a feed
// in every format). The files are written to temporary files first and
// each replaces its old file only when Write succeeds for all of them.
type Group struct {
	Names []string // relative to the output directory, as in File.Name
	// Write writes the contents of the file Names[i] to ws[i].
	Write func(ws []io.Writer) error
	// Steps is how many times Write calls Step, for progress reports.
	Steps int

	step    func()
	results map[string]Result
}

// Step tells whoever watches the writing that Write made one of its Steps.
// It may be called from Write's goroutine only.
func (g *Group) Step() {
	if g.step != nil {
		g.step()
	}
}

// Status says what WriteAll did with a file.
type Status string

// What can happen to a file.
const (
	Written   Status = "wrote"     // the file is new or its bytes changed
	Unchanged Status = "unchanged" // the file already held these bytes; it was not touched
)

// Result is what happened to one file.
type Result struct {
	Path   string // the file's full path
	Status Status
	Size   int
	// Hash is the xxHash (64 bits) of the bytes written or found the
	// same, so that the cache need not read them back; 0 for files kept
	// without being made.
	Hash uint64
}

// WriteAll writes files below dir, creating dir if needed. A file whose
// bytes would not change is left untouched, so its modification time, and
// web caches keyed on it, stay as they were.
func WriteAll(dir string, files []File) ([]Result, error) {
	results := make([]Result, 0, len(files))
	err := WriteEach(dir, files, nil, func(_ int, r Result) { results = append(results, r) })
	return results, err
}

// WriteEach is WriteAll reporting its progress, if progress is set, as
// done of total steps (one per file, and each step of a Group), and giving
// each file's result to each, with the file's place in files, as soon as
// the file is made (before the files replace the old ones together),
// instead of returning them all: a build of many pages need not hold a
// result, and its path, for each.
// On an error each has had the results of the files made before it.
func WriteEach(dir string, files []File, progress func(done, total int), each func(k int, r Result)) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating output directory: %w", err)
	}
	total, done := 0, 0
	for _, f := range files {
		total++
		if g := f.Group; g != nil && f.Name == g.Names[0] {
			total += g.Steps
		}
	}
	step := func() {
		done++
		if progress != nil {
			progress(done, total)
		}
	}
	// Every changed file goes to a temporary file first; they replace the
	// old files together once all are made.
	st := &stage{dir: dir}
	defer st.discard()
	for k, f := range files {
		if k > 0 {
			step()
		}
		if k == len(files)/2 {
			if err := fault.At(fault.Stage); err != nil {
				return err
			}
		}
		r, err := writeOne(dir, st, f, step)
		if err != nil {
			return err
		}
		each(k, r)
	}
	if err := fault.At(fault.Commit); err != nil {
		return err
	}
	if err := st.commit(dir); err != nil {
		return err
	}
	if len(files) > 0 {
		step() // the last file
	}
	return nil
}

// writeOne makes the file f and stages it in st, unless it is kept or
// its bytes are those of the file below dir already.
func writeOne(dir string, st *stage, f File, step func()) (Result, error) {
	path := filepath.Join(dir, filepath.FromSlash(f.Name))
	if f.Keep {
		fi, err := os.Stat(path)
		if err != nil {
			return Result{}, fmt.Errorf("checking %s: %w", path, err)
		}
		return Result{Path: path, Status: Unchanged, Size: int(fi.Size())}, nil
	}
	if g := f.Group; g != nil {
		if g.results == nil {
			g.step = step
			err := g.write(dir, st)
			g.step = nil
			if err != nil {
				return Result{}, err
			}
		}
		return g.results[f.Name], nil
	}
	if f.Make != nil {
		data, err := f.Make()
		if err != nil {
			return Result{}, err
		}
		f.Data = data
	}
	old, err := os.ReadFile(path)
	if err == nil && bytes.Equal(old, f.Data) {
		return Result{Path: path, Status: Unchanged, Size: len(f.Data), Hash: xxhash.Sum64(f.Data)}, nil
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return Result{}, fmt.Errorf("reading %s: %w", path, err)
	}
	if err := stageFile(st, f.Name, f.Data, err != nil); err != nil {
		return Result{}, err
	}
	return Result{Path: path, Status: Written, Size: len(f.Data), Hash: xxhash.Sum64(f.Data)}, nil
}

// stageFile writes data to a temporary file beside the file name (below
// the stage's folder) and stages it; fresh says the file is not there.
func stageFile(st *stage, name string, data []byte, fresh bool) (err error) {
	path := st.path(name)
	tmp, err := st.create(name, fresh)
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := st.add(tmp, name); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// WriteFile replaces path with data atomically: it writes a temporary file
// beside path, syncs it, renames it over path and syncs the directory. On
// any error the old file is left as it was and the temporary file removed.
func WriteFile(path string, data []byte) error { return replace(path, bytesTo(data), true) }

// StreamNoSync replaces path with what write writes, as WriteFile does,
// without holding it all in memory and without waiting for the disk:
// after a crash the file may be empty or old, never half of the new one.
// For files, such as caches, that are only hints.
func StreamNoSync(path string, write func(io.Writer) error) error { return replace(path, write, false) }

func bytesTo(data []byte) func(io.Writer) error {
	return func(w io.Writer) error { _, err := w.Write(data); return err }
}

func replace(path string, write func(io.Writer) error, durable bool) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	buf := bufio.NewWriter(tmp)
	if err = write(buf); err == nil {
		err = buf.Flush()
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return commit(tmp, path, durable) // err, set on return, tells the cleanup
}
