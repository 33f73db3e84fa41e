package pipeline

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/feedpub/feedpub/internal/cache"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/permalink"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// now is the moment the tests build at: after every fixture but future.md.
var now = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// testSite is the site the fixtures in testdata/articles are built for.
func testSite(t *testing.T, edit func(*config.Settings)) *config.Site {
	t.Helper()
	s := config.Defaults()
	s.Title = "Test site & friends"
	s.Description = "A site for tests"
	s.BaseURL = "https://example.com/blog/"
	s.Author = "Site Owner <owner@example.com>"
	s.Copyright = "© 2024 Test"
	s.Timezone = "Europe/Paris"
	s.Articles = filepath.Join("testdata", "articles")
	if edit != nil {
		edit(&s)
	}
	site, err := s.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	return site
}

// files builds site and returns the files by name.
func files(t *testing.T, opts Options) map[string][]byte {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = now
	}
	if opts.Generator == "" {
		opts.Generator = "feedpub test"
	}
	res, err := Run(opts)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return made(t, res)
}

// made returns a build's files by name, making those made on demand.
func made(t *testing.T, res *Result) map[string][]byte {
	t.Helper()
	var err error
	out := map[string][]byte{}
	for _, f := range res.Files {
		if g := f.Group; g != nil {
			if _, done := out[f.Name]; !done {
				bufs := make([]bytes.Buffer, len(g.Names))
				ws := make([]io.Writer, len(g.Names))
				for i := range bufs {
					ws[i] = &bufs[i]
				}
				if err := g.Write(ws); err != nil {
					t.Fatalf("writing %v: %v", g.Names, err)
				}
				for i, n := range g.Names {
					out[n] = bufs[i].Bytes()
				}
			}
			continue
		}
		if f.Make != nil {
			if f.Data, err = f.Make(); err != nil {
				t.Fatalf("making %s: %v", f.Name, err)
			}
		}
		out[f.Name] = f.Data
	}
	return out
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		dir  string
		edit func(*config.Settings)
	}{
		{"golden", nil},
		// Few items per feed, to have archive documents; author feeds
		// rather than tag and category feeds; a WebSub hub.
		{"golden-archive", func(s *config.Settings) {
			s.Limit, s.ArchiveSize, s.Hub = 2, 2, "https://hub.example.net/"
			s.TagFeeds, s.CategoryFeeds, s.AuthorFeeds = false, false, true
		}},
	} {
		t.Run(tc.dir, func(t *testing.T) { golden(t, tc.dir, files(t, Options{Site: testSite(t, tc.edit)})) })
	}
}

// golden compares files with those below testdata/dir, or with -update
// makes them so.
func golden(t *testing.T, dir string, got map[string][]byte) {
	root := filepath.Join("testdata", dir)
	if *update {
		os.RemoveAll(root)
	}
	want := map[string]bool{}
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(root, p)
			want[filepath.ToSlash(rel)] = true
		}
		return nil
	})
	for name := range want {
		if _, ok := got[name]; !ok {
			t.Errorf("the build no longer writes %s", name)
		}
	}
	for name, data := range got {
		golden := filepath.Join(root, filepath.FromSlash(name))
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run 'go test ./internal/pipeline -update' to create it)", err)
		}
		if !bytes.Equal(data, want) {
			t.Errorf("%s differs from %s:\n%s", name, golden, firstDiff(data, want))
		}
	}
}

// firstDiff describes the first line where got and want differ.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconv.Itoa(i+1) + ":\n got: " + gl + "\nwant: " + wl
		}
	}
	return "(no line differs)"
}

func TestDeterministic(t *testing.T) {
	site := testSite(t, nil)
	a := files(t, Options{Site: site})
	// A later clock must not change anything: no wall-clock time in feeds.
	b := files(t, Options{Site: site, Now: now.Add(24 * time.Hour)})
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two builds of the same articles", name)
		}
	}
}

