// Package fault stops a build at a chosen phase, for the tests that check
// that a build failing or killed anywhere before it commits its files
// leaves every published file as it was. It does nothing unless the
// environment variable FEEDPUB_TEST_FAULT names a phase, as
// "PHASE:fail" (the build returns an error there) or "PHASE:kill" (the
// process kills itself there, as a power cut or an OOM killer would).
package fault

import (
	"fmt"
	"os"
	"strings"
)

// The phases a build passes, in order.
const (
	Scan   = "scan"   // before any article is read
	Plan   = "plan"   // every article scanned, before the output is planned
	Render = "render" // planned, before the main feeds are rendered
	Stage  = "stage"  // some files made and staged as temporary files, not all
	Commit = "commit" // every file staged, before the first is renamed into place
)

// At is called as a build reaches phase. It returns an error, or kills
// the process, when FEEDPUB_TEST_FAULT asks for it there.
func At(phase string) error {
	v := os.Getenv("FEEDPUB_TEST_FAULT")
	if v == "" {
		return nil
	}
	at, how, _ := strings.Cut(v, ":")
	if at != phase {
		return nil
	}
	if how == "kill" {
		if p, err := os.FindProcess(os.Getpid()); err == nil {
			p.Kill()  // SIGKILL where there are signals
			select {} // it is on its way
		}
	}
	return fmt.Errorf("stopped at the %s phase, as FEEDPUB_TEST_FAULT asks", phase)
}
