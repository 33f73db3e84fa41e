//go:build unix

package article

import (
	"syscall"

	"github.com/feedpub/feedpub/internal/diag"
)

// maxRead is the most one read asks for, as the os package asks: some
// systems refuse reads of 2 GiB or more.
const maxRead = 1 << 30

// readFast is ReadFileInto for a regular file by bare system calls:
// open, fstat, the reads and close, where os.Open adds a few fcntl and
// an epoll_ctl that fails for a regular file, since the runtime tries to
// watch the descriptor with its poller. It gives what readOpen would
// give, the same error texts included. ok is false when it leaves the
// file to readOpen: a file that is not a regular one, such as a pipe or
// a folder, or a call that would have blocked. max is above zero.
func readFast(buf []byte, path string, max int64) (src []byte, perr *diag.Error, ok bool) {
	// O_NONBLOCK keeps a pipe put in the file's place from holding up
	// the open; a regular file's open and reads do not heed it.
	fd, err := ignoringEINTR(func() (int, error) {
		return syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK, 0)
	})
	if err != nil {
		if wouldBlock(err) { // a lease another process holds, say: os.Open waits for it
			return nil, nil, false
		}
		// A bare errno reads as the error an *fs.PathError holds.
		return nil, diag.At(path, 0, 0, "cannot read: "+unwrapPath(err), "check its permissions"), true
	}
	var st syscall.Stat_t
	if _, err := ignoringEINTR(func() (int, error) { return 0, syscall.Fstat(fd, &st) }); err != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		syscall.Close(fd)
		return nil, nil, false
	}
	src, perr, ok = readFd(buf, fd, path, int64(st.Size), max)
	syscall.Close(fd)
	return src, perr, ok
}

// readFd reads the open regular file fd, of size bytes by fstat, as
// readOpen reads a file: the size checked against max first, a byte more
// asked for than the size to see the end, and what it grew by while
// being read read too, up to max+1 bytes in all. ok is false when a read
// would have blocked, which a regular file's does not.
func readFd(buf []byte, fd int, path string, size, max int64) (src []byte, perr *diag.Error, ok bool) {
	if size > max {
		return nil, tooLarge(path, size, max), true
	}
	src = buf[:0]
	if cap(src) < int(size)+1 { // a byte more, to see the end of a regular file
		src = make([]byte, 0, int(size)+1)
	}
	left := max + 1 // as readOpen's io.LimitReader
	for left > 0 {
		if len(src) == cap(src) { // it grew
			src = append(src, 0)[:len(src)]
		}
		p := src[len(src):cap(src)]
		if int64(len(p)) > left {
			p = p[:left]
		}
		if len(p) > maxRead {
			p = p[:maxRead]
		}
		n, err := ignoringEINTR(func() (int, error) { return syscall.Read(fd, p) })
		if err != nil {
			if wouldBlock(err) {
				return nil, nil, false
			}
			return nil, diag.At(path, 0, 0, "cannot read: "+unwrapPath(err), "check that it is a readable file"), true
		}
		if n == 0 {
			break
		}
		src = src[:len(src)+n]
		left -= int64(n)
	}
	if int64(len(src)) > max { // it grew while being read
		return nil, tooLarge(path, int64(len(src)), max), true
	}
	return src, nil, true
}

// ignoringEINTR calls f again for as long as a signal interrupts it, as
// the os package does for its system calls.
func ignoringEINTR(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != syscall.EINTR {
			return n, err
		}
	}
}

// wouldBlock reports whether err says a call would have had to wait.
func wouldBlock(err error) bool {
	return err == syscall.EAGAIN || err == syscall.EWOULDBLOCK
}
