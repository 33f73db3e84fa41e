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
	"github.com/cespare/xxhash/v2"

	"bufio"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/feedpub/feedpub/internal/filelist"
	"github.com/feedpub/feedpub/internal/output"
)

// version changes whenever the format or the meaning of an Entry does.
const version = 11

// Entry is what a build learned of one article file.
type Entry struct {
	Path    string
	Size    int64
	ModTime int64  // Unix nanoseconds
	Hash    uint64 // of the file's bytes (see Hash): decides when only the time changed
	Draft   bool
	URLHash uint64
	IDHash  uint64
	// The publication date as Unix seconds and nanoseconds (Unix
	// nanoseconds alone end in 2262).
	PublishedSec  int64
	PublishedNsec int32
	Terms         []string // the feed families the article belongs to
	// Order is what Hugo orders articles of one date by; nil on other
	// sites, where it costs an entry one word.
	Order *Order
}

// Order is a Hugo page's weight and title.
type Order struct {
	Weight int32
	Title  string
}

// Stamp is an output file's size, modification time and contents' hash as
// written.
type Stamp struct {
	Size    int64
	ModTime int64
	Hash    uint64
}

// Cache is what one build leaves for the next.
type Cache struct {
	Version int
	Key     string // the settings and program that made it
	// Entries are sorted by Path, as the build lists files, so the two
	// can be merged without a map: a map of 100,000 entries would cost
	// tens of megabytes.
	Entries []Entry
	// Source, when set, gives the entries to save in place of Entries,
	// made as they are written, so that a build need not hold them all
	// beside what it made them from. Count is how many it gives.
	Source  func(yield func(Entry) bool)
	Count   int
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
	// Articles are the article pages the build wrote, sorted by the
	// article file's path, so that a rebuild keeps the page of an article
	// that did not change, and the files it copied, without reading the
	// article. ArticleSource, when set, gives them in place of Articles,
	// ArticleCount of them, as Source does the entries: a build records
	// its pages by the article's place in its list of files, without a
	// copy of each path.
	Articles      []ArticlePage
	ArticleSource func(yield func(ArticlePage) bool)
	ArticleCount  int
	// OutputCount is how many Outputs the saved cache holds: they are
	// saved in chunks after the entries, as the articles are, so that
	// saving a build of many pages never encodes them all at once.
	// OutputSource, when set, gives OutputCount of them in place of
	// Outputs, in the order of their paths, each path once: a build of
	// many pages records its files' stamps without a map of them.
	OutputCount  int
	OutputSource func(yield func(path string, s Stamp) bool)
}

// ArticlePage is one article's page as a build wrote it.
type ArticlePage struct {
	Path   string // the article file; "" where the place in the list of files says which
	Hash   uint64 // of the article file's bytes (see Hash) the page was made from
	Name   string // the page, relative to the output directory
	Copies []Copy // the local files its body references, as copied
	// Missing says its body references a local file that was not there
	// when the page was made: each build makes the page again, looks
	// for the file, warns while it is still missing and copies it once
	// it is there. A flag, not the file: a build of many pages holds no
	// path for each.
	Missing bool
}

// Article returns the page of the article file at path that the cache
// recorded, if it did.
func (c *Cache) Article(path string) (ArticlePage, bool) {
	k, ok := slices.BinarySearchFunc(c.Articles, path, func(a ArticlePage, p string) int { return strings.Compare(a.Path, p) })
	if !ok {
		return ArticlePage{}, false
	}
	return c.Articles[k], true
}

// outputStamp is one of Outputs as saved.
type outputStamp struct {
	Path  string
	Stamp Stamp
}

// Copy is a local file an article page's body references, copied into
// the output directory.
type Copy struct {
	Source string // the file copied, below the articles directory
	Name   string // where it went, relative to the output directory
	Stamp  Stamp  // the source's size, time and hash as copied
}

// New returns an empty cache for key.
func New(key string) *Cache {
	return &Cache{Version: version, Key: key, Outputs: map[string]Stamp{}, Pages: map[int]uint64{}, Families: map[string]uint64{}}
}

