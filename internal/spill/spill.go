// Package spill keeps items on disk instead of in memory: the first phase
// writes what an archive document needs of each article while the article
// is in memory anyway, and the documents read the items back, so that an
// archive is neither held in memory nor read and parsed a second time.
//
// The file is a temporary one, unlinked as soon as it is made where the
// system allows, and removed by Close in any case.
package spill

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/feedpub/feedpub/internal/model"
	"github.com/feedpub/feedpub/internal/tempfile"
)

// File holds items by an index (an article's among the scanned paths).
// Put may be called from many goroutines at once; Get only after Done.
type File struct {
	dir string
	n   int
	f   *tempfile.File

	mu   sync.Mutex
	w    *bufio.Writer
	size int64
	at   []int64 // where item i's record starts, plus one; 0 for none
	err  error
}

// New is a spill file in dir (os.TempDir when empty) for items of
// indexes below n. The file is made when the first item is put.
func New(dir string, n int) *File { return &File{dir: dir, n: n} }

// open makes the file.
func (s *File) open() error {
	f, err := tempfile.New(s.dir, "feedpub-spill-*")
	if err != nil {
		return err
	}
	s.f, s.at = f, make([]int64, s.n)
	s.w = bufio.NewWriterSize(f, 256<<10)
	return nil
}

// Put stores item i. A failed write is reported by Done; the item is then
// missing, as if it had not been put.
func (s *File) Put(i int, it *model.Item) {
	body := appendItem(make([]byte, 0, 512), it)
	rec := binary.AppendUvarint(make([]byte, 0, len(body)+binary.MaxVarintLen64), uint64(len(body)))
	rec = append(rec, body...)
	s.put(i, rec)
}

func (s *File) put(i int, rec []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil || s.w == nil && s.f != nil {
		return
	}
	if s.f == nil {
		if s.err = s.open(); s.err != nil {
			return
		}
	}
	if _, err := s.w.Write(rec); err != nil {
		s.err = err
		return
	}
	s.at[i] = s.size + 1
	s.size += int64(len(rec))
}

// Done ends the writing: it flushes what is buffered.
func (s *File) Done() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil && s.w != nil {
		s.err = s.w.Flush()
	}
	if s.err != nil {
		clear(s.at) // nothing is to be trusted
	}
	s.w = nil
	return s.err
}

// firstRead is how much Get reads at first: more than most items take.
const firstRead = 2048

// Has reports whether item i is stored.
func (s *File) Has(i int) bool { return s != nil && i < len(s.at) && s.at[i] != 0 }

// Get reads item i back; ok is false when it was not stored.
func (s *File) Get(i int) (it *model.Item, ok bool, err error) {
	if !s.Has(i) {
		return nil, false, nil
	}
	off := s.at[i] - 1
	// One read takes most records whole, with their length: a second
	// system call per item cost a million of them in a build of a
	// million articles.
	buf := make([]byte, firstRead)
	n, err := s.f.ReadAt(buf, off)
	if n == 0 {
		return nil, false, fmt.Errorf("reading the spill file: %w", err)
	}
	size, k := binary.Uvarint(buf[:n])
	if k <= 0 {
		return nil, false, errDamaged
	}
	var rec []byte
	if end := uint64(k) + size; end <= uint64(n) {
		rec = buf[k:end]
	} else {
		rec = make([]byte, size)
		got := copy(rec, buf[k:n])
		if _, err := s.f.ReadAt(rec[got:], off+int64(n)); err != nil {
			return nil, false, fmt.Errorf("reading the spill file: %w", err)
		}
	}
	it, err = readItem(rec)
	if err != nil {
		return nil, false, err
	}
	return it, true, nil
}

// Close removes the file.
func (s *File) Close() error {
	if s == nil || s.f == nil {
		return nil
	}
	err := s.f.Close()
	s.at = nil
	return err
}

