package check

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden reports of testdata/broken")

// TestBroken checks every feed of testdata/broken, with Strict, against
// its golden report: the findings one a line, as feedpub check prints
// them.
func TestBroken(t *testing.T) {
	files, _ := filepath.Glob("testdata/broken/*")
	n := 0
	for _, file := range files {
		if strings.HasSuffix(file, ".golden") {
			continue
		}
		n++
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, f := range Document(file, data, Options{Strict: true}) {
				b.WriteString(f.String() + "\n")
			}
			golden := file + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to write it)", err)
			}
			if b.String() != string(want) {
				t.Errorf("the report differs from %s:\n--- got\n%s--- want\n%s", golden, b.String(), want)
			}
			if b.Len() == 0 {
				t.Errorf("no finding in %s: every broken feed must break something", file)
			}
		})
	}
	if n < 10 {
		t.Fatalf("only %d broken feeds in testdata/broken", n)
	}
}

// FuzzDocument checks that any document, however broken, gives findings
// that are located inside it, and never a panic.
func FuzzDocument(f *testing.F) {
	files, _ := filepath.Glob("testdata/broken/*")
	for _, file := range files {
		if !strings.HasSuffix(file, ".golden") {
			data, _ := os.ReadFile(file)
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := strings.Count(string(data), "\n") + 1
		for _, fd := range Document("feed", data, Options{Strict: true}) {
			if fd.Line < 1 || fd.Line > lines || fd.Col < 1 || fd.Name == "" || fd.Message == "" {
				t.Errorf("a finding out of the document's %d lines, or without a name: %+v", lines, fd)
			}
		}
	})
}
