package disk

import (
	"encoding/binary"
	"strconv"

	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// probeVMDKDescriptor reads a stand-alone VMDK text descriptor. Its data is
// in extent files; an OVF Disk is one file, so every extent it names lies
// outside the package as far as a consumer is concerned.
func (s *source) probeVMDKDescriptor() *report.DiskImage {
	img := &report.DiskImage{Format: FormatVMDK}
	if s.size > limits.MaxVMDKDescriptorSize {
		s.add(rules.DskHeaderMalformed.New(s.off(0), "member starts like a VMDK text descriptor but is %d bytes, more than a descriptor can be", s.size))
		return img
	}
	d := parseVMDKDescriptor(s.at(0, int(s.size)))
	img.Subformat = d.createType
	if n := d.extentSectors(); n > 0 {
		img.VirtualSize = n * 512
	}
	s.note("text descriptor, data in separate extent files")
	for _, e := range d.extents {
		if e.file == "" {
			continue
		}
		s.add(rules.DskExternalFile.New(report.At(s.member, e.line, 1),
			"VMDK text descriptor keeps its data in extent file %q (%s), which an OVF consumer never reads: the Disk's file is this descriptor alone", e.file, e.kind).
			WithHint("Convert the disk to one stream-optimized file (ovftool, vmdk-convert, or qemu-img convert -O vmdk -o subformat=streamOptimized) and reference that file."))
	}
	if d.hasParent() {
		s.add(rules.DskExternalFile.New(report.At(s.member, max(d.parentLine, 1), 1),
			"VMDK descriptor names a parent disk (parentCID %s, parentFileNameHint %q) that is not part of the package", d.parentCID, d.parentHint))
	}
	if len(d.extents) == 0 {
		s.add(rules.DskHeaderMalformed.New(report.At(s.member, 1, 1), "VMDK text descriptor has no extent lines"))
	}
	return img
}

// probeCOWD reads the header of a legacy ESX sparse extent ("COWD"), whose
// capacity in sectors is at byte 12. Such extents belong to a snapshot or an
// ESX datastore, never to an export.
func (s *source) probeCOWD(head []byte) *report.DiskImage {
	img := &report.DiskImage{Format: FormatVMDK, Subformat: "vmfsSparse"}
	if len(head) >= 16 {
		img.VirtualSize = int64(binary.LittleEndian.Uint32(head[12:])) * 512
	}
	s.note("legacy ESX sparse extent (COWD)")
	s.add(rules.DskFormatMismatch.New(s.off(0),
		"member is an ESX vmfsSparse (COWD) extent, a datastore-internal snapshot format that OVF consumers do not import").
		WithHint("Export the virtual machine with ovftool so the disk is written stream-optimized."))
	return img
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
