// Command readersgen writes the readers' corpus (package readers) into a
// folder, to try its feeds by hand in a feed reader:
//
//	go run ./internal/readers/readersgen [-omit icon,logo] [-json] DIR
//	feedpub serve --limit 0 --config DIR/feedpub.yaml
//
// With -json it prints what readers must show of each article, as JSON.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/feedpub/feedpub/internal/readers"
)

func main() {
	omit := flag.String("omit", "", "settings to leave out of feedpub.yaml, comma-separated")
	asJSON := flag.Bool("json", false, "print what readers must show of each article, as JSON")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: readersgen [-omit KEYS] DIR")
		os.Exit(2)
	}
	var keys []string
	if *omit != "" {
		keys = strings.Split(*omit, ",")
	}
	c, err := readers.Write(flag.Arg(0), keys...)
	if err != nil {
		fmt.Fprintln(os.Stderr, "readersgen:", err)
		os.Exit(1)
	}
	if *asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(c.Articles); err != nil {
			fmt.Fprintln(os.Stderr, "readersgen:", err)
			os.Exit(1)
		}
		return
	}
	fmt.Printf("%d articles in %s\n", len(c.Articles), flag.Arg(0))
}
