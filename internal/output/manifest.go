package output

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// ManifestName is the file in the output directory that lists the files
// feedpub wrote there, so that a later build can remove those it no
// longer writes and nothing else. Like the lock, it is a dotfile: serving
// and publishing leave it out.
const ManifestName = ".feedpub-manifest"

// manifestHeader opens every manifest; a file without it is not one.
// Version 2 writes each file's kind before its name; version 1, which
// older builds wrote, lists names alone, and is still read.
const (
	manifestHeader   = "# feedpub manifest 2: files feedpub wrote in this folder, one a line after its kind; a build removes those it no longer writes"
	manifestHeaderV1 = "# feedpub manifest 1: files feedpub wrote in this folder, one a line; a build removes those it no longer writes"
)

// noKind stands in a version 2 manifest for a file whose kind is not known.
const noKind = "-"

// Removed is the Status of a file that an earlier build wrote and this
// one no longer does.
const Removed Status = "removed"

// An Entry is one file a manifest lists: its name, relative to the
// folder and slash-separated, and its kind as File.Kind gives it ("" when
// not known, and for every file of a version 1 manifest).
type Entry struct {
	Name, Kind string
}

// ReadManifest returns the names, relative to dir and slash-separated,
// that the manifest in dir lists. With no manifest (a folder that no
// build of this kind has written) it returns nil and no error; a file
// that is not a manifest is an error.
func ReadManifest(dir string) ([]string, error) {
	entries, err := ReadManifestEntries(dir)
	if entries == nil {
		return nil, err
	}
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.Name
	}
	return names, nil
}

// ReadManifestEntries is ReadManifest with each file's kind.
func ReadManifestEntries(dir string) ([]Entry, error) {
	p := filepath.Join(dir, ManifestName)
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", p, err)
	}
	notOne := fmt.Errorf("%s is not a complete feedpub manifest", p)
	head, rest, _ := bytes.Cut(data, []byte("\n"))
	v2 := string(head) == manifestHeader
	if !v2 && string(head) != manifestHeaderV1 || (len(rest) > 0 && rest[len(rest)-1] != '\n') {
		return nil, notOne
	}
	entries := []Entry{}
	sc := bufio.NewScanner(bytes.NewReader(rest))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			continue
		}
		e := Entry{Name: line}
		if v2 {
			kind, name, ok := strings.Cut(line, " ")
			if !ok || kind == "" || name == "" {
				return nil, notOne
			}
			if kind == noKind {
				kind = ""
			}
			e = Entry{Name: name, Kind: kind}
		}
		entries = append(entries, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", p, err)
	}
	return entries, nil
}

// WriteManifest replaces the manifest in dir, atomically and durably, with
// one that lists entries (names relative to dir, slash-separated) sorted
// by name, each name once: of entries that name one file, the last given
// counts. A manifest that already lists them is left untouched.
func WriteManifest(dir string, entries []Entry) error {
	return writeManifest(dir, len(entries), func(i int) Entry { return entries[i] })
}

// WriteManifestOf is WriteManifest of the entries listed followed by
// those of files, without a list of the files' entries: a build of many
// pages holds none beside its files.
func WriteManifestOf(dir string, listed []Entry, files []File) error {
	return writeManifest(dir, len(listed)+len(files), func(i int) Entry {
		if i < len(listed) {
			return listed[i]
		}
		f := &files[i-len(listed)]
		return Entry{Name: f.Name, Kind: f.Kind}
	})
}

// writeManifest is WriteManifest of the n entries that entry gives.
func writeManifest(dir string, n int, entry func(i int) Entry) error {
	// The entries are put in order by their places, and the manifest is
	// compared with the old one and written as it is made: a build of
	// many files holds neither a sorted copy of them nor the manifest.
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return strings.Compare(entry(int(a)).Name, entry(int(b)).Name) })
	listed := func(k int) bool { // a later entry names the file again
		return k+1 >= len(order) || entry(int(order[k+1])).Name != entry(int(order[k])).Name
	}
	for k, i := range order {
		if e := entry(int(i)); listed(k) {
			if e.Name == "" || strings.ContainsAny(e.Name, "\r\n") {
				return fmt.Errorf("cannot list the file name %q in the manifest", e.Name)
			}
			if e.Kind == noKind || strings.ContainsAny(e.Kind, " \r\n") {
				return fmt.Errorf("cannot list the kind %q of %s in the manifest", e.Kind, e.Name)
			}
		}
	}
	write := func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 64<<10)
		bw.WriteString(manifestHeader + "\n")
		for k, i := range order {
			if e := entry(int(i)); listed(k) {
				kind := e.Kind
				if kind == "" {
					kind = noKind
				}
				bw.WriteString(kind)
				bw.WriteByte(' ')
				bw.WriteString(e.Name)
				bw.WriteByte('\n')
			}
		}
		return bw.Flush()
	}
	p := filepath.Join(dir, ManifestName)
	if c, err := CompareWith(p); err == nil {
		err = write(c)
		same := err == nil && c.Same()
		c.Close()
		if same {
			return nil
		}
	}
	return replace(p, write, true)
}

