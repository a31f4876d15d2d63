package envelope

import (
	"strconv"
	"strings"

	"github.com/ovacheck/ovacheck/engine/rules"
)

// builder turns the Node tree into the model. It matches elements by
// namespace URI, never by prefix: an element is an OVF element when it is in
// the document element's namespace, or in no namespace at all (ovftool 3.5
// and IBM open-ovf wrote unqualified children; that is reported once).
type builder struct {
	env *Envelope
	f   *findings
	ns  string // the document element's namespace

	warnedUnqualified bool
	warnedSettingsNS  bool
	warnedAttr        map[string]bool
}

// knownSections are the sections DSP0243 1.x and 2.x define.
var knownSections = map[string]bool{
	"DiskSection": true, "NetworkSection": true, "DeploymentOptionSection": true,
	"ResourceAllocationSection": true, "AnnotationSection": true, "ProductSection": true,
	"EulaSection": true, "StartupSection": true, "OperatingSystemSection": true,
	"InstallSection": true, "VirtualHardwareSection": true, "SecuritySection": true,
	"EnvironmentFilesSection": true, "BootDeviceSection": true, "SharedDiskSection": true,
	"ScaleOutSection": true, "PlacementGroupSection": true, "PlacementSection": true,
	"EncryptionSection": true,
}

// isOVF reports whether n is an OVF element (see builder).
func (b *builder) isOVF(n *Node) bool {
	if n.Name.Space == b.ns {
		return true
	}
	if n.Name.Space == "" {
		// OVF 0.9 writes child elements unqualified (build_09.go).
		if !b.warnedUnqualified && b.env.Version != Version09 {
			b.warnedUnqualified = true
			b.f.Add(rules.EnvUnqualified.New(b.f.At(n.Pos), "element <%s> has no namespace; it is read as an OVF element", n.Name.Local).
				WithHint("Declare the OVF namespace as the default (xmlns=\"" + nsOrDefault(b.ns) + "\") or prefix every OVF element."))
		}
		return true
	}
	return false
}

func nsOrDefault(ns string) string {
	if ns == "" {
		return NSEnvelope1
	}
	return ns
}

// kind returns the OVF name of n: its local name, or for the OVF 0.9
// generic "Section" and "Content" elements the type named by xsi:type
// ("ovf:DiskSection_Type" gives "DiskSection"). It returns "" for elements
// that are not OVF elements.
func (b *builder) kind(n *Node) string {
	if !b.isOVF(n) {
		return ""
	}
	if b.env.Version != Version09 && (n.Name.Local == "Section" || n.Name.Local == "Content") {
		// OVF 0.9's were renamed by retype09 when usable.
		for _, a := range n.Attrs {
			if (a.Name.Local == "type" || a.Name.Local == "name") && strings.HasSuffix(a.Value, "_Type") {
				v := a.Value[strings.LastIndexByte(a.Value, ':')+1:]
				return strings.TrimSuffix(v, "_Type")
			}
		}
	}
	return n.Name.Local
}

// attr returns an OVF attribute of n: in any OVF envelope namespace, or
// unqualified (reported once per attribute name).
func (b *builder) attr(n *Node, local string) (string, bool) {
	for _, a := range n.Attrs {
		if a.Name.Local == local && a.Name.Space != "" && (a.Name.Space == b.ns || isEnvelopeNS(a.Name.Space)) {
			return a.Value, true
		}
	}
	for _, a := range n.Attrs {
		if a.Name.Local == local && a.Name.Space == "" {
			if !b.warnedAttr[local] {
				b.warnedAttr[local] = true
				rule, effect := rules.EnvUnqualifiedAttr, "XenCenter's deserializer leaves it unset (virt-v2v and Proxmox never look it up)"
				if lookedUp(n.Name.Local, local) {
					rule, effect = rules.EnvUnqualified, "virt-v2v, Proxmox and XenServer look it up as ovf:"+local+" and do not find it"
				}
				b.f.Add(rule.New(b.f.At(a.Pos), "attribute %s of <%s> has no namespace prefix; ovacheck reads it as ovf:%s, but %s", local, n.Name.Local, local, effect).
					WithHint("Write ovf:" + local + ": OVF attributes are in the OVF namespace, and strict consumers ignore the unprefixed form."))
			}
			return a.Value, true
		}
	}
	return "", false
}

