package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/feedpub/feedpub/internal/config"
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
		Short: "Build, serve the output directory, and rebuild when articles or settings change",
		Long: `Serve builds the feeds, then serves the output directory on --addr with each
feed's media type, ETag and Last-Modified (answering 304 Not Modified), gzip
and Cache-Control. It watches the articles directory and the settings file and
rebuilds when they change; a build that fails prints its errors and the last
good feeds stay served. Hidden files, paths outside the output directory and
folder listings are never served. Ctrl-C stops it.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runServe(cmd, &flags, addr, stdout, stderr)
		},
	}
	flags.register(cmd)
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "listen on `HOST:PORT`")
	return cmd
}

func runServe(cmd *cobra.Command, f *buildFlags, addr string, stdout, stderr io.Writer) error {
	site, err := f.settings(cmd)
	if err != nil {
		return err
	}
	rebuild := func() {
		if err := runBuild(cmd, f, stdout); err != nil {
			report(err, stderr)
			fmt.Fprintln(stderr, "feedpub: serving the last good feeds")
		}
	}
	rebuild()

	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return usagef("cannot listen on %s: %v", addr, err)
	}
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serveUntil(ctx, ln, site, f, rebuild, stdout)
}

// serveUntil serves site's output on ln and rebuilds on changes until ctx
// ends, then shuts the server down gracefully.
func serveUntil(ctx context.Context, ln net.Listener, site *config.Site, f *buildFlags, rebuild func(), stdout io.Writer) error {
	kinds := &servedKinds{site: site}
	kinds.reload()
	handler := serve.Handler(site.Output, kinds.contentType)
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "serving %s on http://%s/ — Ctrl-C to stop\n", site.Output, ln.Addr())

	var files []string
	if cfg := f.config; cfg != "" {
		files = append(files, cfg)
	} else {
		files = append(files, config.DefaultFile)
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
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	var err error
	select {
	case <-ctx.Done():
	case err = <-served:
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

// servedKinds knows what each served file is, from the output directory's
// manifest, which it reads again after every build: files a rebuild adds
// are served with their types.
type servedKinds struct {
	site *config.Site
	ix   atomic.Pointer[layout.Index]
}

// reload reads the manifest again. One that cannot be read leaves every
// file known by its name; the build that wrote it has said why.
func (k *servedKinds) reload() {
	ix, _ := layout.Load(k.site)
	k.ix.Store(ix)
}

func (k *servedKinds) contentType(name string) string { return k.ix.Load().ContentType(name) }
