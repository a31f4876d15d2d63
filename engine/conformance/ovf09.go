package conformance

import (
	"strings"

	"github.com/ovacheck/ovacheck/engine/envelope"
)

// OVF 0.9, VMware's pre-standard grammar. Package envelope gives a 0.9
// descriptor the model of its 1.x twin (each Section and Content with a
// usable xsi:type carries its 1.x name, and one without is reported there
// as ENV060), so every check of this package runs on it. What differs is
// 0.9's own conventions, collected here:
//
//   - child elements are unqualified, as VMware's 0.9 writers emit them
//     (envelope reports no ENV011 for them, and isOVF reads them as OVF);
//   - its RASD elements are another set in another order: InstanceId with
//     a lower-case d, BusNumber, no ElementName (Caption names the device);
//     the names and the order are those of COT's OVFNameHelper0
//     (glennmatthews/cot COT/vm_description/ovf/name_helper.py,
//     ITEM_CHILDREN), and VirtualBox, which reads 0.9, also takes
//     ElementName and InstanceID (kaisenlinux/virtualbox
//     src/VBox/Main/xml/ovfreader.cpp, VirtualHardwareItem::fillItem);
//   - the System of VMware's own 0.9 descriptors has neither ElementName
//     nor, often, InstanceId (govmomi ovf/fixtures/external VM_OVF09.ovf,
//     VirtualBox's testcase joomla-1.1.4-ovf.ovf, both labelled valid);
//   - an EulaSection may stand directly in the Envelope, as VMware Studio
//     writes it (govmomi OVFFeatureSupportTestdata/VMware Studio
//     ovf/VM_OVF09.ovf); the other placements are those of DSP0243 1.0.0
//     Table 5;
//   - ProductSection's full version is written Full-version by VMware
//     Studio, and a Property's default and user flag are defaultValue and
//     configurableByUser (COT OVFNameHelper0: PROP_VALUE,
//     PROP_USER_CONFIGABLE).

// v09 reports whether the descriptor is OVF 0.9.
func (c *checker) v09() bool { return c.e.Version == envelope.Version09 }

// classRASD09 is CIM_ResourceAllocationSettingData as OVF 0.9 writes it, in
// 0.9's order. ElementName and InstanceID, which VirtualBox also reads in a
// 0.9 Item, share the slot of Caption and InstanceId.
var classRASD09 = func() *cimClass {
	cl := newClass("CIM_ResourceAllocationSettingData",
		"Caption", "Description", "InstanceId", "ResourceType", "OtherResourceType", "ResourceSubType",
		"PoolID", "ConsumerVisibility", "HostResource*", "AllocationUnits", "VirtualQuantity", "Reservation",
		"Limit", "Weight", "AutomaticAllocation", "AutomaticDeallocation", "Parent", "Connection*", "Address",
		"MappingBehavior", "AddressOnParent", "BusNumber")
	cl.order["ElementName"] = cl.order["Caption"]
	cl.order["InstanceID"] = cl.order["InstanceId"]
	return cl
}()

// cimClassOf returns the CIM class whose namespace ns is, in the
// descriptor's OVF version.
func (c *checker) cimClassOf(ns string) *cimClass {
	cl := classOf(ns)
	if cl == classRASD && c.v09() {
		return classRASD09
	}
	return cl
}

// placement09 is where OVF 0.9 lets a section stand: the 1.x table, with
// EulaSection also in the Envelope.
func (c *checker) placement(name string) placement {
	p := placements[name]
	if c.v09() && name == "EulaSection" {
		p.envelope = true
	}
	return p
}

// schemaTypes09 are the element types OVF 0.9 writes otherwise than 1.x.
var schemaTypes09 = map[string]*elemType{
	"ProductSection": func() *elemType {
		t := *schemaTypes["ProductSection"]
		t.children = nil
		for _, ch := range schemaTypes["ProductSection"].children {
			t.children = append(t.children, ch)
			if ch.name == "FullVersion" {
				t.children = append(t.children, child{name: "Full-version", min: 0, max: 1, alt: true})
			}
		}
		return &t
	}(),
	"Property": func() *elemType {
		t := *schemaTypes["Property"]
		t.attrs = append([]attr{{name: "configurableByUser", typ: "boolean"}}, t.attrs...)
		return &t
	}(),
}

// schemaType returns the table of element type typ in the descriptor's OVF
// version, or nil.
func (c *checker) schemaType(typ string) *elemType {
	if c.v09() {
		if t := schemaTypes09[typ]; t != nil {
			return t
		}
	}
	return schemaTypes[typ]
}

// untyped09 reports whether n is an OVF 0.9 Section or Content that
// envelope could not name (ENV060 says so; nothing more is said here).
func (c *checker) untyped09(n *envelope.Node) bool {
	return c.v09() && (n.Name.Local == "Section" || n.Name.Local == "Content")
}

// cimOrder says in which order the elements of class cl go, for HW030.
func (c *checker) cimOrder(cl *cimClass) string {
	if cl == classRASD09 {
		return "OVF 0.9 orders them Caption, Description, InstanceId, ResourceType, ..., Parent, Connection, Address, MappingBehavior, AddressOnParent, BusNumber"
	}
	return "CIM elements go in alphabetical order"
}

func (c *checker) cimOrderHint(cl *cimClass) string {
	if cl == classRASD09 {
		return "Put the Item's elements in OVF 0.9's order (Caption, Description, InstanceId, ResourceType, OtherResourceType, ResourceSubType, PoolID, ConsumerVisibility, HostResource, AllocationUnits, VirtualQuantity, Reservation, Limit, Weight, AutomaticAllocation, AutomaticDeallocation, Parent, Connection, Address, MappingBehavior, AddressOnParent, BusNumber); schema validators report other orders, though importers read them."
	}
	return "Sort the Item's CIM elements alphabetically (Address, AddressOnParent, AllocationUnits, ..., ElementName, HostResource, InstanceID, ..., ResourceType, VirtualQuantity); schema validators report other orders, though importers read them."
}

// versionAttrContradicts reports whether the Envelope's ovf:version v
// contradicts its namespace: 2.x wants 2, OVF 0.9 wants 0 (VMware writes
// "0.9", IBM open-ovf "0.9.5"), 1.x takes 1 or 0.
func (c *checker) versionAttrContradicts(v string) bool {
	switch {
	case c.v2:
		return !strings.HasPrefix(v, "2")
	case c.v09():
		return !strings.HasPrefix(v, "0")
	}
	return !strings.HasPrefix(v, "1") && !strings.HasPrefix(v, "0")
}