// countNamed counts the children of n with the local name local, in any
// namespace: the size to give a model slice, so that a long list is not
// copied as it grows.
func countNamed(n *Node, local string) int {
	k := 0
	for _, c := range n.Children {
		if c.Name.Local == local {
			k++
		}
	}
	return k
}

func (b *builder) attrString(n *Node, local string) string {
	v, _ := b.attr(n, local)
	return v
}

func (b *builder) attrBool(n *Node, local string) (*bool, bool) {
	v, ok := b.attr(n, local)
	if !ok {
		return nil, false
	}
	t := strings.TrimSpace(v) == "true" || strings.TrimSpace(v) == "1"
	return &t, true
}

// childText returns the trimmed text of n's first OVF child named local.
func (b *builder) childText(n *Node, local string) string {
	for _, c := range n.Children {
		if c.Name.Local == local && b.isOVF(c) {
			return c.TrimmedText()
		}
	}
	return ""
}

func (b *builder) build() {
	env, root := b.env, b.env.Root
	if env.Version == Version09 {
		b.retype09(root)
	}
	for _, c := range root.Children {
		k := b.kind(c)
		switch {
		case k == "References":
			b.references(c)
		case k == "VirtualSystem" || k == "VirtualSystemCollection":
			ct := b.content(c, k)
			env.Contents = append(env.Contents, ct)
			if env.Content == nil {
				env.Content = ct
			}
		case k == "Strings":
			env.Strings = append(env.Strings, b.strings(c))
		default:
			ref, ok := b.sectionRef(c, k)
			if !ok {
				continue
			}
			env.Sections = append(env.Sections, ref)
			switch k {
			case "DiskSection":
				if env.DiskSection == nil {
					env.DiskSection = b.disks(c)
				}
			case "NetworkSection":
				if env.NetworkSection == nil {
					env.NetworkSection = b.networks(c)
				}
			case "DeploymentOptionSection":
				if env.DeploymentOptions == nil {
					env.DeploymentOptions = b.deploymentOptions(c)
				}
			}
		}
	}
}

// sectionRef describes c as a section: an OVF element whose name ends in
// "Section", or any element in a foreign namespace (an extension).
func (b *builder) sectionRef(c *Node, k string) (SectionRef, bool) {
	ref := SectionRef{Name: c.Name.Local, Namespace: c.Name.Space, Pos: c.Pos, Node: c}
	if k != "" {
		if !strings.HasSuffix(k, "Section") || k == "Section" && b.env.Version == Version09 {
			return ref, false
		}
		ref.Name = k
		ref.Known = knownSections[k]
	}
	ref.Required, _ = b.attrBool(c, "required")
	return ref, true
}

func (b *builder) references(n *Node) {
	b.env.ReferencesNode = n
	b.env.References = make([]File, 0, countNamed(n, "File"))
	for _, c := range n.Children {
		if b.kind(c) != "File" {
			continue
		}
		f := File{Pos: c.Pos, Node: c}
		f.ID = b.attrString(c, "id")
		f.Href = b.attrString(c, "href")
		if v, ok := b.attr(c, "size"); ok {
			f.SizeText = v
			if s, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil {
				f.Size = &s
			}
		}
		f.Compression = b.attrString(c, "compression")
		if v, ok := b.attr(c, "chunkSize"); ok {
			if s, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil {
				f.ChunkSize = &s
			} else {
				bad := int64(-1)
				f.ChunkSize = &bad
			}
		}
		b.env.References = append(b.env.References, f)
	}
}

