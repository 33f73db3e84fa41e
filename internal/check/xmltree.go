package check

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"golang.org/x/net/html/charset"
)

// node is an XML element with where it starts and its text.
type node struct {
	name       xml.Name
	attr       []xml.Attr
	text       string // its character data, children's excluded
	at         pos    // where its start tag begins
	start, end int64  // its byte span, tags included
	kids       []*node
	parent     *node
}

// kid is n's first child named local in namespace space, or nil.
func (n *node) kid(space, local string) *node {
	for _, k := range n.kids {
		if k.name.Space == space && k.name.Local == local {
			return k
		}
	}
	return nil
}

// all is n's children named local in namespace space.
func (n *node) all(space, local string) []*node {
	var out []*node
	for _, k := range n.kids {
		if k.name.Space == space && k.name.Local == local {
			out = append(out, k)
		}
	}
	return out
}

// get is the value of n's attribute local (without namespace) and
// whether it is there.
func (n *node) get(local string) (string, bool) {
	for _, a := range n.attr {
		if a.Name.Local == local && (a.Name.Space == "" || a.Name.Space == n.name.Space) {
			return a.Value, true
		}
	}
	return "", false
}

// base is the xml:base in scope at n, innermost first, or "".
func (n *node) base() string {
	for e := n; e != nil; e = e.parent {
		for _, a := range e.attr {
			if a.Name.Space == "http://www.w3.org/XML/1998/namespace" && a.Name.Local == "base" {
				return a.Value
			}
		}
	}
	return ""
}

// parseXML reads data into a tree of elements and returns its root, or
// reports why data is not well-formed XML.
func parseXML(r *findings, data []byte) *node {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = charset.NewReaderLabel // the encodings of the WHATWG Encoding Standard
	var root, cur *node
	for {
		line, col := d.InputPos()
		off := d.InputOffset()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			l, c := d.InputPos()
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				err = errors.New(se.Msg)
				if se.Line != l {
					l, c = se.Line, 1 // the column is known only on the decoder's line
				}
			}
			c = max(c, 1)
			if strings.Contains(err.Error(), "unsupported charset") {
				r.errorf(pos{l, c}, "UnknownEncoding", "write the feed in UTF-8, and declare it: <?xml version=\"1.0\" encoding=\"UTF-8\"?>",
					"the feed's character encoding is unknown: %v", err)
				return nil
			}
			r.errorf(pos{l, c}, "SAXError", "make the document well-formed XML: every tag closed, & written &amp;, one root element",
				"not well-formed XML: %v", err)
			return nil
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{name: t.Name, attr: t.Attr, at: pos{line, col}, start: off, parent: cur}
			if cur != nil {
				cur.kids = append(cur.kids, n)
			} else if root == nil {
				root = n
			}
			cur = n
		case xml.EndElement:
			cur.end = d.InputOffset()
			cur = cur.parent
		case xml.CharData:
			if cur != nil {
				cur.text += string(t)
			}
		}
	}
	if root == nil {
		r.errorf(pos{1, 1}, "SAXError", "give the feed its root element: <rss>, <rdf:RDF>, or <feed> in the Atom namespace", "the document has no element")
	}
	return root
}

// checkXML checks an RSS or Atom document.
func checkXML(r *findings, data []byte) {
	root := parseXML(r, data)
	if root == nil {
		return
	}
	switch {
	case root.name.Local == "rss" && root.name.Space == "":
		checkRSS(r, root)
	case root.name.Local == "feed" && root.name.Space == atomNS:
		checkAtom(r, root)
	case root.name.Local == "RDF" && root.name.Space == rdfNS:
		checkRDF(r, root)
	case root.name.Local == "feed":
		r.errorf(root.at, "MissingNamespace", `declare the Atom namespace: <feed xmlns="http://www.w3.org/2005/Atom">`,
			"the feed element is not in the Atom namespace")
	default:
		r.errorf(root.at, "UndefinedElement", "check an RSS 2.0 or 1.0, Atom 1.0 or JSON Feed 1.1 document",
			"<%s> is the root of neither an RSS nor an Atom feed", root.name.Local)
	}
}
