// Package cli is feedpub's command line: build (the default), serve,
// publish and version. It parses flags, merges them over the settings file
// and the defaults, runs the build and writes its files (then serves,
// pings or publishes them), and prints whatever stops it through one
// function, report, which chooses the exit status by the kind of problem.
package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/guard"
)

// Version is feedpub's version, named in the feeds' generator element.
const Version = "0.1.0"

// exitOK is the exit status of a run that nothing stopped.
const exitOK = 0

// exitStatus is the exit status of a run stopped by a problem of each
// kind: the one place statuses are chosen. docs/guarantees.md documents them.
var exitStatus = map[diag.Kind]int{
	diag.Content:  1, // an article has a problem
	diag.Refused:  1, // a guard stopped the build
	diag.Failed:   1, // writing, publishing or serving failed
	diag.Settings: 2, // a setting is wrong
	diag.Usage:    2, // the command line is wrong
}

// advice words what lets through a build a guard refused as feedpub's
// flags.
var advice = map[diag.Override]string{
	guard.AcceptIDChange:    "run with --allow-id-change to accept the change",
	guard.AcceptLoss:        "run again with --force",
	guard.ReplaceUnreadable: "run with --force to replace it",
}

// usagef returns a usage problem: a mistake in how feedpub was called.
func usagef(format string, args ...any) error {
	return diag.Usage.Errorf(format, args...)
}

// Main runs feedpub with args (without the program name) and returns the
// exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	root := newRoot(stdout, stderr)
	if args == nil {
		args = []string{} // cobra would read os.Args instead
	}
	root.SetArgs(args)
	return report(root.Execute(), stderr)
}

// report prints err's problems, one a line (located ones as
// path:line:col, the others after "feedpub: "; a refusal with the flag
// that overrides it), then what they meant for the run, and returns the
// exit status: that of the first problem's kind.
func report(err error, stderr io.Writer) int {
	problems := diag.Problems(err)
	if len(problems) == 0 {
		return exitOK
	}
	located := false
	for _, p := range problems {
		p = p.Advised(advice[p.Override])
		if p.Path == "" {
			fmt.Fprintf(stderr, "feedpub: %v\n", p)
		} else {
			located = true
			fmt.Fprintln(stderr, p)
		}
	}
	kind := problems[0].Kind
	switch kind {
	case diag.Content, diag.Refused: // found before any file is written
		if located {
			fmt.Fprintf(stderr, "feedpub: %d problem(s) found; no file was written\n", len(problems))
		} else {
			fmt.Fprintln(stderr, "feedpub: no file was written")
		}
	case diag.Usage:
		fmt.Fprintln(stderr, "Run 'feedpub --help' for usage.")
	}
	if status, ok := exitStatus[kind]; ok {
		return status
	}
	return exitStatus[diag.Failed]
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
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return diag.Usage.Wrap(err) })
	root.AddCommand(newBuild(stdout), newServe(stdout, stderr), newPublish(stdout), newVersion(stdout), newInit(stdout), newNew(stdout))
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
		return diag.Usage.Wrap(err)
	}
	return nil
}
