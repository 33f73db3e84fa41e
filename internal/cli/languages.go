package cli

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/feedpub/feedpub/internal/diag"
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
	if f.local.serve != nil {
		// serve's folder holds one language's feeds: the default's.
		langs = langs[:1]
	}
	if f.publish.dest != "" {
		// Each language's build has its own output folder and manifest;
		// publishing would upload them one by one to the same place.
		return diag.Usage.New("publishing a site in several languages is not supported yet",
			"run 'feedpub build', then upload the output folder with the site's own tools")
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
