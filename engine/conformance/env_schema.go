package conformance

import (
	"strconv"
	"strings"

	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// Where a section sits.
const (
	levelEnvelope   = "the Envelope"
	levelSystem     = "a VirtualSystem"
	levelCollection = "a VirtualSystemCollection"
)

// schema walks the document as written and checks it against the tables of
// schema.go: the Envelope's children, every Content, every section and
// every element type the tables describe.
func (c *checker) schema() {
	root := c.e.Root
	counts := map[string]int{}
	for _, n := range root.Children {
		name := n.Name.Local
		switch {
		case !c.isOVF(n):
			c.extension(n)
		case name == "References":
			c.element(n, "References")
		case name == "VirtualSystem" || name == "VirtualSystemCollection":
			c.content(n)
		case name == "Strings":
			c.element(n, "Strings")
		case strings.HasSuffix(name, "Section") && hasPlacement(name):
			counts[name]++
			c.section(n, levelEnvelope, counts[name])
		default:
			c.undefined(n, "the Envelope")
		}
	}
}

func hasPlacement(name string) bool { _, ok := placements[name]; return ok }

// xsiTyped reports whether n names its type with xsi:type.
func xsiTyped(n *envelope.Node) bool {
	for _, a := range n.Attrs {
		if a.Name.Local == "type" && a.Name.Space == "http://www.w3.org/2001/XMLSchema-instance" {
			return true
		}
	}
	return false
}

// undefined reports an OVF-namespace element the schema does not define
// where it is.
func (c *checker) undefined(n *envelope.Node, where string) {
	if (n.Name.Local == "Section" || n.Name.Local == "Content") && (xsiTyped(n) || c.untyped09(n)) {
		// <Section xsi:type="ovf:DiskSection_Type"> or <Content
		// xsi:type="ovf:VirtualSystem_Type">: written by the abstract
		// element, as VMware's own signed test packages do (govmomi
		// ovf/fixtures/external/OVFCerts). Schema-valid; not judged
		// further here.
		return
	}
	if !notFalse(n) {
		c.Add(rules.EnvUndefinedOptional.New(c.At(n.Pos), "<%s> is in the OVF namespace but OVF %s defines no such element in %s; it is marked ovf:required=\"false\", so consumers skip it", n.Name.Local, c.e.Version, where).
			WithHint("Put custom content in a namespace of your own (DSP0243 7.3); correct the spelling if this was meant to be an OVF element."))
		return
	}
	c.Add(rules.EnvUndefinedElement.New(c.At(n.Pos), "<%s> is in the OVF namespace but OVF %s defines no such element in %s", n.Name.Local, c.e.Version, where).
		WithHint("Custom elements must use a namespace of their own (DSP0243 7.3); correct the spelling if this was meant to be an OVF element."))
}

// content checks a VirtualSystem or VirtualSystemCollection: Info first,
// then Name, then sections, then (for a collection) its members.
func (c *checker) content(n *envelope.Node) {
	kind := n.Name.Local
	level := levelSystem
	if kind == "VirtualSystemCollection" {
		level = levelCollection
	}
	c.infoFirst(n, "<"+kind+">")
	if kind == "VirtualSystemCollection" {
		c.emptyCollection(n)
	}
	const (
		slotInfo = iota
		slotName
		slotSections
		slotMembers
	)
	slot := slotInfo
	counts := map[string]int{}
	orderReported := false
	order := func(ch *envelope.Node, s int, what string) {
		if s < slot && !orderReported {
			orderReported = true
			c.Add(rules.EnvElementOrder.New(c.At(ch.Pos), "<%s> comes after %s in <%s>; a virtual system's children go Info, Name, sections, then (in a collection) its members", ch.Name.Local, what, kind).
				WithHint("Move the element to its place; schema-checking consumers such as ovftool refuse elements out of order."))
		}
		if s > slot {
			slot = s
		}
	}
	slotNames := []string{"Info", "Name", "a section", "a member system"}
	for _, ch := range n.Children {
		name := ch.Name.Local
		if !c.isOVF(ch) {
			c.extension(ch)
			order(ch, slotSections, slotNames[slot])
			continue
		}
		switch {
		case name == "Info" || name == "Name":
			counts[name]++
			if counts[name] == 2 {
				c.Add(rules.EnvChildRepeated.New(c.At(ch.Pos), "<%s> has more than one <%s>", kind, name).
					WithHint("Keep one " + name + "; use Strings bundles for other languages."))
			}
			s := slotInfo
			if name == "Name" {
				s = slotName
			}
			order(ch, s, slotNames[slot])
		case name == "VirtualSystem" || name == "VirtualSystemCollection":
			if kind == "VirtualSystem" {
				c.Add(rules.EnvSectionPlacement.New(c.At(ch.Pos), "<%s> inside a VirtualSystem; only a VirtualSystemCollection holds other systems", name).
					WithHint("Wrap the systems in a VirtualSystemCollection."))
			}
			order(ch, slotMembers, slotNames[slot])
			c.content(ch)
		case strings.HasSuffix(name, "Section") && hasPlacement(name):
			counts[name]++
			order(ch, slotSections, slotNames[slot])
			c.section(ch, level, counts[name])
		default:
			c.undefined(ch, "<"+kind+">")
		}
	}
}

// emptyCollection reports a VirtualSystemCollection with no VirtualSystem
// anywhere below it: DSP0243 1.0.0 7.2 makes a collection a container of
// virtual systems, and one without any deploys nothing. Only the outermost
// such collection is reported.
func (c *checker) emptyCollection(n *envelope.Node) {
	if c.emptyReported[n] {
		return
	}
	var systems int
	var inner []*envelope.Node
	var walk func(*envelope.Node)
	walk = func(p *envelope.Node) {
		for _, ch := range p.Children {
			switch {
			case !c.isOVF(ch):
			case ch.Name.Local == "VirtualSystem":
				systems++
			case ch.Name.Local == "VirtualSystemCollection":
				inner = append(inner, ch)
				walk(ch)
			}
		}
	}
	walk(n)
	if systems > 0 {
		return
	}
	if c.emptyReported == nil {
		c.emptyReported = map[*envelope.Node]bool{}
	}
	for _, ch := range inner {
		c.emptyReported[ch] = true
	}
	id, _ := attrValue(n, "id")
	c.Add(rules.EnvEmptyCollection.New(c.At(n.Pos), "VirtualSystemCollection %s holds no VirtualSystem, so deploying the package creates no virtual machine", q(id)).
		WithHint("Add the VirtualSystem elements the appliance consists of, or describe a single machine with a VirtualSystem instead of a collection."))
}

// section checks a known section's version, placement and multiplicity,
// then its content against the tables.
func (c *checker) section(n *envelope.Node, level string, nth int) {
	name := n.Name.Local
	p := c.placement(name)
	switch {
	case p.v2 && !c.v2:
		c.Add(rules.EnvUndefinedElement.New(c.At(n.Pos), "<%s> is an OVF 2.x section, but this is an OVF 1.x envelope", name).
			WithHint("Use the OVF 2.x namespace http://schemas.dmtf.org/ovf/envelope/2 for the whole descriptor, or put the section in that namespace with ovf:required=\"false\" so that 1.x consumers may skip it."))
		return
	case p.v10 && c.v2:
		c.Add(rules.EnvUndefinedElement.New(c.At(n.Pos), "<%s> was dropped after OVF 1.0; OVF 2.x does not define it", name).
			WithHint("Remove the section; OVF 2.x signs packages with the certificate file instead."))
		return
	}
	allowed := (level == levelEnvelope && p.envelope) || (level == levelSystem && p.system) || (level == levelCollection && p.collection)
	if !allowed {
		c.Add(rules.EnvSectionPlacement.New(c.At(n.Pos), "<%s> is not allowed in %s; it belongs in %s", name, level, placesOf(p)).
			WithHint("Move the section to where DSP0243 places it; consumers look for it only there and ignore or refuse it elsewhere."))
	} else if p.once && nth == 2 {
		c.Add(rules.EnvSectionRepeated.New(c.At(n.Pos), "a second <%s> in %s; at most one is allowed", name, level).
			WithHint("Merge the sections into one; consumers read only the first."))
	}
	c.element(n, name)
}

func placesOf(p placement) string {
	var out []string
	if p.envelope {
		out = append(out, "the Envelope")
	}
	if p.system {
		out = append(out, "a VirtualSystem")
	}
	if p.collection {
		out = append(out, "a VirtualSystemCollection")
	}
	return strings.Join(out, " or ")
}

// infoFirst checks that n's first child element is an OVF Info.
func (c *checker) infoFirst(n *envelope.Node, what string) {
	for _, ch := range n.Children {
		if ch.Name.Local == "Info" && (c.isOVF(ch) || isEnvelopeNS(ch.Name.Space)) {
			if ch != n.Children[0] {
				c.Add(rules.EnvInfoNotFirst.New(c.At(ch.Pos), "Info is not the first child of %s", what).
					WithHint("Move <Info> before every other child; schema-checking consumers refuse the section otherwise."))
			}
			return
		}
	}
	c.Add(rules.EnvInfoNotFirst.New(c.At(n.Pos), "%s has no Info", what).
		WithHint("Add <Info>one line saying what this is</Info> as the first child; DSP8023 requires it of every section and virtual system, and ovftool refuses the descriptor without it."))
}

// element checks n against the table of type typ: Info first for a
// section, attributes, and the order, cardinality and names of its OVF
// children; then the children it describes.
func (c *checker) element(n *envelope.Node, typ string) {
	t := c.schemaType(typ)
	if t == nil {
		return
	}
	if t.section {
		c.infoFirst(n, "<"+n.Name.Local+">")
	}
	for _, a := range t.attrs {
		at, ok := ovfAttr(n, a.name)
		switch {
		case !ok && a.required:
			c.Add(rules.EnvAttrMissing.New(c.At(n.Pos), "<%s> has no ovf:%s", n.Name.Local, a.name).
				WithHint("Add the ovf:" + a.name + " attribute; DSP8023 requires it."))
		case ok && !validType(a.typ, at.Value):
			c.Add(rules.EnvAttrType.New(c.At(at.Pos), "ovf:%s of <%s> is %s, not an %s", a.name, n.Name.Local, q(at.Value), typeName(a.typ)).
				WithHint("Write a value of the schema type (" + typeName(a.typ) + ")."))
		}
	}
	slots := map[string]int{}
	specs := map[string]child{}
	slot := -1
	for _, ch := range t.children {
		if !ch.alt {
			slot++
		}
		slots[ch.name] = slot
		specs[ch.name] = ch
	}
	current := -1
	counts := map[string]int{}
	orderReported, foreignSeen := false, false
	var lastName string
	for _, ch := range n.Children {
		name := ch.Name.Local
		if !c.isOVF(ch) {
			foreignSeen = true
			if t.section {
				c.sectionExtensionChild(n, ch)
			}
			continue
		}
		if name == "Info" && t.section {
			continue
		}
		spec, known := specs[name]
		if !known || (spec.v2 && !c.v2) {
			if known {
				c.Add(rules.EnvUndefinedElement.New(c.At(ch.Pos), "<%s> is an OVF 2.x element; OVF 1.x defines no such child of <%s>", name, n.Name.Local).
					WithHint("Describe the device as an <Item> with rasd: elements, which OVF 1.x consumers read (VMware Workstation refuses StorageItem and EthernetPortItem), or write the whole descriptor as OVF 2.x."))
			} else {
				c.undefined(ch, "<"+n.Name.Local+">")
			}
			continue
		}
		s := slots[name]
		if !orderReported && (s < current || foreignSeen) {
			orderReported = true
			if foreignSeen {
				c.Add(rules.EnvElementOrder.New(c.At(ch.Pos), "<%s> comes after an extension element in <%s>; extensions go after the OVF elements", name, n.Name.Local).
					WithHint("Move vendor elements to the end of the section."))
			} else {
				c.Add(rules.EnvElementOrder.New(c.At(ch.Pos), "<%s> comes after <%s> in <%s>; the schema's order is %s", name, lastName, n.Name.Local, orderOf(t)).
					WithHint("Reorder the children; schema-checking consumers refuse elements out of order."))
			}
		}
		if s > current {
			current = s
		}
		lastName = name
		counts[name]++
		if spec.max != unbounded && counts[name] == spec.max+1 {
			c.Add(rules.EnvChildRepeated.New(c.At(ch.Pos), "<%s> has more than %d <%s>", n.Name.Local, spec.max, name).
				WithHint("Keep one; consumers read only the first."))
		}
		if spec.typ != "" {
			c.element(ch, spec.typ)
		}
	}
	for _, ch := range t.children {
		if ch.min > 0 && counts[ch.name] == 0 && (!ch.v2 || c.v2) {
			c.Add(rules.EnvChildMissing.New(c.At(n.Pos), "<%s> has no <%s>", n.Name.Local, ch.name).
				WithHint("Add the <" + ch.name + "> element; DSP8023 requires it here."))
		}
	}
}

func orderOf(t *elemType) string {
	var names []string
	for _, ch := range t.children {
		if ch.alt {
			names[len(names)-1] += "|" + ch.name
			continue
		}
		names = append(names, ch.name)
	}
	return strings.Join(names, ", ")
}

// validType reports whether v is a value of the XSD type typ ("" accepts
// anything). XSD collapses white space around these values.
func validType(typ, v string) bool {
	v = strings.TrimSpace(v)
	switch typ {
	case "":
		return true
	case "boolean":
		return v == "true" || v == "false" || v == "1" || v == "0"
	case "unsignedShort":
		_, err := strconv.ParseUint(v, 10, 16)
		return err == nil
	case "unsignedInt":
		_, err := strconv.ParseUint(v, 10, 32)
		return err == nil
	case "unsignedLong":
		_, err := strconv.ParseUint(v, 10, 64)
		return err == nil
	case "long":
		_, err := strconv.ParseInt(v, 10, 64)
		return err == nil
	}
	return true
}

func typeName(typ string) string {
	switch typ {
	case "boolean":
		return "xs:boolean (true or false)"
	case "unsignedShort":
		return "xs:unsignedShort (0 to 65535)"
	case "unsignedInt":
		return "xs:unsignedInt (0 to 4294967295)"
	case "unsignedLong":
		return "xs:unsignedLong (a non-negative integer)"
	case "long":
		return "xs:long (an integer)"
	}
	return typ
}

// extension judges an element in a foreign namespace at the Envelope or
// Content level: an extension section, or an OVF element of the other
// version.
func (c *checker) extension(n *envelope.Node) {
	ns := n.Name.Space
	// A vendor's own section follows the vendor's schema: VMware's
	// vmw:StorageGroupSection has no Info in VMware's own test descriptors
	// (govmomi ovf/fixtures/external/ImportOvf2014/storagegroup.ovf).
	if strings.HasSuffix(n.Name.Local, "Section") && (hasPlacement(n.Name.Local) || isEnvelopeNS(ns) || notFalse(n) && vendorNamespaces[ns] == "") {
		c.infoFirst(n, "<"+n.Name.Local+">")
	}
	switch {
	case isEnvelopeNS(ns):
		c.Add(rules.EnvMixedVersion.New(c.At(n.Pos), "<%s> is in the OVF namespace %s inside an OVF %s envelope; consumers treat it as an extension", n.Name.Local, q(ns), c.e.Version).
			WithHint(`Keep ovf:required="false" on it so that consumers that do not know it may skip it, or write the whole descriptor in one OVF version.`))
	case !notFalse(n):
		// An optional extension: consumers may ignore it.
	case vendorNamespaces[ns] != "":
		c.Add(rules.EnvVendorExtension.New(c.At(n.Pos), "<%s> is a %s extension without ovf:required=\"false\"; consumers that do not implement it must refuse the package", n.Name.Local, vendorNamespaces[ns]).
			WithHint(`Add ovf:required="false" if the appliance works without it, so that other platforms may import the package.`))
	default:
		c.Add(rules.EnvRequiredExtension.New(c.At(n.Pos), "<%s> in namespace %s is a required extension; consumers that do not implement it must refuse the package", n.Name.Local, q(ns)).
			WithHint(`Add ovf:required="false" if the appliance works without it; DSP0243 7.3 makes extensions required by default.`))
	}
}

// sectionExtensionChild judges a foreign element inside a known section:
// when required and not understood, the whole section is not understood
// (DSP0243 7.3). Vendor namespaces are left to their own consumers.
func (c *checker) sectionExtensionChild(section, n *envelope.Node) {
	ns := n.Name.Space
	switch {
	case !notFalse(n), vendorNamespaces[ns] != "":
	case isEnvelopeNS(ns):
		c.Add(rules.EnvMixedVersion.New(c.At(n.Pos), "<%s> inside <%s> is in the OVF namespace %s, not this envelope's", n.Name.Local, section.Name.Local, q(ns)).
			WithHint("Write the element in the envelope's own namespace."))
	default:
		c.Add(rules.EnvUnknownChild.New(c.At(n.Pos), "<%s> in namespace %s inside <%s> is required (no ovf:required=\"false\"); a consumer that does not know it must treat the whole section as not understood", n.Name.Local, q(ns), section.Name.Local).
			WithHint(`Add ovf:required="false" to the element if the section works without it.`))
	}
}
