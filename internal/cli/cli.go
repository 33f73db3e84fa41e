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
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/guard"
	"github.com/feedpub/feedpub/internal/publish"
)

// Version is feedpub's version, named in the feeds' generator element:
// a constant, so that the same articles give the same feeds whatever
// build of feedpub made them. 'feedpub version' names the build too.
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
			fmt.Fprintf(stderr, "feedpub: %s found; no file was written\n", plural(len(problems), "problem", "problems"))
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
	var version bool
	root := &cobra.Command{
		Use:   "feedpub",
		Short: "Publish valid RSS 2.0, Atom 1.0 and JSON Feed 1.1 feeds from Markdown articles",
		Long: `feedpub reads Markdown articles with YAML or TOML front matter (the layout
Hugo and Jekyll use) and writes RSS 2.0, Atom 1.0 and JSON Feed 1.1 files.

With no command it runs 'build', and takes build's flags.`,
		Args:          noArgs,
		SilenceErrors: true,
		SilenceUsage:  true,
		// How far a mistyped command may be from the one it names.
		SuggestionsMinimumDistance: 2,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if version {
				return printVersion(stdout)
			}
			return runBuild(cmd, &flags, stdout)
		},
	}
	flags.register(root)
	root.Flags().BoolVar(&version, "version", false, "print feedpub's version and the revision it was built from")
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return diag.Usage.Wrap(err) })
	root.AddCommand(newBuild(stdout), newServe(stdout, stderr), newPublish(stdout), newVersion(stdout), newInit(stdout), newNew(stdout), newCheck(stdout))
	return root
}

func newVersion(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print feedpub's version and the revision it was built from",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			return printVersion(stdout)
		},
	}
}

// readBuildInfo reads what the Go toolchain recorded of the build; a
// variable for tests.
var readBuildInfo = debug.ReadBuildInfo

// printVersion prints feedpub's version: the module's (Version when the
// build has none, as 'go build' in a checkout without a tag may leave
// it), then the revision it was built from, with "modified" when the
// checkout had uncommitted changes, and that revision's commit time, and
// the Go release that compiled it.
func printVersion(stdout io.Writer) error {
	_, err := io.WriteString(stdout, versionText())
	return err
}

// versionText is what printVersion prints.
func versionText() string {
	info, ok := readBuildInfo()
	if !ok {
		return "feedpub " + Version + "\n" + destinations()
	}
	v := info.Main.Version
	if v == "" || v == "(devel)" {
		v = Version
	}
	text := "feedpub " + v + "\n"
	var rev, at string
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev != "" {
		text += "revision " + rev
		if modified {
			text += " (modified)"
		}
		if at != "" {
			text += ", committed " + at
		}
		text += "\n"
	}
	if info.GoVersion != "" {
		text += "built with " + info.GoVersion + "\n"
	}
	return text + destinations()
}

// destinations says where this build of feedpub publishes to.
func destinations() string {
	if publish.CloudBuild() {
		return "the cloud build: publishes to file://, s3://, gs:// and azblob://\n"
	}
	return "the default build: publishes to file:// only (for s3://, gs:// and azblob://: " + publish.InstallCloud + ")\n"
}

// plural is n with the noun that fits it: "1 file", "2 files".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// exists reports whether a path exists.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// noArgs refuses positional arguments as a usage error. On the root,
// which runs build, an argument is a command mistyped: the error names
// those it may have meant, as cobra does for a root without arguments of
// its own.
func noArgs(cmd *cobra.Command, args []string) error {
	err := cobra.NoArgs(cmd, args)
	if err == nil {
		return nil
	}
	if cmd.HasParent() || !cmd.HasSubCommands() {
		return diag.Usage.Wrap(err)
	}
	suggestions := cmd.SuggestionsFor(args[0])
	if len(suggestions) == 0 {
		return diag.Usage.Wrap(err)
	}
	quoted := make([]string, len(suggestions))
	for i, s := range suggestions {
		quoted[i] = fmt.Sprintf("%q", s)
	}
	return diag.Usage.New(err.Error(), "did you mean "+strings.Join(quoted, " or ")+"?")
}
