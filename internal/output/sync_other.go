//go:build !linux

package output

// syncAll makes the staged files durable, one by one.
func syncAll(dir string, files []staged) error { return syncEach(files) }

// syncDirs makes the renames durable, folder by folder.
func syncDirs(dir string, dirs map[string]bool) error {
	syncEachDir(dirs)
	return nil
}