func (b *builder) disks(n *Node) *DiskSection {
	ds := &DiskSection{Info: b.childText(n, "Info"), Pos: n.Pos, Node: n, Disks: make([]Disk, 0, countNamed(n, "Disk"))}
	for _, c := range n.Children {
		if b.kind(c) != "Disk" {
			continue
		}
		d := Disk{Pos: c.Pos, Node: c}
		d.DiskID = b.attrString(c, "diskId")
		d.FileRef = b.attrString(c, "fileRef")
		d.Capacity = b.attrString(c, "capacity")
		d.CapacityAllocationUnits = b.attrString(c, "capacityAllocationUnits")
		d.Format = b.attrString(c, "format")
		d.PopulatedSize = b.attrString(c, "populatedSize")
		d.ParentRef = b.attrString(c, "parentRef")
		d.CapacityBytes = capacityBytes(d.Capacity, d.CapacityAllocationUnits)
		ds.Disks = append(ds.Disks, d)
	}
	return ds
}

// capacityBytes applies units (bytes when empty) to a capacity, or returns
// -1 when either cannot be read or the product overflows.
func capacityBytes(capacity, units string) int64 {
	q, err := strconv.ParseInt(strings.TrimSpace(capacity), 10, 64)
	if err != nil {
		return -1
	}
	if strings.TrimSpace(units) == "" {
		return q
	}
	u, ok := ParseUnits(units)
	if !ok || u.Base != "byte" {
		return -1
	}
	v, ok := u.Apply(q)
	if !ok {
		return -1
	}
	return v
}

func (b *builder) networks(n *Node) *NetworkSection {
	ns := &NetworkSection{Pos: n.Pos, Node: n, Networks: make([]Network, 0, countNamed(n, "Network"))}
	for _, c := range n.Children {
		if b.kind(c) != "Network" {
			continue
		}
		ns.Networks = append(ns.Networks, Network{
			Name:        b.attrString(c, "name"),
			Description: b.childText(c, "Description"),
			Pos:         c.Pos, Node: c,
		})
	}
	return ns
}

func (b *builder) deploymentOptions(n *Node) *DeploymentOptionSection {
	s := &DeploymentOptionSection{Pos: n.Pos, Node: n}
	for _, c := range n.Children {
		if b.kind(c) != "Configuration" {
			continue
		}
		def, _ := b.attrBool(c, "default")
		s.Configurations = append(s.Configurations, Configuration{
			ID:          b.attrString(c, "id"),
			Default:     def != nil && *def,
			Label:       b.childText(c, "Label"),
			Description: b.childText(c, "Description"),
			Pos:         c.Pos, Node: c,
		})
	}
	return s
}

func (b *builder) strings(n *Node) Strings {
	s := Strings{Msg: map[string]string{}, Pos: n.Pos, Node: n, FileRef: b.attrString(n, "fileRef")}
	if a := n.Attr(nsXML, "lang"); a != nil {
		s.Lang = a.Value
	}
	for _, c := range n.Children {
		if b.kind(c) == "Msg" {
			s.Msg[b.attrString(c, "msgid")] = c.TrimmedText()
		}
	}
	return s
}

// lookedUpAttrs are the OVF attributes, by element, that importers find by
// their qualified name: virt-v2v's XPath asks for Disk's diskId and fileRef
// and File's id, href and compression (libguestfs/virt-v2v input/OVF.ml,
// parse_disks); Proxmox's for Disk's capacity and units too and for
// OperatingSystemSection's id (proxmox/pve-storage
// src/PVE/GuestImport/OVF.pm, parse_ovf). An unprefixed one of these loses
// the disk or its size; any other unprefixed attribute is ignored by both.
var lookedUpAttrs = map[string]map[string]bool{
	"File":                   {"id": true, "href": true, "compression": true},
	"Disk":                   {"diskId": true, "fileRef": true, "capacity": true, "capacityAllocationUnits": true},
	"OperatingSystemSection": {"id": true},
}

// lookedUp reports whether importers look up attribute local of an element
// named element by its OVF-qualified name (ENV011 rather than ENV051).
func lookedUp(element, local string) bool { return lookedUpAttrs[element][local] }
