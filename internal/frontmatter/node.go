package frontmatter

// Kind says what a Node holds.
type Kind int

// The kinds of Node.
const (
	KindString Kind = iota // a quoted or plain string, or a date
	KindNumber             // an integer or a float; Str holds it as written
	KindBool               // true or false; Str holds "true" or "false"
	KindNull               // an empty value or null
	KindList               // a sequence; List holds the elements
	KindMap                // a mapping; Map holds the entries in file order
)

// Node is a front matter value with the place it was written.
type Node struct {
	Kind Kind
	Str  string  // the scalar's text (KindString, KindNumber, KindBool)
	List []*Node // elements (KindList)
	Map  []Field // entries (KindMap)
	Line int     // 1-based line in the file
	Col  int     // 1-based column in the file
}

// Field is one key of a mapping and its value.
type Field struct {
	Key       string
	Line, Col int // where the key stands
	Value     *Node
}

// String is a human name for k, for error messages.
func (k Kind) String() string {
	switch k {
	case KindString:
		return "a string"
	case KindNumber:
		return "a number"
	case KindBool:
		return "a boolean"
	case KindNull:
		return "an empty value"
	case KindList:
		return "a list"
	case KindMap:
		return "a mapping"
	}
	return "an unknown value"
}

// maxDepth bounds how deeply values may nest, so hostile input cannot make
// the conversion recurse without end.
const maxDepth = 32
