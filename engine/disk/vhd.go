package disk

import (
	"bytes"
	"encoding/binary"
	"unicode/utf16"

	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// VHD disk types (Virtual Hard Disk Image Format Specification, footer).
const (
	vhdFixed        = 2
	vhdDynamic      = 3
	vhdDifferencing = 4
)

var vhdCookie = []byte("conectix")

// probeVHDFooterOnly recognises a fixed VHD by the footer in its last 512
// bytes (511 for images made before Virtual PC 2004), or returns nil.
func (s *source) probeVHDFooterOnly() *report.DiskImage {
	if s.size < 512 {
		return nil
	}
	if b := s.at(s.size-512, 512); bytes.HasPrefix(b, vhdCookie) {
		return s.probeVHD(false)
	}
	if s.size%512 == 511 {
		if b := s.at(s.size-511, 8); bytes.Equal(b, vhdCookie) {
			return s.probeVHD(false)
		}
	}
	return nil
}

// probeVHD reads a VHD. headCopy says the member starts with the copy of the
// footer that dynamic and differencing disks carry.
func (s *source) probeVHD(headCopy bool) *report.DiskImage {
	img := &report.DiskImage{Format: FormatVHD}
	footerAt := s.size - 512
	if s.size%512 == 511 {
		footerAt = s.size - 511
	}
	footer := s.at(footerAt, 512)
	if footerAt < 0 || footer == nil || !bytes.HasPrefix(footer, vhdCookie) {
		if !headCopy || s.size < 512 {
			s.add(rules.DskTruncated.New(s.off(0), "VHD is cut short: the member is only %d bytes", s.size))
			return img
		}
		s.add(rules.DskTruncated.New(s.off(max(footerAt, 0)),
			"VHD has the copy of its footer at the start but no footer at the end: the file is truncated").
			WithHint("Download or copy the disk again; a VHD's last 512 bytes are its footer."))
		footer, footerAt = s.at(0, 512), 0
		if footer == nil {
			return img
		}
	}
	be := binary.BigEndian
	if sum := vhdChecksum(footer, 64); sum != be.Uint32(footer[64:]) {
		s.add(rules.DskVHDChecksum.New(s.off(footerAt+64),
			"VHD footer checksum is 0x%08x but its bytes sum to 0x%08x: the footer was damaged or edited", be.Uint32(footer[64:]), sum))
	}
	size := be.Uint64(footer[48:])
	if size > 1<<62 {
		s.add(rules.DskHeaderMalformed.New(s.off(footerAt+48), "VHD current size %d is not believable", size))
		return img
	}
	img.VirtualSize = int64(size)
	switch typ := be.Uint32(footer[60:]); typ {
	case vhdFixed:
		img.Subformat, img.AllocatedSize = "fixed", int64(size)
		if footerAt < int64(size) {
			s.add(rules.DskTruncated.New(s.off(footerAt),
				"fixed VHD says its disk is %d bytes but the member holds only %d bytes before the footer", size, footerAt))
		}
	case vhdDynamic, vhdDifferencing:
		img.Subformat = "dynamic"
		if typ == vhdDifferencing {
			img.Subformat = "differencing"
		}
		img.AllocatedSize = s.readVHDDynamic(be.Uint64(footer[16:]), typ == vhdDifferencing, footerAt)
	default:
		s.add(rules.DskHeaderMalformed.New(s.off(footerAt+60), "VHD disk type is %d; 2 (fixed), 3 (dynamic) and 4 (differencing) exist", typ))
	}
	s.notef("VHD %s", img.Subformat)
	return img
}

// vhdChecksum is the one's complement of the sum of every byte but the four
// of the checksum field at sumAt.
func vhdChecksum(b []byte, sumAt int) uint32 {
	var sum uint32
	for i, c := range b {
		if i < sumAt || i >= sumAt+4 {
			sum += uint32(c)
		}
	}
	return ^sum
}

// readVHDDynamic reads the dynamic disk header ("cxsparse") and its block
// allocation table; it returns the allocated bytes when the table was read.
func (s *source) readVHDDynamic(at uint64, differencing bool, footerAt int64) int64 {
	if at > 1<<62 || !s.has(int64(at), 1024) {
		s.add(rules.DskTruncated.New(s.off(16), "VHD dynamic header at byte %d lies outside the member (%d bytes)", at, s.size))
		return 0
	}
	h := s.at(int64(at), 1024)
	if h == nil {
		return 0
	}
	be := binary.BigEndian
	if !bytes.HasPrefix(h, []byte("cxsparse")) {
		s.add(rules.DskHeaderMalformed.New(s.off(int64(at)), "VHD dynamic header at byte %d does not start with \"cxsparse\"", at))
		return 0
	}
	if sum := vhdChecksum(h, 36); sum != be.Uint32(h[36:]) {
		s.add(rules.DskVHDChecksum.New(s.off(int64(at)+36), "VHD dynamic header checksum is 0x%08x but its bytes sum to 0x%08x", be.Uint32(h[36:]), sum))
	}
	if differencing {
		s.add(rules.DskExternalFile.New(s.off(int64(at)+64),
			"VHD is a differencing disk whose parent %q is not part of the package", vhdParentName(h[64:576])).
			WithHint("Merge the differencing disk into its parent and export the merged disk."))
	}
	table, entries, block := be.Uint64(h[16:]), int64(be.Uint32(h[28:])), int64(be.Uint32(h[32:]))
	if block < 512 || block&(block-1) != 0 || block > 256<<20 {
		s.add(rules.DskHeaderMalformed.New(s.off(int64(at)+32), "VHD block size is %d bytes; it must be a power of two (2 MiB by default)", block))
		return 0
	}
	if table > 1<<62 || !s.has(int64(table), entries*4) {
		s.add(rules.DskGrainDirectory.New(s.off(int64(at)+16),
			"VHD block allocation table at byte %d (%d entries) lies past the end of the member (%d bytes)", table, entries, s.size))
		return 0
	}
	if entries*4 > limits.MaxVHDBATRead {
		return 0
	}
	bat := s.at(int64(table), int(entries*4))
	if bat == nil {
		return 0
	}
	bitmap := roundSector(block / 512 / 8)
	var used, bad int64
	for i := range entries {
		e := be.Uint32(bat[i*4:])
		if e == 0xffffffff {
			continue
		}
		used++
		if end := int64(e)*512 + bitmap + block; end > footerAt {
			if bad++; bad <= 3 {
				s.add(rules.DskGrainDirectory.New(s.off(int64(table)+i*4),
					"VHD block %d at sector %d runs past the footer at byte %d", i, e, footerAt))
			}
		}
	}
	return used * block
}

// vhdParentName decodes the UTF-16BE parent name of a differencing disk.
func vhdParentName(b []byte) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		c := binary.BigEndian.Uint16(b[i:])
		if c == 0 {
			break
		}
		u = append(u, c)
	}
	return string(utf16.Decode(u))
}
