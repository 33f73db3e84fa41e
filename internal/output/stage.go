package output

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

// A stage holds finished temporary files until every file of a build is
// made, then puts them all in place at once: a build that fails while its
// files are being made replaces none of them.
//
// Each temporary file is named after the file it replaces and a number
// drawn once for the stage, so that the stage keeps only the names of
// the files, relative to dir as the build's files name them, however
// many files a build writes: their full paths are made when needed. A
// file made otherwise (see add) has its name kept beside.
type stage struct {
	dir     string            // the folder the names are relative to; "" for names that are paths
	pending []string          // the names of the files to replace, in order
	named   map[string]string // by name: a temporary file not named by tmp
	suffix  string
}

// path is the file name names, below the stage's folder.
func (s *stage) path(name string) string { return filepath.Join(s.dir, filepath.FromSlash(name)) }

// tmp is the path of the temporary file that replaces the file name.
func (s *stage) tmp(name string) string {
	if t, ok := s.named[name]; ok {
		return t
	}
	if s.suffix == "" {
		s.suffix = strconv.FormatUint(rand.Uint64(), 10)
	}
	path := s.path(name)
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp-"+s.suffix)
}

// create makes the temporary file for the file name, and its folder if
// need be; fresh says the file is not there, so that its folder may not
// be either.
func (s *stage) create(file string, fresh bool) (*os.File, error) {
	path := s.path(file)
	name := s.tmp(file)
	mkdir := func() error { // one call for a new folder whose parent is there
		dir := filepath.Dir(path)
		if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return fmt.Errorf("creating %s: %w", dir, err)
			}
		}
		return nil
	}
	if fresh {
		if err := mkdir(); err != nil {
			return nil, err
		}
	}
	t, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if !fresh && errors.Is(err, fs.ErrNotExist) {
		if err := mkdir(); err != nil {
			return nil, err
		}
		t, err = os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	}
	if errors.Is(err, fs.ErrExist) {
		// Left by a build that drew the same number: another name.
		if t, err = os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*"); err == nil {
			if s.named == nil {
				s.named = map[string]string{}
			}
			s.named[file] = t.Name()
		}
	}
	if err != nil {
		if derr := os.MkdirAll(filepath.Dir(path), 0o755); derr != nil {
			return nil, fmt.Errorf("creating %s: %w", filepath.Dir(path), derr)
		}
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	return t, nil
}

// add makes the temporary file t readable, closes it and keeps it for
// commit: t is one that create made for the file name, or another file.
func (s *stage) add(t *os.File, name string) error {
	path := s.path(name)
	if err := t.Chmod(0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := t.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if t.Name() != s.tmp(name) {
		if s.named == nil {
			s.named = map[string]string{}
		}
		s.named[name] = t.Name()
	}
	s.pending = append(s.pending, name)
	return nil
}

// discard removes every temporary file not yet committed.
func (s *stage) discard() {
	for _, p := range s.pending {
		os.Remove(s.tmp(p))
	}
	s.pending, s.named = nil, nil
}

// commit makes every temporary file durable, renames each over its path,
// and makes the renames durable. The file system below dir is synced as a
// whole where the system can (syncfs), which costs one call however many
// files a build writes; elsewhere each file and folder is synced.
func (s *stage) commit(dir string) error {
	if len(s.pending) == 0 {
		return nil
	}
	if err := syncAll(dir, s); err != nil {
		s.discard()
		return err
	}
	for k, n := range s.pending {
		if err := os.Rename(s.tmp(n), s.path(n)); err != nil {
			s.pending = s.pending[k:]
			s.discard()
			return fmt.Errorf("replacing %s: %w", s.path(n), err)
		}
	}
	err := syncDirs(dir, s)
	s.pending, s.named = nil, nil
	return err
}

// syncEach syncs every temporary file, for systems without syncfs.
func syncEach(s *stage) error {
	for _, n := range s.pending {
		f, err := os.OpenFile(s.tmp(n), os.O_RDWR, 0)
		if err != nil {
			return fmt.Errorf("syncing %s: %w", s.path(n), err)
		}
		err = f.Sync()
		f.Close()
		if err != nil {
			return fmt.Errorf("syncing %s: %w", s.path(n), err)
		}
	}
	return nil
}

// syncEachDir syncs every folder that gained a file (the stage's files
// replaced); not every file system supports it, so failures are ignored.
func syncEachDir(s *stage) {
	dirs := map[string]bool{}
	for _, n := range s.pending {
		dirs[filepath.Dir(s.path(n))] = true
	}
	for d := range dirs {
		if f, err := os.Open(d); err == nil {
			f.Sync()
			f.Close()
		}
	}
}
