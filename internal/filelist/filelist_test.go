package filelist

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

type file struct {
	path        string
	size, mtime int64
}

// randomFiles are n distinct sorted files whose paths share prefixes as
// an archive's do, with sizes and times of every magnitude.
func randomFiles(n int, seed uint64) []file {
	r := rand.New(rand.NewPCG(seed, 1))
	seen := map[string]bool{}
	var out []file
	parts := []string{"a", "b", "posts", "2024", "x-y", "x", "ü", "index.md", "z.md", "a b.md", strings.Repeat("long", 80)}
	for len(out) < n {
		var p []string
		for k := 0; k < 1+r.IntN(5); k++ {
			p = append(p, parts[r.IntN(len(parts))]+fmt.Sprint(r.IntN(3)))
		}
		path := strings.Join(p, "/")
		if seen[path] {
			continue
		}
		seen[path] = true
		sizes := []int64{0, 1, 127, 128, 1 << 20, math.MaxInt64}
		mtimes := []int64{0, -1, math.MinInt64, math.MaxInt64, r.Int64()}
		out = append(out, file{path, sizes[r.IntN(len(sizes))], mtimes[r.IntN(len(mtimes))]})
	}
	slices.SortFunc(out, func(a, b file) int { return strings.Compare(a.path, b.path) })
	return out
}

func listOf(t *testing.T, files []file) *List {
	t.Helper()
	l := &List{}
	for _, f := range files {
		if err := l.Add(f.path, f.size, f.mtime); err != nil {
			t.Fatal(err)
		}
	}
	return l
}

func TestListHoldsWhatWasAdded(t *testing.T) {
	for _, n := range []int{0, 1, 15, 16, 17, 33, 5000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			files := randomFiles(n, uint64(n))
			l := listOf(t, files)
			if l.Len() != n {
				t.Fatalf("Len = %d, want %d", l.Len(), n)
			}
			for i, f := range files {
				if got := l.Path(i); got != f.path {
					t.Fatalf("Path(%d) = %q, want %q", i, got, f.path)
				}
				if _, size, mtime := l.AppendFile(nil, i); size != f.size || mtime != f.mtime {
					t.Fatalf("file %d: size %d time %d, want %d %d", i, size, mtime, f.size, f.mtime)
				}
				if j, ok := l.Index(f.path); !ok || j != i {
					t.Fatalf("Index(%q) = %d, %v; want %d, true", f.path, j, ok, i)
				}
				// A path just before or after one in the list is not in it,
				// and its index is where it would go.
				for _, p := range []string{f.path + "\x00", f.path[:len(f.path)-1]} {
					want, found := slices.BinarySearchFunc(files, p, func(f file, p string) int { return strings.Compare(f.path, p) })
					if j, ok := l.Index(p); ok != found || j != want {
						t.Fatalf("Index(%q) = %d, %v; want %d, %v", p, j, ok, want, found)
					}
				}
			}
			var paths []string
			for _, f := range files {
				paths = append(paths, f.path)
			}
			if got := l.Paths(); !slices.Equal(got, paths) && n > 0 {
				t.Fatalf("Paths differ from what was added")
			}
		})
	}
}

func TestIndexOfAbsentPaths(t *testing.T) {
	l := listOf(t, []file{{"b", 1, 1}, {"d", 2, 2}})
	for _, tc := range []struct {
		path  string
		want  int
		found bool
	}{{"a", 0, false}, {"b", 0, true}, {"c", 1, false}, {"d", 1, true}, {"e", 2, false}, {"", 0, false}} {
		if i, ok := l.Index(tc.path); i != tc.want || ok != tc.found {
			t.Errorf("Index(%q) = %d, %v; want %d, %v", tc.path, i, ok, tc.want, tc.found)
		}
	}
	var empty List
	if i, ok := empty.Index("a"); i != 0 || ok {
		t.Errorf("empty Index = %d, %v", i, ok)
	}
}

