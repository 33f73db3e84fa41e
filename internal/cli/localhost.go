package cli

import (
	"fmt"
	"io"

	"github.com/feedpub/feedpub/internal/config"
)

// localLinks is what a build knows of where its links lead: whether its
// base_url is the built-in one, why it may not be published (its host is
// this computer), and, under serve, the folder and address serve builds
// for.
type localLinks struct {
	isDefault bool
	refusal   error
	serve     *servedSite
}

// note keeps what the merged settings s say of base_url, before they are
// resolved into the site a build uses.
func (l *localLinks) note(s *config.Settings) {
	l.isDefault = s.BaseURLIsDefault()
	l.refusal = s.RefuseLoopback()
}

// checkLinks runs before anything is built: under serve it points site at
// serve's own folder and address, and it refuses to publish feeds whose
// links lead to this computer.
func (f *buildFlags) checkLinks(site *config.Site) error {
	l := &f.local
	switch {
	case l.serve != nil:
		l.serve.adjust(site)
	case f.publish.dest != "" && l.refusal != nil:
		return l.refusal
	}
	return nil
}

// noticeLinks runs after a build: one under the built-in base_url says,
// unless quiet, where its links lead and how to set the real address.
// Serve's builds say nothing: their links lead to the server.
func (f *buildFlags) noticeLinks(stderr io.Writer, site *config.Site) {
	if f.local.isDefault && f.local.serve == nil && !f.quiet {
		fmt.Fprintf(stderr, "feedpub: the feeds' links point at %s, the built-in base_url, which works on this computer only — set your site's address as base_url in %s, or run with --base-url https://example.com/\n",
			site.BaseURL, config.DefaultFile)
	}
}
