package disk

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"strings"

	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// GUIDs of the VHDX regions and metadata items this probe reads
// ([MS-VHDX] 2.2 and 2.6), in their on-disk byte order.
var (
	vhdxMetadataRegion = guid("8B7CA206-4790-4B9A-B8FE-575F050F886E")
	vhdxVirtualSize    = guid("2FA54224-CD1B-4876-B211-5DBED83BF4B8")
	vhdxFileParameters = guid("CAA16737-FA36-4D43-B3B6-33F0AA44E76B")
	vhdxParentLocator  = guid("A8D35F2D-B30B-454D-ABF7-D3D84834AB0C")
)

// guid converts a GUID's text form to its little-endian mixed byte order.
func guid(s string) []byte {
	b, err := hex.DecodeString(strings.ReplaceAll(s, "-", ""))
	if err != nil || len(b) != 16 {
		panic("disk: bad GUID " + s)
	}
	return []byte{b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6],
		b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]}
}

// probeVHDX reads a VHDX's region table and metadata for its virtual size
// and parent, best effort: the second copies of the header and region table
// and the log are not read.
func (s *source) probeVHDX() *report.DiskImage {
	img := &report.DiskImage{Format: FormatVHDX}
	const regionTable = 192 << 10
	rt := s.at(regionTable, 16+32*64)
	if rt == nil && s.ioErr != nil {
		return img // not read (a stream keeps part of a disk): the notes say so
	}
	if rt == nil || !bytes.HasPrefix(rt, []byte("regi")) {
		s.add(rules.DskTruncated.New(s.off(regionTable), "VHDX has no region table at byte %d: the file is truncated or damaged", regionTable))
		return img
	}
	le := binary.LittleEndian
	count := min(le.Uint32(rt[8:]), 64)
	for i := range count {
		e := rt[16+32*i:]
		if !bytes.Equal(e[:16], vhdxMetadataRegion) {
			continue
		}
		s.readVHDXMetadata(img, int64(le.Uint64(e[16:])), int64(le.Uint32(e[24:])))
		return img
	}
	s.add(rules.DskHeaderMalformed.New(s.off(regionTable), "VHDX region table has no metadata region"))
	return img
}

// readVHDXMetadata reads the metadata table at off (length n) for the virtual
// disk size and the has-parent flag.
func (s *source) readVHDXMetadata(img *report.DiskImage, off, n int64) {
	if off < 0 || off > 1<<50 || !s.has(off, min(n, 64<<10)) {
		s.add(rules.DskTruncated.New(s.off(192<<10), "VHDX metadata region at byte %d lies outside the member (%d bytes)", off, s.size))
		return
	}
	t := s.at(off, 32+32*64)
	if t == nil && s.ioErr != nil {
		return // a read that failed is not a damaged image; the notes say so
	}
	if t == nil || !bytes.HasPrefix(t, []byte("metadata")) {
		s.add(rules.DskHeaderMalformed.New(s.off(off), "VHDX metadata table does not start with \"metadata\""))
		return
	}
	le := binary.LittleEndian
	count := min(int(le.Uint16(t[10:])), 64)
	img.Subformat = "dynamic"
	for i := range count {
		e := t[32+32*i:]
		item, itemOff, itemLen := e[:16], off+int64(le.Uint32(e[16:])), le.Uint32(e[20:])
		switch {
		case bytes.Equal(item, vhdxVirtualSize) && itemLen >= 8:
			if b := s.at(itemOff, 8); b != nil {
				if v := le.Uint64(b); v <= 1<<62 {
					img.VirtualSize = int64(v)
				}
			}
		case bytes.Equal(item, vhdxFileParameters) && itemLen >= 8:
			if b := s.at(itemOff, 8); b != nil {
				if le.Uint32(b[4:])&1 != 0 {
					img.Subformat = "fixed"
				}
				if le.Uint32(b[4:])&2 != 0 {
					img.Subformat = "differencing"
				}
			}
		case bytes.Equal(item, vhdxParentLocator):
			img.Subformat = "differencing"
		}
	}
	if img.Subformat == "differencing" {
		s.add(rules.DskExternalFile.New(s.off(off), "VHDX is a differencing disk whose parent is not part of the package").
			WithHint("Merge the differencing disk into its parent (Merge-VHD) and export the merged disk."))
	}
	if img.VirtualSize == 0 && s.ioErr == nil {
		s.add(rules.DskHeaderMalformed.New(s.off(off), "VHDX metadata gives no virtual disk size"))
	}
	s.notef("VHDX %s", img.Subformat)
}