// Entries are the manifest entries of files: their names and kinds.
func Entries(files []File) []Entry {
	entries := make([]Entry, len(files))
	for i, f := range files {
		entries[i] = Entry{Name: f.Name, Kind: f.Kind}
	}
	return entries
}

// Names are the names of files.
func Names(files []File) []string {
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = f.Name
	}
	return names
}

// Stale returns, sorted, the names in old that are not in keep and are
// still regular files below dir, and how many of old are still there at
// all. Names that could not be feedpub's (outside dir, hidden, such as
// the lock and the manifest) are never stale.
func Stale(dir string, old, keep []string) (stale []string, present int, err error) {
	root, err := os.OpenRoot(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("opening %s: %w", dir, err)
	}
	defer root.Close()
	if len(old) == 0 {
		return nil, 0, nil // a first build: nothing to look up
	}
	kept := make(map[string]bool, len(keep))
	folded := map[string]string{} // by lower case: the kept name
	for _, n := range keep {
		kept[n] = true
		folded[strings.ToLower(n)] = n
	}
	old = slices.Clone(old)
	slices.Sort(old)
	for _, n := range slices.Compact(old) {
		if !ours(n) {
			continue
		}
		st, err := root.Lstat(filepath.FromSlash(n))
		if err != nil || !st.Mode().IsRegular() {
			continue // gone already, or not a file feedpub wrote
		}
		present++
		if kept[n] {
			continue
		}
		// On a file system that ignores case, rss.xml is the RSS.xml a
		// renamed setting now writes: removing it would remove that.
		if k, ok := folded[strings.ToLower(n)]; ok {
			if kst, err := root.Lstat(filepath.FromSlash(k)); err == nil && os.SameFile(st, kst) {
				continue
			}
		}
		stale = append(stale, n)
	}
	return stale, present, nil
}

// ours reports whether name could be a file feedpub writes: a plain
// relative path with no hidden part.
func ours(name string) bool {
	if !filepath.IsLocal(filepath.FromSlash(name)) || path.Clean(name) != name {
		return false
	}
	for part := range strings.SplitSeq(name, "/") {
		if strings.HasPrefix(part, ".") {
			return false
		}
	}
	return true
}

// Remove removes the named files below dir, then every folder that held
// one of them and is left empty, up to dir (which stays). It never
// leaves dir, even through a symbolic link, and returns what it removed.
func Remove(dir string, names []string) ([]Result, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", dir, err)
	}
	defer root.Close()
	var results []Result
	folders := map[string]bool{}
	for _, n := range names {
		if !ours(n) {
			continue
		}
		rel := filepath.FromSlash(n)
		full := filepath.Join(dir, rel)
		st, err := root.Lstat(rel)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return results, fmt.Errorf("removing %s: %w", full, err)
		}
		if !st.Mode().IsRegular() {
			continue
		}
		if err := root.Remove(rel); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return results, fmt.Errorf("removing %s: %w", full, err)
		}
		results = append(results, Result{Path: full, Status: Removed, Size: int(st.Size())})
		for d := path.Dir(n); d != "."; d = path.Dir(d) {
			folders[d] = true
		}
	}
	// Deepest first, so that a folder whose only content was an emptied
	// folder goes too. Remove fails on a folder that is not empty, which
	// is how one that holds anything else stays.
	byDepth := slices.SortedFunc(maps.Keys(folders), func(a, b string) int {
		if c := strings.Count(b, "/") - strings.Count(a, "/"); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	for _, d := range byDepth {
		if st, err := root.Lstat(filepath.FromSlash(d)); err == nil && st.IsDir() {
			root.Remove(filepath.FromSlash(d)) // fails, as it should, unless the folder is empty
		}
	}
	if len(results) > 0 {
		syncDir(dir)
	}
	return results, nil
}

// syncDir makes the removals in dir durable where the file system allows.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
