//go:build withcloud

package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/layout"
	"github.com/feedpub/feedpub/internal/publish"
)

// The publishing scenarios run against a real server of each cloud that
// publish claims, on loopback: Versity's S3 gateway, fake-gcs-server for
// Google Cloud Storage's JSON API and Azurite for Azure Blob Storage.
// feedpub reaches each through a proxy that can kill the server half-way
// through a publish, configured as a user would (environment variables and
// the bucket URL); the test checks the objects through each cloud's own
// API (see store), never through feedpub.

// emulator is a storage server run from its binary over a temporary
// folder, which a test can kill and start again on the same address.
type emulator struct {
	t      *testing.T
	name   string
	addr   string // 127.0.0.1:port
	argv   []string
	stopBy os.Signal // SIGKILL, or SIGTERM for a server that must save its index to disk

	mu     sync.Mutex
	cmd    *exec.Cmd
	exited chan struct{}
	log    syncBuffer
}

// lookTool finds an emulator's binary in PATH or in Go's bin folder, or
// skips the test, saying how to install it.
func lookTool(t *testing.T, name, install string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	if gopath, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		if p := filepath.Join(strings.TrimSpace(string(gopath)), "bin", name); fileExists(p) {
			return p
		}
	}
	t.Skipf("%s is not installed (%s): the publishing test on this cloud did not run", name, install)
	return ""
}

// freeAddr is a loopback address whose port was free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// newEmulator starts an emulator and stops it when the test ends.
func newEmulator(t *testing.T, name, addr string, stopBy os.Signal, argv ...string) *emulator {
	t.Helper()
	e := &emulator{t: t, name: name, addr: addr, argv: argv, stopBy: stopBy}
	e.start()
	t.Cleanup(e.stop)
	return e
}

func (e *emulator) start() {
	e.t.Helper()
	cmd := exec.Command(e.argv[0], e.argv[1:]...)
	cmd.Stdout, cmd.Stderr = &e.log, &e.log
	if err := cmd.Start(); err != nil {
		e.t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	e.mu.Lock()
	e.cmd, e.exited = cmd, exited
	e.mu.Unlock()
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		select {
		case <-exited:
			e.t.Fatalf("%s exited as it started:\n%s", e.name, e.log.String())
		default:
		}
		if c, err := net.Dial("tcp", e.addr); err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			e.stop()
			e.t.Fatalf("%s did not listen on %s within a minute:\n%s", e.name, e.addr, e.log.String())
		}
	}
}

// stop ends the server and waits until it has exited.
func (e *emulator) stop() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.cmd == nil {
		return
	}
	e.cmd.Process.Signal(e.stopBy)
	select {
	case <-e.exited:
	case <-time.After(20 * time.Second):
		e.cmd.Process.Kill()
		<-e.exited
	}
	e.cmd = nil
}

// killer forwards requests to the server and, when armed, kills it
// before forwarding the write after killAt of them.
type killer struct {
	mu      sync.Mutex
	e       *emulator
	proxy   *httputil.ReverseProxy
	writes  int // requests that change the store: PUT, POST, PATCH
	killAt  int // 0: never
	stopped bool
}

func (k *killer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	k.mu.Lock()
	if r.Method == http.MethodPut || r.Method == http.MethodPost || r.Method == http.MethodPatch {
		k.writes++
		if k.killAt > 0 && k.writes > k.killAt && !k.stopped {
			k.e.stop()
			k.stopped = true
		}
	}
	k.mu.Unlock()
	k.proxy.ServeHTTP(w, r)
}

// count is the number of writes since the last call, and arms the killer
// to kill the server after killAt more (0: never).
func (k *killer) count(killAt int) int {
	k.mu.Lock()
	defer k.mu.Unlock()
	n := k.writes
	k.writes, k.killAt, k.stopped = 0, killAt, false
	return n
}

// objectInfo is what a cloud's own API says of an object.
type objectInfo struct {
	contentType, cacheControl, contentEncoding string
	size                                       int64
}

// store reads and writes a bucket through its cloud's own client library,
// straight to the server (not through the proxy): what a user's other
// tools, or the CDN, would see.
type store interface {
	// head returns the object's headers and size, or an error that
	// notFound recognises.
	head(ctx context.Context, key string) (objectInfo, error)
	read(ctx context.Context, key string) ([]byte, error) // the bytes as stored
	put(ctx context.Context, key string, data []byte) error
	notFound(err error) bool
}

