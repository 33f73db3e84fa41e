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
)

// write writes every file of the group below dir to temporary files, and
// stages each one whose bytes differ from its old file, to replace it when
// the stage is committed; the rest are left untouched. On any error every
// temporary file of the group is removed.
func (g *Group) write(dir string, sg *stage) (err error) {
	tmps := make([]*os.File, len(g.Names))
	bufs := make([]*bufio.Writer, len(g.Names))
	cmps := make([]*Comparer, len(g.Names))
	ws := make([]io.Writer, len(g.Names))
	sums := make([]*xxhash.Digest, len(g.Names))
	defer func() {
		for i, t := range tmps {
			if t != nil {
				t.Close()
				os.Remove(t.Name())
			}
			cmps[i].Close()
		}
	}()
	for i, name := range g.Names {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fmt.Errorf("creating %s: %w", filepath.Dir(path), err)
		}
		if tmps[i], err = os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*"); err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
		bufs[i] = bufio.NewWriterSize(tmps[i], 1<<20)
		if cmps[i], err = CompareWith(path); err != nil {
			return err
		}
		sums[i] = xxhash.New()
		ws[i] = io.MultiWriter(bufs[i], cmps[i], sums[i])
	}
	if err := g.Write(ws); err != nil {
		return err
	}
	g.results = map[string]Result{}
	for i, name := range g.Names {
		path := filepath.Join(dir, filepath.FromSlash(name))
		t := tmps[i]
		if err := bufs[i].Flush(); err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
		st, err := t.Stat()
		if err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
		same := cmps[i].Same()
		cmps[i].Close()
		cmps[i] = nil
		if same {
			g.results[name] = Result{Path: path, Status: Unchanged, Size: int(st.Size()), Hash: sums[i].Sum64()}
			continue
		}
		tmps[i] = nil
		if err := sg.add(t, name); err != nil {
			os.Remove(t.Name())
			return err
		}
		g.results[name] = Result{Path: path, Status: Written, Size: int(st.Size()), Hash: sums[i].Sum64()}
	}
	return nil
}

// A Comparer compares what is written to it with a file's contents as it
// goes, so that a large file need not be read back to learn that it did
// not change.
type Comparer struct {
	old     *os.File
	r       *bufio.Reader
	differs bool
	scratch []byte
}

// CompareWith compares with the file at path; a missing file differs.
func CompareWith(path string) (*Comparer, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &Comparer{differs: true}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	return &Comparer{old: f, r: bufio.NewReaderSize(f, 1<<20)}, nil
}

func (c *Comparer) Write(p []byte) (int, error) {
	for rest := p; len(rest) > 0 && !c.differs; {
		n := min(len(rest), 64<<10)
		if cap(c.scratch) < n {
			c.scratch = make([]byte, 64<<10)
		}
		got := c.scratch[:n]
		if _, err := io.ReadFull(c.r, got); err != nil || !bytes.Equal(got, rest[:n]) {
			c.differs = true // shorter, unreadable or different: write the new file
		}
		rest = rest[n:]
	}
	return len(p), nil
}

// Same reports whether everything written is the whole old file.
func (c *Comparer) Same() bool {
	if c.differs {
		return false
	}
	_, err := c.r.ReadByte()
	return errors.Is(err, io.EOF)
}

// Close lets the old file go; a nil Comparer has none.
func (c *Comparer) Close() {
	if c != nil && c.old != nil {
		c.old.Close()
		c.old = nil
	}
}

// commit makes the temporary file t readable, closes it and renames it
// over path; when durable, it syncs the file first and the directory
// after, so that the new file survives a crash.
func commit(t *os.File, path string, durable bool) error {
	if err := t.Chmod(0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if durable {
		if err := t.Sync(); err != nil {
			return fmt.Errorf("syncing %s: %w", path, err)
		}
	}
	if err := t.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(t.Name(), path); err != nil {
		os.Remove(t.Name())
		return fmt.Errorf("replacing %s: %w", path, err)
	}
	if !durable {
		return nil
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync() // make the rename durable; not every file system supports it
		d.Close()
	}
	return nil
}