func TestAddRefusesOutOfOrder(t *testing.T) {
	l := &List{}
	if err := l.Add("b", 0, 0); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"a", "b"} {
		if err := l.Add(p, 0, 0); !errors.Is(err, ErrOrder) {
			t.Errorf("Add(%q) after b: %v, want ErrOrder", p, err)
		}
	}
	if l.Len() != 1 {
		t.Errorf("Len = %d after refused adds, want 1", l.Len())
	}
}

func TestFilter(t *testing.T) {
	files := randomFiles(300, 7)
	l := listOf(t, files)
	odd := l.Filter(func(i int, path []byte) bool {
		if string(path) != files[i].path {
			t.Fatalf("Filter saw %q at %d, want %q", path, i, files[i].path)
		}
		return i%2 == 1
	})
	if odd.Len() != 150 {
		t.Fatalf("Len = %d, want 150", odd.Len())
	}
	for k := 0; k < odd.Len(); k++ {
		f := files[2*k+1]
		if p, size, mtime := odd.AppendFile(nil, k); string(p) != f.path || size != f.size || mtime != f.mtime {
			t.Fatalf("file %d of the filtered list is %q, want %q", k, odd.Path(k), f.path)
		}
	}
}

func TestEachStops(t *testing.T) {
	l := listOf(t, randomFiles(40, 3))
	n := 0
	l.Each(func(i int, _ []byte) bool { n++; return i < 9 })
	if n != 10 {
		t.Errorf("Each called fn %d times after it returned false at 9, want 10", n)
	}
}

// A million archive paths take little more than what they do not share.
func TestListIsCompact(t *testing.T) {
	l := &List{}
	const n = 100_000
	for i := 0; i < n; i++ {
		l.Add(fmt.Sprintf("/srv/site/content/posts/%03d/2024-01-01-article-%06d.md", i/1000, i), 4096, 1700000000000000000)
	}
	bytes := 4 * len(l.starts)
	for _, b := range l.blocks {
		bytes += cap(b)
	}
	if per := bytes / n; per > 30 {
		t.Errorf("%d bytes a file, want at most 30", per)
	}
}

// FuzzList holds a list of any paths, split from the input at newlines,
// to what was added: every path, size and time, where Index finds each
// and where it would put a path that is not there.
func FuzzList(f *testing.F) {
	f.Add("a\nb/c\nb/c-d\nb/c/e\n", int64(7), int64(-3))
	f.Add(strings.Repeat("x/y/z\n", 40)+"ü\n\x00\n", int64(0), int64(1<<62))
	f.Fuzz(func(t *testing.T, text string, size, mtime int64) {
		paths := strings.Split(text, "\n")
		slices.Sort(paths)
		paths = slices.Compact(paths)
		l := &List{}
		var files []file
		for k, p := range paths {
			f := file{p, size ^ int64(k), mtime - int64(k)*int64(k)}
			if err := l.Add(f.path, f.size, f.mtime); err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
		}
		if err := l.Add(paths[len(paths)-1], 0, 0); !errors.Is(err, ErrOrder) {
			t.Fatalf("adding the last path again: %v", err)
		}
		l.EachFile(func(i int, path []byte, size, mtime int64) bool {
			f := files[i]
			if string(path) != f.path || size != f.size || mtime != f.mtime {
				t.Fatalf("file %d: %q %d %d, want %q %d %d", i, path, size, mtime, f.path, f.size, f.mtime)
			}
			if p, s, m := l.AppendFile(nil, i); string(p) != f.path || s != f.size || m != f.mtime {
				t.Fatalf("AppendFile(%d) = %q %d %d", i, p, s, m)
			}
			if j, ok := l.Index(f.path); !ok || j != i {
				t.Fatalf("Index(%q) = %d, %v; want %d", f.path, j, ok, i)
			}
			probe := f.path + "\x00"
			want, found := slices.BinarySearch(paths, probe)
			if j, ok := l.Index(probe); j != want || ok != found {
				t.Fatalf("Index(%q) = %d, %v; want %d, %v", probe, j, ok, want, found)
			}
			return true
		})
	})
}
