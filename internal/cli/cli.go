// Package cli is feedpub's command line: build (the default), serve,
// publish and version. It parses flags, merges them over the settings file
// and the defaults, runs the build and writes its files (then serves,
// pings or publishes them), and maps failures to exit statuses: 1 for
// problems in articles or while writing, 2 for usage errors.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/guard"
)

// Version is feedpub's version, named in the feeds' generator element.
const Version = "0.1.0"

// Exit statuses.
const (
	exitOK    = 0
	exitFail  = 1 // the articles have problems, or writing failed
	exitUsage = 2 // the command line or the settings are wrong
)

// usageError is a mistake in how feedpub was called.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// Main runs feedpub with args (without the program name) and returns the
// exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	root := newRoot(stdout, stderr)
	if args == nil {
		args = []string{} // cobra would read os.Args instead
	}
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	return report(err, stderr)
}

// report prints err the way its kind asks and returns the exit status.
func report(err error, stderr io.Writer) int {
	var list diag.List
	var ue usageError
	switch {
	case errors.As(err, &list):
		fmt.Fprintln(stderr, list.Error())
		fmt.Fprintf(stderr, "feedpub: %d problem(s) found; no file was written\n", len(list))
		return exitFail
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "feedpub: %v\n", err)
		fmt.Fprintln(stderr, "Run 'feedpub --help' for usage.")
		return exitUsage
	}
	var drop *guard.DropError
	var removal *guard.RemoveError
	if errors.As(err, &drop) || errors.As(err, &removal) {
		fmt.Fprintf(stderr, "feedpub: %v\nfeedpub: no file was written\n", err)
		return exitFail
	}
	var de *diag.Error
	if errors.As(err, &de) {
		fmt.Fprintln(stderr, de.Error())
		return exitUsage
	}
	fmt.Fprintf(stderr, "feedpub: %v\n", err)
	return exitFail
}

func newRoot(stdout, stderr io.Writer) *cobra.Command {
	var flags buildFlags
	root := &cobra.Command{
		Use:   "feedpub",
		Short: "Publish valid RSS 2.0, Atom 1.0 and JSON Feed 1.1 feeds from Markdown articles",
		Long: `feedpub reads Markdown articles with YAML or TOML front matter (the layout
Hugo and Jekyll use) and writes RSS 2.0, Atom 1.0 and JSON Feed 1.1 files.

With no command it runs 'build'.`,
		Args:          noArgs,
		SilenceErrors: true,
		SilenceUsage:  true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runBuild(cmd, &flags, stdout)
		},
	}
	flags.register(root)
	flags.registerPublish(root)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(newBuild(stdout), newServe(stdout, stderr), newPublish(stdout), newVersion(stdout))
	return root
}

func newVersion(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print feedpub's version",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintf(stdout, "feedpub %s\n", Version)
			return err
		},
	}
}

// exists reports whether a path exists.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// noArgs refuses positional arguments as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if err := cobra.NoArgs(cmd, args); err != nil {
		return usageError{err}
	}
	return nil
}
