package readers

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A server is a program the tests run in the background on loopback —
// PostgreSQL, Miniflux — stopped when the test ends.
type server struct {
	t      *testing.T
	name   string
	addr   string // 127.0.0.1:port
	cmd    *exec.Cmd
	log    *syncBuffer
	exited chan struct{}
}

// lookTool finds a program in PATH, in Go's bin folder or at one of the
// paths given, or skips the test, saying how to install it.
func lookTool(t *testing.T, name, install string, paths ...string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	if gopath, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		paths = append(paths, filepath.Join(strings.TrimSpace(string(gopath)), "bin", name))
	}
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p
		}
	}
	t.Skipf("%s is not installed (%s): this reader's test did not run", name, install)
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

// startServer starts cmd, which listens on addr, waits until it does and
// stops it with stopBy's signal when the test ends.
func startServer(t *testing.T, name, addr string, cmd *exec.Cmd, stopBy syscall.Signal) *server {
	t.Helper()
	s := &server{t: t, name: name, addr: addr, cmd: cmd, log: &syncBuffer{}, exited: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = s.log, s.log
	dieWithTest(cmd, stopBy)
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", name, err)
	}
	go func() { cmd.Wait(); close(s.exited) }()
	t.Cleanup(func() { s.stop(stopBy) })
	for deadline := time.Now().Add(90 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		select {
		case <-s.exited:
			t.Fatalf("%s exited as it started:\n%s", name, s.log.String())
		default:
		}
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not listen on %s within 90 s:\n%s", name, addr, s.log.String())
		}
	}
}

// dieWithTest has cmd's process sent sig if the test process dies first
// (killed at its timeout, say), so that no server outlives it.
func dieWithTest(cmd *exec.Cmd, sig syscall.Signal) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Pdeathsig = sig
}

// stop ends the server and waits until it has exited.
func (s *server) stop(sig os.Signal) {
	s.cmd.Process.Signal(sig)
	select {
	case <-s.exited:
	case <-time.After(20 * time.Second):
		s.cmd.Process.Kill()
		<-s.exited
	}
	if s.t.Failed() {
		s.t.Logf("%s's log:\n%s", s.name, tail(s.log.String(), 1500))
	}
}

// tail is the end of s, at most n bytes.
func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
