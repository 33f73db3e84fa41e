package cli

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/feedpub/feedpub/internal/sitemode"
)

// runBuild builds the feeds: once, or, for a Hugo site in several
// languages, once per language, each into its own folder, the default
// language first.
func runBuild(cmd *cobra.Command, f *buildFlags, stdout io.Writer) error {
	langs, err := sitemode.Languages(".")
	if err != nil {
		return err
	}
	if len(langs) == 0 {
		return runBuildOne(cmd, f, stdout)
	}
	defer func() { f.lang = "" }()
	for _, lang := range langs {
		f.lang = lang
		if err := runBuildOne(cmd, f, stdout); err != nil {
			return err
		}
	}
	return nil
}
