package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
)

// syncBuffer is a bytes.Buffer that a server's goroutines may write while
// the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// eventually polls cond for a few seconds.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

// served is a 'feedpub serve' running in a test.
type served struct {
	t           *testing.T
	url         string // where it says it serves, such as http://127.0.0.1:PORT/blog/
	out, errOut syncBuffer
	stop        func()
	done        chan error
}

// startServe runs 'feedpub serve' with args and waits until it serves.
func startServe(t *testing.T, args ...string) *served {
	t.Helper()
	s := &served{t: t, done: make(chan error, 1)}
	root := newRoot(&s.out, &s.errOut)
	root.SetArgs(append([]string{"serve"}, args...))
	ctx, stop := context.WithCancel(context.Background())
	s.stop = stop
	go func() { s.done <- root.ExecuteContext(ctx) }()
	t.Cleanup(s.end)
	eventually(t, "the server to start", func() bool {
		m := regexp.MustCompile(`serving on (http://\S+/) — Ctrl-C to stop`).FindStringSubmatch(s.out.String())
		if m != nil {
			s.url = m[1]
		}
		return m != nil
	})
	return s
}

// end stops serve as Ctrl-C would, and checks that it stops cleanly.
func (s *served) end() {
	s.t.Helper()
	if s.stop == nil {
		return
	}
	s.stop()
	s.stop = nil
	select {
	case err := <-s.done:
		if err != nil {
			s.t.Errorf("serve ended with %v", err)
		}
	case <-time.After(10 * time.Second):
		s.t.Fatal("serve did not stop")
	}
	if !strings.Contains(s.out.String(), "stopping") {
		s.t.Errorf("no word of stopping: %s", s.out.String())
	}
}

// get fetches an absolute URL.
func (s *served) get(u string) (*http.Response, string) {
	s.t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

// fetch fetches a path below where serve serves.
func (s *served) fetch(path string) (*http.Response, string) {
	s.t.Helper()
	return s.get(s.url + path)
}

// folder is the folder serve builds into, as its build report names it.
func (s *served) folder() string {
	s.t.Helper()
	m := regexp.MustCompile(`\d+ files in (\S+): `).FindStringSubmatch(s.out.String())
	if m == nil {
		s.t.Fatalf("no build report: %s", s.out.String())
	}
	return m[1]
}

// TestServe runs 'feedpub serve' on a free port, edits and breaks an
// article while it runs, and stops it as Ctrl-C would.
func TestServe(t *testing.T) {
	dir := site(t, map[string]string{"a.md": "---\ntitle: First title\ndate: 2024-01-01\ntags: [go]\n---\nBody.\n"})
	cfg := filepath.Join(dir, "feedpub.yaml")
	os.WriteFile(cfg, []byte("title: Served\ncache: .feedpub-cache\n"), 0o644) // beside the settings, not in the package
	s := startServe(t, "--addr", "127.0.0.1:0", "--config", cfg,
		"--articles", filepath.Join(dir, "articles"), "--out", filepath.Join(dir, "public"))
	if !regexp.MustCompile(`^http://127\.0\.0\.1:\d+/$`).MatchString(s.url) {
		t.Errorf("serving on %s, want http://127.0.0.1:PORT/", s.url)
	}
	resp, body := s.fetch("atom.xml")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/atom+xml; charset=utf-8" || !strings.Contains(body, "First title") {
		t.Fatalf("atom.xml: %d %q\n%s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	for path, ctype := range map[string]string{
		"rss.xml": "application/rss+xml; charset=utf-8", "feed.json": "application/feed+json; charset=utf-8",
		"tags/go/rss.xml": "application/rss+xml; charset=utf-8", "": "text/html; charset=utf-8",
		"feed.js": "text/javascript; charset=utf-8",
	} {
		if resp, _ := s.fetch(path); resp.StatusCode != 200 || resp.Header.Get("Content-Type") != ctype {
			t.Errorf("/%s: %d %q, want %s", path, resp.StatusCode, resp.Header.Get("Content-Type"), ctype)
		}
	}
	for _, hidden := range []string{".feedpub.lock", ".feedpub-manifest", "../cache"} {
		if resp, _ := s.fetch(hidden); resp.StatusCode != 404 {
			t.Errorf("%s is served: %d", hidden, resp.StatusCode)
		}
	}

	// An edit is rebuilt and served.
	os.WriteFile(filepath.Join(dir, "articles", "a.md"), []byte("---\ntitle: Second title\ndate: 2024-01-01\n---\nBody.\n"), 0o644)
	eventually(t, "the edit to be served", func() bool { _, body := s.fetch("atom.xml"); return strings.Contains(body, "Second title") })

	// A broken article: the error is printed, the last good feed stays.
	os.WriteFile(filepath.Join(dir, "articles", "b.md"), []byte("---\ntitle: [unclosed\n---\n"), 0o644)
	eventually(t, "the error to be reported", func() bool { return strings.Contains(s.errOut.String(), "serving the last good feeds") })
	if !strings.Contains(s.errOut.String(), "b.md:2:") {
		t.Errorf("the error does not point at the article: %s", s.errOut.String())
	}
	if _, body := s.fetch("atom.xml"); !strings.Contains(body, "Second title") {
		t.Error("a failed rebuild changed the served feed")
	}

	// The settings are watched too.
	os.Remove(filepath.Join(dir, "articles", "b.md"))
	os.WriteFile(cfg, []byte("title: Renamed site\ncache: .feedpub-cache\n"), 0o644)
	eventually(t, "the new settings to be served", func() bool { _, body := s.fetch("atom.xml"); return strings.Contains(body, "Renamed site") })

	// Serve's folder is its own, with the cache in it, and goes when
	// serve stops; the output folder and cache named are never touched.
	folder := s.folder()
	if _, err := os.Stat(filepath.Join(filepath.Dir(folder), "cache")); err != nil {
		t.Errorf("serve's rebuilds have no cache: %v", err)
	}
	s.end()
	for _, p := range []string{folder, filepath.Join(dir, "public"), filepath.Join(dir, ".feedpub-cache")} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s is there after serve stopped", p)
		}
	}
	// Its links lead to the server: it says nothing of the built-in base_url.
	if strings.Contains(s.errOut.String(), "base_url") {
		t.Errorf("serve spoke of base_url:\n%s", s.errOut.String())
	}
}

