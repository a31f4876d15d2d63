package conformance

import (
	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// structure checks the Envelope's children: References first, sections,
// one Content, then Strings; and the ids of the Contents.
func (c *checker) structure() {
	e := c.e
	root := e.Root
	if e.ReferencesNode == nil {
		c.Add(rules.EnvReferences.New(c.At(root.Pos), "the Envelope has no References element").
			WithHint("Add <References/> (empty when the package has no files) as the first child of the Envelope."))
	}
	// Order: References, sections, Content, Strings.
	const (
		stRefs = iota
		stSections
		stContent
		stStrings
	)
	state := stRefs
	seen := 0
	contentNodes := map[*envelope.Node]bool{}
	for _, ct := range e.Contents {
		contentNodes[ct.Node] = true
	}
	for _, n := range root.Children {
		name := n.Name.Local
		var want int
		switch {
		case n == e.ReferencesNode || (name == "References" && n.Name.Space == root.Name.Space):
			want = stRefs
			if seen > 0 {
				c.Add(rules.EnvReferences.New(c.At(n.Pos), "References is not the first child of the Envelope").
					WithHint("Move References before every section and the VirtualSystem."))
			}
		case contentNodes[n]:
			want = stContent
		case name == "Strings" && (n.Name.Space == root.Name.Space || n.Name.Space == ""):
			want = stStrings
		default:
			want = stSections
		}
		seen++
		if want < state && want != stRefs {
			c.Add(rules.EnvChildOrder.New(c.At(n.Pos), "<%s> comes after %s; the Envelope's children go References, sections, one VirtualSystem or VirtualSystemCollection, then Strings",
				name, stateName(state)).
				WithHint("Move the element to its place; schema-checking consumers refuse elements out of order."))
		}
		if want > state {
			state = want
		}
	}
	switch {
	case len(e.Contents) == 0:
		c.Add(rules.EnvNoContent.New(c.At(root.Pos), "the Envelope has no VirtualSystem or VirtualSystemCollection").
			WithHint("A descriptor describes exactly one VirtualSystem or VirtualSystemCollection after its sections."))
	case len(e.Contents) > 1:
		for _, ct := range e.Contents[1:] {
			c.Add(rules.EnvManyContent.New(c.At(ct.Pos), "a second top-level <%s>; the first is at line %d", ct.Kind, e.Contents[0].Pos.Line).
				WithHint("Put several virtual systems inside one VirtualSystemCollection."))
		}
	}
	global := map[string]envelope.Pos{}
	var walk func(list []*envelope.Content)
	walk = func(list []*envelope.Content) {
		siblings := map[string]envelope.Pos{}
		for _, ct := range list {
			switch {
			case !ct.HasID || ct.ID == "":
				c.Add(rules.EnvContentNoID.New(c.At(ct.Pos), "<%s> has no ovf:id", ct.Kind).
					WithHint(`Give it an identifier, e.g. ovf:id="vm"; consumers use it to name the virtual machine and to address it from StartupSection.`))
			case siblings[ct.ID].Known():
				p := siblings[ct.ID]
				c.Add(rules.EnvContentDupID.New(c.At(ct.Pos), "ovf:id %s is also used at line %d", envelope.Quote(ct.ID), p.Line).
					WithHint("Give each VirtualSystem of a collection its own ovf:id."))
			case global[ct.ID].Known():
				p := global[ct.ID]
				c.Add(rules.EnvContentDupIDGlobal.New(c.At(ct.Pos), "ovf:id %s is also used at line %d", envelope.Quote(ct.ID), p.Line).
					WithHint("Use distinct ids across the whole descriptor; the OVF environment and StartupSection address systems by id."))
			}
			if ct.HasID && ct.ID != "" {
				if !siblings[ct.ID].Known() {
					siblings[ct.ID] = ct.Pos
				}
				if !global[ct.ID].Known() {
					global[ct.ID] = ct.Pos
				}
			}
		}
		for _, ct := range list {
			walk(ct.Children)
		}
	}
	walk(e.Contents)
}

func stateName(s int) string {
	switch s {
	case 1:
		return "a section"
	case 2:
		return "the VirtualSystem"
	default:
		return "Strings"
	}
}
