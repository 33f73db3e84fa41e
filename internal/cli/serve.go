package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/layout"
	"github.com/feedpub/feedpub/internal/serve"
)

// debounce is how long serve waits after a change for more before it
// rebuilds, so that saving several files makes one build.
const debounce = 300 * time.Millisecond

func newServe(stdout, stderr io.Writer) *cobra.Command {
	var flags buildFlags
	var addr string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Build, serve the feeds and pages, and rebuild when articles or settings change",
		Long: `Serve listens on --addr, then builds the feeds and pages into a temporary
folder of its own with base_url set to where it serves them (http://HOST:PORT/
and the path of the site's own base_url), so that every link in them leads to
the server. What 'build' writes, and its cache, are never touched; the folder
goes when serve stops.

Each file is served with its media type, ETag and Last-Modified (answering
304 Not Modified), gzip and Cache-Control. Serve watches the articles
directory and the settings file and rebuilds when they change; a build that
fails prints its errors and the last good feeds stay served. Hidden files,
paths outside the folder and folder listings are never served. Ctrl-C stops it.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runServe(cmd, &flags, addr, stdout, stderr)
		},
	}
	flags.register(cmd)
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "listen on `HOST:PORT`; :0 picks a free port")
	// Serve builds into its own folder, which nothing publishes: the
	// output folder, the guards' overrides and hub pings do not apply.
	for _, name := range []string{"out", "force", "allow-id-change", "ping"} {
		if cmd.Flags().Lookup(name) != nil {
			cmd.Flags().MarkHidden(name)
		}
	}
	if base := cmd.Flags().Lookup("base-url"); base != nil {
		base.Usage = "the site's absolute `URL`, whose path serve keeps, serving at --addr"
	}
	return cmd
}

func runServe(cmd *cobra.Command, f *buildFlags, addr string, stdout, stderr io.Writer) error {
	ln, err := listen(addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	dir, err := os.MkdirTemp("", "feedpub-serve-")
	if err != nil {
		return diag.Failed.Errorf("making serve's folder: %w", err)
	}
	defer os.RemoveAll(dir)
	served := &servedSite{dir: dir, root: servedRoot(addr, ln.Addr())}
	f.local.serve = served
	// Nobody reads serve's feeds but the one who serves them: the guards
	// protect published feeds' subscribers, and hubs hear of none.
	f.force, f.allowIDChange, f.ping = true, true, false
	site, err := f.settings(cmd)
	if err != nil {
		return err
	}
	served.adjust(site)
	served.done()
	built := false
	rebuild := func() {
		if err := runBuild(cmd, f, stdout); err != nil {
			report(err, stderr)
			if built {
				fmt.Fprintln(stderr, "feedpub: serving the last good feeds")
			} else {
				fmt.Fprintln(stderr, "feedpub: nothing to serve until a build succeeds; fix the problems above and save")
			}
			return
		}
		served.done()
		built = true
	}
	// Ctrl-C during the first build stops serve once it is done, so that
	// its folder goes too.
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	rebuild()
	if ctx.Err() != nil {
		return nil
	}
	return serveUntil(ctx, ln, served, site, f, rebuild, stdout)
}

// listen listens on addr, saying in the usual form why it cannot: before
// anything is built, so that a port in use costs no build.
func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err == nil {
		return ln, nil
	}
	var cause error = err
	if op, ok := err.(*net.OpError); ok {
		cause = op.Err
	}
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return nil, diag.Failed.New(fmt.Sprintf("cannot listen on %s: the address is in use, by another server or another feedpub serve", addr),
			fmt.Sprintf("stop it, or run with --addr %s", nextAddr(addr)))
	case errors.Is(err, syscall.EACCES):
		return nil, diag.Failed.New(fmt.Sprintf("cannot listen on %s: only the administrator may use that port", addr),
			"run with a port above 1023, such as --addr 127.0.0.1:8080")
	}
	return nil, diag.Usage.New(fmt.Sprintf("cannot listen on %s: %v", addr, cause), "give --addr as HOST:PORT, such as 127.0.0.1:8080")
}

// nextAddr is addr with the next port, to suggest when addr is in use.
func nextAddr(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	n, perr := strconv.Atoi(port)
	if err != nil || perr != nil || n <= 0 || n >= 65535 {
		return "127.0.0.1:8081"
	}
	if host == "" {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, strconv.Itoa(n+1))
}

// servedRoot is the root URL serve answers at, listening on addr (as
// given) at the address ln: the host given, or localhost for one that
// means every interface (0.0.0.0, [::] or none), and the port listened on,
// which for port 0 is the one the system chose.
func servedRoot(addr string, ln net.Addr) *url.URL {
	host, _, _ := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	port := "0"
	if tcp, ok := ln.(*net.TCPAddr); ok {
		port = strconv.Itoa(tcp.Port)
	}
	return &url.URL{Scheme: "http", Host: net.JoinHostPort(host, port), Path: "/"}
}

// servedSite is where serve builds and what it serves: a temporary folder
// of its own, holding the output and the cache, and the address it
// listens on.
type servedSite struct {
	dir     string
	root    *url.URL
	pending atomic.Pointer[config.Site] // the site being built
	last    atomic.Pointer[config.Site] // the site last built: what is served
}

// adjust points site at serve's folder and address: its output and cache
// go into the folder, and its base URL is the server's root followed by
// the path of the site's own base URL, as the links must be to resolve.
func (s *servedSite) adjust(site *config.Site) {
	base := *s.root
	base.Path, base.RawPath = site.BaseURL.Path, site.BaseURL.RawPath
	site.BaseURL = &base
	site.Output = filepath.Join(s.dir, "public") // as handler serves
	if site.Cache != "" {
		site.Cache = filepath.Join(s.dir, "cache")
	}
	s.pending.Store(site)
}

// done records that the site being built is built: it is now the one
// served, with the base path and the files' kinds it was built with.
func (s *servedSite) done() { s.last.Store(s.pending.Load()) }

// handler serves the files of the site last built, below its base URL's
// path, which a change of settings may change.
func (s *servedSite) handler(kinds *servedKinds) http.Handler {
	dir := filepath.Join(s.dir, "public")
	files := serve.Redirecting(dir, kinds.redirect, serve.Handler(dir, kinds.contentType))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		serve.Under(s.last.Load().BaseURL.Path, files).ServeHTTP(w, r)
	})
}

// serveUntil serves the site's output on ln and rebuilds on changes until
// ctx ends, then shuts the server down gracefully.
func serveUntil(ctx context.Context, ln net.Listener, served *servedSite, site *config.Site, f *buildFlags, rebuild func(), stdout io.Writer) error {
	kinds := &servedKinds{site: site, served: served}
	kinds.reload()
	srv := &http.Server{Handler: served.handler(kinds), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "serving on %s — Ctrl-C to stop\n", site.BaseURL)

	var files []string
	if cfg := f.config; cfg != "" {
		files = append(files, cfg)
	} else {
		// Either name may be created, edited or removed while serving.
		files = append(files, config.DefaultFile, config.AltFile)
	}
	watchCtx, stopWatching := context.WithCancel(ctx)
	defer stopWatching()
	watchErr := make(chan error, 1)
	go func() {
		watchErr <- serve.Watch(watchCtx, []string{site.Articles}, files, debounce, func() {
			rebuild()
			kinds.reload()
		})
	}()
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()

	var err error
	select {
	case <-ctx.Done():
	case err = <-done:
	case err = <-watchErr:
		if err != nil {
			err = fmt.Errorf("watching %s: %w", filepath.Clean(site.Articles), err)
		} else {
			<-ctx.Done()
		}
		watchErr <- nil
	}
	fmt.Fprintln(stdout, "stopping")
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if serr := srv.Shutdown(shutdown); serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	stopWatching()
	<-watchErr // a rebuild under way finishes before serve returns
	return err
}

// servedKinds knows what each served file is, from the manifest of site,
// or of the site serve last built, which it reads again after every
// build: files a rebuild adds are served with their types.
type servedKinds struct {
	site   *config.Site
	served *servedSite // when set, its last site is the one served
	ix     atomic.Pointer[layout.Index]
}

// reload reads the manifest again. One that cannot be read leaves every
// file known by its name; the build that wrote it has said why.
func (k *servedKinds) reload() {
	site := k.site
	if k.served != nil {
		site = k.served.last.Load()
	}
	ix, _ := layout.Load(site)
	k.ix.Store(ix)
}

func (k *servedKinds) contentType(name string) string { return k.ix.Load().ContentType(name) }

// redirect reports whether the file name is a moved feed's redirect.
func (k *servedKinds) redirect(name string) bool { return k.ix.Load().Of(name).Kind == layout.Redirect }
