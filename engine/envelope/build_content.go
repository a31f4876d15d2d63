package envelope

import (
	"strconv"
	"strings"

	"github.com/ovacheck/ovacheck/engine/rules"
)

// content models a VirtualSystem or VirtualSystemCollection and, for a
// collection, its children.
func (b *builder) content(n *Node, kind string) *Content {
	ct := &Content{Kind: kind, Pos: n.Pos, Node: n}
	ct.ID, ct.HasID = b.attr(n, "id")
	for _, c := range n.Children {
		k := b.kind(c)
		switch k {
		case "Info":
			ct.Info = c.TrimmedText()
			continue
		case "Name":
			ct.Name = c.TrimmedText()
			continue
		case "VirtualSystem", "VirtualSystemCollection":
			ct.Children = append(ct.Children, b.content(c, k))
			continue
		}
		ref, ok := b.sectionRef(c, k)
		if !ok {
			continue
		}
		ct.Sections = append(ct.Sections, ref)
		switch k {
		case "VirtualHardwareSection":
			ct.Hardware = append(ct.Hardware, b.hardware(c))
		case "ResourceAllocationSection":
			if ct.ResourceAllocation == nil {
				h := b.hardware(c)
				ct.ResourceAllocation = &h
			}
		case "ProductSection":
			ct.Products = append(ct.Products, b.product(c))
		case "EulaSection":
			ct.Eulas = append(ct.Eulas, EulaSection{License: b.childText(c, "License"), Pos: c.Pos, Node: c})
		case "OperatingSystemSection":
			if ct.OS == nil {
				ct.OS = b.operatingSystem(c)
			}
		case "AnnotationSection":
			if ct.Annotation == nil {
				ct.Annotation = &AnnotationSection{Annotation: b.childText(c, "Annotation"), Pos: c.Pos, Node: c}
			}
		case "StartupSection":
			if ct.Startup == nil {
				ct.Startup = b.startup(c)
			}
		case "InstallSection":
			if ct.Install == nil {
				ct.Install = &InstallSection{InitialBootStopDelay: b.attrString(c, "initialBootStopDelay"), Pos: c.Pos, Node: c}
			}
		}
	}
	return ct
}

func (b *builder) operatingSystem(n *Node) *OperatingSystemSection {
	os := &OperatingSystemSection{Pos: n.Pos, Node: n, Description: b.childText(n, "Description")}
	os.IDText = b.attrString(n, "id")
	if id, err := strconv.Atoi(strings.TrimSpace(os.IDText)); err == nil {
		os.ID = &id
	}
	os.Version = b.attrString(n, "version")
	for _, a := range n.Attrs {
		if a.Name.Local == "osType" {
			os.OSType = a.Value
		}
	}
	return os
}

func (b *builder) startup(n *Node) *StartupSection {
	s := &StartupSection{Pos: n.Pos, Node: n}
	for _, c := range n.Children {
		if b.kind(c) != "Item" {
			continue
		}
		s.Items = append(s.Items, StartupItem{
			ID: b.attrString(c, "id"), Order: b.attrString(c, "order"),
			StartDelay: b.attrString(c, "startDelay"), StopDelay: b.attrString(c, "stopDelay"),
			StartAction: b.attrString(c, "startAction"), StopAction: b.attrString(c, "stopAction"),
			WaitingForGuest: b.attrString(c, "waitingForGuest"), Pos: c.Pos,
		})
	}
	return s
}

func (b *builder) product(n *Node) ProductSection {
	p := ProductSection{Pos: n.Pos, Node: n}
	p.Class = b.attrString(n, "class")
	p.Instance = b.attrString(n, "instance")
	category := ""
	for _, c := range n.Children {
		switch b.kind(c) {
		case "Product":
			p.Product = c.TrimmedText()
		case "Vendor":
			p.Vendor = c.TrimmedText()
		case "Version":
			p.Version = c.TrimmedText()
		case "FullVersion":
			p.FullVersion = c.TrimmedText()
		case "ProductUrl":
			p.ProductURL = c.TrimmedText()
		case "VendorUrl":
			p.VendorURL = c.TrimmedText()
		case "AppUrl":
			p.AppURL = c.TrimmedText()
		case "Category":
			category = c.TrimmedText()
			p.Categories = append(p.Categories, category)
		case "Property":
			p.Properties = append(p.Properties, b.property(c, category))
		}
	}
	return p
}