func TestSelection(t *testing.T) {
	tests := []struct {
		name      string
		opts      Options
		limit     int
		items     int
		left      int
		wantTitle string // the first item's title
	}{
		{"default", Options{}, 20, 6, 2, "Un article en TOML"},
		{"drafts", Options{Drafts: true}, 20, 7, 1, "Un article en TOML"},
		{"future", Options{Future: true}, 20, 7, 1, "From the future"},
		{"both", Options{Drafts: true, Future: true}, 20, 8, 0, "From the future"},
		{"limit", Options{}, 2, 2, 2, "Un article en TOML"},
		{"no limit", Options{}, 0, 6, 2, "Un article en TOML"},
		{"before everything", Options{Now: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)}, 20, 0, 8, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.opts
			opts.Site = testSite(t, func(s *config.Settings) { s.Limit = tt.limit })
			if opts.Now.IsZero() {
				opts.Now = now
			}
			res, err := Run(opts)
			if err != nil {
				t.Fatal(err)
			}
			if res.Articles != 8 || res.Items != tt.items || res.Left != tt.left {
				t.Errorf("articles, items, left = %d, %d, %d; want 8, %d, %d", res.Articles, res.Items, res.Left, tt.items, tt.left)
			}
			feed := parse(t, made(t, res)["rss.xml"])
			if len(feed.Items) != tt.items {
				t.Fatalf("the RSS feed has %d items, want %d", len(feed.Items), tt.items)
			}
			if tt.items > 0 && feed.Items[0].Title != tt.wantTitle {
				t.Errorf("first item %q, want %q", feed.Items[0].Title, tt.wantTitle)
			}
		})
	}
}

func TestSummaryOnly(t *testing.T) {
	got := files(t, Options{Site: testSite(t, func(s *config.Settings) { s.Content = "summary" })})
	if bytes.Contains(got["rss.xml"], []byte("content:encoded")) || bytes.Contains(got["atom.xml"], []byte("<content")) {
		t.Error("content: summary must leave the full content out")
	}
	if bytes.Contains(got["feed.json"], []byte("content_html")) || !bytes.Contains(got["feed.json"], []byte(`"content_text": "Before the marker, first part. Second part, still before."`)) {
		t.Errorf("content: summary must give JSON items their summary as content_text:\n%s", got["feed.json"])
	}
}

// TestWorkers checks that the output does not depend on how many articles
// are read at once.
func TestWorkers(t *testing.T) {
	for _, limit := range []int{0, 2} {
		site := testSite(t, func(s *config.Settings) { s.Limit = limit })
		one := files(t, Options{Site: site, Workers: 1})
		for _, w := range []int{2, 3, 8} {
			many := files(t, Options{Site: site, Workers: w})
			for name := range one {
				if !bytes.Equal(one[name], many[name]) {
					t.Errorf("limit %d: %s differs between 1 and %d workers", limit, name, w)
				}
			}
		}
	}
}

// TestCacheSameOutput checks that a build that takes every article from
// the cache writes the same bytes as one that reads them all.
func TestCacheSameOutput(t *testing.T) {
	for _, o := range []Options{{}, {Drafts: true, Future: true}} {
		o.Site, o.Now, o.Generator, o.Caching = testSite(t, nil), now, "feedpub test", true
		fresh, err := Run(o)
		if err != nil {
			t.Fatal(err)
		}
		o.Cache = savedCache(t, fresh.Cache)
		again, err := Run(o)
		if err != nil {
			t.Fatal(err)
		}
		if again.Read != 0 || again.Unchanged {
			t.Fatalf("read %d articles, unchanged %v; want 0 and false (outputs not vouched for)", again.Read, again.Unchanged)
		}
		a, b := made(t, fresh), made(t, again)
		if len(a) != len(b) {
			t.Errorf("%d files with the cache, %d without", len(b), len(a))
		}
		for name, data := range a {
			if !bytes.Equal(data, b[name]) {
				t.Errorf("drafts/future %v/%v: %s differs with the cache", o.Drafts, o.Future, name)
			}
		}
	}
}

// TestCacheKeyCoversSettings changes every field of the resolved site, one
// at a time, and checks that the cache key changes: a setting added later
// is covered without being listed anywhere.
func TestCacheKeyCoversSettings(t *testing.T) {
	base := testSite(t, nil)
	key := CacheKey(Options{Site: base})
	if key != CacheKey(Options{Site: testSite(t, nil)}) {
		t.Fatal("the key of equal settings differs")
	}
	var walk func(v reflect.Value, name string)
	walk = func(v reflect.Value, name string) {
		tp := v.Type()
		for i := 0; i < tp.NumField(); i++ {
			f, fname := v.Field(i), name+tp.Field(i).Name
			if f.Kind() == reflect.Struct {
				walk(f, fname+".")
				continue
			}
			if f.Kind() == reflect.Func {
				continue // the generator's Key stands for its functions
			}
			old := reflect.New(f.Type()).Elem()
			old.Set(f)
			if !change(f) {
				t.Errorf("%s: the test does not know how to change a %s", fname, f.Type())
				continue
			}
			if CacheKey(Options{Site: base}) == key {
				t.Errorf("changing %s leaves the cache key as it was", fname)
			}
			f.Set(old)
		}
	}
	walk(reflect.ValueOf(base).Elem(), "")
	if CacheKey(Options{Site: base}) != key {
		t.Error("the settings were not restored")
	}
}

