package media

import (
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/cespare/xxhash/v2"
)

// Hash is the content hash of the file at path, under which a caller may
// cache what Probe or CheckArtwork report of it: the 64-bit xxHash of its
// bytes, the same as cache.Hash of the file's content. Unlike probing, it
// reads the whole file, so a build should hash a file only when its size
// or modification time changed.
func Hash(path string) (uint64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("reading %s: %w", path, err)
	}
	defer f.Close()
	h, err := HashReader(f)
	if err != nil {
		return 0, fmt.Errorf("reading %s: %w", path, err)
	}
	return h, nil
}

// HashReader is the content hash (see Hash) of everything r reads.
func HashReader(r io.Reader) (uint64, error) {
	d := xxhash.New()
	if _, err := io.Copy(d, r); err != nil {
		return 0, err
	}
	return d.Sum64(), nil
}

// Key is the cache key of a measurement of content whose hash is h: it
// changes with Version, so that results of an older way of measuring are
// not taken for current ones.
func Key(h uint64) string {
	return "media/" + strconv.Itoa(Version) + "/" + strconv.FormatUint(h, 16)
}
