package disk

import (
	"bytes"
	"encoding/binary"

	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// probeISO recognises an ISO 9660 image by its volume descriptors from
// sector 16 (2,048-byte sectors) and reads the primary volume descriptor's
// volume size, or returns nil.
func (s *source) probeISO() *report.DiskImage {
	const first = 16 * 2048
	if !s.has(first, 2048) {
		return nil
	}
	if b := s.at(first, 8); b == nil || !bytes.Equal(b[1:6], []byte("CD001")) {
		if b != nil && (bytes.Equal(b[1:6], []byte("BEA01")) || bytes.Equal(b[1:6], []byte("NSR02"))) {
			s.note("UDF volume recognition sequence")
			return &report.DiskImage{Format: FormatISO, Subformat: "udf", VirtualSize: s.size}
		}
		return nil
	}
	img := &report.DiskImage{Format: FormatISO, VirtualSize: s.size}
	for i := int64(0); i < 16; i++ {
		off := first + i*2048
		d := s.at(off, 256)
		if d == nil || !bytes.Equal(d[1:6], []byte("CD001")) || d[0] == 255 {
			break
		}
		if d[0] != 1 {
			continue
		}
		blocks, blockSize := int64(binary.LittleEndian.Uint32(d[80:])), int64(binary.LittleEndian.Uint16(d[128:]))
		if blockSize != 2048 && blockSize != 512 && blockSize != 1024 {
			s.add(rules.DskHeaderMalformed.New(s.off(off+128), "ISO 9660 logical block size is %d; 2048 is the norm", blockSize))
			return img
		}
		img.VirtualSize = blocks * blockSize
		img.AllocatedSize = img.VirtualSize
		s.notef("ISO 9660 volume of %d blocks", blocks)
		if img.VirtualSize > s.size {
			s.add(rules.DskTruncated.New(s.off(off+80),
				"ISO 9660 volume is %d bytes but the member holds %d: the image is truncated", img.VirtualSize, s.size).
				WithHint("Build or copy the ISO again; the end of its file system is missing."))
		}
		return img
	}
	s.add(rules.DskHeaderMalformed.New(s.off(first), "ISO 9660 image has no primary volume descriptor"))
	return img
}

// isVDI reports whether head is a VirtualBox VDI header (signature at 0x40).
func isVDI(head []byte) bool {
	return len(head) >= 0x48 && binary.LittleEndian.Uint32(head[0x40:]) == 0xbeda107f
}

// probeVDI reads a VirtualBox VDI header (version 1.1): image type at 0x4c
// and disk size at 0x170.
func (s *source) probeVDI(head []byte) *report.DiskImage {
	img := &report.DiskImage{Format: FormatVDI}
	if len(head) < 0x178 {
		s.add(rules.DskTruncated.New(s.off(0), "VDI header is cut short: the member is only %d bytes", s.size))
		return img
	}
	switch binary.LittleEndian.Uint32(head[0x4c:]) {
	case 1:
		img.Subformat = "dynamic"
	case 2:
		img.Subformat = "fixed"
	case 4:
		img.Subformat = "differencing"
		s.add(rules.DskExternalFile.New(s.off(0x4c), "VDI is a differencing image whose parent is not part of the package"))
	}
	if v := binary.LittleEndian.Uint64(head[0x170:]); v <= 1<<62 {
		img.VirtualSize = int64(v)
	}
	return img
}
