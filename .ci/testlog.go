//go:build ignore

// testlog reads 'go test -json' events on stdin and prints what a person
// wants from a run: go test's own package lines (ok, FAIL, no test
// files), the whole output of every failing test, and a list of the
// tests that skipped, each with the reason it gave.
//
//	go test -json ./... > test.json; go run .ci/testlog.go < test.json
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

type event struct {
	Action, Package, Test, Output string
}

func main() {
	output := map[string][]string{} // by package and test
	var skipped []string
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var e event
		if json.Unmarshal(sc.Bytes(), &e) != nil {
			fmt.Println(sc.Text()) // not an event: go's own message
			continue
		}
		id := e.Package + " " + e.Test
		switch {
		case e.Action == "build-output":
			fmt.Print(e.Output)
		case e.Action == "output" && e.Test == "":
			if line := e.Output; strings.HasPrefix(line, "ok ") || strings.HasPrefix(line, "FAIL") ||
				strings.HasPrefix(line, "?") || strings.HasPrefix(line, "panic") {
				fmt.Print(line)
			}
		case e.Action == "output":
			output[id] = append(output[id], e.Output)
		case e.Action == "fail" && e.Test != "":
			fmt.Print(strings.Join(output[id], ""))
		case e.Action == "skip" && e.Test != "":
			skipped = append(skipped, fmt.Sprintf("--- SKIP: %s (%s): %s", e.Test, e.Package, reason(output[id])))
		}
		if e.Action == "pass" || e.Action == "skip" {
			delete(output, id)
		}
	}
	switch len(skipped) {
	case 0:
		fmt.Println("no test skipped")
	case 1:
		fmt.Printf("1 test skipped:\n%s\n", skipped[0])
	default:
		fmt.Printf("%d tests skipped:\n%s\n", len(skipped), strings.Join(skipped, "\n"))
	}
}

// reason is what a skipped test logged, without go test's own lines.
func reason(lines []string) string {
	var out []string
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "=== ") || strings.HasPrefix(l, "--- SKIP") {
			continue
		}
		out = append(out, l)
	}
	if len(out) == 0 {
		return "(no reason given)"
	}
	return strings.Join(out, " / ")
}