// change sets v to another value of its type, and reports whether it could.
func change(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String:
		v.SetString(v.String() + "x")
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(v.Int() + 1)
	case reflect.Float64:
		v.SetFloat(v.Float() + 0.25)
	case reflect.Slice:
		v.Set(reflect.Append(v, reflect.New(v.Type().Elem()).Elem()))
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for _, k := range v.MapKeys() {
			m.SetMapIndex(k, v.MapIndex(k))
		}
		k := reflect.New(v.Type().Key()).Elem()
		if !change(k) {
			return false
		}
		val := reflect.New(v.Type().Elem()).Elem()
		if val.Kind() == reflect.Interface {
			val.Set(reflect.ValueOf("x"))
		}
		m.SetMapIndex(k, val)
		v.Set(m)
	case reflect.Pointer:
		switch p := v.Interface().(type) {
		case *url.URL:
			v.Set(reflect.ValueOf(&url.URL{Scheme: "https", Host: "other.example", Path: p.Path}))
		case *time.Location:
			v.Set(reflect.ValueOf(time.FixedZone("X", 3600)))
		default:
			if !v.IsNil() {
				return false
			}
			v.Set(reflect.New(v.Type().Elem()))
		}
	case reflect.Interface:
		v.Set(reflect.ValueOf(permalink.Pattern{Pattern: ":year/:slug/"}))
	default:
		return false
	}
	return true
}

// TestSpooledCache checks that a build that keeps the cache's entries on
// disk while it makes the files leaves the same cache as one that keeps
// them in memory, and that the next build takes every article from it.
func TestSpooledCache(t *testing.T) {
	defer func(n int) { spoolFrom = n }(spoolFrom)
	caches := map[int]*cache.Cache{}
	for _, from := range []int{0, 1 << 30} {
		spoolFrom = from
		o := Options{Site: testSite(t, nil), Now: now, Generator: "feedpub test", Caching: true}
		res, err := Run(o)
		if err != nil {
			t.Fatal(err)
		}
		if (res.spool != nil) != (from == 0) {
			t.Fatalf("spool from %d articles: spooled %v", from, res.spool != nil)
		}
		c := savedCache(t, res.Cache)
		if err := res.Close(); err != nil {
			t.Fatal(err)
		}
		if len(c.Entries) == 0 {
			t.Fatal("the cache holds no entry")
		}
		o.Cache = c
		again, err := Run(o)
		if err != nil {
			t.Fatal(err)
		}
		again.Close()
		if again.Read != 0 {
			t.Errorf("spool from %d articles: the next build read %d articles, want 0", from, again.Read)
		}
		caches[from] = c
	}
	a, b := caches[0], caches[1<<30]
	if !reflect.DeepEqual(a.Entries, b.Entries) || a.Selection != b.Selection || !reflect.DeepEqual(a.Pages, b.Pages) || !reflect.DeepEqual(a.Families, b.Families) {
		t.Errorf("the spooled cache differs:\n%+v\nin memory:\n%+v", a, b)
	}
}

// TestDuplicatesWithSumsOnDisk checks that articles sharing a URL or an
// id are found the same way whether their hashes are kept in memory or,
// as for a large archive, in a temporary file.
func TestDuplicatesWithSumsOnDisk(t *testing.T) {
	defer func(n int) { spoolFrom = n }(spoolFrom)
	dir := t.TempDir()
	for name, text := range map[string]string{
		"a.md": "---\ntitle: A\ndate: 2024-01-01\n---\n",
		"c.md": "---\ntitle: C\ndate: 2024-01-03\nurl: x/\nid: urn:same\n---\n",
		"d.md": "---\ntitle: D\ndate: 2024-01-04\nurl: x/\n---\n",
		"e.md": "---\ntitle: E\ndate: 2024-01-05\nid: urn:same\n---\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	for _, from := range []int{0, 1 << 30} {
		spoolFrom = from
		site := testSite(t, func(s *config.Settings) { s.Articles = dir })
		_, err := Run(Options{Site: site, Now: now, Generator: "feedpub test", Caching: true})
		var problems diag.List
		if !errors.As(err, &problems) || len(problems) != 2 {
			t.Fatalf("sums from %d articles: %v, want two duplicates", from, err)
		}
		got = append(got, err.Error())
	}
	if got[0] != got[1] {
		t.Errorf("on disk:\n%s\nin memory:\n%s", got[0], got[1])
	}
	for _, want := range []string{"d.md:4:1: the URL", "e.md:4:1: the id urn:same is also"} {
		if !strings.Contains(got[0], want) {
			t.Errorf("problems lack %q:\n%s", want, got[0])
		}
	}
}
