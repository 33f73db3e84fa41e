package article

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// walkSorted is filepath.WalkDir visiting the paths in the order they
// sort in as strings, so that a listing needs no sort afterwards.
// WalkDir takes a folder's entries by name, which puts "x/a.md" (below
// the folder x) before "x-y.md" although '-' sorts before '/'; here a
// folder's entries are ordered as their paths below it sort, a folder's
// name with a separator after it. Unlike WalkDir it follows root when
// root is a symbolic link, as a site whose content folder is a link to
// another place expects; links below it are not followed.
func walkSorted(root string, fn fs.WalkDirFunc) error {
	info, err := os.Stat(root)
	if err != nil {
		err = fn(root, nil, err)
	} else {
		err = walkDir(root, fs.FileInfoToDirEntry(info), fn)
	}
	if err == filepath.SkipDir || err == filepath.SkipAll {
		return nil
	}
	return err
}

func walkDir(path string, d fs.DirEntry, fn fs.WalkDirFunc) error {
	if err := fn(path, d, nil); err != nil || !d.IsDir() {
		if err == filepath.SkipDir && d.IsDir() {
			err = nil // skip the folder's contents
		}
		return err
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		// As WalkDir does: a second call, with the error.
		if err = fn(path, d, err); err != nil {
			if err == filepath.SkipDir && d.IsDir() {
				err = nil
			}
			return err
		}
	}
	slices.SortFunc(entries, compareEntries)
	for _, e := range entries {
		if err := walkDir(filepath.Join(path, e.Name()), e, fn); err != nil {
			if err == filepath.SkipDir {
				break
			}
			return err
		}
	}
	return nil
}

// compareEntries orders two entries of one folder as the paths below it
// that they start sort: a folder's name is followed by a separator.
func compareEntries(a, b fs.DirEntry) int {
	an, bn := a.Name(), b.Name()
	n := min(len(an), len(bn))
	if an[:n] != bn[:n] || len(an) == len(bn) {
		return strings.Compare(an, bn)
	}
	// One name starts the other: what follows the shorter decides.
	if len(an) < len(bn) {
		return compareNext(a.IsDir(), bn[n])
	}
	return -compareNext(b.IsDir(), an[n])
}

// compareNext compares the end of a name (a separator after a folder's)
// with the byte c that a longer name goes on with.
func compareNext(dir bool, c byte) int {
	if dir && filepath.Separator > c {
		return 1
	}
	return -1
}
