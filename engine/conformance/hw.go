package conformance

import (
	"github.com/ovacheck/ovacheck/engine/envelope"
	"strconv"
	"strings"

	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// checkContent checks a VirtualSystem's hardware, or a collection's
// children.
func (c *checker) checkContent(ct *envelope.Content) {
	if ct.Kind == "VirtualSystem" && len(ct.Hardware) == 0 {
		c.Add(rules.HwNoHardware.New(c.At(ct.Pos), "VirtualSystem %s has no VirtualHardwareSection", envelope.Quote(ct.ID)).
			WithHint("Describe the virtual machine's hardware (CPU, memory, controllers, disks, network adapters) in a VirtualHardwareSection."))
	}
	for i := range ct.Hardware {
		c.checkItems(&ct.Hardware[i])
	}
	if ct.ResourceAllocation != nil {
		c.checkItems(ct.ResourceAllocation)
	}
	for _, ch := range ct.Children {
		c.checkContent(ch)
	}
}

// checkItems checks the Items of one hardware section.
func (c *checker) checkItems(h *envelope.VirtualHardwareSection) {
	byID := map[string][]*envelope.Item{}
	for i := range h.Items {
		it := &h.Items[i]
		c.checkItemBasics(it)
		if id := it.InstanceID.Text; id != "" {
			variants := byID[id]
			if len(variants) > limits.MaxItemVariants {
				variants = variants[:limits.MaxItemVariants]
			}
			for _, other := range variants {
				if variantsOverlap(other, it) {
					c.Add(rules.HwDupInstanceID.New(c.At(it.InstanceID.Pos), "duplicate InstanceID %s at lines %d and %d", envelope.Quote(id), other.InstanceID.Pos.Line, it.InstanceID.Pos.Line).
						WithHint("Give every Item of the section its own InstanceID; Items may share one only as variants for different ovf:configuration values or as ovf:bound min/max markers."))
					break
				}
				if other.ResourceType.Text != "" && it.ResourceType.Text != "" && other.ResourceType.Text != it.ResourceType.Text {
					c.Add(rules.HwVariantType.New(c.At(it.ResourceType.Pos), "Items with InstanceID %s have ResourceType %s (line %d) and %s", envelope.Quote(id), other.ResourceType.Text, other.ResourceType.Pos.Line, it.ResourceType.Text).
						WithHint("Variants of one Item for different configurations describe the same device and must agree on ResourceType; use another InstanceID for a different device."))
					break
				}
			}
			byID[id] = append(byID[id], it)
		}
	}
	for i := range h.Items {
		it := &h.Items[i]
		c.checkParent(it, byID)
		c.checkHostResources(it)
		c.checkConnections(it)
	}
	c.checkParentCycles(h, byID)
}

// variantsOverlap reports whether two Items with one InstanceID are
// duplicates rather than variants: both apply to every configuration (no
// ovf:configuration) and both are normal Items, or both are the same range
// marker. Items for configurations, even overlapping ones, are merged by
// consumers, a later one overriding an earlier one (DSP0243 9.8).
func variantsOverlap(a, b *envelope.Item) bool {
	bound := func(it *envelope.Item) string {
		if it.Bound == "min" || it.Bound == "max" {
			return it.Bound
		}
		return "normal"
	}
	return bound(a) == bound(b) && strings.TrimSpace(a.Configuration) == "" && strings.TrimSpace(b.Configuration) == ""
}

func (c *checker) checkItemBasics(it *envelope.Item) {
	if !it.InstanceID.Present() || it.InstanceID.Text == "" {
		c.Add(rules.HwNoInstanceID.New(c.At(it.Pos), "<%s> has no InstanceID", it.Kind).
			WithHint("Give the Item an InstanceID unique in its section, e.g. <rasd:InstanceID>7</rasd:InstanceID>."))
	} else if it.LegacyInstanceID && c.e.Version != envelope.Version09 {
		c.Add(rules.HwLegacyInstanceID.New(c.At(it.InstanceID.Pos), "InstanceId is spelled with a lower-case d, as in OVF 0.9").
			WithHint("Write InstanceID; OVF 1.x and 2.x schemas only know that spelling."))
	}
	if !it.ResourceType.Present() || it.ResourceType.Text == "" {
		c.Add(rules.HwNoResourceType.New(c.At(it.Pos), "<%s> %s has no ResourceType", it.Kind, envelope.Quote(it.InstanceID.Text)).
			WithHint("Say what the Item is with a ResourceType (3 CPU, 4 memory, 10 Ethernet adapter, 17 disk drive, ...)."))
	} else if rt, err := strconv.Atoi(it.ResourceType.Text); err != nil || rt < 1 || rt > envelope.LastResourceType {
		c.Add(rules.HwResourceType.New(c.At(it.ResourceType.Pos), "ResourceType %s is not a number from 1 to 65535", envelope.Quote(it.ResourceType.Text)).
			WithHint("Use a value of the CIM ResourceType value map, e.g. 17 for a disk drive."))
	} else if rt >= envelope.FirstReservedResourceType && rt < envelope.FirstVendorResourceType {
		c.Add(rules.HwResourceTypeReserved.New(c.At(it.ResourceType.Pos), "ResourceType %d is reserved by the DMTF and means nothing to most consumers", rt).
			WithHint("Use a defined value (1-33), or a vendor value from 32768 with ovf:required=\"false\" on the Item."))
	}
	switch it.Bound {
	case "", "min", "max", "normal":
	default:
		c.Add(rules.HwBound.New(c.At(it.Node.AttrPos("bound")), "ovf:bound is %s", envelope.Quote(it.Bound)).
			WithHint(`Use ovf:bound="min", "max" or "normal" (the default).`))
	}
	if rt, _ := strconv.Atoi(it.ResourceType.Text); rt == envelope.ResourceMemory && it.AllocationUnits.Text != "" {
		if u, ok := envelope.ParseUnits(it.AllocationUnits.Text); !ok || u.Base != "byte" {
			c.Add(rules.HwUnits.New(c.At(it.AllocationUnits.Pos), "memory AllocationUnits %s are not programmatic units of bytes", envelope.Quote(it.AllocationUnits.Text)).
				WithHint(`Write "byte * 2^20" for MiB or "byte * 2^30" for GiB; VirtualBox refuses other units.`))
		}
	}
}

func (c *checker) checkParent(it *envelope.Item, byID map[string][]*envelope.Item) {
	p := it.Parent.Text
	if p == "" {
		return
	}
	parents := byID[p]
	if len(parents) == 0 {
		c.Add(rules.HwParentUnknown.New(c.At(it.Parent.Pos), "Parent %s names no Item of this section", envelope.Quote(p)).
			WithHint("Use the InstanceID of the controller the device is attached to."))
		return
	}
	for _, par := range parents {
		if par == it {
			c.Add(rules.HwParentUnknown.New(c.At(it.Parent.Pos), "Item %s names itself as its Parent", envelope.Quote(p)).
				WithHint("Use the InstanceID of the controller the device is attached to."))
			return
		}
		rt, err := strconv.Atoi(par.ResourceType.Text)
		if err != nil || envelope.IsController(rt) || rt >= envelope.FirstVendorResourceType {
			return
		}
	}
	c.Add(rules.HwParentNotController.New(c.At(it.Parent.Pos), "Parent %s is an Item of ResourceType %s (line %d), not a controller", envelope.Quote(p), parents[0].ResourceType.Text, parents[0].Pos.Line).
		WithHint("Attach drives to an IDE (5), SCSI (6), SATA/NVMe (20) or other controller Item; vSphere refuses other parents."))
}

// checkHostResources resolves ovf:/disk/<id> and ovf:/file/<id>.
func (c *checker) checkHostResources(it *envelope.Item) {
	for _, hr := range it.HostResource {
		v := hr.Text
		var kind, id string
		legacy := false
		switch {
		case strings.HasPrefix(v, "ovf:/disk/"):
			kind, id = "disk", v[len("ovf:/disk/"):]
		case strings.HasPrefix(v, "ovf:/file/"):
			kind, id = "file", v[len("ovf:/file/"):]
		case strings.HasPrefix(v, "ovf://disk/"):
			kind, id, legacy = "disk", v[len("ovf://disk/"):], true
		case strings.HasPrefix(v, "ovf://file/"):
			kind, id, legacy = "file", v[len("ovf://file/"):], true
		case strings.HasPrefix(v, "/disk/"):
			kind, id, legacy = "disk", v[len("/disk/"):], true
		case strings.HasPrefix(v, "/file/"):
			kind, id, legacy = "file", v[len("/file/"):], true
		default:
			continue // a platform device, free-form
		}
		switch {
		case legacy && strings.HasPrefix(v, "ovf://"):
			c.Add(rules.HwHostResourceDoubleSlash.New(c.At(hr.Pos), "HostResource %s has two slashes after ovf:, not the form ovf:/%s/<id>", envelope.Quote(v), kind).
				WithHint("Write ovf:/" + kind + "/" + id + "; virt-v2v refuses the ovf:// form and Proxmox VE skips the disk."))
		case legacy && c.e.Version != envelope.Version09:
			c.Add(rules.HwHostResourceLegacy.New(c.At(hr.Pos), "HostResource %s is not in the form ovf:/%s/<id>", envelope.Quote(v), kind).
				WithHint("Write ovf:/" + kind + "/" + id + ": Proxmox VE skips the disk otherwise."))
		}
		resolved := false
		if kind == "disk" {
			_, resolved = c.diskByID[id]
		} else {
			_, resolved = c.fileByID[id]
		}
		if !resolved {
			where := "DiskSection has no Disk with ovf:diskId"
			if kind == "file" {
				where = "References has no File with ovf:id"
			}
			c.Add(rules.HwHostResource.New(c.At(hr.Pos), "HostResource %s: %s %s", envelope.Quote(v), where, envelope.Quote(id)).
				WithHint("Refer to an existing Disk (ovf:/disk/<diskId>) or File (ovf:/file/<id>), or remove the HostResource for an empty drive."))
		}
	}
}
