package conformance

import (
	"github.com/ovacheck/ovacheck/engine/envelope"
	"strconv"
	"strings"

	"github.com/ovacheck/ovacheck/engine/rules"
)

func (c *checker) checkDisks() {
	ds := c.e.DiskSection
	if ds == nil {
		return
	}
	ids := make(map[string]envelope.Pos, len(ds.Disks))
	fileUsers := make(map[string]envelope.Pos, len(ds.Disks))
	fileIndex := make(map[string]int, len(c.e.References))
	for i, fl := range c.e.References {
		if _, ok := fileIndex[fl.ID]; !ok {
			fileIndex[fl.ID] = i
		}
	}
	lastFile, lastFilePos := -1, envelope.Pos{}
	for i := range ds.Disks {
		d := &ds.Disks[i]
		switch p, dup := ids[d.DiskID]; {
		case d.DiskID == "":
			c.Add(rules.DskNoID.New(c.At(d.Pos), "<Disk> has no ovf:diskId").
				WithHint(`Add ovf:diskId="vmdisk1"; hardware Items attach the disk with HostResource ovf:/disk/vmdisk1.`))
		case dup:
			c.Add(rules.DskDupID.New(c.At(d.Node.AttrPos("diskId")), "disk id %s is already used at line %d", envelope.Quote(d.DiskID), p.Line).
				WithHint("Give every Disk its own ovf:diskId and update the HostResource that should point to this one."))
		default:
			ids[d.DiskID] = d.Pos
		}
		if d.FileRef != "" {
			if _, ok := c.fileByID[d.FileRef]; !ok {
				c.Add(rules.DskFileRef.New(c.At(d.Node.AttrPos("fileRef")), "Disk %s refers to file %s, which References does not list", envelope.Quote(d.DiskID), envelope.Quote(d.FileRef)).
					WithHint("Use the ovf:id of a File in References, or add the File; VirtualBox and vSphere refuse the package otherwise."))
			}
			p, shared := fileUsers[d.FileRef]
			if shared {
				c.Add(rules.DskSharedFile.New(c.At(d.Node.AttrPos("fileRef")), "file %s is also the image of the Disk at line %d", envelope.Quote(d.FileRef), p.Line).
					WithHint("Give each Disk its own file; to share a disk between systems, attach one Disk to several Items."))
			} else {
				fileUsers[d.FileRef] = d.Pos
			}
			// A second user of a File is DSK010's finding; the order is
			// judged by each File's first Disk only.
			if idx, ok := fileIndex[d.FileRef]; ok && !shared {
				if idx < lastFile {
					c.Add(rules.DskOrder.New(c.At(d.Pos), "Disk %s uses a File listed before the one of the Disk at line %d", envelope.Quote(d.DiskID), lastFilePos.Line).
						WithHint("List the Disks in the order of their Files in References."))
				} else {
					lastFile, lastFilePos = idx, d.Pos
				}
			}
			if strings.TrimSpace(d.Format) == "" {
				c.Add(rules.DskNoFormat.New(c.At(d.Pos), "Disk %s has a file but no ovf:format", envelope.Quote(d.DiskID)).
					WithHint(`Name the image format, e.g. ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized".`))
			}
		}
		if f := strings.TrimSpace(d.Format); f != "" {
			if _, ok := envelope.DiskFormatName(f); !ok {
				c.Add(rules.DskUnknownFormat.New(c.At(d.Node.AttrPos("format")), "disk format %s is not one this checker knows", envelope.Quote(f)).
					WithHint("Use the URI of the format as other producers write it (see the rule's documentation); consumers pick the disk reader by this URI."))
			}
		}
		c.checkCapacity(d)
		if d.ParentRef != "" {
			if _, ok := c.diskByID[d.ParentRef]; !ok || d.ParentRef == d.DiskID {
				c.Add(rules.DskParent.New(c.At(d.Node.AttrPos("parentRef")), "Disk %s has parent %s, which is not another Disk", envelope.Quote(d.DiskID), envelope.Quote(d.ParentRef)).
					WithHint("Use the ovf:diskId of the parent Disk, listed before this one, or remove ovf:parentRef."))
			}
		}
	}
}

