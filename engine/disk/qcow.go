package disk

import (
	"encoding/binary"

	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// QCOW2 incompatible-feature bits (qcow2 specification, header version 3).
const (
	qcowDirty        = 1 << 0
	qcowCorrupt      = 1 << 1
	qcowExternalData = 1 << 2
)

// probeQCOW reads a QCOW or QCOW2 header (big-endian).
func (s *source) probeQCOW(head []byte) *report.DiskImage {
	img := &report.DiskImage{Format: FormatQCOW2}
	if len(head) < 72 {
		s.add(rules.DskTruncated.New(s.off(0), "QCOW header is cut short: the member is only %d bytes", s.size))
		return img
	}
	be := binary.BigEndian
	version := be.Uint32(head[4:])
	img.Subformat = "v" + itoa(int64(version))
	size := be.Uint64(head[24:])
	if size > 1<<62 {
		s.add(rules.DskHeaderMalformed.New(s.off(24), "QCOW virtual size %d is not believable", size))
	} else {
		img.VirtualSize = int64(size)
	}
	var crypt uint32
	switch version {
	case 1:
		img.Format, img.Subformat = FormatQCOW, ""
		crypt = be.Uint32(head[32:])
	case 2, 3:
		crypt = be.Uint32(head[32:])
		bitsPerCluster := be.Uint32(head[20:])
		if bitsPerCluster < 9 || bitsPerCluster > 21 {
			s.add(rules.DskHeaderMalformed.New(s.off(20), "QCOW2 cluster_bits is %d; qemu accepts 9 to 21", bitsPerCluster))
		}
		if version == 3 && len(head) >= 104 {
			s.checkQCOWFeatures(be.Uint64(head[72:]))
		}
	default:
		s.add(rules.DskHeaderMalformed.New(s.off(4), "QCOW header version is %d; versions 1 to 3 exist", version))
		return img
	}
	s.notef("QCOW version %d", version)
	if crypt != 0 {
		s.add(rules.DskEncrypted.New(s.off(32), "QCOW image is encrypted (crypt_method %d); a consumer cannot read it without the key", crypt).
			WithHint("Ship the disk unencrypted and let the target encrypt it at rest."))
	}
	s.checkQCOWBacking(head)
	return img
}

// checkQCOWFeatures reports the incompatible-feature bits that matter.
func (s *source) checkQCOWFeatures(incompat uint64) {
	if incompat&qcowCorrupt != 0 {
		s.add(rules.DskHeaderMalformed.New(s.off(72), "QCOW2 image marks itself corrupt (incompatible feature bit 1)").
			WithHint("Run qemu-img check -r all on the source image and export it again."))
	}
	if incompat&qcowDirty != 0 {
		s.add(rules.DskUnclean.New(s.off(72), "QCOW2 image is marked dirty: its refcounts were not written back when it was closed").
			WithHint("Run qemu-img check -r leaks on the source image before packaging it."))
	}
	if incompat&qcowExternalData != 0 {
		s.add(rules.DskExternalFile.New(s.off(72), "QCOW2 image keeps its data in an external data file that is not part of the package").
			WithHint("Convert it to a self-contained image: qemu-img convert -O qcow2 in.qcow2 out.qcow2."))
	}
}

// checkQCOWBacking reports a backing file named in the header.
func (s *source) checkQCOWBacking(head []byte) {
	be := binary.BigEndian
	off, n := be.Uint64(head[8:]), be.Uint32(head[16:])
	if off == 0 {
		return
	}
	name := ""
	if n > 0 && n <= 1023 && off < 1<<62 {
		if b := s.at(int64(off), int(n)); b != nil {
			name = string(b)
		}
	}
	s.add(rules.DskExternalFile.New(s.off(8), "QCOW image depends on backing file %q, which is not part of the package", name).
		WithHint("Flatten the chain into one image: qemu-img convert -O qcow2 (or -O vmdk -o subformat=streamOptimized) overlay.qcow2 out."))
}
