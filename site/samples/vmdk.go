package samples

import (
	"encoding/binary"
	"fmt"
)

const sector = 512

// StreamOptimizedVMDK returns a stream-optimized VMDK of capacity bytes
// whose every grain is unallocated (the disk reads as zeros): header,
// embedded descriptor, grain directory with its marker, footer and
// end-of-stream marker. It is a few KiB whatever the capacity.
func StreamOptimizedVMDK(capacity int64) []byte {
	const grainSectors = 128
	const gtes = 512
	capSectors := capacity / sector
	gdEntries := (capSectors + grainSectors*gtes - 1) / (grainSectors * gtes)
	gdSectors := (gdEntries*4 + sector - 1) / sector
	desc := fmt.Sprintf("# Disk DescriptorFile\nversion=1\nCID=fffffffe\nparentCID=ffffffff\ncreateType=\"streamOptimized\"\n\n"+
		"# Extent description\nRDONLY %d SPARSE \"generated-stream.vmdk\"\n\n"+
		"# The Disk Data Base\n#DDB\n\nddb.adapterType = \"lsilogic\"\nddb.geometry.cylinders = \"%d\"\n"+
		"ddb.geometry.heads = \"255\"\nddb.geometry.sectors = \"63\"\nddb.virtualHWVersion = \"4\"\n",
		capSectors, max(1, capSectors/(255*63)))
	descSectors := int64((len(desc) + sector - 1) / sector)
	overhead := 1 + descSectors // header + descriptor, grain-aligned below
	overhead = (overhead + grainSectors - 1) / grainSectors * grainSectors

	header := func(gdOffset uint64) []byte {
		h := make([]byte, sector)
		copy(h, "KDMV")
		le := binary.LittleEndian
		le.PutUint32(h[4:], 3)                   // version
		le.PutUint32(h[8:], 0x00030001)          // flags: valid newline test, compressed, markers
		le.PutUint64(h[12:], uint64(capSectors)) // capacity
		le.PutUint64(h[20:], grainSectors)       // grain size
		le.PutUint64(h[28:], 1)                  // descriptor offset
		le.PutUint64(h[36:], uint64(descSectors))
		le.PutUint32(h[44:], gtes)
		le.PutUint64(h[48:], 0)        // redundant grain directory: none
		le.PutUint64(h[56:], gdOffset) // grain directory
		le.PutUint64(h[64:], uint64(overhead))
		h[72] = 0 // unclean shutdown
		h[73], h[74], h[75], h[76] = '\n', ' ', '\r', '\n'
		le.PutUint16(h[77:], 1) // deflate
		return h
	}
	marker := func(val uint64, typ uint32) []byte {
		m := make([]byte, sector)
		binary.LittleEndian.PutUint64(m[0:], val)
		binary.LittleEndian.PutUint32(m[12:], typ)
		return m
	}

	var out []byte
	out = append(out, header(0xFFFFFFFFFFFFFFFF)...)
	d := make([]byte, descSectors*sector)
	copy(d, desc)
	out = append(out, d...)
	out = append(out, make([]byte, (overhead-1-descSectors)*sector)...)
	// Grain directory: its marker, then its sectors (all entries zero).
	out = append(out, marker(uint64(gdSectors), 2)...)
	gdAt := uint64(len(out) / sector)
	out = append(out, make([]byte, gdSectors*sector)...)
	// Footer: marker, copy of the header naming the grain directory.
	out = append(out, marker(1, 3)...)
	out = append(out, header(gdAt)...)
	// End of stream.
	out = append(out, make([]byte, sector)...)
	return out
}
