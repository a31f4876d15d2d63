package conformance

import (
	"strconv"
	"strings"

	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// vendorTransports are ovf:transport tokens that are not URIs but that a
// major consumer defines: VMware's guestinfo (VMware Tools) transport.
var vendorTransports = map[string]bool{"com.vmware.guestInfo": true}

// items checks every hardware section: the System element, each Item's CIM
// elements and values, and the devices the Items describe together.
func (c *checker) items() {
	for _, ct := range c.contents() {
		for i := range ct.Hardware {
			h := &ct.Hardware[i]
			c.system(h)
			c.itemSection(h)
			c.transport(h)
		}
		if ct.ResourceAllocation != nil {
			c.itemSection(ct.ResourceAllocation)
		}
	}
}

func (c *checker) system(h *envelope.VirtualHardwareSection) {
	s := h.System
	if s == nil {
		if h.Node != nil && h.Node.Name.Local == "VirtualHardwareSection" {
			c.Add(rules.HwNoFamily.New(c.At(h.Pos), "the VirtualHardwareSection has no System, so no virtual hardware family").
				WithHint("Add a <System> with <vssd:VirtualSystemType> naming the hardware family, e.g. vmx-13; vSphere otherwise picks its default."))
		}
		return
	}
	names := c.cimElements(s, "System")
	if names["ElementName"] == 0 && !c.v09() { // 0.9 has none (ovf09.go)
		c.Add(rules.HwNoElementName.New(c.At(s.Pos), "<System> has no vssd:ElementName").
			WithHint("Add <vssd:ElementName>Virtual Hardware Family</vssd:ElementName>; the VSSD schema requires it."))
	}
	switch {
	case c.v09():
		// InstanceId is 0.9's spelling, and VMware's own 0.9 Systems
		// often have none (ovf09.go).
	case names["InstanceId"] > 0:
		c.Add(rules.HwLegacyInstanceID.New(c.At(s.Pos), "<System> spells vssd:InstanceId with a lower-case d, as in OVF 0.9").
			WithHint("Write vssd:InstanceID; OVF 1.x and 2.x schemas only know that spelling."))
	case names["InstanceID"] == 0:
		c.Add(rules.HwSystemNoID.New(c.At(s.Pos), "<System> has no vssd:InstanceID").
			WithHint("Add <vssd:InstanceID>0</vssd:InstanceID>; the VSSD schema requires it."))
	}
	if len(h.SystemType) == 0 {
		c.Add(rules.HwNoFamily.New(c.At(s.Pos), "<System> names no virtual hardware family (vssd:VirtualSystemType)").
			WithHint("Add <vssd:VirtualSystemType>vmx-13</vssd:VirtualSystemType> (or the family the appliance needs); vSphere otherwise picks its default."))
	}
}

// cimElements checks the CIM children of an Item or System: order, repeats,
// names the class defines, and value types. It returns how often each
// element name occurs.
func (c *checker) cimElements(n *envelope.Node, what string) map[string]int {
	counts := map[string]int{}
	last, lastName := -1, ""
	orderReported, vendorSeen := false, false
	for _, ch := range n.Children {
		cl := c.cimClassOf(ch.Name.Space)
		if cl == nil {
			if !c.isOVF(ch) {
				vendorSeen = true
				c.itemExtension(ch, what)
			}
			continue
		}
		name := ch.Name.Local
		idx, ok := cl.order[name]
		if !ok && name == "InstanceId" {
			idx, ok = cl.order["InstanceID"], true
		}
		if !ok {
			if !notFalse(ch) {
				c.Add(rules.HwUndefinedOptional.New(c.At(ch.Pos), "<%s> is not an element of %s; it is marked ovf:required=\"false\", so a consumer may ignore the whole <%s> (DSP0243 Table 2)", name, cl.name, what).
					WithHint("Use the element the class defines for this value (names are case-sensitive), or move the data to an element in a namespace of your own."))
				continue
			}
			c.Add(rules.HwUndefinedElement.New(c.At(ch.Pos), "<%s> is not an element of %s", name, cl.name).
				WithHint("Check the spelling (names are case-sensitive), or move vendor data to an element in the vendor's own namespace."))
			continue
		}
		if !orderReported && (idx < last || vendorSeen) {
			orderReported = true
			if vendorSeen {
				c.Add(rules.HwElementOrder.New(c.At(ch.Pos), "<%s> of <%s> comes after a vendor element; CIM elements go first, vendor elements last", name, what).
					WithHint("Move vmw:Config and other vendor elements after every CIM element of the Item."))
			} else {
				c.Add(rules.HwElementOrder.New(c.At(ch.Pos), "<%s> comes after <%s> in <%s>; %s", name, lastName, what, c.cimOrder(cl)).
					WithHint(c.cimOrderHint(cl)))
			}
		}
		if idx > last {
			last = idx
		}
		lastName = name
		counts[name]++
		if counts[name] == 2 && !cl.repeated[name] {
			c.Add(rules.HwElementRepeated.New(c.At(ch.Pos), "<%s> occurs more than once in <%s>", name, what).
				WithHint("Keep one; consumers read only one of them, and which one is not defined."))
		}
		c.cimValue(ch)
	}
	return counts
}

// itemExtension judges a child of an Item or System in a namespace that is
// neither OVF nor a CIM class (DSP0243 1.0.0 8.2, Table 2): a consumer that
// does not know a required child fails the Item, and one that does not know
// an optional child ignores the Item. Known vendors' namespaces (vmw:Config
// and the like) are left to their own consumers, and so are the other CIM
// settings-data classes (OVF 2.x's CIM_ProcessorAllocationSettingData, which
// COT writes into 1.x Items), whose elements are CIM's, not unknown.
func (c *checker) itemExtension(ch *envelope.Node, what string) {
	ns := ch.Name.Space
	if what == "System" || vendorNamespaces[ns] != "" || isEnvelopeNS(ns) || ns == "" || strings.HasPrefix(ns, cimSchemaPrefix) {
		return
	}
	if notFalse(ch) {
		c.Add(rules.HwRequiredExtension.New(c.At(ch.Pos), "<%s> in namespace %s inside <%s> is required (no ovf:required=\"false\"); a consumer that does not know it must fail the <%s>, and with it the import", ch.Name.Local, q(ns), what, what).
			WithHint(`Add ovf:required="false" to the element if the device works without it, or remove it.`))
		return
	}
	c.Add(rules.HwOptionalExtension.New(c.At(ch.Pos), "<%s> in namespace %s inside <%s> is marked ovf:required=\"false\"; a consumer that does not know it ignores the whole <%s> (DSP0243 Table 2)", ch.Name.Local, q(ns), what, what).
		WithHint("Keep vendor data out of Items the guest needs, or accept that a consumer following DSP0243 Table 2 leaves the device out."))
}

// cimValue checks the type and value map of one CIM element's text.
func (c *checker) cimValue(ch *envelope.Node) {
	name, v := ch.Name.Local, ch.TrimmedText()
	if v == "" {
		return
	}
	switch {
	case unsignedElements[name]:
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			c.Add(rules.HwNotNumber.New(c.At(ch.Pos), "<%s> is %s, not a non-negative integer", name, q(v)).
				WithHint("Write a plain decimal number; vSphere, virt-v2v and XenServer refuse the package otherwise, and VirtualBox reads 0."))
			return
		}
		if ok := valueMaps[name]; ok != nil && !ok(n) {
			c.Add(rules.HwValueMap.New(c.At(ch.Pos), "<%s> is %d, which its CIM value map does not define", name, n).
				WithHint("Use a defined value or leave the element out."))
		}
	case booleanElements[name]:
		if v != "true" && v != "false" && v != "1" && v != "0" {
			c.Add(rules.HwNotNumber.New(c.At(ch.Pos), "<%s> is %s, not a boolean", name, q(v)).
				WithHint("Write true or false."))
		}
	}
}

