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
	at     []uint32 // where each file's record starts: block<<blockBits | offset
	last   []byte   // the path added last
}

const (
	blockBits = 16
	blockSize = 1 << blockBits
	maxBlocks = 1 << (32 - blockBits)
	// restart is how often a record holds its whole path, so that any
	// path is made from at most restart records.
	restart = 16
)

// A record is: the length of the prefix shared with the previous path,
// the length of the rest and the rest (uvarints and bytes), the size
// (uvarint) and the modification time (8 bytes, little-endian).

// ErrOrder is returned by Add for a path that does not sort after the
// one added before it.
var ErrOrder = errors.New("files must be added sorted by path, each once")

// Add appends a file. Its path must sort after every path already in the
// list.
func (l *List) Add(path string, size, mtime int64) error {
	n := len(l.at)
	if n > 0 && path <= string(l.last) {
		return fmt.Errorf("adding %s after %s: %w", path, l.last, ErrOrder)
	}
	shared := 0
	if n%restart != 0 {
		shared = commonPrefix(l.last, path)
	}
	rest := path[shared:]
	var head [3 * binary.MaxVarintLen64]byte
	h := binary.AppendUvarint(head[:0], uint64(shared))
	h = binary.AppendUvarint(h, uint64(len(rest)))
	var tail [binary.MaxVarintLen64 + 8]byte
	t := binary.AppendUvarint(tail[:0], uint64(size))
	t = binary.LittleEndian.AppendUint64(t, uint64(mtime))
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
	l.at = append(l.at, uint32(b)<<blockBits|uint32(len(block)))
	block = append(block, h...)
	block = append(block, rest...)
	l.blocks[b] = append(block, t...)
	l.last = append(l.last[:shared], rest...)
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
	return len(l.at)
}

// record is file i's record: how much of the previous path it shares,
// the rest of its path, its size and its time.
func (l *List) record(i int) (shared int, rest []byte, size, mtime int64) {
	at := l.at[i]
	b := l.blocks[at>>blockBits][at&(blockSize-1):]
	s, k := binary.Uvarint(b)
	b = b[k:]
	n, k := binary.Uvarint(b)
	b = b[k:]
	rest, b = b[:n], b[n:]
	sz, k := binary.Uvarint(b)
	b = b[k:]
	return int(s), rest, int64(sz), int64(binary.LittleEndian.Uint64(b))
}

// AppendPath appends file i's path to b.
func (l *List) AppendPath(b []byte, i int) []byte {
	start := len(b)
	for k := i - i%restart; k <= i; k++ {
		shared, rest, _, _ := l.record(k)
		b = append(b[:start+shared], rest...)
	}
	return b
}

// Path is file i's path.
func (l *List) Path(i int) string {
	var buf [256]byte
	return string(l.AppendPath(buf[:0], i))
}

// Stat is file i's size in bytes and modification time in Unix
// nanoseconds.
func (l *List) Stat(i int) (size, mtime int64) {
	_, _, size, mtime = l.record(i)
	return size, mtime
}

// Size is file i's size in bytes.
func (l *List) Size(i int) int64 {
	_, _, size, _ := l.record(i)
	return size
}

// ModTime is file i's modification time in Unix nanoseconds.
func (l *List) ModTime(i int) int64 {
	_, _, _, mtime := l.record(i)
	return mtime
}

// Each calls fn with every file's index and path in order until fn
// returns false. The path's bytes are good only until fn returns.
func (l *List) Each(fn func(i int, path []byte) bool) {
	var path []byte
	for i := 0; i < l.Len(); i++ {
		shared, rest, _, _ := l.record(i)
		path = append(path[:shared], rest...)
		if !fn(i, path) {
			return
		}
	}
}

// Index is the index of the file with the given path, and whether the
// list holds one.
func (l *List) Index(path string) (int, bool) {
	// The last restart record whose path is not after path.
	lo, hi := 0, (l.Len()+restart-1)/restart
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if _, rest, _, _ := l.record(m * restart); string(rest) <= path {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == 0 {
		return 0, false
	}
	var buf [256]byte
	cur := buf[:0]
	for i := (lo - 1) * restart; i < min(lo*restart, l.Len()); i++ {
		shared, rest, _, _ := l.record(i)
		cur = append(cur[:shared], rest...)
		if c := strings.Compare(string(cur), path); c >= 0 {
			return i, c == 0
		}
	}
	return min(lo*restart, l.Len()), false
}

// Filter is a new list of the files for which keep returns true, which
// is told each file's index and path (good only until it returns).
func (l *List) Filter(keep func(i int, path []byte) bool) *List {
	out := &List{}
	l.Each(func(i int, path []byte) bool {
		if keep(i, path) {
			_, _, size, mtime := l.record(i)
			out.Add(string(path), size, mtime) // in order: l is sorted
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
