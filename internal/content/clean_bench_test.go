package content

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/feedpub/feedpub/internal/corpus"
)

// benchBodies are the bodies of 200 generated articles, without their
// front matter.
func benchBodies(b *testing.B) [][]byte {
	b.Helper()
	dir := b.TempDir()
	if err := corpus.Generate(dir, 200, 1); err != nil {
		b.Fatal(err)
	}
	var bodies [][]byte
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			if i := bytes.Index(data, []byte("\n---\n")); i >= 0 {
				data = data[i+len("\n---\n"):]
			}
			bodies = append(bodies, data)
		}
		return err
	})
	return bodies
}

// BenchmarkArticle renders 200 generated articles' HTML and summaries,
// as a build with --limit 0 does: "clean" as feedpub does, "sanitised"
// with every body's HTML through the sanitiser, as before cleanRendered.
func BenchmarkArticle(b *testing.B) {
	bodies := benchBodies(b)
	for _, bc := range []struct {
		name        string
		sanitizeAll bool
	}{{"clean", false}, {"sanitised", true}} {
		b.Run(bc.name, func(b *testing.B) {
			r := New()
			r.sanitizeAll = bc.sanitizeAll
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				for _, body := range bodies {
					if _, err := r.RenderWith(body, postURL, Page{}, true, true); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(bodies)), "ns/article")
		})
	}
}
