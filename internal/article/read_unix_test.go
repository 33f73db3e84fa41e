//go:build unix

package article

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/feedpub/feedpub/internal/diag"
)

// TestReadFileInto reads files of every kind ReadFileInto meets, and
// checks it gives what the os.Open way gives: the bytes, the error, and
// whether the result is in the buffer passed in. It checks too which
// files the system-call way takes and which it leaves to the os.Open way.
func TestReadFileInto(t *testing.T) {
	const bufCap = 64
	dir := t.TempDir()
	file := func(name string, size int) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, bytes.Repeat([]byte("abcdefghij\n"), size/11+1)[:size], 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	readable := func(p string) string {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	asRoot := ""
	if os.Geteuid() == 0 {
		asRoot = "root reads every file; permissions cannot be tested as root"
	}
	sub := filepath.Join(dir, "folder.md")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		path string
		max  int64  // 0 for DefaultMaxSize
		want string // the bytes, when err is empty
		err  string // the error's message (after the path), or empty
		fast bool   // whether readFast takes the file
		skip string // why the case cannot run here, or empty
	}{
		{name: "empty", path: file("0.md", 0), fast: true},
		{name: "one byte", path: file("1.md", 1), fast: true},
		{name: "buffer capacity less one", path: file("63.md", bufCap-1), fast: true},
		{name: "buffer capacity", path: file("64.md", bufCap), fast: true},
		{name: "larger than the buffer", path: file("200.md", 200), fast: true},
		{name: "exactly max", path: file("100.md", 100), max: 100, fast: true},
		{name: "max plus one", path: file("101.md", 101), max: 100, fast: true,
			err: "the file is 101 B, larger than the 100 B limit — split it, or raise max_article_size in feedpub.yaml"},
		{name: "missing", path: filepath.Join(dir, "missing.md"), fast: true,
			err: "cannot read: no such file or directory — check its permissions"},
		{name: "below a file", path: filepath.Join(file("notdir.md", 3), "a.md"), fast: true,
			err: "cannot read: not a directory — check its permissions"},
		{name: "unreadable", path: file("0000.md", 10), fast: true,
			err:  "cannot read: permission denied — check its permissions",
			skip: asRoot},
		{name: "directory", path: sub, fast: false,
			err: "cannot read: is a directory — check that it is a readable file"},
		// A file of /proc says it holds nothing and then has more to read,
		// as a file that grew since its size was taken.
		{name: "grew", path: "/proc/self/cmdline", fast: true, want: "(its bytes)"},
		{name: "grew past max", path: "/proc/self/cmdline", max: 10, fast: true,
			err: "the file is 11 B, larger than the 10 B limit — split it, or raise max_article_size in feedpub.yaml"},
	}
	if err := os.Chmod(filepath.Join(dir, "0000.md"), 0); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.skip != "" {
				t.Skip(c.skip)
			}
			if _, err := os.Stat(c.path); c.path == "/proc/self/cmdline" && err != nil {
				t.Skip("no /proc here")
			}
			max := c.max
			if max == 0 {
				max = DefaultMaxSize
			}
			buf := make([]byte, 0, bufCap)
			got, perr := ReadFileInto(buf, c.path, max)
			ref := make([]byte, 0, bufCap)
			want, wantErr := readOpen(ref, c.path, max)

			if !reflect.DeepEqual(perr, wantErr) {
				t.Errorf("error %v, the os.Open way gives %v", perr, wantErr)
			}
			if c.err != "" {
				if perr == nil || perr.Error() != c.path+": "+c.err {
					t.Errorf("error %v, want %s: %s", perr, c.path, c.err)
				}
			} else {
				if perr != nil {
					t.Fatalf("error %v", perr)
				}
				if c.want == "" || c.want == "(its bytes)" {
					c.want = readable(c.path)
				}
				if string(got) != c.want || !bytes.Equal(got, want) {
					t.Errorf("read %q, want %q; the os.Open way reads %q", got, c.want, want)
				}
				if inBuf(got, buf) != inBuf(want, ref) || cap(got) != cap(want) {
					t.Errorf("result in the buffer %v, capacity %d; the os.Open way's %v, %d",
						inBuf(got, buf), cap(got), inBuf(want, ref), cap(want))
				}
				if fits := len(got) < bufCap; c.path != "/proc/self/cmdline" && inBuf(got, buf) != fits {
					t.Errorf("%d bytes read into the buffer of %d: %v", len(got), bufCap, inBuf(got, buf))
				}
			}

			fastGot, fastErr, ok := readFast(make([]byte, 0, bufCap), c.path, max)
			if ok != c.fast {
				t.Errorf("readFast takes the file: %v, want %v", ok, c.fast)
			}
			if ok && (!bytes.Equal(fastGot, got) || !reflect.DeepEqual(fastErr, perr)) {
				t.Errorf("readFast gives %q %v, ReadFileInto %q %v", fastGot, fastErr, got, perr)
			}
		})
	}
}

