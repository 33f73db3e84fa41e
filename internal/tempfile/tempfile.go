// Package tempfile makes the temporary files a build keeps its large
// intermediate data in (archive items, hashes, cache entries): each is
// unlinked as soon as it is made where the system allows, so that nothing
// stays behind however the process ends, and removed by Close elsewhere.
package tempfile

import (
	"errors"
	"os"
)

// File is an open temporary file.
type File struct {
	*os.File
	name string // to remove on Close; "" once removed
}

// New makes a temporary file in dir (os.TempDir when empty) whose name
// follows pattern, as os.CreateTemp does.
func New(dir, pattern string) (*File, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	t := &File{File: f, name: f.Name()}
	if os.Remove(f.Name()) == nil { // the open file stays usable
		t.name = ""
	}
	return t, nil
}

// Close closes the file and removes it if it is still there.
func (t *File) Close() error {
	err := t.File.Close()
	if t.name != "" {
		err = errors.Join(err, os.Remove(t.name))
		t.name = ""
	}
	return err
}