func (c *checker) checkCapacity(d *envelope.Disk) {
	capText := strings.TrimSpace(d.Capacity)
	switch {
	case !c.hasAttr(d.Node, "capacity") || capText == "":
		c.Add(rules.DskNoCapacity.New(c.At(d.Pos), "Disk %s has no ovf:capacity", envelope.Quote(d.DiskID)).
			WithHint(`Give the virtual disk's size, e.g. ovf:capacity="16" ovf:capacityAllocationUnits="byte * 2^30".`))
		return
	case strings.HasPrefix(capText, "${") && strings.HasSuffix(capText, "}"):
		key := capText[2 : len(capText)-1]
		if !c.properties[key] {
			c.Add(rules.DskCapacityProperty.New(c.At(d.Node.AttrPos("capacity")), "capacity %s names no Property of the package", envelope.Quote(capText)).
				WithHint("Define a ProductSection Property with this ovf:key and an integer type, or write the capacity as a number."))
		}
	default:
		if q, err := strconv.ParseInt(capText, 10, 64); err != nil || q <= 0 {
			c.Add(rules.DskCapacity.New(c.At(d.Node.AttrPos("capacity")), "capacity %s of Disk %s is not a positive integer", envelope.Quote(d.Capacity), envelope.Quote(d.DiskID)).
				WithHint("Write the capacity as a positive whole number in the unit of ovf:capacityAllocationUnits (bytes when absent)."))
			return
		}
	}
	if units := strings.TrimSpace(d.CapacityAllocationUnits); units != "" {
		u, ok := envelope.ParseUnits(units)
		switch {
		case !ok || u.Base != "byte":
			c.Add(rules.DskUnits.New(c.At(d.Node.AttrPos("capacityAllocationUnits")), "capacity units %s are not programmatic units of bytes", envelope.Quote(units)).
				WithHint(`Write "byte", or "byte * 2^20" for MiB and "byte * 2^30" for GiB.`))
			return
		case u.Legacy:
			c.Add(rules.DskLegacyUnits.New(c.At(d.Node.AttrPos("capacityAllocationUnits")), "capacity units %s are a legacy spelling", envelope.Quote(units)).
				WithHint(`Write DSP0004 units: "byte * 2^20" for MegaBytes, "byte * 2^30" for GigaBytes.`))
		}
		if q, err := strconv.ParseInt(capText, 10, 64); err == nil && q > 0 {
			if _, fits := u.Apply(q); !fits {
				// "byte * 2^70" overflows the 64-bit sizes every consumer
				// keeps; "byte * 2^-1" makes half bytes. Either way the
				// disk has no size a consumer can create.
				c.Add(rules.DskCapacity.New(c.At(d.Node.AttrPos("capacity")), "capacity %s in units %s of Disk %s is not a whole number of bytes below 2^63", envelope.Quote(d.Capacity), envelope.Quote(units), envelope.Quote(d.DiskID)).
					WithHint(`Give the size in units that make a whole number of bytes, e.g. ovf:capacity="16" ovf:capacityAllocationUnits="byte * 2^30".`))
			}
		}
	}
	if d.CapacityBytes > 0 && d.PopulatedSize != "" {
		if p, err := strconv.ParseInt(strings.TrimSpace(d.PopulatedSize), 10, 64); err == nil && p > d.CapacityBytes {
			c.Add(rules.DskPopulated.New(c.At(d.Node.AttrPos("populatedSize")), "populatedSize %d of Disk %s is larger than its capacity of %d bytes", p, envelope.Quote(d.DiskID), d.CapacityBytes).
				WithHint("populatedSize estimates the bytes the disk uses and cannot exceed its capacity; correct it or leave it out."))
		}
	}
}
