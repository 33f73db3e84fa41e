package readers

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
)

// pgBin is where Debian's postgresql package puts PostgreSQL 15's
// programs, which it leaves out of PATH.
const pgBin = "/usr/lib/postgresql/15/bin"

// startPostgres makes a throwaway PostgreSQL cluster in a temporary
// folder, serves it on a loopback port (TCP only, trusting local
// connections) until the test ends, and returns the URL of its postgres
// database. PostgreSQL refuses to run as root: as root, the cluster is
// the postgres user's.
func startPostgres(t *testing.T) string {
	t.Helper()
	install := "apt-get install postgresql"
	initdb := lookTool(t, "initdb", install, filepath.Join(pgBin, "initdb"))
	postgres := lookTool(t, "postgres", install, filepath.Join(pgBin, "postgres"))
	cred := pgCredential(t)
	dir, err := os.MkdirTemp("", "readers-pg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if cred != nil {
		if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
			t.Fatal(err)
		}
	}
	data := filepath.Join(dir, "data")
	cmd := pgCommand(cred, dir, initdb, "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	addr := freeAddr(t)
	host, port, _ := net.SplitHostPort(addr)
	cmd = pgCommand(cred, dir, postgres, "-D", data, "-p", port, "-c", "listen_addresses="+host,
		"-c", "unix_socket_directories=", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
	// SIGINT is PostgreSQL's fast shutdown: sessions end, the cluster
	// stops cleanly.
	startServer(t, "PostgreSQL", addr, cmd, syscall.SIGINT)
	return fmt.Sprintf("postgres://postgres@%s/postgres?sslmode=disable", addr)
}

// pgCredential is the postgres user's, when the tests run as root; nil
// otherwise.
func pgCredential(t *testing.T) *syscall.Credential {
	t.Helper()
	if os.Geteuid() != 0 {
		return nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		t.Skipf("running as root and there is no postgres user to run PostgreSQL as (%v): Miniflux's test did not run", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
}

// pgCommand runs a PostgreSQL program in dir, as cred's user when set,
// with a plain environment.
func pgCommand(cred *syscall.Credential, dir, name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=/usr/bin:/bin", "HOME=" + dir, "LANG=C", "LC_ALL=C"}
	if cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	}
	return cmd
}
