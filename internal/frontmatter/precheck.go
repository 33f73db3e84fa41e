package frontmatter

import (
	"fmt"
	"strings"

	"github.com/feedpub/feedpub/internal/diag"
)

// maxKeys bounds how many keys front matter may hold.
const maxKeys = 10000

// precheck rejects, before a parser sees them, the two shapes of input
// whose parsing time grows faster than their size: collections ("[[[…" or
// "{{{…") nested more than maxDepth deep, and more than maxKeys keys. It
// skips quoted strings and comments; key marks and brackets inside plain
// text count too, which only matters past the limits.
func precheck(path string, src []byte, first int, format Format) error {
	depth, keys, line, col := 0, 0, first, 0
	var quote byte
	prev := byte('\n') // the last character that was not a blank
	for i := 0; i < len(src); i++ {
		c := src[i]
		col++
		if c == '\n' {
			line, col = line+1, 0
		}
		p := prev
		if c != ' ' && c != '\t' {
			prev = c
		}
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else if c == '\\' && quote == '"' {
				i++
				col++
			}
		case (c == '"' || c == '\'') && (format == TOML || strings.IndexByte(":-[{,\n", p) >= 0):
			// In YAML a quote opens a string only where a value starts;
			// an apostrophe inside plain text does not.
			quote = c
		case c == '#' && (i == 0 || src[i-1] == ' ' || src[i-1] == '\t' || src[i-1] == '\n'):
			for i+1 < len(src) && src[i+1] != '\n' {
				i++
			}
		case c == '[' || c == '{':
			depth++
			if depth > maxDepth {
				return diag.At(path, line, col, fmt.Sprintf("values nest more than %d levels deep", maxDepth),
					"flatten the value; front matter fields need at most a list of mappings")
			}
		case c == ']' || c == '}':
			if depth > 0 {
				depth--
			}
		case format == TOML && c == '=',
			format == YAML && c == ':' && (i+1 == len(src) || src[i+1] == ' ' || src[i+1] == '\t' || src[i+1] == '\n' || src[i+1] == '\r'):
			keys++
			if keys > maxKeys {
				return diag.At(path, line, col, fmt.Sprintf("the front matter has more than %d keys", maxKeys),
					"front matter holds an article's metadata; move long data into the body")
			}
		}
	}
	return nil
}