// TestServePortInUse checks that a port in use is found before anything
// is built, and said with how to pick another.
func TestServePortInUse(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	addr := taken.Addr().(*net.TCPAddr)
	dir := site(t, map[string]string{"a.md": good})
	code, out, errOut := run(t, dir, "serve", "--addr", addr.String())
	want := fmt.Sprintf("feedpub: cannot listen on %s: the address is in use, by another server or another feedpub serve — stop it, or run with --addr 127.0.0.1:%d\n",
		addr, addr.Port+1)
	if code != 1 || out != "" || errOut != want {
		t.Errorf("exit %d, stdout %q, stderr\n%s\nwant exit 1, nothing on stdout, stderr\n%s", code, out, errOut, want)
	}
	for _, p := range []string{"public", ".feedpub-cache"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err == nil {
			t.Errorf("serve made %s though it could not listen", p)
		}
	}
	code, _, errOut = run(t, dir, "serve", "--addr", "nowhere")
	if code != 2 || !strings.HasPrefix(errOut, "feedpub: cannot listen on nowhere: ") || !strings.Contains(errOut, " — give --addr as HOST:PORT, such as 127.0.0.1:8080\n") {
		t.Errorf("a bad address: exit %d:\n%s", code, errOut)
	}
}

// TestServeHelp checks that serve lists only the flags that act on it.
func TestServeHelp(t *testing.T) {
	code, out, _ := run(t, t.TempDir(), "serve", "--help")
	for _, flag := range []string{"--force", "--allow-id-change", "--ping", "--out", "publish"} {
		if strings.Contains(out, flag) {
			t.Errorf("serve --help lists %s:\n%s", flag, out)
		}
	}
	if code != 0 || !strings.Contains(out, "--addr HOST:PORT") || !strings.Contains(out, "whose path serve keeps") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

func TestServedRoot(t *testing.T) {
	tests := []struct {
		addr string
		port int // listened on
		want string
	}{
		{"127.0.0.1:8080", 8080, "http://127.0.0.1:8080/"},
		{"127.0.0.1:0", 43210, "http://127.0.0.1:43210/"},
		{":0", 43210, "http://localhost:43210/"},
		{"0.0.0.0:8080", 8080, "http://localhost:8080/"},
		{"[::]:8080", 8080, "http://localhost:8080/"},
		{"[::1]:9000", 9000, "http://[::1]:9000/"},
		{"localhost:8080", 8080, "http://localhost:8080/"},
		{"box.lan:8080", 8080, "http://box.lan:8080/"},
	}
	for _, tt := range tests {
		if got := servedRoot(tt.addr, &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: tt.port}).String(); got != tt.want {
			t.Errorf("servedRoot(%s) = %s, want %s", tt.addr, got, tt.want)
		}
	}
	for addr, want := range map[string]string{"127.0.0.1:8080": "127.0.0.1:8081", ":8080": "127.0.0.1:8081", "[::1]:9000": "[::1]:9001",
		"localhost:65535": "127.0.0.1:8081", "nonsense": "127.0.0.1:8081"} {
		if got := nextAddr(addr); got != want {
			t.Errorf("nextAddr(%s) = %s, want %s", addr, got, want)
		}
	}
}