// cloud is one kind of store in the table of TestPublishClouds.
type cloud struct {
	name string
	// start starts the cloud's emulator with an empty bucket (or
	// container) named "feeds", and returns a store on it; it skips the
	// test when the emulator is not installed.
	start func(t *testing.T) (*emulator, store)
	// connect sets the environment feedpub reads for this cloud and
	// returns the URL of the feeds bucket's news/ prefix, both pointing at
	// front, the proxy's address.
	connect func(t *testing.T, e *emulator, front string) string
}

// TestPublishClouds publishes a site to S3, Google Cloud Storage and
// Azure, each a real server on loopback, in the same scenarios: a first
// publish (every file, each with its Content-Type and Cache-Control); an
// unchanged publish (no request that writes); an edit (a --json dry run
// that plans exactly the files the build rewrote, then a publish that
// uploads exactly those); a change of publish_cache_control and
// publish_feed_type (headers updated in place, nothing uploaded, and
// nothing written again afterwards); --delete (stale objects under the
// prefix go, nothing outside it); and a server killed half-way (the main
// feeds stay as they were until a rerun completes).
func TestPublishClouds(t *testing.T) {
	for _, c := range clouds {
		t.Run(c.name, func(t *testing.T) { publishScenarios(t, c) })
	}
}

func publishScenarios(t *testing.T, c cloud) {
	ctx := context.Background()
	e, st := c.start(t)
	target, _ := url.Parse("http://" + e.addr)
	k := &killer{e: e, proxy: httputil.NewSingleHostReverseProxy(target)}
	k.proxy.ErrorLog = log.New(io.Discard, "", 0) // refused connections are the point
	front := httptest.NewServer(k)
	defer front.Close()
	dest := c.connect(t, e, strings.TrimPrefix(front.URL, "http://"))

	articles := map[string]string{}
	for i := 1; i <= 7; i++ {
		articles[fmt.Sprintf("a%d.md", i)] = fmt.Sprintf("---\ntitle: Article %d\ndate: 2024-01-%02d\ntags: [%s]\n---\nBody %d.\n", i, i, []string{"go", "news"}[i%2], i)
	}
	dir := site(t, articles)
	settings := "base_url: https://example.com/\nlimit: 2\narchive_size: 2\n"
	os.WriteFile(filepath.Join(dir, "feedpub.yaml"), []byte(settings), 0o644)
	resolve := func(yaml string) *config.Site {
		t.Helper()
		s := config.Defaults()
		path := filepath.Join(t.TempDir(), "feedpub.yaml")
		os.WriteFile(path, []byte(yaml), 0o644)
		if err := s.Load(path); err != nil {
			t.Fatal(err)
		}
		s.Output = filepath.Join(dir, "public")
		site, err := s.Resolve()
		if err != nil {
			t.Fatal(err)
		}
		return site
	}
	// checkObjects compares every object with the build's file: bytes,
	// and the headers publish gives it under these settings.
	checkObjects := func(when string, site *config.Site) {
		t.Helper()
		classify := classifierOf(t, site)
		for name, data := range tree(t, site.Output) {
			key := "news/" + name
			info, err := st.head(ctx, key)
			if err != nil {
				t.Errorf("%s: %s: %v", when, key, err)
				continue
			}
			_, ctype, cc := classify(name)
			if info.contentType != ctype || info.cacheControl != cc || info.contentEncoding != "" || info.size != int64(len(data)) {
				t.Errorf("%s: %s: Content-Type %q, Cache-Control %q, Content-Encoding %q, %d bytes; want %q, %q, none, %d",
					when, key, info.contentType, info.cacheControl, info.contentEncoding, info.size, ctype, cc, len(data))
			}
			if got, err := st.read(ctx, key); err != nil || !bytes.Equal(got, data) {
				t.Errorf("%s: %s differs from the build's file: %v", when, key, err)
			}
		}
	}

	// A first publish: every file, each with its type and caching.
	code, out, errOut := run(t, dir, "publish", dest)
	if code != 0 {
		t.Fatalf("first publish: exit %d\n%s%s", code, out, errOut)
	}
	site1 := resolve(settings)
	local := tree(t, site1.Output)
	if !strings.Contains(out, fmt.Sprintf(": %d uploaded", len(local))) {
		t.Errorf("the first publish did not upload all %d files:\n%s", len(local), out)
	}
	checkObjects("first publish", site1)
	for key, want := range map[string][2]string{
		"news/rss.xml":           {"application/rss+xml; charset=utf-8", "public, max-age=300"},
		"news/atom.xml":          {"application/atom+xml; charset=utf-8", "public, max-age=300"},
		"news/archive/rss/1.xml": {"application/rss+xml; charset=utf-8", "public, max-age=31536000, immutable"},
		"news/feed.json":         {"application/feed+json; charset=utf-8", "public, max-age=300"},
		"news/index.html":        {"text/html; charset=utf-8", "public, max-age=300"},
	} {
		if info, err := st.head(ctx, key); err != nil || info.contentType != want[0] || info.cacheControl != want[1] {
			t.Errorf("%s: %+v, %v; want %q, %q", key, info, err, want[0], want[1])
		}
	}
	immutable := 0
	for name := range local {
		if _, _, cc := classifierOf(t, site1)(name); cc == site1.PublishCacheControlArchive {
			immutable++
		}
	}
	if immutable != 3*2 { // 5 archived in pages of 2: two full pages in three formats
		t.Errorf("%d objects are cached for a year, want the 6 full archive documents", immutable)
	}

	// Nothing changed: nothing written.
	k.count(0)
	if code, out, _ := run(t, dir, "publish", dest); code != 0 || !strings.Contains(out, ": 0 uploaded (0 bytes), 0 updated") {
		t.Errorf("unchanged publish: exit %d:\n%s", code, out)
	}
	if n := k.count(0); n != 0 {
		t.Errorf("an unchanged publish sent %d requests that write", n)
	}

	// An edit: a dry run plans exactly the files the build rewrote, as
	// JSON, and the publish then uploads exactly those.
	os.WriteFile(filepath.Join(dir, "articles", "a7.md"), []byte("---\ntitle: Article 7, edited\ndate: 2024-01-07\ntags: [news]\n---\nBody 7.\n"), 0o644)
	code, out, errOut = run(t, dir, "publish", "--dry-run", "--json", "-v", dest) // -v: every file written named
	if code != 0 {
		t.Fatalf("dry run after an edit: exit %d\n%s%s", code, out, errOut)
	}
	plan := decodeReport(t, out)
	wrote := lines(errOut, `(?m)^wrote\s+public/(\S+)`)
	if len(wrote) == 0 || !slices.Equal(wrote, trimKeys(plan.Uploaded)) || len(plan.Updated)+len(plan.Deleted) != 0 ||
		len(plan.Kept) != len(local)-len(wrote) || !plan.DryRun || plan.Complete {
		t.Errorf("the build wrote %v but the dry run plans %+v", wrote, plan)
	}
	if n := k.count(0); n != 0 {
		t.Errorf("a dry run sent %d requests that write", n)
	}
	code, out, errOut = run(t, dir, "publish", dest)
	if code != 0 {
		t.Fatalf("publish after an edit: exit %d\n%s%s", code, out, errOut)
	}
	if uploaded := lines(out, `(?m)^upload news/(\S+)`); !slices.Equal(wrote, uploaded) || strings.Contains(out, "\nupdate ") {
		t.Errorf("the build wrote %v but publish uploaded %v:\n%s", wrote, uploaded, out)
	}
	checkObjects("after an edit", site1)

	// New headers, same bytes: each object whose headers change is
	// updated in place (one request each), none is uploaded, and a
	// publish after that finds nothing to do.
	settings2 := settings + "publish_cache_control: public, max-age=60\npublish_feed_type: xml\n"
	os.WriteFile(filepath.Join(dir, "feedpub.yaml"), []byte(settings2), 0o644)
	site2 := resolve(settings2)
	var changed []string
	for name := range local {
		_, t1, c1 := classifierOf(t, site1)(name)
		_, t2, c2 := classifierOf(t, site2)(name)
		if t1 != t2 || c1 != c2 {
			changed = append(changed, "news/"+name)
		}
	}
	slices.Sort(changed)
	k.count(0)
	code, out, errOut = run(t, dir, "publish", "--json", dest)
	if code != 0 {
		t.Fatalf("publish with new headers: exit %d\n%s%s", code, out, errOut)
	}
	rep := decodeReport(t, out)
	if len(changed) == 0 || !slices.Equal(rep.Updated, changed) || len(rep.Uploaded) != 0 || rep.Bytes != 0 || !rep.Complete {
		t.Errorf("new headers: want %v updated and nothing uploaded; got %+v", changed, rep)
	}
	if n := k.count(0); n != len(changed) {
		t.Errorf("updating the headers of %d objects took %d requests that write", len(changed), n)
	}
	checkObjects("after new headers", site2)
	if info, _ := st.head(ctx, "news/rss.xml"); info.contentType != "application/xml; charset=utf-8" || info.cacheControl != "public, max-age=60" {
		t.Errorf("with publish_feed_type: xml, news/rss.xml is %+v", info)
	}
	if info, _ := st.head(ctx, "news/feed.json"); info.contentType != "application/feed+json; charset=utf-8" {
		t.Errorf("publish_feed_type changed the JSON feed's type: %+v", info)
	}
	if code, out, _ := run(t, dir, "publish", dest); code != 0 || !strings.Contains(out, ": 0 uploaded (0 bytes), 0 updated") {
		t.Errorf("publish after the headers changed: exit %d:\n%s", code, out)
	}
	if n := k.count(0); n != 0 {
		t.Errorf("a publish after an update of headers sent %d requests that write", n)
	}

	// --delete: stale objects under the prefix go, nothing else.
	for _, key := range []string{"news/stale.xml", "news/tags/gone/atom.xml", "other/keep.xml", "newsroom/keep.xml"} {
		if err := st.put(ctx, key, []byte("old")); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut = run(t, dir, "publish", "--delete", "--json", dest)
	if rep := decodeReport(t, out); code != 0 || fmt.Sprint(rep.Deleted) != "[news/stale.xml news/tags/gone/atom.xml]" || len(rep.Uploaded)+len(rep.Updated) != 0 {
		t.Errorf("--delete: exit %d: %+v\n%s", code, rep, errOut)
	}
	for key, want := range map[string]bool{"news/stale.xml": false, "news/tags/gone/atom.xml": false, "other/keep.xml": true, "newsroom/keep.xml": true, "news/atom.xml": true} {
		_, err := st.head(ctx, key)
		if err != nil && !st.notFound(err) {
			t.Fatalf("%s: %v", key, err)
		}
		if exists := err == nil; exists != want {
			t.Errorf("%s exists: %v, want %v", key, exists, want)
		}
	}

	// The server dies after two uploads: the main feeds stay as they were.
	before, _ := st.read(ctx, "news/atom.xml")
	os.WriteFile(filepath.Join(dir, "articles", "a8.md"), []byte("---\ntitle: Article 8\ndate: 2024-01-08\ntags: [go]\n---\nBody 8.\n"), 0o644)
	k.count(2)
	code, out, errOut = run(t, dir, "publish", "--jobs", "1", dest)
	if code == 0 || !strings.Contains(errOut, "publishing stopped at the") || !strings.Contains(errOut, "main feeds") ||
		!strings.Contains(errOut, "run it again to finish") || !strings.Contains(out, "not uploaded: news/atom.xml") {
		t.Fatalf("publish to a dying server: exit %d\n%s%s", code, out, errOut)
	}
	k.count(0)
	e.start()
	if after, _ := st.read(ctx, "news/atom.xml"); !bytes.Equal(after, before) {
		t.Error("a publish that failed half-way changed the main feed")
	}
	if code, out, errOut := run(t, dir, "publish", dest); code != 0 {
		t.Fatalf("the rerun: exit %d\n%s%s", code, out, errOut)
	}
	if after, _ := st.read(ctx, "news/atom.xml"); !strings.Contains(string(after), "Article 8") {
		t.Error("the rerun did not publish the new main feed")
	}
	checkObjects("after the rerun", site2)
}

// trimKeys takes the news/ prefix off keys.
func trimKeys(keys []string) []string {
	var out []string
	for _, k := range keys {
		out = append(out, strings.TrimPrefix(k, "news/"))
	}
	return out
}

// lines returns the first group of every match of pattern in s, sorted.
func lines(s, pattern string) []string {
	var out []string
	for _, m := range regexp.MustCompile(pattern).FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	slices.Sort(out)
	return out
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// clouds are the stores TestPublishClouds runs its scenarios on.
var clouds = []cloud{s3Cloud, gcsCloud, azureCloud}

// classifierOf is publish's classifier for the site's output directory,
// as its manifest stands.
func classifierOf(t *testing.T, site *config.Site) func(string) (publish.Stage, string, string) {
	t.Helper()
	ix, err := layout.Load(site)
	if err != nil {
		t.Fatal(err)
	}
	return classifier(site, ix)
}
