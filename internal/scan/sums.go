package scan

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"sync"

	"github.com/feedpub/feedpub/internal/tempfile"
)

// Sums are the hashes the first phase takes of an article that only a
// few later steps read, each once, in order: the duplicate check (URL
// and ID), the plan's summing up and the cache (File, of the file's
// bytes as cache.Hash makes it).
type Sums struct{ URL, ID, File uint64 }

// sumsSize is the size of Sums in a SumTable's file.
const sumsSize = 24

// SumTable holds every article's Sums by its index: in memory, or for a
// large archive in a temporary file, so that what a build holds of each
// article through all its phases is only its Record.
type SumTable struct {
	mem []Sums
	f   *tempfile.File
	n   int
	mu  sync.Mutex
	err error // the first error writing the file
}

// newSumTable is a table for n articles, in a temporary file in dir
// (os.TempDir when empty) when onDisk is set and one can be made.
func newSumTable(n int, onDisk bool, dir string) *SumTable {
	t := &SumTable{n: n}
	if onDisk {
		if f, err := tempfile.New(dir, "feedpub-sums-*"); err == nil {
			t.f = f
			return t
		}
	}
	t.mem = make([]Sums, n)
	return t
}

// put records the Sums of the articles from index lo on, in order.
func (t *SumTable) put(lo int, sums []Sums) {
	if t.f == nil {
		copy(t.mem[lo:], sums)
		return
	}
	buf := make([]byte, 0, len(sums)*sumsSize)
	for _, s := range sums {
		buf = binary.LittleEndian.AppendUint64(buf, s.URL)
		buf = binary.LittleEndian.AppendUint64(buf, s.ID)
		buf = binary.LittleEndian.AppendUint64(buf, s.File)
	}
	if _, err := t.f.WriteAt(buf, int64(lo)*sumsSize); err != nil {
		t.mu.Lock()
		if t.err == nil {
			t.err = fmt.Errorf("keeping the articles' hashes in a temporary file: %w", err)
		}
		t.mu.Unlock()
	}
}

// Err is the error that lost some Sums while they were written.
func (t *SumTable) Err() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.err
}

// Reader reads the Sums in index order.
func (t *SumTable) Reader() *SumReader {
	r := &SumReader{t: t}
	if t.f != nil {
		r.r = bufio.NewReaderSize(io.NewSectionReader(t.f, 0, int64(t.n)*sumsSize), 64<<10)
	}
	return r
}

// SumReader reads a SumTable's Sums one article after another.
type SumReader struct {
	t   *SumTable
	r   *bufio.Reader
	i   int
	buf [sumsSize]byte
	err error
}

// Next is the next article's Sums; they are zero once the table is read
// to its end or a read failed, as Err tells.
func (r *SumReader) Next() Sums {
	if r.i >= r.t.n || r.err != nil {
		return Sums{}
	}
	r.i++
	if r.r == nil {
		return r.t.mem[r.i-1]
	}
	if _, err := io.ReadFull(r.r, r.buf[:]); err != nil {
		r.err = fmt.Errorf("reading the articles' hashes back: %w", err)
		return Sums{}
	}
	b := r.buf[:]
	return Sums{binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint64(b[8:]), binary.LittleEndian.Uint64(b[16:])}
}

// Err is the error that lost Sums as they were written, or else the one
// that stopped Next.
func (r *SumReader) Err() error {
	if err := r.t.Err(); err != nil {
		return err // the cause of any read that failed after it
	}
	return r.err
}

// Files is a lookup of each article's File hash: for a table on disk they
// are read into memory, 8 bytes an article, for as long as the caller
// keeps the lookup.
func (t *SumTable) Files() (func(i int) uint64, error) {
	if t.f == nil {
		return func(i int) uint64 { return t.mem[i].File }, nil
	}
	hashes := make([]uint64, t.n)
	r := t.Reader()
	for i := range hashes {
		hashes[i] = r.Next().File
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	return func(i int) uint64 { return hashes[i] }, nil
}

// Close removes the table's file, if it has one.
func (t *SumTable) Close() error {
	if t == nil || t.f == nil {
		return nil
	}
	err := t.f.Close()
	t.f = nil
	return err
}