// applies reports whether an Item applies to configuration cfg ("" is the
// descriptor without deployment options).
func applies(it *envelope.Item, cfg string) bool {
	list := strings.Fields(it.Configuration)
	if len(list) == 0 || cfg == "" {
		return true
	}
	for _, x := range list {
		if x == cfg {
			return true
		}
	}
	return false
}

func isMarker(it *envelope.Item) bool { return it.Bound == "min" || it.Bound == "max" }

func resourceType(it *envelope.Item) int {
	rt, err := strconv.Atoi(it.ResourceType.Text)
	if err != nil {
		return 0
	}
	return rt
}

// itemSection checks the Items of one section one by one and together.
func (c *checker) itemSection(h *envelope.VirtualHardwareSection) {
	type addrKey struct{ parent, addr string }
	addresses := map[addrKey]bool{}
	attached := map[string]bool{}
	for i := range h.Items {
		it := &h.Items[i]
		if it.Node != nil {
			c.cimElements(it.Node, it.Kind)
		}
		c.item(it, h.Node != nil && h.Node.Name.Local == "ResourceAllocationSection")
		common := strings.TrimSpace(it.Configuration) == "" && !isMarker(it)
		if !common {
			continue
		}
		if p, a := it.Parent.Text, it.AddressOnParent.Text; p != "" && a != "" {
			k := addrKey{p, a}
			if addresses[k] {
				c.Add(rules.HwAddressTaken.New(c.At(it.AddressOnParent.Pos), "another device is already at address %s on controller %s", q(a), q(p)).
					WithHint("Give each device on a controller its own AddressOnParent; consumers renumber or refuse duplicates."))
			}
			addresses[k] = true
		}
		for _, hr := range it.HostResource {
			if id, ok := diskRef(hr.Text); ok {
				if attached[id] {
					c.Add(rules.HwDiskTwice.New(c.At(hr.Pos), "Disk %s is attached to more than one drive", q(id)).
						WithHint("Attach each Disk to one drive; to share a disk between systems, OVF 2.x has SharedDiskSection."))
				}
				attached[id] = true
			}
		}
	}
	c.singletons(h)
	c.rangeMarkers(h)
}

