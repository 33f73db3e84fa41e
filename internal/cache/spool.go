package cache

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/feedpub/feedpub/internal/tempfile"
)

// Spool holds entries in a temporary file, in order, until the cache is
// saved: a build of a large archive writes them once its first phase is
// done, so that what it learned of each article is not held in memory
// while the output files are made. The file is unlinked as soon as it is
// made where the system allows, and removed by Close in any case.
type Spool struct {
	f   *tempfile.File
	n   int
	err error // the first error reading the entries back
}

// NewSpool writes the entries source gives to a temporary file in dir
// (os.TempDir when empty).
func NewSpool(dir string, source func(yield func(Entry) bool)) (*Spool, error) {
	f, err := tempfile.New(dir, "feedpub-cache-*")
	if err != nil {
		return nil, err
	}
	s := &Spool{f: f}
	w := bufio.NewWriterSize(f, 256<<10)
	var rec []byte
	source(func(e Entry) bool {
		rec = appendEntry(rec[:0], e)
		_, err = w.Write(rec)
		s.n++
		return err == nil
	})
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("spooling the cache: %w", err)
	}
	return s, nil
}

// Len is how many entries the spool holds.
func (s *Spool) Len() int { return s.n }

// Entries gives the entries back in the order they were written, as
// Cache.Source does. When the file cannot be read back it gives fewer,
// and Err says why.
func (s *Spool) Entries(yield func(Entry) bool) {
	r := bufio.NewReaderSize(io.NewSectionReader(s.f, 0, 1<<62), 256<<10)
	for k := 0; k < s.n; k++ {
		e, err := readEntry(r)
		if err != nil {
			s.err = fmt.Errorf("reading the spooled cache: %w", err)
			return
		}
		if !yield(e) {
			return
		}
	}
}

// Err is the error that stopped Entries, if one did.
func (s *Spool) Err() error { return s.err }

// Close removes the file.
func (s *Spool) Close() error {
	if s == nil || s.f == nil {
		return nil
	}
	err := s.f.Close()
	s.f = nil
	return err
}

// Entry flags in the spool.
const (
	spoolDraft = 1 << iota
	spoolOrder
)

// appendEntry appends e's record to b.
func appendEntry(b []byte, e Entry) []byte {
	flags := byte(0)
	if e.Draft {
		flags |= spoolDraft
	}
	if e.Order != nil {
		flags |= spoolOrder
	}
	b = append(b, flags)
	b = appendString(b, e.Path)
	b = binary.AppendVarint(b, e.Size)
	b = binary.AppendVarint(b, e.ModTime)
	b = binary.LittleEndian.AppendUint64(b, e.Hash)
	b = binary.LittleEndian.AppendUint64(b, e.URLHash)
	b = binary.LittleEndian.AppendUint64(b, e.IDHash)
	b = binary.AppendVarint(b, e.PublishedSec)
	b = binary.AppendVarint(b, int64(e.PublishedNsec))
	b = binary.AppendUvarint(b, uint64(len(e.Terms)))
	for _, t := range e.Terms {
		b = appendString(b, t)
	}
	if e.Order != nil {
		b = binary.AppendVarint(b, int64(e.Order.Weight))
		b = appendString(b, e.Order.Title)
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

var errSpoolDamaged = errors.New("a damaged record")

// readEntry reads a record that appendEntry wrote.
func readEntry(r *bufio.Reader) (Entry, error) {
	var e Entry
	flags, err := r.ReadByte()
	if err != nil {
		return e, err
	}
	str := func() string {
		n, rerr := binary.ReadUvarint(r)
		if rerr != nil || n > 1<<30 {
			err = errors.Join(err, errSpoolDamaged)
			return ""
		}
		b := make([]byte, n)
		if _, rerr := io.ReadFull(r, b); rerr != nil {
			err = errors.Join(err, rerr)
		}
		return string(b)
	}
	varint := func() int64 {
		v, rerr := binary.ReadVarint(r)
		if rerr != nil {
			err = errors.Join(err, rerr)
		}
		return v
	}
	u64 := func() uint64 {
		var b [8]byte
		if _, rerr := io.ReadFull(r, b[:]); rerr != nil {
			err = errors.Join(err, rerr)
		}
		return binary.LittleEndian.Uint64(b[:])
	}
	e.Draft = flags&spoolDraft != 0
	e.Path = str()
	e.Size, e.ModTime = varint(), varint()
	e.Hash, e.URLHash, e.IDHash = u64(), u64(), u64()
	e.PublishedSec, e.PublishedNsec = varint(), int32(varint())
	n, rerr := binary.ReadUvarint(r)
	if rerr != nil || n > 1<<20 {
		return e, errors.Join(err, rerr, errSpoolDamaged)
	}
	if n > 0 {
		e.Terms = make([]string, n)
		for k := range e.Terms {
			e.Terms[k] = str()
		}
	}
	if flags&spoolOrder != 0 {
		e.Order = &Order{Weight: int32(varint()), Title: str()}
	}
	return e, err
}
