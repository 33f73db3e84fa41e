package output

import (
	"fmt"
	"os"
	"path/filepath"
)

// A stage holds finished temporary files until every file of a build is
// made, then puts them all in place at once: a build that fails while its
// files are being made replaces none of them.
type stage struct {
	pending []staged
}

// staged is a finished, closed temporary file and the path it replaces.
type staged struct {
	tmp, path string
}

// add makes the temporary file t readable, closes it and keeps it for
// commit.
func (s *stage) add(t *os.File, path string) error {
	if err := t.Chmod(0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := t.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	s.pending = append(s.pending, staged{t.Name(), path})
	return nil
}

// discard removes every temporary file not yet committed.
func (s *stage) discard() {
	for _, p := range s.pending {
		os.Remove(p.tmp)
	}
	s.pending = nil
}

// commit makes every temporary file durable, renames each over its path,
// and makes the renames durable. The file system below dir is synced as a
// whole where the system can (syncfs), which costs one call however many
// files a build writes; elsewhere each file and folder is synced.
func (s *stage) commit(dir string) error {
	if len(s.pending) == 0 {
		return nil
	}
	if err := syncAll(dir, s.pending); err != nil {
		s.discard()
		return err
	}
	for k, p := range s.pending {
		if err := os.Rename(p.tmp, p.path); err != nil {
			s.pending = s.pending[k:]
			s.discard()
			return fmt.Errorf("replacing %s: %w", p.path, err)
		}
	}
	dirs := map[string]bool{}
	for _, p := range s.pending {
		dirs[filepath.Dir(p.path)] = true
	}
	s.pending = nil
	return syncDirs(dir, dirs)
}

// syncEach syncs every temporary file, for systems without syncfs.
func syncEach(files []staged) error {
	for _, p := range files {
		f, err := os.OpenFile(p.tmp, os.O_RDWR, 0)
		if err != nil {
			return fmt.Errorf("syncing %s: %w", p.path, err)
		}
		err = f.Sync()
		f.Close()
		if err != nil {
			return fmt.Errorf("syncing %s: %w", p.path, err)
		}
	}
	return nil
}

// syncEachDir syncs every folder that gained a file; not every file system
// supports it, so failures are ignored.
func syncEachDir(dirs map[string]bool) {
	for d := range dirs {
		if f, err := os.Open(d); err == nil {
			f.Sync()
			f.Close()
		}
	}
}
