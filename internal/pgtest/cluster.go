// Package pgtest runs a throwaway PostgreSQL cluster for tests: Debian's server
// binaries, a fresh data directory, a free loopback port, fsync off. One cluster
// serves a whole test process (or the whole test script, through URLEnv); every
// test gets its own database, dropped when the test ends.
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
//
//	func TestX(t *testing.T) {
//		url := pgtest.New(t) // postgres://…/t_…
//	}
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// URLEnv names the variable that points the tests at a running cluster
// (scripts/test.sh starts one and exports it); its user must be allowed to
// create databases.
const URLEnv = "STYLIST_TEST_PG_URL"

// RequireEnv, when "1", turns "no PostgreSQL server binaries here" from a skip
// into a failure (scripts/test.sh sets it: CI must not skip silently).
const RequireEnv = "STYLIST_REQUIRE_PG"

// InstallHint is how to get the server binaries on Debian.
const InstallHint = "apt-get install postgresql (or STYLIST_SETUP_TEST=1 scripts/setup.sh)"

// ErrNoServer reports that no PostgreSQL server binaries were found.
var ErrNoServer = errors.New("pgtest: no PostgreSQL server binaries (initdb, postgres) found in /usr/lib/postgresql/*/bin or PATH")

// Cluster is a running throwaway PostgreSQL cluster.
type Cluster struct {
	// URL connects as the superuser to the "postgres" database.
	URL  string
	Dir  string
	Port int
	cmd  *exec.Cmd
	done chan error
}

// FindBin returns the directory holding initdb and postgres: the newest
// /usr/lib/postgresql/N/bin, then PATH.
func FindBin() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return versionOf(dirs[i]) > versionOf(dirs[j]) })
	for _, d := range dirs {
		if isExec(filepath.Join(d, "initdb")) && isExec(filepath.Join(d, "postgres")) {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		d := filepath.Dir(p)
		if isExec(filepath.Join(d, "postgres")) {
			return d, nil
		}
	}
	return "", ErrNoServer
}

func versionOf(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

func isExec(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir() && st.Mode()&0o111 != 0
}

// Start initialises a cluster in dir (created if missing, must be empty) and
// starts it on a free loopback port. PostgreSQL refuses to run as root, so as
// root the server runs as the "postgres" system user (runuser), which then owns
// dir. Stop it with Stop.
func Start(ctx context.Context, dir string) (*Cluster, error) {
	bin, err := FindBin()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("pgtest: data directory: %w", err)
	}
	asUser, err := runAs(dir)
	if err != nil {
		return nil, err
	}
	data := filepath.Join(dir, "data")
	initdb := exec.CommandContext(ctx, filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C")
	wrap(initdb, asUser)
	if out, err := initdb.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("pgtest: initdb %s: %w\n%s", data, err, out)
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	srv := exec.Command(filepath.Join(bin, "postgres"), "-D", data, "-p", strconv.Itoa(port),
		"-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="+dir,
		"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
		"-c", "max_connections=300", "-c", "log_min_messages=warning")
	wrap(srv, asUser)
	logf, err := os.Create(filepath.Join(dir, "server.log"))
	if err != nil {
		return nil, fmt.Errorf("pgtest: server log: %w", err)
	}
	srv.Stdout, srv.Stderr = logf, logf
	srv.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := srv.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("pgtest: start postgres: %w", err)
	}
	c := &Cluster{Dir: dir, Port: port, cmd: srv, done: make(chan error, 1),
		URL: fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port)}
	go func() { c.done <- srv.Wait(); logf.Close() }()
	if err := c.waitReady(ctx); err != nil {
		c.Stop()
		log, _ := os.ReadFile(filepath.Join(dir, "server.log"))
		return nil, fmt.Errorf("%w\n%s", err, log)
	}
	return c, nil
}

// runAs returns the user the server runs as ("" for the current user) and
// hands dir to it.
func runAs(dir string) (string, error) {
	if os.Geteuid() != 0 {
		return "", nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return "", fmt.Errorf("pgtest: running as root and there is no \"postgres\" user to run the server as: %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chown(dir, uid, gid); err != nil {
		return "", fmt.Errorf("pgtest: chown %s: %w", dir, err)
	}
	// The postgres user must be able to reach dir through its parents (t.TempDir
	// creates 0700 parents).
	for p := filepath.Dir(dir); p != "/" && p != "."; p = filepath.Dir(p) {
		if st, err := os.Stat(p); err == nil && st.Mode().Perm()&0o001 == 0 {
			_ = os.Chmod(p, st.Mode().Perm()|0o011)
		}
	}
	return "postgres", nil
}

func wrap(cmd *exec.Cmd, asUser string) {
	if asUser == "" {
		return
	}
	args := append([]string{"-u", asUser, "--", cmd.Path}, cmd.Args[1:]...)
	cmd.Path, _ = exec.LookPath("runuser")
	cmd.Args = append([]string{"runuser"}, args...)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("pgtest: free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func (c *Cluster) waitReady(ctx context.Context) error {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-c.done:
			c.done <- err
			return fmt.Errorf("pgtest: postgres exited during start-up: %v", err)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if err := ping(ctx, c.URL); err == nil {
			return nil
		}
	}
	return fmt.Errorf("pgtest: postgres on port %d not ready after 30 s", c.Port)
}

// Stop shuts the server down (fast mode) and removes nothing: the caller owns dir.
func (c *Cluster) Stop() {
	if c == nil || c.cmd.Process == nil {
		return
	}
	_ = c.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-c.done:
	case <-time.After(10 * time.Second):
		_ = syscall.Kill(-c.cmd.Process.Pid, syscall.SIGKILL)
		<-c.done
	}
}

// Wait blocks until the server exits.
func (c *Cluster) Wait() error {
	err := <-c.done
	c.done <- err
	return err
}

// Describe is a one-line summary for logs.
func (c *Cluster) Describe() string {
	return strings.Join([]string{"postgres", c.URL, c.Dir}, " ")
}
