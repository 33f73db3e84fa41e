package publish

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/feedpub/feedpub/internal/testfiles"
)

// site writes an output directory as a build leaves it.
func site(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	testfiles.Write(t, dir, files)
	return dir
}

var output = map[string]string{
	"archive/atom/1.xml": "<feed>archive 1</feed>",
	"archive/atom/2.xml": "<feed>archive 2</feed>",
	"feed.xsl":           "<xsl/>",
	"tags/go/atom.xml":   "<feed>go</feed>",
	"tags/go/index.html": "<html>go</html>",
	"atom.xml":           "<feed>main</feed>",
	"rss.xml":            "<rss>main</rss>",
	"index.html":         "<html>home</html>",
	".feedpub.lock":      "",
	".feedpub-manifest":  "atom.xml\n",
	".atom.xml.tmp-1":    "half",
}

// classify stands in for the build's knowledge of its files.
func classify(name string) (Stage, string, string) {
	short, year := "public, max-age=300", "public, max-age=31536000, immutable"
	switch name {
	case "archive/atom/1.xml":
		return Immutable, "application/atom+xml; charset=utf-8", year
	case "feed.xsl":
		return Immutable, "text/xsl; charset=utf-8", short
	case "atom.xml":
		return Main, "application/atom+xml; charset=utf-8", short
	case "rss.xml":
		return Main, "application/rss+xml; charset=utf-8", short
	case "index.html":
		return Pages, "text/html; charset=utf-8", short
	}
	if strings.HasSuffix(name, ".html") {
		return Secondary, "text/html; charset=utf-8", short
	}
	return Secondary, "application/atom+xml; charset=utf-8", short
}

// memStore is a bucket in memory that keeps headers and lists neither
// them nor MD5s (as S3), so that publishing asks for them; with inPlace it
// can update headers without an upload.
type memStore struct {
	mu      sync.Mutex
	objs    map[string]memObject
	inPlace bool
	updates int // headers updated in place
}

type memObject struct {
	data []byte
	h    Headers
	sum  []byte
}

func newMem(t *testing.T) *memStore {
	t.Helper()
	return &memStore{objs: map[string]memObject{}, inPlace: true}
}

func (m *memStore) List(_ context.Context, prefix string) ([]Object, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []Object
	for k, o := range m.objs {
		if strings.HasPrefix(k, prefix) {
			out = append(out, Object{Key: k, Size: int64(len(o.data))})
		}
	}
	return out, nil
}

func (m *memStore) Describe(_ context.Context, o *Object) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	obj, ok := m.objs[o.Key]
	if !ok {
		return errors.New("not found")
	}
	h := obj.h
	o.MD5, o.Headers = obj.sum, &h
	return nil
}

func (m *memStore) Write(_ context.Context, key string, data []byte, h Headers, sum []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.objs[key] = memObject{data: bytes.Clone(data), h: h, sum: sum}
	return nil
}

func (m *memStore) Delete(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.objs, key)
	return nil
}

