package cli

import (
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

	"gocloud.dev/blob"

	"github.com/feedpub/feedpub/internal/build"
	"github.com/feedpub/feedpub/internal/config"
)

// versitygw is a real S3 server on loopback: Versity's S3 gateway over a
// folder. The test starts, kills and restarts it.
type versitygw struct {
	t    *testing.T
	bin  string
	data string
	addr string
	cmd  *exec.Cmd
}

const s3Access, s3Secret = "feedpubtest", "feedpub-test-secret"

func startVersitygw(t *testing.T) *versitygw {
	t.Helper()
	bin, err := exec.LookPath("versitygw")
	if err != nil {
		if gopath, gerr := exec.Command("go", "env", "GOPATH").Output(); gerr == nil {
			if p := filepath.Join(strings.TrimSpace(string(gopath)), "bin", "versitygw"); fileExists(p) {
				bin, err = p, nil
			}
		}
	}
	if err != nil {
		t.Skip("versitygw is not installed (go install github.com/versity/versitygw/cmd/versitygw@v1.8.0): the S3 integration test did not run")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	v := &versitygw{t: t, bin: bin, data: t.TempDir(), addr: addr}
	os.Mkdir(filepath.Join(v.data, "feeds"), 0o755) // the bucket
	v.start()
	t.Cleanup(v.stop)
	return v
}

func (v *versitygw) start() {
	v.t.Helper()
	v.cmd = exec.Command(v.bin, "--access", s3Access, "--secret", s3Secret, "--port", v.addr, "posix", v.data)
	if err := v.cmd.Start(); err != nil {
		v.t.Fatal(err)
	}
	eventually(v.t, "versitygw to listen", func() bool {
		c, err := net.Dial("tcp", v.addr)
		if err == nil {
			c.Close()
		}
		return err == nil
	})
}

func (v *versitygw) stop() {
	if v.cmd != nil && v.cmd.Process != nil {
		v.cmd.Process.Kill()
		v.cmd.Wait()
	}
	v.cmd = nil
}

// killer forwards requests to the server and kills it after a number of
// uploads, when armed.
type killer struct {
	mu      sync.Mutex
	v       *versitygw
	proxy   *httputil.ReverseProxy
	puts    int
	killAt  int // 0: never
	stopped bool
}

func (k *killer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	k.mu.Lock()
	if r.Method == http.MethodPut {
		k.puts++
		if k.killAt > 0 && k.puts > k.killAt && !k.stopped {
			k.v.stop()
			k.stopped = true
		}
	}
	k.mu.Unlock()
	k.proxy.ServeHTTP(w, r)
}

// TestPublishS3 publishes a site to a real S3 server: everything at
// first, with the right headers; nothing when nothing changed; exactly the
// changed files after an edit; stale objects under the prefix with
// --delete and nothing outside it; and, with the server killed half-way,
// main feeds that stay as they were until a rerun completes.
func TestPublishS3(t *testing.T) {
	v := startVersitygw(t)
	target, _ := url.Parse("http://" + v.addr)
	k := &killer{v: v, proxy: httputil.NewSingleHostReverseProxy(target)}
	k.proxy.ErrorLog = log.New(io.Discard, "", 0) // refused connections are the point
	front := httptest.NewServer(k)
	defer front.Close()
	t.Setenv("AWS_ACCESS_KEY_ID", s3Access)
	t.Setenv("AWS_SECRET_ACCESS_KEY", s3Secret)
	t.Setenv("AWS_REGION", "us-east-1")
	dest := "s3://feeds/news?endpoint=" + front.URL + "&region=us-east-1&use_path_style=true"

	articles := map[string]string{}
	for i := 1; i <= 7; i++ {
		articles[fmt.Sprintf("a%d.md", i)] = fmt.Sprintf("---\ntitle: Article %d\ndate: 2024-01-%02d\ntags: [%s]\n---\nBody %d.\n", i, i, []string{"go", "news"}[i%2], i)
	}
	dir := site(t, articles)
	os.WriteFile(filepath.Join(dir, "feedpub.yaml"), []byte("limit: 2\narchive_size: 2\n"), 0o644)

	ctx := context.Background()
	b, err := blob.OpenBucket(ctx, "s3://feeds?endpoint="+url.QueryEscape("http://"+v.addr)+"&region=us-east-1&use_path_style=true")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	s := config.Defaults()
	s.Limit, s.ArchiveSize = 2, 2
	s.Output = filepath.Join(dir, "public")
	site, err := s.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	classify := classifier(site)

	// A first publish: every file, each with its type and caching.
	code, out, errOut := run(t, dir, "publish", dest)
	if code != 0 {
		t.Fatalf("first publish: exit %d\n%s%s", code, out, errOut)
	}
	local := tree(t, filepath.Join(dir, "public"))
	if !strings.Contains(out, fmt.Sprintf(": %d uploaded", len(local))) {
		t.Errorf("the first publish did not upload all %d files:\n%s", len(local), out)
	}
	immutable := 0
	for name, data := range local {
		a, err := b.Attributes(ctx, "news/"+name) // a HEAD request
		if err != nil {
			t.Errorf("news/%s: %v", name, err)
			continue
		}
		_, ctype, cc := classify(name)
		if a.ContentType != build.ContentType(site, name) || a.ContentType != ctype || a.CacheControl != cc || a.Size != int64(len(data)) {
			t.Errorf("news/%s: Content-Type %q, Cache-Control %q, %d bytes; want %q, %q, %d", name, a.ContentType, a.CacheControl, a.Size, ctype, cc, len(data))
		}
		if cc == site.PublishCacheControlArchive {
			immutable++
		}
	}
	if a, _ := b.Attributes(ctx, "news/rss.xml"); a == nil || a.ContentType != "application/rss+xml; charset=utf-8" || a.CacheControl != "public, max-age=300" {
		t.Errorf("news/rss.xml: %+v", a)
	}
	if immutable != 3*2 { // 5 archived in pages of 2: two full pages in three formats
		t.Errorf("%d objects are cached for a year, want the 6 full archive documents", immutable)
	}

	// Nothing changed: nothing uploaded.
	k.mu.Lock()
	k.puts = 0
	k.mu.Unlock()
	if code, out, _ := run(t, dir, "publish", dest); code != 0 || !strings.Contains(out, ": 0 uploaded (0 bytes)") || k.puts != 0 {
		t.Errorf("unchanged publish: exit %d, %d PUTs:\n%s", code, k.puts, out)
	}

	// An edit: exactly the files the build rewrote are uploaded.
	os.WriteFile(filepath.Join(dir, "articles", "a7.md"), []byte("---\ntitle: Article 7, edited\ndate: 2024-01-07\ntags: [news]\n---\nBody 7.\n"), 0o644)
	code, out, errOut = run(t, dir, "publish", dest)
	if code != 0 {
		t.Fatalf("publish after an edit: exit %d\n%s%s", code, out, errOut)
	}
	wrote := lines(out, `(?m)^wrote\s+public/(\S+)`)
	uploaded := lines(out, `(?m)^upload news/(\S+)`)
	if len(wrote) == 0 || !slices.Equal(wrote, uploaded) {
		t.Errorf("the build wrote %v but publish uploaded %v", wrote, uploaded)
	}

	// --delete: stale objects under the prefix go, nothing else.
	for _, key := range []string{"news/stale.xml", "news/tags/gone/atom.xml", "other/keep.xml", "newsroom/keep.xml"} {
		if err := b.WriteAll(ctx, key, []byte("old"), nil); err != nil {
			t.Fatal(err)
		}
	}
	if code, out, _ := run(t, dir, "publish", "--delete", dest); code != 0 || !strings.Contains(out, ", 2 deleted") {
		t.Errorf("--delete: exit %d:\n%s", code, out)
	}
	for key, want := range map[string]bool{"news/stale.xml": false, "news/tags/gone/atom.xml": false, "other/keep.xml": true, "newsroom/keep.xml": true, "news/atom.xml": true} {
		if ok, _ := b.Exists(ctx, key); ok != want {
			t.Errorf("%s exists: %v, want %v", key, ok, want)
		}
	}

	// The server dies after two uploads: the main feeds stay as they were.
	before, _ := b.ReadAll(ctx, "news/atom.xml")
	os.WriteFile(filepath.Join(dir, "articles", "a8.md"), []byte("---\ntitle: Article 8\ndate: 2024-01-08\ntags: [go]\n---\nBody 8.\n"), 0o644)
	k.mu.Lock()
	k.puts, k.killAt = 0, 2
	k.mu.Unlock()
	code, out, errOut = run(t, dir, "publish", "--jobs", "1", dest)
	if code == 0 || !strings.Contains(errOut, "publishing stopped at the") || !strings.Contains(errOut, "main feeds") ||
		!strings.Contains(errOut, "run it again to finish") || !strings.Contains(out, "not uploaded: news/atom.xml") {
		t.Fatalf("publish to a dying server: exit %d\n%s%s", code, out, errOut)
	}
	k.mu.Lock()
	k.killAt, k.stopped = 0, false
	k.mu.Unlock()
	v.start()
	if after, _ := b.ReadAll(ctx, "news/atom.xml"); string(after) != string(before) {
		t.Error("a publish that failed half-way changed the main feed")
	}
	if code, out, errOut := run(t, dir, "publish", dest); code != 0 {
		t.Fatalf("the rerun: exit %d\n%s%s", code, out, errOut)
	}
	if after, _ := b.ReadAll(ctx, "news/atom.xml"); !strings.Contains(string(after), "Article 8") {
		t.Error("the rerun did not publish the new main feed")
	}
	for name, data := range tree(t, filepath.Join(dir, "public")) {
		if got, err := b.ReadAll(ctx, "news/"+name); err != nil || string(got) != string(data) {
			t.Errorf("after the rerun, news/%s differs from the build's: %v", name, err)
		}
	}
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
