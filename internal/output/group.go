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
)

// write writes every file of the group below dir: all to temporary files,
// then each one whose bytes differ from its old file is synced and renamed
// over it, and the rest are left untouched. On any error before the
// renames every temporary file is removed and every old file stays.
func (g *Group) write(dir string) (err error) {
	tmps := make([]*os.File, len(g.Names))
	bufs := make([]*bufio.Writer, len(g.Names))
	ws := make([]io.Writer, len(g.Names))
	defer func() {
		for _, t := range tmps {
			if t != nil {
				t.Close()
				os.Remove(t.Name())
			}
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
		ws[i] = bufs[i]
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
		same, err := sameContents(t, path)
		if err != nil {
			return err
		}
		if same {
			g.results[name] = Result{Path: path, Status: Unchanged, Size: int(st.Size())}
			continue
		}
		if err := commit(t, path); err != nil {
			return err
		}
		tmps[i] = nil
		g.results[name] = Result{Path: path, Status: Written, Size: int(st.Size())}
	}
	return nil
}

// sameContents reports whether the file at path holds what t does.
func sameContents(t *os.File, path string) (bool, error) {
	old, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("reading %s: %w", path, err)
	}
	defer old.Close()
	a, aerr := t.Stat()
	b, berr := old.Stat()
	if aerr != nil || berr != nil || a.Size() != b.Size() {
		return false, nil
	}
	if _, err := t.Seek(0, io.SeekStart); err != nil {
		return false, fmt.Errorf("reading back %s: %w", t.Name(), err)
	}
	x, y := make([]byte, 1<<20), make([]byte, 1<<20)
	for {
		n, err := io.ReadFull(t, x)
		if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
			return false, fmt.Errorf("reading back %s: %w", t.Name(), err)
		}
		m, err2 := io.ReadFull(old, y[:n])
		if err2 != nil && err2 != io.EOF && err2 != io.ErrUnexpectedEOF {
			return false, fmt.Errorf("reading %s: %w", path, err2)
		}
		if m != n || !bytes.Equal(x[:n], y[:m]) {
			return false, nil
		}
		if n < len(x) {
			return true, nil
		}
	}
}

// commit makes the temporary file t readable, syncs it and renames it over
// path, then syncs the directory.
func commit(t *os.File, path string) error {
	if err := t.Chmod(0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := t.Sync(); err != nil {
		return fmt.Errorf("syncing %s: %w", path, err)
	}
	if err := t.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(t.Name(), path); err != nil {
		os.Remove(t.Name())
		return fmt.Errorf("replacing %s: %w", path, err)
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync() // make the rename durable; not every file system supports it
		d.Close()
	}
	return nil
}
