// Command benchfloor is the yardstick for feedpub's speed: the least any
// feed builder must do. It reads every Markdown file below a folder whole
// and parses its YAML front matter with the same library feedpub uses, on
// all cores, and does nothing else.
//
//	go run ./internal/benchfloor DIR
package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/goccy/go-yaml"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: benchfloor DIR")
		os.Exit(2)
	}
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
				var fm map[string]any
				if err := yaml.Unmarshal(frontMatter(data), &fm); err != nil {
					failed.Add(1)
					continue
				}
				parsed.Add(1)
			}
		}()
	}
	err := filepath.WalkDir(os.Args[1], func(p string, d fs.DirEntry, err error) error {
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

// frontMatter returns the text between the first two "---" lines.
func frontMatter(data []byte) []byte {
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	if !ok {
		return nil
	}
	if i := bytes.Index(rest, []byte("\n---\n")); i >= 0 {
		return rest[:i+1]
	}
	return nil
}
