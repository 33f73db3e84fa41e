package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/feedpub/feedpub/internal/diag"
)

// LockName is the lock file WriteAll's callers hold in the output
// directory while they read and replace the feeds.
const LockName = ".feedpub.lock"

// ErrLocked is what lockFile returns when another process holds the lock.
var ErrLocked = errors.New("locked")

// Lock is a held lock on an output directory.
type Lock struct {
	f    *os.File
	path string
}

// TakeLock locks dir, creating it if needed, so that two builds never
// write the same output directory at once. The lock is the operating
// system's, on LockName: it is released when the process ends, however it
// ends, so a crashed build never leaves a stale lock behind. When another
// build holds it, the error says who, and is ErrLocked.
func TakeLock(dir string) (*Lock, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating output directory: %w", err)
	}
	path := filepath.Join(dir, LockName)
	for range lockTries {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("opening the lock file: %w", err)
		}
		if err := lockFile(f); err != nil {
			holder, _ := os.ReadFile(path)
			f.Close()
			if errors.Is(err, ErrLocked) {
				who := "another feedpub build"
				if h := strings.TrimSpace(string(holder)); h != "" {
					who += " (" + h + ")"
				}
				return nil, &diag.Error{Kind: diag.Failed, Msg: fmt.Sprintf("%s is writing to %s", who, dir),
					Hint: "wait for it to finish, then run again", Err: ErrLocked}
			}
			return nil, fmt.Errorf("locking %s: %w", dir, err)
		}
		// A build that was finishing may have removed the file between
		// the open and the lock: a lock on it would guard nothing, as the
		// next build makes a new one. Only the file at path counts.
		if !isFileAt(f, path) {
			unlockFile(f)
			f.Close()
			continue
		}
		f.Truncate(0)
		f.WriteAt([]byte("pid "+strconv.Itoa(os.Getpid())+", started "+time.Now().Format(time.RFC3339)+"\n"), 0)
		return &Lock{f: f, path: path}, nil
	}
	return nil, fmt.Errorf("locking %s: its lock file kept being replaced", dir)
}

// lockTries is how many times TakeLock opens the lock file when the one it
// locked was removed meanwhile.
const lockTries = 10

// isFileAt reports whether f is the file now at path.
func isFileAt(f *os.File, path string) bool {
	held, err := f.Stat()
	if err != nil {
		return false
	}
	now, err := os.Stat(path)
	return err == nil && os.SameFile(held, now)
}

// Release gives the lock up and removes its file, which a build that
// ended leaves nothing in the output directory for a static host to
// serve. A build that crashed leaves the file; the next one takes it.
func (l *Lock) Release() error {
	err := os.Remove(l.path) // while it is still held
	unlockFile(l.f)
	return errors.Join(err, l.f.Close())
}

// CleanTemp removes temporary files that an interrupted build left in dir
// and the folders below it. Call it only while holding the lock.
func CleanTemp(dir string) error {
	return filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if !e.IsDir() && isTemp(e.Name()) {
			if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("removing a leftover temporary file: %w", err)
			}
		}
		return nil
	})
}

// isTemp reports whether name is one of WriteFile's temporary files:
// ".NAME.tmp-DIGITS".
func isTemp(name string) bool {
	i := strings.LastIndex(name, ".tmp-")
	if !strings.HasPrefix(name, ".") || i < 1 {
		return false
	}
	_, err := strconv.ParseUint(name[i+len(".tmp-"):], 10, 64)
	return err == nil
}