// diskRef returns the Disk id a HostResource names, in any of the forms
// consumers read.
func diskRef(v string) (string, bool) {
	for _, p := range []string{"ovf:/disk/", "ovf://disk/", "/disk/"} {
		if id, ok := strings.CutPrefix(v, p); ok {
			return id, true
		}
	}
	return "", false
}

// item checks one Item on its own. Items of a ResourceAllocationSection
// state reservations and limits, not devices, so the device rules skip them.
func (c *checker) item(it *envelope.Item, allocation bool) {
	if it.Node != nil && !it.ElementName.Present() && !c.v09() {
		c.Add(rules.HwNoElementName.New(c.At(it.Pos), "<%s> %s has no ElementName", it.Kind, q(it.InstanceID.Text)).
			WithHint("Add an ElementName (e.g. <rasd:ElementName>Hard disk 1</rasd:ElementName>); the schema requires it, and schema validators do not take VirtualBox's Caption instead."))
	}
	rt := resourceType(it)
	backings := 0
	for _, hr := range it.HostResource {
		if strings.HasPrefix(hr.Text, "ovf:") || strings.HasPrefix(hr.Text, "/disk/") || strings.HasPrefix(hr.Text, "/file/") {
			backings++
		}
	}
	for _, cn := range it.Connection {
		if cn.Text != "" {
			backings++
		}
	}
	if backings > 1 {
		c.Add(rules.HwManyBackings.New(c.At(it.Pos), "<%s> %s has %d backings (HostResource and Connection values); a device has at most one", it.Kind, q(it.InstanceID.Text), backings).
			WithHint("Describe each backing as its own device Item."))
	}
	switch rt {
	case envelope.ResourceOther:
		if it.OtherResourceType.Text == "" && it.ResourceSubType.Text == "" {
			c.Add(rules.HwOtherType.New(c.At(it.ResourceType.Pos), "Item %s has ResourceType 1 (Other) but says neither OtherResourceType nor ResourceSubType", q(it.InstanceID.Text)).
				WithHint("Say what the device is in OtherResourceType."))
		}
	case envelope.ResourceMemory:
		if !isMarker(it) && !allocation {
			c.memory(it)
		}
	case envelope.ResourceProcessor:
		if !isMarker(it) && !allocation {
			c.processor(it)
		}
	case envelope.ResourceDiskDrive:
		if it.Parent.Text == "" && it.Kind != "StorageItem" {
			c.Add(rules.HwDriveNoParent.New(c.At(it.Pos), "disk drive %s names no controller in Parent", q(it.InstanceID.Text)).
				WithHint("Add <rasd:Parent> with the InstanceID of the SCSI, IDE, SATA or NVMe controller; VirtualBox refuses a disk without one and vSphere picks an arbitrary one."))
		}
	}
}