// Match returns, for each of files, the index of its entry in
// c.Entries, or -1 when there is none.
func (c *Cache) Match(files *filelist.List) []int32 {
	out := make([]int32, files.Len())
	j := 0
	files.Each(func(i int, p []byte) bool {
		for j < len(c.Entries) && c.Entries[j].Path < string(p) {
			j++
		}
		out[i] = -1
		if j < len(c.Entries) && c.Entries[j].Path == string(p) {
			out[i] = int32(j)
		}
		return true
	})
	return out
}

// Load reads the cache at path. It returns nil, and the reason, when
// there is none to use: the file is missing, cannot be decoded, or was
// made by another format version or with other settings than key.
func Load(path, key string) (*Cache, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the cache: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("reading the cache: %w", err)
	}
	// Decoded as it is read: the cache of a build of many pages is tens
	// of megabytes, which memory need not hold beside what they decode to.
	size := st.Size()
	var c Cache
	dec := gob.NewDecoder(bufio.NewReaderSize(f, 256<<10))
	damaged := func(err error) (*Cache, error) {
		return nil, fmt.Errorf("the cache %s is damaged (%v); building without it", path, err)
	}
	if err := dec.Decode(&c); err != nil {
		return damaged(err)
	}
	if c.Version != version || c.Key != key {
		return nil, nil // made by another version or with other settings
	}
	if c.Count < 0 || int64(c.Count) > size { // every entry takes bytes
		return damaged(fmt.Errorf("it claims %d entries", c.Count))
	}
	if c.OutputCount < 0 || int64(c.OutputCount) > size || c.ArticleCount < 0 || int64(c.ArticleCount) > size {
		return damaged(fmt.Errorf("it claims %d outputs and %d pages", c.OutputCount, c.ArticleCount))
	}
	c.Entries = make([]Entry, 0, c.Count)
	for len(c.Entries) < c.Count {
		var chunk []Entry
		if err := dec.Decode(&chunk); err != nil {
			return damaged(err)
		}
		c.Entries = append(c.Entries, chunk...)
	}
	if len(c.Entries) != c.Count {
		return damaged(fmt.Errorf("%d entries, not %d", len(c.Entries), c.Count))
	}
	if c.Pages == nil {
		c.Pages = map[int]uint64{}
	}
	if c.Families == nil {
		c.Families = map[string]uint64{}
	}
	if err := loadRest(dec, &c); err != nil {
		return damaged(err)
	}
	return &c, nil
}

// Save writes the cache to path atomically. It does not wait for the
// disk: a cache lost to a crash is only a slower next build. The entries,
// the outputs and the article pages go in chunks after the rest, the
// entries from Source and the pages from ArticleSource when they are set.
func (c *Cache) Save(path string) error {
	head := *c
	head.Entries, head.Source, head.Outputs, head.Articles, head.ArticleSource, head.OutputSource = nil, nil, nil, nil, nil, nil
	source := c.Source
	if source == nil {
		head.Count = len(c.Entries)
		source = slices.Values(c.Entries)
	}
	pages := c.ArticleSource
	if pages == nil {
		head.ArticleCount = len(c.Articles)
		pages = slices.Values(c.Articles)
	}
	outputs := c.OutputSource
	if outputs == nil {
		head.OutputCount = len(c.Outputs)
		outputs = sortedOutputs(c.Outputs)
	}
	return output.StreamNoSync(path, func(w io.Writer) error {
		enc := gob.NewEncoder(w)
		if err := enc.Encode(&head); err != nil {
			return fmt.Errorf("encoding the cache: %w", err)
		}
		if err := saveChunks(enc, "entries", head.Count, source); err != nil {
			return err
		}
		stamps := func(yield func(outputStamp) bool) {
			outputs(func(p string, s Stamp) bool { return yield(outputStamp{p, s}) })
		}
		if err := saveChunks(enc, "outputs", head.OutputCount, stamps); err != nil {
			return err
		}
		return saveChunks(enc, "article pages", head.ArticleCount, pages)
	})
}

// sortedOutputs gives the stamps of outputs in the order of their paths.
func sortedOutputs(outputs map[string]Stamp) func(yield func(string, Stamp) bool) {
	return func(yield func(string, Stamp) bool) {
		names := make([]string, 0, len(outputs)) // not grown twice over
		for p := range outputs {
			names = append(names, p)
		}
		slices.Sort(names)
		for _, p := range names {
			if !yield(p, outputs[p]) {
				return
			}
		}
	}
}

