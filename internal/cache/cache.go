// Package cache remembers, from one build to the next, what the first
// phase learned of each article file, keyed by the file's path, size and
// modification time and by the settings the build ran with. A rebuild
// then reads only the files that changed, and one where nothing changed
// reads none and writes nothing.
//
// A cache that is missing, unreadable, of another format version or made
// with other settings is ignored, never trusted.
package cache

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/feedpub/feedpub/internal/output"
)

// version changes whenever the format or the meaning of an Entry does.
const version = 4

// Entry is what a build learned of one article file.
type Entry struct {
	Path    string
	Size    int64
	ModTime int64 // Unix nanoseconds
	Draft   bool
	URLHash uint64
	IDHash  uint64
	// The publication date as Unix seconds and nanoseconds (Unix
	// nanoseconds alone end in 2262).
	PublishedSec  int64
	PublishedNsec int32
	ID            string
	Terms         []string // the feed families the article belongs to
}

// Stamp is an output file's size and modification time as written.
type Stamp struct {
	Size    int64
	ModTime int64
}

// Cache is what one build leaves for the next.
type Cache struct {
	Version int
	Key     string // the settings and program that made it
	// Entries are sorted by Path, as the build lists files, so the two
	// can be merged without a map: a map of 100,000 entries would cost
	// tens of megabytes.
	Entries []Entry
	Chosen  []string         // the articles the main feed held, in order
	Outputs map[string]Stamp // by output file path
	// Selection sums up which articles every feed and archive document
	// held, so a rebuild knows when none changed.
	Selection uint64
	// Pages sums up each archive document's articles, by its number, so
	// that a rebuild renders only the documents that changed.
	Pages map[int]uint64
	// Families sums up each family's articles, by its folder, so that a
	// rebuild renders only the family feeds that changed.
	Families map[string]uint64
}

// New returns an empty cache for key.
func New(key string) *Cache {
	return &Cache{Version: version, Key: key, Outputs: map[string]Stamp{}, Pages: map[int]uint64{}, Families: map[string]uint64{}}
}

// Match returns, for each of paths (sorted), the index of its entry in
// c.Entries, or -1 when there is none.
func (c *Cache) Match(paths []string) []int32 {
	out := make([]int32, len(paths))
	j := 0
	for i, p := range paths {
		for j < len(c.Entries) && c.Entries[j].Path < p {
			j++
		}
		out[i] = -1
		if j < len(c.Entries) && c.Entries[j].Path == p {
			out[i] = int32(j)
		}
	}
	return out
}

// Load reads the cache at path. It returns nil, and the reason, when
// there is none to use: the file is missing, cannot be decoded, or was
// made by another format version or with other settings than key.
func Load(path, key string) (*Cache, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the cache: %w", err)
	}
	var c Cache
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&c); err != nil {
		return nil, fmt.Errorf("the cache %s is damaged (%v); building without it", path, err)
	}
	if c.Version != version || c.Key != key {
		return nil, nil // made by another version or with other settings
	}
	if c.Outputs == nil {
		c.Outputs = map[string]Stamp{}
	}
	if c.Pages == nil {
		c.Pages = map[int]uint64{}
	}
	if c.Families == nil {
		c.Families = map[string]uint64{}
	}
	return &c, nil
}

// Save writes the cache to path atomically. It does not wait for the
// disk: a cache lost to a crash is only a slower next build.
func (c *Cache) Save(path string) error {
	return output.StreamNoSync(path, func(w io.Writer) error {
		if err := gob.NewEncoder(w).Encode(c); err != nil {
			return fmt.Errorf("encoding the cache: %w", err)
		}
		return nil
	})
}

// StampOf returns the stamp of the file at path as it is now.
func StampOf(path string) (Stamp, bool) {
	st, err := os.Stat(path)
	if err != nil {
		return Stamp{}, false
	}
	return Stamp{Size: st.Size(), ModTime: st.ModTime().UnixNano()}, true
}