func (c *checker) memory(it *envelope.Item) {
	v := it.VirtualQuantity.Text
	n, err := strconv.ParseUint(v, 10, 64)
	switch {
	case !it.VirtualQuantity.Present() || v == "":
		c.Add(rules.HwNoMemory.New(c.At(it.Pos), "memory Item %s has no VirtualQuantity", q(it.InstanceID.Text)).
			WithHint("Say how much memory the system has, e.g. <rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits> and <rasd:VirtualQuantity>2048</rasd:VirtualQuantity>."))
	case err == nil && n == 0:
		c.Add(rules.HwNoMemory.New(c.At(it.VirtualQuantity.Pos), "memory Item %s has VirtualQuantity 0", q(it.InstanceID.Text)).
			WithHint("Give the system a positive amount of memory."))
	}
	if it.AllocationUnits.Text == "" {
		c.Add(rules.HwMemoryUnits.New(c.At(it.Pos), "memory Item %s has no AllocationUnits; consumers guess megabytes", q(it.InstanceID.Text)).
			WithHint("Add <rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits> so that the amount is not a guess; VirtualBox refuses a memory Item without it and XenServer warns."))
	}
}

func (c *checker) processor(it *envelope.Item) {
	v := it.VirtualQuantity.Text
	n, err := strconv.ParseUint(v, 10, 64)
	switch {
	case !it.VirtualQuantity.Present() || v == "":
		c.Add(rules.HwCPUCount.New(c.At(it.Pos), "processor Item %s has no VirtualQuantity", q(it.InstanceID.Text)).
			WithHint("Say how many virtual CPUs the system has with <rasd:VirtualQuantity>."))
	case err == nil && (n == 0 || n > 65535):
		c.Add(rules.HwCPUCount.New(c.At(it.VirtualQuantity.Pos), "processor Item %s asks for %d virtual CPUs", q(it.InstanceID.Text), n).
			WithHint("Use at least 1 CPU and a number the hypervisor supports; VirtualBox refuses 65535 or more."))
	}
}

// singletons reports a configuration with more than one memory or
// processor device (Items with different InstanceIDs that all apply).
func (c *checker) singletons(h *envelope.VirtualHardwareSection) {
	cfgs := []string{""}
	if do := c.e.DeploymentOptions; do != nil && len(do.Configurations) > 0 {
		cfgs = cfgs[:0]
		for _, cf := range do.Configurations {
			if len(cfgs) == limits.MaxConfigurationsJudged {
				break
			}
			cfgs = append(cfgs, cf.ID)
		}
	}
	reported := map[int]bool{}
	for _, cfg := range cfgs {
		for _, rt := range []int{envelope.ResourceMemory, envelope.ResourceProcessor} {
			if reported[rt] {
				continue
			}
			var first *envelope.Item
			for i := range h.Items {
				it := &h.Items[i]
				if resourceType(it) != rt || isMarker(it) || !applies(it, cfg) {
					continue
				}
				if first == nil {
					first = it
					continue
				}
				if it.InstanceID.Text != first.InstanceID.Text || it.InstanceID.Text == "" {
					reported[rt] = true
					what := map[int]string{envelope.ResourceMemory: "memory", envelope.ResourceProcessor: "processor"}[rt]
					in := ""
					if cfg != "" {
						in = " in configuration " + q(cfg)
					}
					c.Add(rules.HwSingleton.New(c.At(it.Pos), "a second %s Item%s (InstanceID %s; the first is %s at line %d)", what, in, q(it.InstanceID.Text), q(first.InstanceID.Text), first.Pos.Line).
						WithHint("Describe " + what + " once per configuration; variants for deployment options share one InstanceID and carry ovf:configuration. vCloud Director refuses several."))
					break
				}
			}
		}
	}
}

