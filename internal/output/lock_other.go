//go:build !unix

package output

import "os"

// On systems without flock, the lock only guards against builds of this
// process; run one build at a time there.
func lockFile(f *os.File) error { return nil }

func unlockFile(f *os.File) {}
