package output

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// syncAll makes the staged files durable with one syncfs of the file
// system that holds dir, falling back to syncing each file.
func syncAll(dir string, s *stage) error {
	if syncfs(dir) == nil {
		return nil
	}
	return syncEach(s)
}

// syncDirs makes the renames of the stage's files below dir durable.
func syncDirs(dir string, s *stage) error {
	if syncfs(dir) != nil {
		syncEachDir(s)
	}
	return nil
}

func syncfs(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := unix.Syncfs(int(d.Fd())); err != nil {
		return fmt.Errorf("syncing %s: %w", dir, err)
	}
	return nil
}
