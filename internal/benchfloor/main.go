// Command benchfloor is the yardstick for feedpub's speed: the least any
// feed builder must do. It reads every Markdown file below a folder whole
// and parses its YAML front matter with the same library feedpub uses, on
// all cores, and does nothing else.
//
// With -render it also renders each body to sanitised HTML as feedpub
// does (goldmark, then bluemonday, or for a body without raw HTML the
// pass that makes the same bytes without it): the least a builder of
// feeds with every article's full content must do with those libraries.
//
//	go run ./internal/benchfloor [-render] DIR
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/goccy/go-yaml"

	"github.com/feedpub/feedpub/internal/content"
)

func main() {
	render := flag.Bool("render", false, "also render each body to sanitised HTML")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: benchfloor [-render] DIR")
		os.Exit(2)
	}
	r := content.New()
	base, _ := url.Parse("https://example.com/")
	paths := make(chan string, 256)
	var parsed, failed atomic.Int64
	var wg sync.WaitGroup
	for i := 0; i < runtime.GOMAXPROCS(0); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range paths {
				data, err := os.ReadFile(p)
				if err != nil {
					failed.Add(1)
					continue
				}
				fm, body := frontMatter(data)
				var fields map[string]any
				if err := yaml.Unmarshal(fm, &fields); err != nil {
					failed.Add(1)
					continue
				}
				if *render {
					if _, err := r.HTML(body, base); err != nil {
						failed.Add(1)
						continue
					}
				}
				parsed.Add(1)
			}
		}()
	}
	err := filepath.WalkDir(flag.Arg(0), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			paths <- p
		}
		return err
	})
	close(paths)
	wg.Wait()
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchfloor:", err)
		os.Exit(1)
	}
	fmt.Printf("%d files parsed, %d failed\n", parsed.Load(), failed.Load())
}

// frontMatter returns the text between the first two "---" lines, and the
// body after them.
func frontMatter(data []byte) (fm, body []byte) {
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	if !ok {
		return nil, data
	}
	if i := bytes.Index(rest, []byte("\n---\n")); i >= 0 {
		return rest[:i+1], rest[i+len("\n---\n"):]
	}
	return nil, data
}
