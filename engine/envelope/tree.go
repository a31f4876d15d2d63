package envelope

import (
	"bytes"
	"encoding/xml"
	"strings"
)

// Pos is a 1-based line and column (in bytes) in the descriptor. The zero
// Pos means "not known" (a value the descriptor does not have, or a model
// built by hand).
type Pos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// Known reports whether p came from the descriptor.
func (p Pos) Known() bool { return p.Line > 0 }

// Attr is one attribute of an element, with its namespace URI resolved.
type Attr struct {
	Name  xml.Name
	Value string
	Pos   Pos
}

// Node is one element of the descriptor as written: its resolved name, its
// attributes in document order, its child elements in document order and
// the character data directly inside it. The model types keep a pointer to
// the Node they were built from, so later checks (section placement, element
// order) can walk the document as it was written. One exception: an OVF 0.9
// Section or Content with a usable xsi:type carries the 1.x name its type
// names (Envelope.Retyped, build_09.go).
type Node struct {
	Name     xml.Name
	Attrs    []Attr
	Children []*Node
	// Text is the character data directly inside the element, children's
	// text excluded, untrimmed.
	Text string
	Pos  Pos
	// Depth is 0 for the document element.
	Depth int
}

// Attr returns the attribute with the given namespace URI and local name, or
// nil.
func (n *Node) Attr(space, local string) *Attr {
	if n == nil {
		return nil
	}
	for i := range n.Attrs {
		if n.Attrs[i].Name.Local == local && n.Attrs[i].Name.Space == space {
			return &n.Attrs[i]
		}
	}
	return nil
}

// AttrPos returns the position of the first attribute named local, in any
// namespace, or the element's own position when there is none.
func (n *Node) AttrPos(local string) Pos {
	if n == nil {
		return Pos{}
	}
	for _, a := range n.Attrs {
		if a.Name.Local == local {
			return a.Pos
		}
	}
	return n.Pos
}

// Child returns the first child element with the given namespace URI and
// local name, or nil.
func (n *Node) Child(space, local string) *Node {
	if n == nil {
		return nil
	}
	for _, c := range n.Children {
		if c.Name.Local == local && c.Name.Space == space {
			return c
		}
	}
	return nil
}

// TrimmedText returns the element's own character data without surrounding
// white space.
func (n *Node) TrimmedText() string {
	if n == nil {
		return ""
	}
	return strings.TrimSpace(n.Text)
}

// rawAttrPositions finds where each attribute of a start tag begins. tag is
// the raw bytes of the tag from '<' to '>', start its position. It appends
// to out one position per attribute in the order written (xmlns
// declarations included, as encoding/xml reports them) and returns it, or
// returns nil when the tag cannot be scanned (the caller then uses the
// element's position).
func rawAttrPositions(tag []byte, start Pos, out []Pos) []Pos {
	if len(tag) < 2 || tag[0] != '<' {
		return nil
	}
	line, col := start.Line, start.Column
	i := 0
	advance := func() {
		if tag[i] == '\n' {
			line++
			col = 1
		} else {
			col++
		}
		i++
	}
	advance() // '<'
	for i < len(tag) && !isXMLSpace(tag[i]) && tag[i] != '>' && tag[i] != '/' {
		advance()
	}
	for i < len(tag) {
		for i < len(tag) && isXMLSpace(tag[i]) {
			advance()
		}
		if i >= len(tag) || tag[i] == '>' || tag[i] == '/' {
			return out
		}
		out = append(out, Pos{Line: line, Column: col})
		for i < len(tag) && tag[i] != '=' {
			advance()
		}
		for i < len(tag) && tag[i] != '"' && tag[i] != '\'' {
			advance()
		}
		if i >= len(tag) {
			return nil
		}
		quote := tag[i]
		advance()
		for i < len(tag) && tag[i] != quote {
			advance()
		}
		if i >= len(tag) {
			return nil
		}
		advance()
	}
	return out
}

func isXMLSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// rawAttrName returns the name of the k-th attribute of a start tag as
// written (with its prefix), or "" when the tag cannot be scanned.
func rawAttrName(tag []byte, k int) string {
	i := bytes.IndexAny(tag, " \t\r\n")
	for n := 0; i >= 0 && i < len(tag); n++ {
		for i < len(tag) && isXMLSpace(tag[i]) {
			i++
		}
		eq := bytes.IndexByte(tag[i:], '=')
		if eq < 0 {
			return ""
		}
		if n == k {
			return string(bytes.TrimRight(tag[i:i+eq], " \t\r\n"))
		}
		i += eq
		q := bytes.IndexAny(tag[i:], "\"'")
		if q < 0 {
			return ""
		}
		i += q
		close := bytes.IndexByte(tag[i+1:], tag[i])
		if close < 0 {
			return ""
		}
		i += close + 2
	}
	return ""
}
