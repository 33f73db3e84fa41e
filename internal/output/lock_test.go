//go:build unix

package output

import (
	"errors"
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