func (m *memStore) UpdateHeaders(_ context.Context, o Object, h Headers, _ []byte) (bool, error) {
	if !m.inPlace {
		return false, nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	obj := m.objs[o.Key]
	obj.h = h
	m.objs[o.Key] = obj
	m.updates++
	return true, nil
}

func (*memStore) KeepsHeaders() bool       { return true }
func (*memStore) Transient(err error) bool { return errors.Is(err, errFlaky) }
func (*memStore) Close() error             { return nil }

// errFlaky is an error that memStore calls transient.
var errFlaky = errors.New("503 slow down")

// put stores an object as another tool would.
func (m *memStore) put(key, data string) {
	m.Write(context.Background(), key, []byte(data), Headers{}, nil)
}

// headers are the object's headers, or an error if it is missing.
func (m *memStore) headers(key string) (Headers, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	obj, ok := m.objs[key]
	if !ok {
		return Headers{}, errors.New(key + " is missing")
	}
	return obj.h, nil
}

// recorder notes the order of uploads and can fail one.
type recorder struct {
	mu    sync.Mutex
	names []string
	fail  string
}

func (r *recorder) before(name string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if name == r.fail {
		return errors.New("the store went away")
	}
	r.names = append(r.names, name)
	return nil
}

func publish(t *testing.T, b Store, dir string, r *recorder, edit func(*Options)) (*Report, error) {
	t.Helper()
	opts := Options{Dir: dir, Prefix: "site", Classify: classify, Attempts: 1, beforeUpload: r.before}
	if edit != nil {
		edit(&opts)
	}
	return Run(context.Background(), b, opts)
}

func read(t *testing.T, b Store, key string) string {
	t.Helper()
	switch b := b.(type) {
	case *memStore:
		b.mu.Lock()
		defer b.mu.Unlock()
		if o, ok := b.objs[key]; ok {
			return string(o.data)
		}
	case folder:
		if data, err := os.ReadFile(b.path(key)); err == nil {
			return string(data)
		}
	}
	return "(missing)"
}

func TestPublish(t *testing.T) {
	dir := site(t, output)
	b := newMem(t)
	r := &recorder{}
	rep, err := publish(t, b, dir, r, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Uploaded != 8 || rep.Skipped != 0 || rep.Deleted != 0 {
		t.Errorf("first publish: %d uploaded, %d skipped, %d deleted; want 8, 0, 0", rep.Uploaded, rep.Skipped, rep.Deleted)
	}
	// Stage by stage: immutable files, then the rest, the main feeds, the home page.
	stageOf := func(name string) Stage { s, _, _ := classify(name); return s }
	for i := 1; i < len(r.names); i++ {
		if stageOf(r.names[i]) < stageOf(r.names[i-1]) {
			t.Errorf("%s was uploaded after %s", r.names[i], r.names[i-1])
		}
	}
	if read(t, b, "site/.feedpub.lock") != "(missing)" || read(t, b, "site/.feedpub-manifest") != "(missing)" ||
		read(t, b, "site/.atom.xml.tmp-1") != "(missing)" {
		t.Error("a hidden file was uploaded")
	}
	for key, want := range map[string][2]string{
		"site/atom.xml":           {"application/atom+xml; charset=utf-8", "public, max-age=300"},
		"site/archive/atom/1.xml": {"application/atom+xml; charset=utf-8", "public, max-age=31536000, immutable"},
		"site/index.html":         {"text/html; charset=utf-8", "public, max-age=300"},
	} {
		a, err := b.headers(key)
		if err != nil || a.ContentType != want[0] || a.CacheControl != want[1] {
			t.Errorf("%s: %v; want Content-Type %q, Cache-Control %q", key, err, want[0], want[1])
		}
	}

	// Nothing changed: nothing uploaded.
	r.names = nil
	if rep, err = publish(t, b, dir, r, nil); err != nil || rep.Uploaded != 0 || rep.Skipped != 8 || len(r.names) != 0 {
		t.Errorf("unchanged: %v, %d uploaded, %d skipped", err, rep.Uploaded, rep.Skipped)
	}

	// Two files changed: exactly those.
	os.WriteFile(filepath.Join(dir, "atom.xml"), []byte("<feed>main, edited</feed>"), 0o644)
	os.WriteFile(filepath.Join(dir, "tags", "go", "atom.xml"), []byte("<feed>go, edited</feed>"), 0o644)
	if rep, err = publish(t, b, dir, r, nil); err != nil || rep.Uploaded != 2 || fmt.Sprint(r.names) != "[tags/go/atom.xml atom.xml]" {
		t.Errorf("two edits: %v, %d uploaded: %v", err, rep.Uploaded, r.names)
	}
	if got := read(t, b, "site/atom.xml"); got != "<feed>main, edited</feed>" {
		t.Errorf("site/atom.xml = %q", got)
	}
}

func TestPublishDelete(t *testing.T) {
	dir := site(t, output)
	b := newMem(t)
	for _, key := range []string{"site/stale.xml", "site/tags/gone/atom.xml", "other/keep.xml", "site2/keep.xml"} {
		b.put(key, "old")
	}
	if rep, err := publish(t, b, dir, &recorder{}, nil); err != nil || rep.Deleted != 0 || read(t, b, "site/stale.xml") != "old" {
		t.Fatalf("without --delete: %v, %d deleted", err, rep.Deleted)
	}
	rep, err := publish(t, b, dir, &recorder{}, func(o *Options) { o.Delete = true })
	if err != nil || rep.Deleted != 2 {
		t.Fatalf("--delete: %v, %d deleted, want 2", err, rep.Deleted)
	}
	for key, want := range map[string]string{"site/stale.xml": "(missing)", "site/tags/gone/atom.xml": "(missing)",
		"other/keep.xml": "old", "site2/keep.xml": "old", "site/atom.xml": "<feed>main</feed>"} {
		if got := read(t, b, key); got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
	if last := rep.Actions[len(rep.Actions)-1]; last.Op != Delete {
		t.Errorf("deletions must come last; the last action is %+v", last)
	}
}

func TestPublishFailureKeepsMainFeeds(t *testing.T) {
	dir := site(t, output)
	b := newMem(t)
	if _, err := publish(t, b, dir, &recorder{}, nil); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"atom.xml", "rss.xml", "tags/go/atom.xml", "archive/atom/2.xml"} {
		os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte("new "+name), 0o644)
	}
	r := &recorder{fail: "tags/go/atom.xml"}
	rep, err := publish(t, b, dir, r, func(o *Options) { o.Jobs = 1 })
	if rep == nil {
		t.Fatalf("no report of what was done: %v", err)
	}
	for _, a := range rep.Actions {
		if want := a.Name == "archive/atom/2.xml"; a.Op == Upload && a.Done != want {
			t.Errorf("%s: done %v, want %v", a.Name, a.Done, want)
		}
	}
	if err == nil || !strings.Contains(err.Error(), "publishing stopped at the archive and family feeds: upload site/tags/go/atom.xml: the store went away") ||
		!strings.Contains(err.Error(), "the main feeds, pages, deletions were not touched; run it again to finish") {
		t.Fatalf("error: %v", err)
	}
	if got := read(t, b, "site/atom.xml"); got != "<feed>main</feed>" {
		t.Errorf("a failure before the main feeds changed them: %q", got)
	}
	rep, err = publish(t, b, dir, &recorder{}, nil)
	if err != nil || rep.Uploaded != 3 || read(t, b, "site/atom.xml") != "new atom.xml" {
		t.Errorf("the rerun: %v, %d uploaded (want 3: what the failure left)", err, rep.Uploaded)
	}
}

func TestPublishDryRunAndGzip(t *testing.T) {
	dir := site(t, output)
	b := newMem(t)
	rep, err := publish(t, b, dir, &recorder{}, func(o *Options) { o.DryRun = true })
	if err != nil || rep.Uploaded != 0 || len(rep.Actions) != 8 || read(t, b, "site/atom.xml") != "(missing)" {
		t.Fatalf("dry run: %v, %d uploaded, %d planned", err, rep.Uploaded, len(rep.Actions))
	}
	gz := func(o *Options) { o.Gzip = true }
	if _, err := publish(t, b, dir, &recorder{}, gz); err != nil {
		t.Fatal(err)
	}
	a, err := b.headers("site/atom.xml")
	if err != nil || a.ContentEncoding != "gzip" {
		t.Fatalf("Content-Encoding %q, %v", a.ContentEncoding, err)
	}
	zr, err := gzip.NewReader(strings.NewReader(read(t, b, "site/atom.xml")))
	if err != nil {
		t.Fatal(err)
	}
	if plain, _ := io.ReadAll(zr); string(plain) != "<feed>main</feed>" {
		t.Errorf("the object decompresses to %q", plain)
	}
	// Compression is the same every time, so nothing is uploaded again.
	if rep, err := publish(t, b, dir, &recorder{}, gz); err != nil || rep.Uploaded != 0 {
		t.Errorf("gzip, unchanged: %v, %d uploaded", err, rep.Uploaded)
	}
}

// TestPublishHeaders: an object whose bytes are right but whose headers
// are not gets them updated (in place where the store can, or else by
// uploading it again), and is counted as updated, not uploaded.
func TestPublishHeaders(t *testing.T) {
	for _, inPlace := range []bool{true, false} {
		t.Run(fmt.Sprint("in place ", inPlace), func(t *testing.T) { testHeaders(t, inPlace) })
	}
}

func testHeaders(t *testing.T, inPlace bool) {
	dir := site(t, output)
	b := newMem(t)
	b.inPlace = inPlace
	if _, err := publish(t, b, dir, &recorder{}, nil); err != nil {
		t.Fatal(err)
	}
	longer := func(o *Options) {
		o.Classify = func(name string) (Stage, string, string) {
			s, ct, cc := classify(name)
			if name == "atom.xml" {
				ct = "application/xml; charset=utf-8"
			}
			if cc == "public, max-age=300" {
				cc = "public, max-age=600"
			}
			return s, ct, cc
		}
	}
	updates := &recorder{}
	rep, err := publish(t, b, dir, &recorder{}, func(o *Options) {
		longer(o)
		o.beforeUpdate = updates.before
	})
	if err != nil || rep.Uploaded != 0 || rep.Updated != 7 || rep.Skipped != 1 {
		t.Fatalf("new headers: %v, %d uploaded, %d updated, %d skipped; want 0, 7, 1", err, rep.Uploaded, rep.Updated, rep.Skipped)
	}
	for _, a := range rep.Actions {
		want := map[string]string{"atom.xml": "headers changed: Content-Type, Cache-Control", "archive/atom/1.xml": "unchanged"}[a.Name]
		if want == "" {
			want = "headers changed: Cache-Control"
		}
		if a.Reason != want {
			t.Errorf("%s: %s (%s), want %s", a.Name, a.Op, a.Reason, want)
		}
		if a.Op == Update && (a.Was.CacheControl != "public, max-age=300" || a.Headers.CacheControl != "public, max-age=600") {
			t.Errorf("%s: headers were %+v, are %+v", a.Name, a.Was, a.Headers)
		}
	}
	if len(updates.names) != 7 {
		t.Errorf("updated %v", updates.names)
	}
	if want := map[bool]int{true: 7, false: 0}[inPlace]; b.updates != want {
		t.Errorf("%d updated in place, want %d", b.updates, want)
	}
	a, err := b.headers("site/atom.xml")
	if err != nil || a.ContentType != "application/xml; charset=utf-8" || a.CacheControl != "public, max-age=600" {
		t.Errorf("site/atom.xml after the update: %+v, %v", a, err)
	}
	if rep, err := publish(t, b, dir, &recorder{}, longer); err != nil || rep.Uploaded+rep.Updated != 0 {
		t.Errorf("after the update: %v, %d uploaded, %d updated", err, rep.Uploaded, rep.Updated)
	}
	// An update that fails stops the publish as a failed upload does.
	rep, err = publish(t, b, dir, &recorder{}, func(o *Options) {
		o.Jobs = 1
		o.beforeUpdate = (&recorder{fail: "tags/go/atom.xml"}).before
	})
	if err == nil || !strings.Contains(err.Error(), "update site/tags/go/atom.xml: the store went away") {
		t.Fatalf("a failed update: %v", err)
	}
	if a, _ := b.headers("site/atom.xml"); a.CacheControl != "public, max-age=600" {
		t.Errorf("a failure before the main feeds changed their headers: %+v", a)
	}
}

func TestHeadersDiffer(t *testing.T) {
	want := Headers{ContentType: "application/rss+xml; charset=utf-8", CacheControl: "public, max-age=300"}
	for _, tt := range []struct {
		have Headers
		diff string
	}{
		{want, ""},
		{Headers{ContentType: "Application/RSS+XML;charset=UTF-8", CacheControl: "public,max-age=300"}, ""},
		{Headers{ContentType: "application/xml; charset=utf-8", CacheControl: "public, max-age=300"}, "Content-Type"},
		{Headers{ContentType: "application/rss+xml", CacheControl: "public, max-age=300"}, "Content-Type"},
		{Headers{ContentType: "application/rss+xml; charset=utf-8", CacheControl: "public, max-age=300", ContentEncoding: "gzip"}, "Content-Encoding"},
		{Headers{}, "Content-Type, Cache-Control"},
	} {
		if got := tt.have.differ(want); got != tt.diff {
			t.Errorf("%+v: %q, want %q", tt.have, got, tt.diff)
		}
	}
}
