package envelope

import (
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/ovacheck/ovacheck/engine/rules"
)

// OVF 0.9 writes every section as the generic element Section and every
// virtual system as Content, naming the real type with xsi:type
// (<Section xsi:type="ovf:DiskSection_Type">, <Content
// xsi:type="ovf:VirtualSystem_Type">). Parse gives a 0.9 descriptor the
// model of its 1.x twin: each Section or Content whose xsi:type is usable
// is renamed in the tree to the 1.x element name (DiskSection,
// VirtualSystem), so that every check, here and in package conformance,
// reads it as it reads 1.x. One without a usable xsi:type is no section and
// no virtual system; it keeps its name and gets an ENV060 finding (ENV048
// for an optional Section whose type 0.9 does not define).
//
// Usable means what the XML Schema instance rules make of it (XML Schema
// 1.0 Part 1 2.6.1, Namespaces in XML 1.0 6.2): the attribute is type in
// the namespace http://www.w3.org/2001/XMLSchema-instance; its value is a
// QName whose prefix is declared in scope (an unprefixed value takes the
// default namespace) and resolves to the 0.9 envelope namespace; and its
// local part is <Name>_Type for a Name the element may be (a section name
// ending in "Section" for Section; VirtualSystem or VirtualSystemCollection
// for Content).

// TypeName is an element's xsi:type as written and as resolved.
type TypeName struct {
	// Written is the attribute's value, trimmed.
	Written string
	// Name is the QName resolved against the declarations in scope. When
	// the prefix is not declared, Name.Space is "" and Undeclared is set.
	Name       xml.Name
	Undeclared bool
	Pos        Pos
}

// TypeOf returns n's xsi:type (see TypeName) and whether n has one.
func (e *Envelope) TypeOf(n *Node) (TypeName, bool) {
	t, ok := e.types[n]
	return t, ok
}

// Retyped reports whether n was written as an OVF 0.9 Section or Content
// and renamed to the 1.x element its xsi:type names.
func (e *Envelope) Retyped(n *Node) bool { return e.retyped[n] }

// nsScope follows the namespace declarations in scope while the tree is
// read, so that QName values (which encoding/xml leaves as text) can be
// resolved. Only declarations are kept: a few per descriptor.
type nsScope struct {
	decls []nsDecl
	marks []int // len(decls) when each open element started
	types map[*Node]TypeName
}

type nsDecl struct{ prefix, uri string }

// start enters element n with its attributes as the decoder gave them
// (namespace declarations included) and records its xsi:type.
func (s *nsScope) start(n *Node, attrs []xml.Attr) {
	s.marks = append(s.marks, len(s.decls))
	for _, a := range attrs {
		switch {
		case a.Name.Space == "xmlns":
			s.decls = append(s.decls, nsDecl{prefix: a.Name.Local, uri: a.Value})
		case a.Name.Space == "" && a.Name.Local == "xmlns":
			s.decls = append(s.decls, nsDecl{uri: a.Value})
		}
	}
	for _, a := range n.Attrs {
		if a.Name.Space == nsXSI && a.Name.Local == "type" {
			if s.types == nil {
				s.types = map[*Node]TypeName{}
			}
			s.types[n] = s.resolve(a.Value, a.Pos)
			return
		}
	}
}

// end leaves the innermost open element.
func (s *nsScope) end() {
	if k := len(s.marks); k > 0 {
		s.decls = s.decls[:s.marks[k-1]]
		s.marks = s.marks[:k-1]
	}
}

// resolve reads a QName value in the current scope.
func (s *nsScope) resolve(v string, p Pos) TypeName {
	v = strings.TrimSpace(v)
	t := TypeName{Written: v, Pos: p}
	prefix, local, found := strings.Cut(v, ":")
	if !found {
		prefix, local = "", v
	}
	t.Name.Local = local
	if prefix == "xml" {
		t.Name.Space = nsXML
		return t
	}
	for i := len(s.decls) - 1; i >= 0; i-- {
		if s.decls[i].prefix == prefix {
			t.Name.Space = s.decls[i].uri
			return t
		}
	}
	// No declaration: an unprefixed name is in no namespace; a prefixed
	// one cannot be resolved.
	t.Undeclared = prefix != ""
	return t
}

// retype09 renames the usable OVF 0.9 Section and Content elements of the
// Envelope and of every Content it reaches, and reports the others.
func (b *builder) retype09(n *Node) {
	for _, c := range n.Children {
		if c.Name.Space != b.ns && c.Name.Space != "" {
			continue
		}
		if c.Name.Local != "Section" && c.Name.Local != "Content" {
			continue
		}
		name, ok := b.typeName09(c)
		if !ok {
			continue
		}
		if b.env.retyped == nil {
			b.env.retyped = map[*Node]bool{}
		}
		b.env.retyped[c] = true
		c.Name.Local = name
		if name == "VirtualSystem" || name == "VirtualSystemCollection" {
			b.retype09(c)
		}
	}
}