// saveChunks encodes what source gives, saveChunk at a time; it must
// give count of them.
func saveChunks[T any](enc *gob.Encoder, what string, count int, source func(yield func(T) bool)) error {
	chunk := make([]T, 0, saveChunk)
	var err error
	n := 0
	flush := func() bool {
		if len(chunk) > 0 {
			err = enc.Encode(chunk)
		}
		chunk = chunk[:0]
		return err == nil
	}
	source(func(v T) bool {
		n++
		chunk = append(chunk, v)
		return len(chunk) < saveChunk || flush()
	})
	if flush(); err != nil {
		return fmt.Errorf("encoding the cache: %w", err)
	}
	if n != count {
		return fmt.Errorf("encoding the cache: %d %s given, not %d", n, what, count)
	}
	return nil
}

// loadChunks decodes count values that saveChunks encoded, passing each
// chunk to add.
func loadChunks[T any](dec *gob.Decoder, count int, add func([]T)) error {
	for n := 0; n < count; {
		var chunk []T
		if err := dec.Decode(&chunk); err != nil {
			return err
		}
		if len(chunk) == 0 || n+len(chunk) > count {
			return fmt.Errorf("%d values, not %d", n+len(chunk), count)
		}
		n += len(chunk)
		add(chunk)
	}
	return nil
}

// loadRest decodes the outputs and the article pages that follow the
// entries.
func loadRest(dec *gob.Decoder, c *Cache) error {
	c.Outputs = make(map[string]Stamp, c.OutputCount)
	err := loadChunks(dec, c.OutputCount, func(chunk []outputStamp) {
		for _, o := range chunk {
			c.Outputs[o.Path] = o.Stamp
		}
	})
	if err != nil {
		return err
	}
	c.Articles = make([]ArticlePage, 0, c.ArticleCount)
	if err := loadChunks(dec, c.ArticleCount, func(chunk []ArticlePage) { c.Articles = append(c.Articles, chunk...) }); err != nil {
		return err
	}
	if !slices.IsSortedFunc(c.Articles, func(a, b ArticlePage) int { return strings.Compare(a.Path, b.Path) }) {
		return errors.New("its article pages are out of order")
	}
	c.ArticleCount, c.OutputCount = 0, 0
	return nil
}

// saveChunk is how many entries Save encodes at once.
const saveChunk = 4096

// Hash is the hash of a file's bytes that entries and stamps record:
// xxHash's 64 bits, fast enough to read every file of a large archive
// when a fresh checkout has given each a new modification time.
func Hash(b []byte) uint64 { return xxhash.Sum64(b) }

// StampOf returns the stamp of the file at path as it is now. prev is
// what the cache recorded of it: when the size and time are the same, its
// hash is taken as it is; otherwise the file is read and hashed.
func StampOf(path string, prev Stamp) (Stamp, bool) {
	st, err := os.Stat(path)
	if err != nil {
		return Stamp{}, false
	}
	s := Stamp{Size: st.Size(), ModTime: st.ModTime().UnixNano()}
	if s.Size == prev.Size && s.ModTime == prev.ModTime {
		s.Hash = prev.Hash
		return s, true
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return Stamp{}, false
	}
	s.Hash = Hash(data)
	return s, true
}

// StampMade is the stamp of the file at path just written, or found the
// same, with bytes of the given Hash: only its time is read from disk.
func StampMade(path string, hash uint64) (Stamp, bool) {
	st, err := os.Stat(path)
	if err != nil {
		return Stamp{}, false
	}
	return Stamp{Size: st.Size(), ModTime: st.ModTime().UnixNano(), Hash: hash}, true
}

// Intact reports whether the file at path is as want records it: the
// same size, and the same modification time or, when only the time
// changed (a fresh checkout, a restored backup), the same bytes. It
// returns the file's stamp as it is now, for the next build to record.
func Intact(path string, want Stamp) (Stamp, bool) {
	st, err := os.Stat(path)
	if err != nil || st.Size() != want.Size {
		return Stamp{}, false
	}
	now := Stamp{Size: want.Size, ModTime: st.ModTime().UnixNano(), Hash: want.Hash}
	if now.ModTime == want.ModTime {
		return now, true
	}
	data, err := os.ReadFile(path)
	if err != nil || int64(len(data)) != want.Size || Hash(data) != want.Hash {
		return Stamp{}, false
	}
	return now, true
}
