package frontmatter

import "github.com/goccy/go-yaml/ast"

// FromYAML converts a value of a YAML document parsed elsewhere (such as
// a setting of feedpub.yaml) into a Node, keeping the lines and columns
// its tokens carry; path names the file in errors.
func FromYAML(path string, n ast.Node) (*Node, error) {
	return yamlConv{path: path}.node(n, 0)
}