func (b *builder) property(n *Node, category string) Property {
	p := Property{Pos: n.Pos, Node: n, Category: category}
	p.Key = b.attrString(n, "key")
	p.Type = b.attrString(n, "type")
	p.Qualifiers = b.attrString(n, "qualifiers")
	p.Value, p.HasValue = b.attr(n, "value")
	if v, _ := b.attrBool(n, "userConfigurable"); v != nil {
		p.UserConfigurable = *v
	}
	if b.env.Version == Version09 {
		b.property09(n, &p)
	}
	if v, _ := b.attrBool(n, "password"); v != nil {
		p.Password = *v
	}
	for _, c := range n.Children {
		switch b.kind(c) {
		case "Label":
			p.Label = c.TrimmedText()
		case "Description":
			p.Description = c.TrimmedText()
		case "Value":
			p.Values = append(p.Values, PropertyValue{
				Value: b.attrString(c, "value"), Configuration: b.attrString(c, "configuration"), Pos: c.Pos,
			})
		}
	}
	return p
}

func (b *builder) hardware(n *Node) VirtualHardwareSection {
	h := VirtualHardwareSection{Pos: n.Pos, Node: n, Items: make([]Item, 0, countNamed(n, "Item")+countNamed(n, "StorageItem")+countNamed(n, "EthernetPortItem"))}
	h.ID = b.attrString(n, "id")
	h.Transport = b.attrString(n, "transport")
	for _, c := range n.Children {
		switch k := b.kind(c); k {
		case "System":
			h.System = c
			for _, s := range c.Children {
				if s.Name.Local == "VirtualSystemType" {
					h.SystemType = append(h.SystemType, strings.Fields(s.Text)...)
				}
			}
		case "Item", "StorageItem", "EthernetPortItem":
			h.Items = append(h.Items, b.item(c, k))
		}
	}
	return h
}

// item models one Item, StorageItem or EthernetPortItem. Its CIM children
// are matched in any of the RASD, SASD and EPASD namespaces (including the
// VirtualBox ".xsd" spellings, reported once); vendor children are skipped.
func (b *builder) item(n *Node, kind string) Item {
	it := Item{Kind: kind, Pos: n.Pos, Node: n}
	it.Required, _ = b.attrBool(n, "required")
	it.Configuration = b.attrString(n, "configuration")
	it.Bound = b.attrString(n, "bound")
	for _, c := range n.Children {
		ok, nonStandard := isSettingsNS(c.Name.Space)
		if !ok {
			continue
		}
		if nonStandard && !b.warnedSettingsNS {
			b.warnedSettingsNS = true
			b.f.Add(rules.EnvSettingsNamespace.New(b.f.At(c.Pos), "<%s> is in namespace %s, a non-standard spelling of a CIM settings-data namespace; it was read as such", c.Name.Local, Quote(c.Name.Space)).
				WithHint("Declare the namespace exactly as DSP8023 does (http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_..., no .xsd suffix); consumers that match namespaces exactly ignore these elements."))
		}
		if it.Namespace == "" {
			it.Namespace = c.Name.Space
		}
		v := Value{Text: c.TrimmedText(), Pos: c.Pos}
		switch c.Name.Local {
		case "InstanceID":
			it.InstanceID = v
		case "InstanceId":
			it.InstanceID = v
			it.LegacyInstanceID = true
		case "ResourceType":
			it.ResourceType = v
		case "OtherResourceType":
			it.OtherResourceType = v
		case "ResourceSubType":
			it.ResourceSubType = v
		case "ElementName":
			it.ElementName = v
		case "Caption":
			it.Caption = v
		case "Description":
			it.Description = v
		case "Parent":
			it.Parent = v
		case "AddressOnParent":
			it.AddressOnParent = v
		case "Address":
			it.Address = v
		case "HostResource":
			it.HostResource = append(it.HostResource, v)
		case "Connection":
			it.Connection = append(it.Connection, v)
		case "VirtualQuantity":
			it.VirtualQuantity = v
		case "VirtualQuantityUnits":
			it.VirtualQuantityUnits = v
		case "AllocationUnits":
			it.AllocationUnits = v
		case "AutomaticAllocation":
			it.AutomaticAllocation = v
		case "Reservation":
			it.Reservation = v
		case "Limit":
			it.Limit = v
		}
	}
	return it
}