// TestServedLinks serves a site whose base_url has a path, and checks
// that every link in every served feed leads to the server, below that
// path, and that the feeds, the pages and the articles they link to
// answer 200; and that the output of 'build' is left as it was.
func TestServedLinks(t *testing.T) {
	dir := site(t, map[string]string{
		"first-espresso.md": "---\ntitle: First espresso\ndate: 2024-01-01\ntags: [coffee]\n---\nBody.\n",
		"second.md":         "---\ntitle: Second\ndate: 2024-01-02\ntags: [coffee, tea]\n---\nSee [the first](../first-espresso/).\n",
	})
	cfg := filepath.Join(dir, "feedpub.yaml")
	os.WriteFile(cfg, []byte("title: Links\nbase_url: https://example.com/blog/\n"), 0o644)
	if code, _, errOut := run(t, dir, "-q"); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errOut)
	}
	built := tree(t, filepath.Join(dir, "public"))
	cache, _ := os.ReadFile(filepath.Join(dir, ".feedpub-cache"))
	old := age(t, dir)

	s := startServe(t, "--addr", "127.0.0.1:0", "--config", cfg, "--articles", filepath.Join(dir, "articles"),
		"--out", filepath.Join(dir, "public"))
	root, _ := url.Parse(s.url)
	if root.Path != "/blog/" || root.Hostname() != "127.0.0.1" {
		t.Fatalf("serving on %s, want http://127.0.0.1:PORT/blog/", s.url)
	}
	// under says whether link leads to the server, below the base path.
	under := func(link string) bool {
		u, err := url.Parse(link)
		return err == nil && u.Scheme == "http" && u.Host == root.Host && strings.HasPrefix(u.Path, root.Path)
	}
	// answers checks that link leads to the server and answers 200.
	answers := func(what, link string) {
		t.Helper()
		if !under(link) {
			t.Errorf("%s: %q does not lead to %s", what, link, s.url)
			return
		}
		if resp, _ := s.get(link); resp.StatusCode != 200 {
			t.Errorf("%s: %s answers %d", what, link, resp.StatusCode)
		}
	}
	feeds := []string{"rss.xml", "atom.xml", "feed.json", "tags/coffee/rss.xml", "tags/coffee/atom.xml", "tags/tea/feed.json"}
	itemLinks := map[string]bool{}
	for _, name := range feeds {
		resp, body := s.fetch(name)
		if resp.StatusCode != 200 {
			t.Errorf("%s: %d", name, resp.StatusCode)
			continue
		}
		if strings.Contains(body, "example.com") || strings.Contains(body, "localhost") {
			t.Errorf("%s names another address than the server's:\n%s", name, body)
		}
		f, err := gofeed.NewParser().ParseString(body)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		answers(name+": the home link", f.Link)
		if f.FeedLink != "" {
			answers(name+": its own link", f.FeedLink)
		}
		for _, l := range f.Links {
			answers(name+": a link", l)
		}
		for _, it := range f.Items {
			itemLinks[it.Link] = true
			checkItemLink(t, name, it.Link, under, answers)
			if it.GUID != "" && strings.Contains(it.GUID, "://") && !under(it.GUID) {
				t.Errorf("%s: the id %s is not under %s", name, it.GUID, s.url)
			}
		}
	}
	if len(itemLinks) != 2 {
		t.Errorf("the feeds link to %d articles, want 2: %v", len(itemLinks), itemLinks)
	}
	resp, home := s.fetch("")
	if resp.StatusCode != 200 || !strings.Contains(home, "First espresso") || strings.Contains(home, "example.com") {
		t.Errorf("the home page: %d\n%s", resp.StatusCode, home)
	}
	links := regexp.MustCompile(`(?:href|src)="(http[^"]+)"`).FindAllStringSubmatch(home, -1)
	if len(links) < 5 {
		t.Errorf("the home page has %d absolute links, want its feeds' and articles'", len(links))
	}
	for _, m := range links {
		if itemLinks[m[1]] {
			checkItemLink(t, "the home page", m[1], under, answers)
		} else {
			answers("the home page's link", m[1])
		}
	}

	// A new base path in the settings is served at once, the links with it.
	os.WriteFile(cfg, []byte("title: Links\nbase_url: https://example.com/news/\n"), 0o644)
	moved := "http://" + root.Host + "/news/"
	eventually(t, "the new base path to be served", func() bool {
		resp, body := s.get(moved + "atom.xml")
		return resp.StatusCode == 200 && strings.Contains(body, moved+"first-espresso/")
	})
	if resp, _ := s.fetch("atom.xml"); resp.StatusCode != 404 {
		t.Errorf("the old base path still serves: %d", resp.StatusCode)
	}

	s.end()
	if !untouched(t, dir, old) {
		t.Error("serve touched build's output")
	}
	if now := tree(t, filepath.Join(dir, "public")); len(now) != len(built) {
		t.Errorf("serve changed build's output: %d files, were %d", len(now), len(built))
	} else {
		for name, data := range built {
			if !bytes.Equal(now[name], data) {
				t.Errorf("serve changed build's %s", name)
			}
		}
	}
	if now, _ := os.ReadFile(filepath.Join(dir, ".feedpub-cache")); !bytes.Equal(now, cache) {
		t.Error("serve changed build's cache")
	}
	if atom := string(built["atom.xml"]); !strings.Contains(atom, "https://example.com/blog/first-espresso/") {
		t.Errorf("build's feed lost its base_url:\n%s", atom)
	}
}