// appendItem appends it's record to b.
func appendItem(b []byte, it *model.Item) []byte {
	idIsURL := it.ID == it.URL
	flags := byte(0)
	if idIsURL {
		flags |= 1
	}
	if it.Enclosure != nil {
		flags |= 2
	}
	if it.Source != nil {
		flags |= 4
	}
	b = append(b, flags)
	b = appendString(b, it.URL)
	if !idIsURL {
		b = appendString(b, it.ID)
	}
	b = appendString(b, it.Title)
	b = appendString(b, it.Summary)
	b = appendString(b, it.ContentHTML)
	b = appendTime(b, it.Published)
	b = appendTime(b, it.Updated)
	b = binary.AppendUvarint(b, uint64(len(it.Authors)))
	for _, p := range it.Authors {
		b = appendString(b, p.Name)
		b = appendString(b, p.Email)
		b = appendString(b, p.URL)
	}
	b = binary.AppendUvarint(b, uint64(len(it.Categories)))
	for _, c := range it.Categories {
		b = appendString(b, c)
	}
	b = appendString(b, it.Image)
	b = appendString(b, it.ImageType)
	b = binary.AppendVarint(b, it.ImageLength)
	if e := it.Enclosure; e != nil {
		b = appendString(b, e.URL)
		b = appendString(b, e.Type)
		b = binary.AppendVarint(b, e.Length)
	}
	b = appendString(b, it.ExternalURL)
	if s := it.Source; s != nil {
		b = appendString(b, s.Title)
		b = appendString(b, s.URL)
	}
	b = appendString(b, it.Language)
	b = binary.AppendUvarint(b, uint64(len(it.Translations)))
	for _, t := range it.Translations {
		b = appendString(b, t.Lang)
		b = appendString(b, t.URL)
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// appendTime keeps an instant and its zone's offset, all that the feeds
// write of a date; the zone's name is not kept.
func appendTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, 0)
	}
	_, off := t.Zone()
	b = append(b, 1)
	b = binary.AppendVarint(b, t.Unix())
	b = binary.AppendUvarint(b, uint64(t.Nanosecond()))
	return binary.AppendVarint(b, int64(off))
}

// reader reads a record, remembering the first error.
type reader struct {
	b   []byte
	err error
}

var errDamaged = errors.New("reading the spill file: a damaged record")

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err, r.b = errDamaged, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err, r.b = errDamaged, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) byte() byte {
	if len(r.b) == 0 {
		r.err = errDamaged
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *reader) string() string {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.err, r.b = errDamaged, nil
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *reader) time() time.Time {
	if r.byte() == 0 {
		return time.Time{}
	}
	sec, nsec, off := r.varint(), r.uvarint(), r.varint()
	return time.Unix(sec, int64(nsec)).In(zone(int(off)))
}

var zones sync.Map // offset → *time.Location

// zone is a fixed zone of offset seconds, one per offset.
func zone(off int) *time.Location {
	if off == 0 {
		return time.UTC
	}
	if z, ok := zones.Load(off); ok {
		return z.(*time.Location)
	}
	z, _ := zones.LoadOrStore(off, time.FixedZone("", off))
	return z.(*time.Location)
}

// readItem reads a record that appendItem wrote.
func readItem(b []byte) (*model.Item, error) {
	r := &reader{b: b}
	it := &model.Item{}
	flags := r.byte()
	it.URL = r.string()
	it.ID = it.URL
	if flags&1 == 0 {
		it.ID = r.string()
	}
	it.Title = r.string()
	it.Summary = r.string()
	it.ContentHTML = r.string()
	it.Published = r.time()
	it.Updated = r.time()
	if n := r.uvarint(); n > 0 && n <= uint64(len(r.b)) {
		it.Authors = make([]model.Person, n)
		for k := range it.Authors {
			it.Authors[k] = model.Person{Name: r.string(), Email: r.string(), URL: r.string()}
		}
	}
	if n := r.uvarint(); n > 0 && n <= uint64(len(r.b)) {
		it.Categories = make([]string, n)
		for k := range it.Categories {
			it.Categories[k] = r.string()
		}
	}
	it.Image = r.string()
	it.ImageType = r.string()
	it.ImageLength = r.varint()
	if flags&2 != 0 {
		it.Enclosure = &model.Enclosure{URL: r.string(), Type: r.string(), Length: r.varint()}
	}
	it.ExternalURL = r.string()
	if flags&4 != 0 {
		it.Source = &model.Source{Title: r.string(), URL: r.string()}
	}
	it.Language = r.string()
	if n := r.uvarint(); n > 0 && n <= uint64(len(r.b)) {
		it.Translations = make([]model.Translation, n)
		for k := range it.Translations {
			it.Translations[k] = model.Translation{Lang: r.string(), URL: r.string()}
		}
	}
	if r.err == nil && len(r.b) != 0 {
		r.err = errDamaged
	}
	if r.err != nil {
		return nil, r.err
	}
	return it, nil
}
