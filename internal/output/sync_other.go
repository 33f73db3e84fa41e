//go:build !linux

package output

// syncAll makes the staged files durable, one by one.
func syncAll(dir string, s *stage) error { return syncEach(s) }

// syncDirs makes the renames durable, folder by folder.
func syncDirs(dir string, s *stage) error {
	syncEachDir(s)
	return nil
}
