// Command feedpub publishes RSS 2.0, Atom 1.0 and JSON Feed 1.1 feeds from
// a folder of Markdown articles. See README.md, or run 'feedpub --help'.
package main

import (
	"os"

	"github.com/feedpub/feedpub/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
