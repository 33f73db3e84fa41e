// Command corpusgen writes a synthetic archive of articles for benchmarks
// and scale tests (see package corpus), the same for the same seed:
//
//	go run ./internal/corpusgen -n 100000 -out /tmp/corpus
//	go run ./internal/corpusgen -n 100000 -all-summaries -out /tmp/corpus-s
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/feedpub/feedpub/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "how many articles to write")
	out := flag.String("out", "corpus", "the folder to write them into (its articles/ subfolder)")
	seed := flag.Uint64("seed", 1, "the random seed; the same seed writes the same files")
	summaries := flag.Bool("all-summaries", false, "give every article a summary in its front matter (by default a third have one)")
	flag.Parse()
	if err := corpus.GenerateShaped(*out, *n, *seed, corpus.Shape{AllSummaries: *summaries}); err != nil {
		fmt.Fprintln(os.Stderr, "corpusgen:", err)
		os.Exit(1)
	}
}