// rangeMarkers checks ovf:bound min and max Items against their normal
// Item (DSP0243 8.4).
func (c *checker) rangeMarkers(h *envelope.VirtualHardwareSection) {
	normal := map[string]*envelope.Item{}
	for i := range h.Items {
		it := &h.Items[i]
		if !isMarker(it) && it.InstanceID.Text != "" {
			if _, ok := normal[it.InstanceID.Text]; !ok {
				normal[it.InstanceID.Text] = it
			}
		}
	}
	for i := range h.Items {
		it := &h.Items[i]
		if !isMarker(it) {
			continue
		}
		n := normal[it.InstanceID.Text]
		if n == nil {
			c.Add(rules.HwRangeMarker.New(c.At(it.Pos), "ovf:bound=%s Item %s has no normal Item with the same InstanceID", q(it.Bound), q(it.InstanceID.Text)).
				WithHint("A range marker gives the minimum or maximum of an Item described normally elsewhere in the section; add that Item or remove the marker."))
			continue
		}
		mv, err := strconv.ParseUint(it.VirtualQuantity.Text, 10, 64)
		if it.VirtualQuantity.Text != "" && err != nil {
			c.Add(rules.HwRangeMarker.New(c.At(it.VirtualQuantity.Pos), "range marker %s has a VirtualQuantity %s that is not an integer", q(it.InstanceID.Text), q(it.VirtualQuantity.Text)).
				WithHint("Range markers take integer values only."))
			continue
		}
		nv, err2 := strconv.ParseUint(n.VirtualQuantity.Text, 10, 64)
		if err != nil || err2 != nil {
			continue
		}
		if (it.Bound == "min" && nv < mv) || (it.Bound == "max" && nv > mv) {
			c.Add(rules.HwRangeMarker.New(c.At(it.VirtualQuantity.Pos), "the %s of Item %s is %d but its normal value is %d", it.Bound, q(it.InstanceID.Text), mv, nv).
				WithHint("The normal value must lie between the min and max markers."))
		}
	}
}

// transport checks ovf:transport of a VirtualHardwareSection.
func (c *checker) transport(h *envelope.VirtualHardwareSection) {
	for _, tok := range strings.Fields(h.Transport) {
		switch {
		case tok == "iso":
			if !hasDisconnectedCD(h) {
				c.Add(rules.HwIsoTransport.New(c.At(attrPos(h.Node, "transport")), "ovf:transport includes iso but the section has no CD or DVD drive that is not connected at power-on").
					WithHint("Add a CD-ROM Item (ResourceType 15) with <rasd:AutomaticAllocation>false</rasd:AutomaticAllocation>; the platform inserts the OVF environment ISO there."))
			}
		case vendorTransports[tok], strings.Contains(tok, ":"):
		default:
			c.Add(rules.HwTransportToken.New(c.At(attrPos(h.Node, "transport")), "ovf:transport %s is neither iso nor a URI", q(tok)).
				WithHint("Use iso, com.vmware.guestInfo, or a URI naming the transport; consumers ignore other tokens."))
		}
	}
}

func hasDisconnectedCD(h *envelope.VirtualHardwareSection) bool {
	for i := range h.Items {
		it := &h.Items[i]
		rt := resourceType(it)
		if (rt == envelope.ResourceCDDrive || rt == envelope.ResourceDVDDrive) && it.AutomaticAllocation.Text != "true" && it.AutomaticAllocation.Text != "1" {
			return true
		}
	}
	return false
}
