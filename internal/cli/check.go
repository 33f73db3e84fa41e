package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/feedpub/feedpub/internal/check"
	"github.com/feedpub/feedpub/internal/config"
	"github.com/feedpub/feedpub/internal/diag"
	"github.com/feedpub/feedpub/internal/layout"
	"github.com/feedpub/feedpub/internal/output"
	"github.com/feedpub/feedpub/internal/sitemode"
)

// checkFlags are the flags of feedpub check.
type checkFlags struct {
	out    string // --out
	config string // --config
	json   bool
	strict bool
}

func newCheck(stdout io.Writer) *cobra.Command {
	var f checkFlags
	cmd := &cobra.Command{
		Use:   "check [FILE|URL...]",
		Short: "Check RSS, Atom and JSON feeds against their specifications, offline",
		Long: `Check reads RSS 2.0 and 1.0, Atom 1.0 and JSON Feed 1.1 feeds and reports what breaks
them or what readers stumble on: XML or JSON that does not parse, required
elements missing, dates without zones, relative URLs, duplicate ids, no self
link, feeds over Google's limits. Each finding is printed as
file:line:col: severity: Name: message — how to fix, Name being the W3C Feed
Validation Service's where it has the same check.

With no argument it checks the feeds of the last build in the output folder
(as its manifest lists them); otherwise the files and http(s) URLs named,
anyone's feeds. --strict adds the warnings of what a feed may lack, such as
an icon.

Exit status: 1 if any finding is an error (or a feed cannot be read), 0 when
there are only warnings or none.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(cmd, &f, args, stdout)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&f.out, "out", "", "with no FILE or URL, check the feeds built into `DIR` (default: the settings' output, else \"public\")")
	fs.StringVar(&f.config, "config", "", "with no FILE or URL, read the output folder from the settings `FILE`")
	fs.BoolVar(&f.json, "json", false, "print the findings as JSON")
	fs.BoolVar(&f.strict, "strict", false, "also warn of what a feed may lack and still be read well: an icon")
	return cmd
}

// checkReport is what check --json prints.
type checkReport struct {
	Checked  []string        `json:"checked"`
	Failed   []checkFailure  `json:"failed"` // the feeds that could not be read or fetched
	Errors   int             `json:"errors"`
	Warnings int             `json:"warnings"`
	Findings []check.Finding `json:"findings"`
}

// checkFailure is a feed check could not read, and why.
type checkFailure struct {
	Feed  string `json:"feed"`
	Error string `json:"error"`
}

// runCheck checks the feeds args names, or the build's, and prints what
// it finds.
func runCheck(cmd *cobra.Command, f *checkFlags, args []string, stdout io.Writer) error {
	names := args
	if len(names) == 0 {
		own, err := ownFeeds(f)
		if err != nil {
			return err
		}
		names = own
	}
	rep := checkReport{Checked: []string{}, Failed: []checkFailure{}, Findings: []check.Finding{}}
	var failed diag.List
	erring := 0 // the feeds with errors
	for _, name := range names {
		data, err := readCheckedFeed(cmd, name)
		if err != nil {
			failed = append(failed, diag.Failed.Wrap(err))
			rep.Failed = append(rep.Failed, checkFailure{Feed: name, Error: err.Error()})
			continue
		}
		rep.Checked = append(rep.Checked, name)
		findings := check.Document(name, data, check.Options{Strict: f.strict})
		if check.HasErrors(findings) {
			erring++
		}
		for _, fd := range findings {
			if fd.Severity == check.Error {
				rep.Errors++
			} else {
				rep.Warnings++
			}
			rep.Findings = append(rep.Findings, fd)
		}
	}
	if err := printCheck(stdout, rep, f.json); err != nil {
		return err
	}
	if rep.Errors > 0 {
		failed = append(failed, diag.Failed.Errorf("%s in %s", plural(rep.Errors, "error", "errors"), plural(erring, "feed", "feeds")))
	}
	return failed.Err()
}

// printCheck prints the findings, one a line and a summary, or as JSON.
func printCheck(stdout io.Writer, rep checkReport, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	for _, fd := range rep.Findings {
		fmt.Fprintln(stdout, fd)
	}
	switch {
	case rep.Errors+rep.Warnings == 0:
		fmt.Fprintf(stdout, "checked %s: no problem found\n", plural(len(rep.Checked), "feed", "feeds"))
	default:
		fmt.Fprintf(stdout, "checked %s: %s, %s\n", plural(len(rep.Checked), "feed", "feeds"),
			plural(rep.Errors, "error", "errors"), plural(rep.Warnings, "warning", "warnings"))
	}
	return nil
}

// readCheckedFeed reads the file or fetches the URL name.
func readCheckedFeed(cmd *cobra.Command, name string) ([]byte, error) {
	if check.IsURL(name) {
		return check.Fetch(cmd.Context(), name)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("cannot read the feed %s: %w — name an existing file or an http(s) URL", name, err)
	}
	return data, nil
}

// ownFeeds are the feeds of the build in the output folder that the
// settings and --out name.
func ownFeeds(f *checkFlags) ([]string, error) {
	out, err := f.outputFolder()
	if err != nil {
		return nil, err
	}
	own, err := builtFeeds(out)
	if err != nil {
		return nil, diag.Failed.Wrap(err)
	}
	if len(own) == 0 {
		return nil, diag.Failed.Errorf("the manifest of %s lists no feed — run 'feedpub build' first, or name the feeds to check", out)
	}
	for i, name := range own {
		own[i] = filepath.Join(out, filepath.FromSlash(name))
	}
	return own, nil
}

// outputFolder is where builds write, as --out, the settings file (or a
// Hugo or Jekyll site's) and the defaults say; unlike a build, check
// needs no articles.
func (f *checkFlags) outputFolder() (string, error) {
	if f.out != "" {
		return f.out, nil
	}
	s := config.Defaults()
	if _, err := sitemode.ApplyLanguage(".", "", &s); err != nil {
		return "", err
	}
	path := f.config
	if path == "" {
		var err error
		if path, err = config.Find("."); err != nil {
			return "", err
		}
	} else if !exists(path) {
		return "", usagef("the settings file %s does not exist; create it or leave out --config", path)
	}
	if path != "" {
		if err := s.Load(path); err != nil {
			return "", err
		}
	}
	return s.Output, nil
}

// builtFeeds lists the feeds of a build in the output folder dir, as its
// manifest records them: every RSS, Atom and JSON file of a feed or an
// archive document, slash-separated and relative to dir, in the
// manifest's order.
func builtFeeds(dir string) ([]string, error) {
	entries, err := output.ReadManifestEntries(dir)
	if err != nil {
		return nil, err
	}
	if entries == nil {
		if _, err := os.Stat(dir); err != nil {
			return nil, fmt.Errorf("the output folder %s is not there — run 'feedpub build' first, or name the feeds to check", dir)
		}
		return nil, fmt.Errorf("%s has no manifest of a feedpub build — run 'feedpub build' first, or name the feeds to check", filepath.Join(dir, output.ManifestName))
	}
	var feeds []string
	for _, e := range entries {
		o, ok := layout.ParseOutput(e.Kind)
		if ok && o.Format != "" && (o.Spec().Feed || o.Kind == layout.ArchiveDoc) {
			feeds = append(feeds, e.Name)
		}
	}
	return feeds, nil
}
