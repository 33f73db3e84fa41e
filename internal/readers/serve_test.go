package readers

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// omit names settings of the corpus to leave out, to try the readers on a
// feedpub that does not know them yet.
var omit = flag.String("readers.omit", "", "corpus settings to leave out of feedpub.yaml, comma-separated (icon,logo)")

// elsewhere points the readers at the corpus's feeds served at a URL
// instead of by feedpub serve: feeds built from the corpus with that base
// URL, and changed by hand to try an encoding on every reader. The checks
// that rebuild are skipped.
var elsewhere = flag.String("readers.url", "", "read the corpus's feeds served at `URL` (ending in /) instead of starting feedpub serve")

var (
	binOnce sync.Once
	binPath string
	binErr  error
	binDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// feedpub is the feedpub command, built once for the package's tests
// (without the race detector, whatever they run with).
func feedpub(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		if binDir, binErr = os.MkdirTemp("", "readers-feedpub-"); binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "feedpub")
		if out, err := exec.Command("go", "build", "-o", binPath, "github.com/feedpub/feedpub").CombinedOutput(); err != nil {
			binErr = fmt.Errorf("building feedpub: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// site is the corpus served by feedpub serve on loopback.
type site struct {
	corpus *Corpus
	url    string // where serve serves, ending in "/"
	cmd    *exec.Cmd
	out    *syncBuffer
	exited chan struct{}
}

// serveCorpus writes the corpus into a temporary folder and serves it
// with feedpub serve until the test ends.
func serveCorpus(t *testing.T) *site {
	t.Helper()
	var keys []string
	if *omit != "" {
		keys = strings.Split(*omit, ",")
	}
	c, err := Write(t.TempDir(), keys...)
	if err != nil {
		t.Fatal(err)
	}
	s := &site{corpus: c, out: &syncBuffer{}, exited: make(chan struct{})}
	if *elsewhere != "" {
		s.url = *elsewhere
		return s
	}
	s.cmd = exec.Command(feedpub(t), "serve", "--addr", "127.0.0.1:0", "--limit", "0", "--config", filepath.Join(c.Dir, "feedpub.yaml"))
	s.cmd.Dir = c.Dir
	s.cmd.Stdout, s.cmd.Stderr = s.out, s.out
	dieWithTest(s.cmd, syscall.SIGINT)
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.cmd.Wait(); close(s.exited) }()
	t.Cleanup(s.stop)
	serving := regexp.MustCompile(`serving on (http://\S+/) — Ctrl-C to stop`)
	s.wait(t, "serve to start", func(out string) bool {
		if m := serving.FindStringSubmatch(out); m != nil {
			s.url = m[1]
			return true
		}
		return false
	})
	return s
}

// wait waits up to a minute for serve's output to satisfy done.
func (s *site) wait(t *testing.T, what string, done func(out string) bool) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); !done(s.out.String()); time.Sleep(50 * time.Millisecond) {
		select {
		case <-s.exited:
			t.Fatalf("feedpub serve exited while waiting for %s:\n%s", what, s.out.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %s within a minute:\n%s", what, s.out.String())
		}
	}
}

// builds counts the builds serve has reported.
func (s *site) builds() int { return strings.Count(s.out.String(), " items per feed, in ") }

// rebuild makes serve build again with nothing changed (an article saved
// as it was) and checks that the build wrote no file.
func (s *site) rebuild(t *testing.T) {
	t.Helper()
	s.edit(t, s.corpus.Articles[0].File, func(b []byte) []byte { return b })
	if out := s.out.String(); !regexp.MustCompile(`: 0 written, \d+ unchanged, 0 removed\n[^\n]*items per feed, in \S+\n$`).MatchString(out) {
		t.Errorf("a rebuild with nothing changed wrote files:\n%s", out)
	}
}

// edit rewrites an article's file with change and waits for serve to
// build again.
func (s *site) edit(t *testing.T, file string, change func([]byte) []byte) {
	t.Helper()
	if s.cmd == nil {
		t.Skipf("the feeds are served at %s, not by feedpub serve: nothing to rebuild", s.url)
	}
	before := s.builds()
	p := filepath.Join(s.corpus.Dir, "articles", file)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, change(data), 0o644); err != nil {
		t.Fatal(err)
	}
	s.wait(t, "rebuild", func(string) bool { return s.builds() > before })
}

// get fetches a path below where serve serves and returns its body,
// failing the test unless it answers 200.
func (s *site) get(t *testing.T, path string) []byte {
	t.Helper()
	resp, err := http.Get(s.url + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s%s: %s", s.url, path, resp.Status)
	}
	return body
}

// stop stops serve as Ctrl-C does.
func (s *site) stop() {
	if s.cmd == nil {
		return
	}
	s.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-s.exited:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-s.exited
	}
}

// syncBuffer is a bytes.Buffer that a process writes while a test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
