package conformance

import (
	"strconv"
	"strings"

	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// diskChecks checks what the descriptor says about its disks beyond envelope's
// DSK001-DSK014: capacities given by properties, populated sizes, parent
// order, disks no device uses and shared-disk references.
func (c *checker) diskChecks() {
	used := map[string]bool{}
	shared := c.sharedDisks()
	for _, h := range c.hardwareSections() {
		for i := range h.Items {
			for _, hr := range h.Items[i].HostResource {
				if id, ok := diskRef(hr.Text); ok {
					used[id] = true
				}
				if id, ok := strings.CutPrefix(hr.Text, "ovf:/sharedDisk/"); ok && !shared[id] {
					c.Add(rules.DskSharedRef.New(c.At(hr.Pos), "HostResource %s: there is no SharedDisk with ovf:diskId %s", q(hr.Text), q(id)).
						WithHint("Declare the disk in a SharedDiskSection at the Envelope level, or refer to a Disk with ovf:/disk/<id>."))
				}
			}
		}
	}
	ds := c.e.DiskSection
	if ds == nil {
		return
	}
	props := c.propertyTypes()
	index := map[string]int{}
	parents := map[string]bool{}
	for i, d := range ds.Disks {
		if _, ok := index[d.DiskID]; !ok {
			index[d.DiskID] = i
		}
		if d.ParentRef != "" {
			parents[d.ParentRef] = true
		}
	}
	for i, d := range ds.Disks {
		if name, ok := propertyRef(d.Capacity); ok {
			if typ, found := props[name]; found && !isIntegerType(typ) {
				c.Add(rules.DskCapacityPropertyType.New(c.At(attrPos(d.Node, "capacity")), "Disk %s takes its capacity from property %s, whose type is %s, not an integer type", q(d.DiskID), q(name), q(typ)).
					WithHint("Declare the property with an integer type such as uint64, or write the capacity as a number."))
			}
		}
		if ps := strings.TrimSpace(d.PopulatedSize); ps != "" {
			if n, err := strconv.ParseInt(ps, 10, 64); err != nil || n < 0 {
				c.Add(rules.DskPopulatedSyntax.New(c.At(attrPos(d.Node, "populatedSize")), "ovf:populatedSize of Disk %s is %s, not a byte count", q(d.DiskID), q(d.PopulatedSize)).
					WithHint("Write the estimated number of bytes the disk uses, or leave the attribute out."))
			} else if d.FileRef == "" {
				c.Add(rules.DskEmptyPopulated.New(c.At(attrPos(d.Node, "populatedSize")), "Disk %s has no file (an empty disk) but states a populatedSize", q(d.DiskID)).
					WithHint("An empty disk is created zeroed at deployment; drop ovf:populatedSize."))
			}
		}
		if d.ParentRef != "" {
			if j, ok := index[d.ParentRef]; ok && j > i {
				c.Add(rules.DskParentOrder.New(c.At(attrPos(d.Node, "parentRef")), "Disk %s comes before its parent %s", q(d.DiskID), q(d.ParentRef)).
					WithHint("List parent disks before the disks that refer to them."))
			} else if ok && c.parentLoop(ds, index, i) {
				c.Add(rules.DskParentOrder.New(c.At(attrPos(d.Node, "parentRef")), "the parents of Disk %s lead back to itself", q(d.DiskID)).
					WithHint("Parent chains must end at a disk without ovf:parentRef."))
			}
		}
		if d.DiskID != "" && !used[d.DiskID] && index[d.DiskID] == i && !parents[d.DiskID] {
			c.Add(rules.DskUnused.New(c.At(d.Pos), "Disk %s is attached to no drive", q(d.DiskID)).
				WithHint("Attach it with a disk drive Item whose HostResource is ovf:/disk/" + d.DiskID + ", or remove it from the package."))
		}
	}
}

// maxParentChain bounds the parentRef steps followed from one disk, so a
// hostile chain of many thousands of disks costs no more than this per
// disk; real differencing chains are a few disks deep.
const maxParentChain = 256

// parentLoop reports whether following parentRef from disk i returns to it
// within maxParentChain steps.
func (c *checker) parentLoop(ds *envelope.DiskSection, index map[string]int, i int) bool {
	j := i
	for steps := 0; steps <= min(len(ds.Disks), maxParentChain); steps++ {
		k, ok := index[ds.Disks[j].ParentRef]
		if !ok {
			return false
		}
		if k == i {
			return true
		}
		j = k
	}
	return false
}

func (c *checker) sharedDisks() map[string]bool {
	out := map[string]bool{}
	for _, s := range c.e.Sections {
		if s.Name != "SharedDiskSection" || s.Node == nil {
			continue
		}
		for _, ch := range s.Node.Children {
			if ch.Name.Local == "SharedDisk" {
				if id, ok := attrValue(ch, "diskId"); ok {
					out[id] = true
				}
			}
		}
	}
	return out
}

// propertyRef returns the name in a "${name}" value.
func propertyRef(v string) (string, bool) {
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "${") && strings.HasSuffix(v, "}") {
		return v[2 : len(v)-1], true
	}
	return "", false
}

// propertyTypes maps every property key (and class.key) of the descriptor
// to its type.
func (c *checker) propertyTypes() map[string]string {
	out := map[string]string{}
	for _, ct := range c.contents() {
		for _, p := range ct.Products {
			for _, pr := range p.Properties {
				out[pr.Key] = pr.Type
				if p.Class != "" {
					out[p.Class+"."+pr.Key] = pr.Type
				}
			}
		}
	}
	return out
}