// inBuf reports whether the result b of a read is in buf's memory.
func inBuf(b, buf []byte) bool {
	return cap(b) > 0 && cap(b) == cap(buf) && &b[:1][0] == &buf[:1][0]
}

// TestReadFIFO reads a named pipe put where an article was. The os.Open
// way waits for a writer, then reads until the writers are gone; the
// system-call way must leave such a file to it, without waiting at all.
func TestReadFIFO(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pipe.md")
	if err := unix.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}

	// With no writer, readFast must neither block nor read.
	declined := make(chan bool, 1)
	go func() {
		_, _, ok := readFast(nil, p, DefaultMaxSize)
		declined <- !ok
	}()
	select {
	case d := <-declined:
		if !d {
			t.Fatal("readFast took a named pipe")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("readFast blocks on a named pipe with no writer")
	}

	got, perr := readPipe(t, p, func() ([]byte, *diag.Error) { return ReadFileInto(nil, p, DefaultMaxSize) })
	want, wantErr := readPipe(t, p, func() ([]byte, *diag.Error) { return readOpen(nil, p, DefaultMaxSize) })
	if string(got) != "hello" || perr != nil || !bytes.Equal(got, want) || !reflect.DeepEqual(perr, wantErr) {
		t.Errorf("read %q %v, the os.Open way %q %v", got, perr, want, wantErr)
	}
}

// readPipe calls read on the named pipe p with "hello" waiting in it,
// and lets the read see the end once it has taken those bytes. The test
// holds the pipe open for reading and writing all along, so that what
// it wrote outlives any other opening and closing of the pipe.
func readPipe(t *testing.T, p string, read func() ([]byte, *diag.Error)) ([]byte, *diag.Error) {
	t.Helper()
	fd, err := syscall.Open(p, syscall.O_RDWR|syscall.O_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := syscall.Write(fd, []byte("hello")); err != nil {
		syscall.Close(fd)
		t.Fatal(err)
	}
	type result struct {
		b   []byte
		err *diag.Error
	}
	done := make(chan result, 1)
	go func() {
		b, err := read()
		done <- result{b, err}
	}()
	// Once the bytes are taken, close the last writer, for the reader
	// to see the end.
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
		if n, err := unix.Poll(fds, 0); err == nil && (n == 0 || fds[0].Revents&unix.POLLIN == 0) {
			break
		}
		time.Sleep(time.Millisecond)
	}
	syscall.Close(fd)
	select {
	case r := <-done:
		return r.b, r.err
	case <-time.After(10 * time.Second):
		t.Fatal("reading the named pipe does not end")
	}
	return nil, nil
}

// TestReadFdError words a failing read as the os.Open way does. A
// folder's descriptor stands for a regular file whose read fails, since
// readFast leaves folders to the os.Open way.
func TestReadFdError(t *testing.T) {
	dir := t.TempDir()
	fd, err := syscall.Open(dir, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Close(fd)
	_, perr, ok := readFd(nil, fd, dir, 0, DefaultMaxSize)
	_, want := readOpen(nil, dir, DefaultMaxSize)
	if !ok || want == nil || !reflect.DeepEqual(perr, want) {
		t.Errorf("readFd: %v (taken: %v), the os.Open way: %v", perr, ok, want)
	}
}