// typeName09 returns the 1.x name a 0.9 Section or Content stands for, or
// reports why it stands for none.
func (b *builder) typeName09(c *Node) (string, bool) {
	what := "no section"
	if c.Name.Local == "Content" {
		what = "no virtual system"
	}
	bad := func(format string, args ...any) (string, bool) {
		b.f.Add(rules.Env09NoType.New(b.f.At(c.Pos), "<%s> %s; it is %s, and consumers skip or refuse it", c.Name.Local, fmt.Sprintf(format, args...), what).
			WithHint(hint09(c.Name.Local)))
		return "", false
	}
	t, ok := b.env.TypeOf(c)
	if !ok {
		for _, a := range c.Attrs {
			if a.Name.Local == "type" {
				return bad("has a type attribute that is not in the XML Schema instance namespace (xsi:type with xmlns:xsi=\"%s\")", nsXSI)
			}
		}
		return bad("has no xsi:type")
	}
	if t.Undeclared {
		return bad("has xsi:type %s, whose prefix is not declared", Quote(t.Written))
	}
	if v, _ := versionOf(t.Name.Space); v != Version09 {
		ns := "no namespace"
		if t.Name.Space != "" {
			ns = "namespace " + Quote(t.Name.Space)
		}
		return bad("has xsi:type %s in %s, not the OVF 0.9 namespace %s", Quote(t.Written), ns, NSEnvelope09)
	}
	base, typed := strings.CutSuffix(t.Name.Local, "_Type")
	switch {
	case !typed:
	case c.Name.Local == "Content" && (base == "VirtualSystem" || base == "VirtualSystemCollection"),
		c.Name.Local == "Section" && strings.HasSuffix(base, "Section") && base != "Section":
		if !strings.HasPrefix(t.Written, "ovf:") {
			b.f.Add(rules.Env09TypePrefix.New(b.f.At(t.Pos), "xsi:type %s names %s in the OVF 0.9 namespace, but not with the prefix ovf; VirtualBox compares the text with \"ovf:%s\" and skips it", Quote(t.Written), base, t.Name.Local).
				WithHint(`Bind the 0.9 namespace to the prefix ovf (xmlns:ovf="` + NSEnvelope09 + `") and write xsi:type="ovf:` + t.Name.Local + `".`))
		}
		return base, true
	}
	if req, _ := b.attrBool(c, "required"); req != nil && !*req && c.Name.Local == "Section" {
		// A type 0.9 does not define, on a section its producer marked
		// optional: consumers skip it, as they skip any optional
		// section they do not know (DSP0243 1.0.0 7.3 writes down what
		// 0.9 consumers already did; VirtualBox skips a type it does not
		// recognise, ovfreader.cpp HandleVirtualSystemContent).
		b.f.Add(rules.EnvUndefinedOptional.New(b.f.At(c.Pos), "<Section> has xsi:type %s, which names no OVF 0.9 section type; it is marked ovf:required=\"false\", so consumers skip it", Quote(t.Written)).
			WithHint("Name a section type (e.g. ovf:AnnotationSection_Type), or put custom content in a namespace of your own."))
		return "", false
	}
	return bad("has xsi:type %s, which names no %s type", Quote(t.Written), map[bool]string{true: "Content (VirtualSystem_Type or VirtualSystemCollection_Type)", false: "section (a ...Section_Type)"}[c.Name.Local == "Content"])
}

func hint09(local string) string {
	if local == "Content" {
		return `Write the virtual system as <Content xsi:type="ovf:VirtualSystem_Type"> (or VirtualSystemCollection_Type), with xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" and xmlns:ovf="` + NSEnvelope09 + `" declared on the Envelope.`
	}
	return `Name the section's type, e.g. <Section xsi:type="ovf:DiskSection_Type">, with xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" and xmlns:ovf="` + NSEnvelope09 + `" declared on the Envelope.`
}

// property09 reads a Property's default and user flag under their OVF 0.9
// names, ovf:defaultValue and ovf:configurableByUser (COT's OVFNameHelper0,
// glennmatthews/cot COT/vm_description/ovf/name_helper.py: PROP_VALUE and
// PROP_USER_CONFIGABLE; IBM open-ovf's 0.9 sample writes
// configurableByUser), when the 1.x names are absent.
func (b *builder) property09(n *Node, p *Property) {
	if !p.HasValue {
		p.Value, p.HasValue = b.attr(n, "defaultValue")
	}
	if _, ok := b.attr(n, "userConfigurable"); !ok {
		if v, _ := b.attrBool(n, "configurableByUser"); v != nil {
			p.UserConfigurable = *v
		}
	}
}
