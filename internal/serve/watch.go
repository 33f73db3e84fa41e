package serve

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watch calls changed once things settle after any change below the
// folders dirs (recursively, including folders created later) or to the
// files files, until ctx ends. Changes within quiet of each other make
// one call. Files are watched through their folders, since editors save
// by writing a new file and renaming it over the old one.
func Watch(ctx context.Context, dirs, files []string, quiet time.Duration, changed func()) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	for _, d := range dirs {
		if err := addTree(w, d); err != nil {
			return err
		}
	}
	wanted := map[string]bool{}
	for _, f := range files {
		abs, err := filepath.Abs(f)
		if err != nil {
			return err
		}
		wanted[abs] = true
		if err := w.Add(filepath.Dir(abs)); err != nil {
			return err
		}
	}
	inTree := func(p string) bool {
		abs, _ := filepath.Abs(p)
		for _, d := range dirs {
			d, _ = filepath.Abs(d)
			rel, err := filepath.Rel(d, abs)
			if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				return true
			}
		}
		return false
	}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			abs, _ := filepath.Abs(ev.Name)
			if !wanted[abs] && !inTree(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					addTree(w, ev.Name)
				}
			}
			timer.Reset(quiet)
		case <-timer.C:
			changed()
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			return err
		}
	}
}

// addTree watches dir and every folder below it.
func addTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return w.Add(p)
		}
		return nil
	})
}
