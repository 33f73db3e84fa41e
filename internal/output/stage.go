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
// Each temporary file is named after the path it replaces and a number
// drawn once for the stage, so that the stage keeps only the paths, which
// the results hold already, however many files a build writes; a file
// made otherwise (see add) has its name kept beside.
type stage struct {
	pending []string          // the paths to replace, in order
	named   map[string]string // by path: a temporary file not named by tmp
	suffix  string
}

// tmp is the name of the temporary file that replaces path.
func (s *stage) tmp(path string) string {
	if t, ok := s.named[path]; ok {
		return t
	}
	if s.suffix == "" {
		s.suffix = strconv.FormatUint(rand.Uint64(), 10)
	}
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp-"+s.suffix)
}

// create makes the temporary file for path, and its folder if need be;
// fresh says path is not there, so that its folder may not be either.
func (s *stage) create(path string, fresh bool) (*os.File, error) {
	name := s.tmp(path)
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
			s.named[path] = t.Name()
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
// commit: t is one that create made for path, or another file.
func (s *stage) add(t *os.File, path string) error {
	if err := t.Chmod(0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := t.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if t.Name() != s.tmp(path) {
		if s.named == nil {
			s.named = map[string]string{}
		}
		s.named[path] = t.Name()
	}
	s.pending = append(s.pending, path)
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
	for k, p := range s.pending {
		if err := os.Rename(s.tmp(p), p); err != nil {
			s.pending = s.pending[k:]
			s.discard()
			return fmt.Errorf("replacing %s: %w", p, err)
		}
	}
	pending := s.pending
	s.pending, s.named = nil, nil
	return syncDirs(dir, pending)
}

// syncEach syncs every temporary file, for systems without syncfs.
func syncEach(s *stage) error {
	for _, p := range s.pending {
		f, err := os.OpenFile(s.tmp(p), os.O_RDWR, 0)
		if err != nil {
			return fmt.Errorf("syncing %s: %w", p, err)
		}
		err = f.Sync()
		f.Close()
		if err != nil {
			return fmt.Errorf("syncing %s: %w", p, err)
		}
	}
	return nil
}

// syncEachDir syncs every folder that gained a file (paths replaced);
// not every file system supports it, so failures are ignored.
func syncEachDir(paths []string) {
	dirs := map[string]bool{}
	for _, p := range paths {
		dirs[filepath.Dir(p)] = true
	}
	for d := range dirs {
		if f, err := os.Open(d); err == nil {
			f.Sync()
			f.Close()
		}
	}
}
