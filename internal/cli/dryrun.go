package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/output"
	"github.com/feedpub/feedpub/internal/pipeline"
)

// Would-be statuses: what a dry run reports for each file.
const (
	wouldWrite  output.Status = "would write"
	wouldRemove output.Status = "would remove"
)

// dryRunOutputs is writeOutputs writing nothing: it makes every file in
// memory (a group of large files a piece at a time), compares each with
// the one on disk, runs the guards as a build would, and returns what a
// build would write (wouldWrite, or Unchanged) and remove (wouldRemove).
// It creates no folder and takes no lock, so another build may be
// writing meanwhile: what it prints is what a build would have done when
// it looked.
func dryRunOutputs(site *config.Site, res *pipeline.Result, f *buildFlags, progress func(done, total int), stderr io.Writer) ([]output.Result, []output.Result, error) {
	_, stale, err := checkOutputs(site, res, f, stderr)
	if err != nil {
		return nil, nil, err
	}
	results, err := compareAll(site.Output, res.Files, progress)
	if err != nil {
		return nil, nil, err
	}
	var removed []output.Result
	for _, name := range stale {
		path := filepath.Join(site.Output, filepath.FromSlash(name))
		if st, err := os.Lstat(path); err == nil {
			removed = append(removed, output.Result{Path: path, Status: wouldRemove, Size: int(st.Size())})
		}
	}
	return results, removed, nil
}

// compareAll makes each of files and reports whether writing it below
// dir would change the file there: Unchanged, or wouldWrite.
func compareAll(dir string, files []output.File, progress func(done, total int)) ([]output.Result, error) {
	var results []output.Result
	groups := map[string]output.Result{} // by name: the results of the groups made
	for k, f := range files {
		if progress != nil {
			progress(k, len(files))
		}
		path := filepath.Join(dir, filepath.FromSlash(f.Name))
		switch {
		case f.Keep:
			st, err := os.Stat(path)
			if err != nil {
				return nil, fmt.Errorf("checking %s: %w", path, err)
			}
			results = append(results, output.Result{Path: path, Status: output.Unchanged, Size: int(st.Size())})
		case f.Group != nil:
			r, made := groups[f.Name]
			if !made {
				if err := compareGroup(dir, f.Group, groups); err != nil {
					return nil, err
				}
				r = groups[f.Name]
			}
			results = append(results, r)
		default:
			data := f.Data
			if f.Make != nil {
				var err error
				if data, err = f.Make(); err != nil {
					return nil, err
				}
			}
			c, err := openComparison(path)
			if err != nil {
				return nil, err
			}
			c.Write(data)
			results = append(results, c.result())
		}
	}
	if progress != nil {
		progress(len(files), len(files))
	}
	return results, nil
}

// compareGroup makes the files of g, each compared with its file below
// dir as it is made, and puts their results in into.
func compareGroup(dir string, g *output.Group, into map[string]output.Result) error {
	cs := make([]*comparison, len(g.Names))
	ws := make([]io.Writer, len(g.Names))
	defer func() {
		for _, c := range cs {
			c.close()
		}
	}()
	for i, name := range g.Names {
		c, err := openComparison(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			return err
		}
		cs[i], ws[i] = c, c
	}
	if err := g.Write(ws); err != nil {
		return err
	}
	for i, name := range g.Names {
		into[name] = cs[i].result()
	}
	return nil
}

// comparison is a writer that compares what is written to it with a
// file's bytes, as writing the file would, and counts them.
type comparison struct {
	*output.Comparer
	path string
	size int
}

// openComparison compares with the file at path, which may not exist.
func openComparison(path string) (*comparison, error) {
	c, err := output.CompareWith(path)
	if err != nil {
		return nil, err
	}
	return &comparison{Comparer: c, path: path}, nil
}

func (c *comparison) Write(p []byte) (int, error) {
	c.size += len(p)
	return c.Comparer.Write(p)
}

// result is what writing the file would do, once all of it is written.
func (c *comparison) result() output.Result {
	st := wouldWrite
	if c.Same() {
		st = output.Unchanged
	}
	c.Close()
	return output.Result{Path: c.path, Status: st, Size: c.size}
}

func (c *comparison) close() {
	if c != nil {
		c.Close()
	}
}
