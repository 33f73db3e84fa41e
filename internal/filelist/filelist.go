// Package filelist keeps the list of a build's article files, each with
// its size and modification time, sorted by path and compact: a path is
// stored as the part it does not share with the one before it, in a few
// large blocks of memory that hold no pointers. A million files then take
// about 40 MB rather than 100, and the collector has nothing in them to
// follow.
package filelist

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
)

// List is a sorted list of files. The zero value is an empty list; files
// are added in order with Add.
type List struct {
	blocks [][]byte
	starts []uint32 // where every restart-th record starts: block<<blockBits | offset
	n      int
	last   []byte // the path added last
	mtime  int64  // the time added last
}

const (
	blockBits = 16
	blockSize = 1 << blockBits
	maxBlocks = 1 << (32 - blockBits)
	// restart is how often a record holds its whole path and time, so
	// that any file is found by reading at most restart records.
	restart = 16
)

// A record is: the length of the prefix shared with the previous path,
// the length of the rest and the rest, the size, and the modification
// time less the previous one's (zigzag), all uvarints but the rest; a
// restart record shares nothing and its time is whole. In a checkout,
// whose files share a time, most times take a byte.

// ErrOrder is returned by Add for a path that does not sort after the
// one added before it.
var ErrOrder = errors.New("files must be added sorted by path, each once")

// Add appends a file. Its path must sort after every path already in the
// list.
func (l *List) Add(path string, size, mtime int64) error {
	if l.n > 0 && path <= string(l.last) {
		return fmt.Errorf("adding %s after %s: %w", path, l.last, ErrOrder)
	}
	shared, delta := 0, mtime
	if l.n%restart != 0 {
		shared, delta = commonPrefix(l.last, path), mtime-l.mtime
	}
	rest := path[shared:]
	var head [2 * binary.MaxVarintLen64]byte
	h := binary.AppendUvarint(head[:0], uint64(shared))
	h = binary.AppendUvarint(h, uint64(len(rest)))
	var tail [2 * binary.MaxVarintLen64]byte
	t := binary.AppendUvarint(tail[:0], uint64(size))
	t = binary.AppendVarint(t, delta)
	need := len(h) + len(rest) + len(t)

	b := len(l.blocks) - 1
	if b < 0 || cap(l.blocks[b])-len(l.blocks[b]) < need || len(l.blocks[b]) >= blockSize {
		if len(l.blocks) == maxBlocks {
			return errors.New("too many files to list: the paths take more than 4 GiB")
		}
		l.blocks = append(l.blocks, make([]byte, 0, max(blockSize, need)))
		b++
	}
	block := l.blocks[b]
	if l.n%restart == 0 {
		l.starts = append(l.starts, uint32(b)<<blockBits|uint32(len(block)))
	}
	block = append(block, h...)
	block = append(block, rest...)
	l.blocks[b] = append(block, t...)
	l.last = append(l.last[:shared], rest...)
	l.mtime = mtime
	l.n++
	return nil
}

func commonPrefix(a []byte, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// Len is how many files the list holds.
func (l *List) Len() int {
	if l == nil {
		return 0
	}
	return l.n
}

// cursor reads a list's records one after another.
type cursor struct {
	l      *List
	b, off int // where the next record starts
	i      int // the next record's index
	path   []byte
	size   int64
	mtime  int64
}

// at is a cursor on the restart record at or before file i; it makes
// paths in buf.
func (l *List) at(i int, buf []byte) cursor {
	s := l.starts[i/restart]
	return cursor{l: l, b: int(s >> blockBits), off: int(s & (blockSize - 1)), i: i - i%restart, path: buf[:0]}
}

// next reads the next record: the file c.i-1 is then in c.
func (c *cursor) next() {
	block := c.l.blocks[c.b]
	if c.off == len(block) {
		c.b, c.off = c.b+1, 0
		block = c.l.blocks[c.b]
	}
	b := block[c.off:]
	shared, k := binary.Uvarint(b)
	b = b[k:]
	n, k := binary.Uvarint(b)
	b = b[k:]
	c.path = append(c.path[:shared], b[:n]...)
	b = b[n:]
	size, k := binary.Uvarint(b)
	b = b[k:]
	delta, k := binary.Varint(b)
	b = b[k:]
	if c.i%restart == 0 {
		c.mtime = 0
	}
	c.size, c.mtime = int64(size), c.mtime+delta
	c.off = len(block) - len(b)
	c.i++
}

// file is a cursor on file i.
func (l *List) file(i int, buf []byte) cursor {
	c := l.at(i, buf)
	for c.i <= i {
		c.next()
	}
	return c
}

// Path is file i's path.
func (l *List) Path(i int) string {
	var buf [256]byte
	c := l.file(i, buf[:0])
	return string(c.path)
}

// AppendFile appends file i's path to b and gives its size and time too,
// for the cost of finding it once.
func (l *List) AppendFile(b []byte, i int) (_ []byte, size, mtime int64) {
	var buf [256]byte
	c := l.file(i, buf[:0])
	return append(b, c.path...), c.size, c.mtime
}

// Each calls fn with every file's index and path in order until fn
// returns false. The path's bytes are good only until fn returns.
func (l *List) Each(fn func(i int, path []byte) bool) {
	l.each(func(c *cursor) bool { return fn(c.i-1, c.path) })
}

// EachFile is Each giving each file's size and modification time too.
func (l *List) EachFile(fn func(i int, path []byte, size, mtime int64) bool) {
	l.each(func(c *cursor) bool { return fn(c.i-1, c.path, c.size, c.mtime) })
}

func (l *List) each(fn func(c *cursor) bool) {
	if l.Len() == 0 {
		return
	}
	c := l.at(0, nil)
	for c.i < l.n {
		c.next()
		if !fn(&c) {
			return
		}
	}
}

// Index is the index of the file with the given path, and whether the
// list holds one.
func (l *List) Index(path string) (int, bool) {
	// The last restart record whose path is not after path.
	lo, hi := 0, (l.Len()+restart-1)/restart
	var buf [256]byte
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		c := l.at(m*restart, buf[:0])
		if c.next(); string(c.path) <= path {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == 0 {
		return 0, false
	}
	c := l.at((lo-1)*restart, buf[:0])
	for c.i < min(lo*restart, l.Len()) {
		c.next()
		if k := strings.Compare(string(c.path), path); k >= 0 {
			return c.i - 1, k == 0
		}
	}
	return min(lo*restart, l.Len()), false
}

// Filter is a new list of the files for which keep returns true, which
// is told each file's index and path (good only until it returns).
func (l *List) Filter(keep func(i int, path []byte) bool) *List {
	out := &List{}
	l.each(func(c *cursor) bool {
		if keep(c.i-1, c.path) {
			out.Add(string(c.path), c.size, c.mtime) // in order: l is sorted
		}
		return true
	})
	return out
}

// Paths is every path in the list, for tests and small lists.
func (l *List) Paths() []string {
	out := make([]string, 0, l.Len())
	l.Each(func(_ int, path []byte) bool {
		out = append(out, string(path))
		return true
	})
	return out
}