// itemPages says whether builds write a page at each article's link; once
// they do, every item link in a served feed must answer 200.
var itemPages = true

// checkItemLink checks an item's link in a served feed: it leads to the
// server, below the base path, and once articles have pages, answers 200.
func checkItemLink(t *testing.T, feed, link string, under func(string) bool, answers func(what, link string)) {
	t.Helper()
	if !itemPages {
		if !under(link) {
			t.Errorf("%s: the item link %q does not lead to the server", feed, link)
		}
		return
	}
	answers(feed+": an item link", link)
}

// TestServeAddedPicture serves an article whose picture is not there
// yet: the build warns, the picture answers 404, and once it is added
// below the articles folder the rebuild copies it and it answers 200.
func TestServeAddedPicture(t *testing.T) {
	dir := site(t, map[string]string{"espresso/index.md": "---\ntitle: Espresso\ndate: 2024-01-01\n---\n![A cup](images/espresso.jpg)\n"})
	cfg := filepath.Join(dir, "feedpub.yaml")
	os.WriteFile(cfg, []byte("title: Pictures\n"), 0o644)
	s := startServe(t, "--addr", "127.0.0.1:0", "--config", cfg,
		"--articles", filepath.Join(dir, "articles"), "--out", filepath.Join(dir, "public"))
	if !strings.Contains(s.errOut.String(), "the local file images/espresso.jpg is not there") {
		t.Errorf("no warning of the missing picture:\n%s", s.errOut.String())
	}
	if resp, _ := s.fetch("espresso/images/espresso.jpg"); resp.StatusCode != 404 {
		t.Errorf("the missing picture answers %d", resp.StatusCode)
	}
	jpeg := "\xff\xd8\xff\xe0\x00\x10JFIF\x00fake jpeg"
	os.MkdirAll(filepath.Join(dir, "articles", "espresso", "images"), 0o755)
	os.WriteFile(filepath.Join(dir, "articles", "espresso", "images", "espresso.jpg"), []byte(jpeg), 0o644)
	eventually(t, "the added picture to be served", func() bool {
		resp, body := s.fetch("espresso/images/espresso.jpg")
		return resp.StatusCode == 200 && body == jpeg
	})
}
