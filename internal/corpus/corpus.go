// Package corpus writes a synthetic archive of articles for benchmarks
// and scale tests: deterministic for a seed, and shaped like a real
// newsroom's (bodies of about 4 KB, some of 20–50 KB, with headings,
// lists, code, relative links, '& < >' and non-ASCII text; one to four tags
// from a pool of 200; dates over ten years in a dozen time zones; about 1%
// drafts). The command ./internal/corpusgen runs it.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

var zones = []string{"UTC", "Europe/London", "Europe/Paris", "Europe/Berlin", "America/New_York", "America/Chicago",
	"America/Los_Angeles", "America/Sao_Paulo", "Asia/Tokyo", "Asia/Kolkata", "Australia/Sydney", "Africa/Lagos"}

var words = strings.Fields(`the a of to and in that is for on with as by at from it an be this which or are was were
has have had not but all can more one about new will would there their so up out if when what time year people way
report council city budget school court police market energy water health river bridge station election vote
research data study team season match player coach museum festival review opinion editor letter reader weather
storm heat café naïve São Zürich Kraków 東京 Øresund façade résumé piñata`)

// Generate writes n articles into dir/articles, in folders of 1,000, a
// third of them with a summary in the front matter.
func Generate(dir string, n int, seed uint64) error {
	return GenerateShaped(dir, n, seed, Shape{})
}

// A Shape varies the archive Generate writes.
type Shape struct {
	// AllSummaries gives every article a summary in its front matter, as
	// a newsroom's system that asks for one does; no summary is then
	// derived from a body.
	AllSummaries bool
}

// GenerateShaped is Generate with a shape.
func GenerateShaped(dir string, n int, seed uint64, shape Shape) error {
	rng := rand.New(rand.NewPCG(seed, 0xfeed))
	base := filepath.Join(dir, "articles")
	locs := make([]*time.Location, len(zones))
	for i, z := range zones {
		l, err := time.LoadLocation(z)
		if err != nil {
			return err
		}
		locs[i] = l
	}
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	span := int64(10 * 365 * 24 * time.Hour)
	for i := 0; i < n; i++ {
		sub := filepath.Join(base, fmt.Sprintf("%03d", i/1000))
		if i%1000 == 0 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return err
			}
		}
		date := start.Add(time.Duration(rng.Int64N(span))).Truncate(time.Second).In(locs[rng.IntN(len(locs))])
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: %q\ndate: %s\n", sentence(rng, 4+rng.IntN(8)), date.Format(time.RFC3339))
		ntags := 1 + rng.IntN(4)
		b.WriteString("tags: [")
		for t := 0; t < ntags; t++ {
			if t > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "tag-%03d", rng.IntN(200))
		}
		b.WriteString("]\n")
		if rng.IntN(3) == 0 || shape.AllSummaries {
			fmt.Fprintf(&b, "summary: %q\n", sentence(rng, 20+rng.IntN(20)))
		}
		if rng.IntN(5) == 0 {
			fmt.Fprintf(&b, "author: Reporter %d <r%d@example.com>\n", rng.IntN(50), rng.IntN(50))
		}
		if rng.IntN(100) == 0 {
			b.WriteString("draft: true\n")
		}
		b.WriteString("---\n\n")
		size := 2500 + rng.IntN(3500) // mean about 4 KB
		if rng.IntN(50) == 0 {
			size = 20000 + rng.IntN(30000)
		}
		body(&b, rng, size)
		name := filepath.Join(sub, fmt.Sprintf("%s-article-%06d.md", date.Format("2006-01-02"), i))
		if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func sentence(rng *rand.Rand, n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = words[rng.IntN(len(words))]
	}
	s := strings.Join(ws, " ")
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:] + "."
}

func body(b *strings.Builder, rng *rand.Rand, size int) {
	start := b.Len()
	for b.Len()-start < size {
		switch k := rng.IntN(10); {
		case k == 0:
			fmt.Fprintf(b, "## %s\n\n", sentence(rng, 3+rng.IntN(4)))
		case k == 1:
			for j := 0; j < 2+rng.IntN(4); j++ {
				fmt.Fprintf(b, "- %s\n", sentence(rng, 4+rng.IntN(8)))
			}
			b.WriteString("\n")
		case k == 2:
			fmt.Fprintf(b, "```go\nif a < b && c > d {\n\treturn %q\n}\n```\n\n", sentence(rng, 3))
		default:
			s := sentence(rng, 30+rng.IntN(40))
			switch rng.IntN(4) {
			case 0:
				s += fmt.Sprintf(" See [the earlier report](../%s/) and ![a chart](img/chart-%d.png).", words[rng.IntN(len(words))], rng.IntN(100))
			case 1:
				s += " Profits & losses: 3 < 4 > 2, *emphasis* and **strong** text."
			case 2:
				s += fmt.Sprintf(" More at <https://example.com/%d> and [the archive](/archive/%d/).", rng.IntN(1000), rng.IntN(1000))
			}
			b.WriteString(s + "\n\n")
		}
	}
}
