//go:build unix

package output

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/feedpub/feedpub/internal/diag"
)

func TestLockHeld(t *testing.T) {
	dir := t.TempDir()
	lock, err := TakeLock(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	_, err = TakeLock(dir)
	var de *diag.Error
	if !errors.Is(err, ErrLocked) || !errors.As(err, &de) || de.Kind != diag.Failed ||
		!strings.HasPrefix(de.Msg, "another feedpub build (pid ") || de.Hint != "wait for it to finish, then run again" {
		t.Errorf("a held lock: %#v", err)
	}
}

// TestLockReleased checks that a released lock leaves no file behind and
// can be taken again.
func TestLockReleased(t *testing.T) {
	dir := t.TempDir()
	for range 2 {
		lock, err := TakeLock(dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(dir, LockName)); err != nil {
			t.Fatalf("no lock file while held: %v", err)
		}
		if err := lock.Release(); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(dir, LockName)); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("the lock file stays after Release: %v", err)
		}
	}
}

// TestLockOnReplacedFile checks that a lock file another build removed
// and made again is told from the one at its path.
func TestLockOnReplacedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), LockName)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if !isFileAt(f, path) {
		t.Fatal("the file just made is not the one at its path")
	}
	os.Remove(path)
	if isFileAt(f, path) {
		t.Error("a removed file counts as the one at its path")
	}
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if isFileAt(f, path) {
		t.Error("a removed file counts as the new one at its path")
	}
}
