package disk

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// Metadata marker types of a stream-optimized VMDK. A marker is a sector
// whose first 8 bytes are a value (sectors of metadata that follow), then a
// zero size and the type; a grain marker has the grain's LBA and a non-zero
// compressed size instead, followed by the compressed bytes.
const (
	markerEOS    = 0
	markerGT     = 1
	markerGD     = 2
	markerFooter = 3
)

// qemuHint explains the layout and header values qemu-img writes.
const qemuHint = "qemu-img (7.2 here) writes stream-optimized disks with the grain directory at the start, a redundant " +
	"directory and no footer; earlier releases are reported to have written header version 1, which VMware's " +
	"importers refuse, and patched byte 4 to 3 afterwards. Convert with VMware's ovftool or open-vmdk's vmdk-convert " +
	"to get VMware's own layout, and regenerate the manifest after any change to the disk."

// checkStreamHeader holds a stream-optimized header to the values VMware's
// own writers use and its importers expect.
func (s *source) checkStreamHeader(h sparseHeader, createType string) {
	if createType != "" && createType != SubformatStream {
		s.add(rules.DskStreamFlags.New(s.off(offFlags),
			"VMDK has compressed grains and markers (flags 0x%x) but its descriptor says createType=%q, not \"streamOptimized\"", h.flags, createType))
	}
	if h.version != 3 {
		s.add(rules.DskStreamVersion.New(s.off(offVersion),
			"stream-optimized VMDK header version is %d; VMware writes 3 and its importers expect 3", h.version).
			WithHint(qemuHint))
	}
	if !h.compressed() || !h.markers() || h.compress != compressDeflate {
		s.add(rules.DskStreamFlags.New(s.off(offFlags),
			"stream-optimized VMDK header has flags 0x%x and compressAlgorithm %d; VMware requires bit 16 (compressed grains), bit 17 (markers) and compressAlgorithm 1 (deflate)",
			h.flags, h.compress).WithHint("Regenerate the disk with a stream-optimized writer (ovftool, vmdk-convert, qemu-img -o subformat=streamOptimized)."))
	}
	if h.grainSize != 128 || h.numGTEs != 512 {
		s.add(rules.DskStreamGeometry.New(s.off(offGrainSize),
			"stream-optimized VMDK has grains of %d sectors and %d entries per grain table; every VMware writer uses 128 and 512",
			h.grainSize, h.numGTEs))
	}
}

// checkStreamLayout checks the end of a stream-optimized file (footer and
// end-of-stream marker) and the first few markers after the header. It
// returns the sector of the grain directory to read, or gdAtEnd when none is
// usable.
func (s *source) checkStreamLayout(h sparseHeader) uint64 {
	gd := h.gdOffset
	eosOK := s.checkEOS()
	switch {
	case h.gdOffset == gdAtEnd:
		gd = s.readFooter(eosOK)
	case eosOK && s.hasFooter():
		s.note("grain directory in the header and in a footer")
	default:
		s.add(rules.DskStreamNoFooter.New(s.off(offGDOffset),
			"stream-optimized VMDK has its grain directory at sector %d and no footer, the layout qemu-img writes", h.gdOffset).
			WithHint(qemuHint))
	}
	s.sampleMarkers(h)
	return gd
}

// checkEOS reports whether the last sector is an end-of-stream marker (a
// sector of zeros: value 0, size 0, type 0).
func (s *source) checkEOS() bool {
	if s.size < 1024 {
		s.add(rules.DskStreamNoEOS.New(s.off(s.size), "stream-optimized VMDK of %d bytes has no room for an end-of-stream marker", s.size))
		return false
	}
	last := s.at(s.size-512, 512)
	if last == nil {
		return false
	}
	if s.size%512 != 0 || !allZero(last[:16]) {
		s.add(rules.DskStreamNoEOS.New(s.off(s.size-512),
			"stream-optimized VMDK does not end with an end-of-stream marker (a zero sector): the file is truncated or has bytes appended").
			WithHint("Download or copy the disk again; if the publisher's copy is the same, it was shipped cut short and must be exported again."))
		return false
	}
	s.note("end-of-stream marker present")
	return true
}

// hasFooter reports whether a footer marker and footer precede the final
// end-of-stream marker.
func (s *source) hasFooter() bool {
	if s.size < 2048 {
		return false
	}
	b := s.at(s.size-1536, 1024)
	return b != nil && binary.LittleEndian.Uint64(b) == 1 && binary.LittleEndian.Uint32(b[8:]) == 0 &&
		binary.LittleEndian.Uint32(b[12:]) == markerFooter && bytes.HasPrefix(b[512:], []byte("KDMV"))
}

// readFooter reads the footer marker and footer before the end-of-stream
// marker and returns the grain directory sector it gives.
func (s *source) readFooter(eosOK bool) uint64 {
	if !eosOK {
		s.add(rules.DskTruncated.New(s.off(s.size),
			"stream-optimized VMDK keeps its grain directory in a footer at the end, but the end of the file is not a footer and end-of-stream marker"))
		return gdAtEnd
	}
	if s.size < 1536+512 {
		s.add(rules.DskTruncated.New(s.off(s.size), "stream-optimized VMDK is too short (%d bytes) to hold a footer", s.size))
		return gdAtEnd
	}
	b := s.at(s.size-1536, 1024)
	if b == nil {
		return gdAtEnd
	}
	marker, footer := b[:512], b[512:]
	if binary.LittleEndian.Uint64(marker) != 1 || binary.LittleEndian.Uint32(marker[8:]) != 0 ||
		binary.LittleEndian.Uint32(marker[12:]) != markerFooter || !bytes.HasPrefix(footer, []byte("KDMV")) {
		s.add(rules.DskStreamMarkers.New(s.off(s.size-1536),
			"stream-optimized VMDK has no footer marker and footer before its end-of-stream marker, so its grain directory cannot be found"))
		return gdAtEnd
	}
	f := parseSparseHeader(footer)
	if f.gdOffset == gdAtEnd || f.gdOffset == 0 {
		s.add(rules.DskGrainDirectory.New(s.off(s.size-1024+offGDOffset), "stream-optimized VMDK footer gives no grain directory offset"))
		return gdAtEnd
	}
	s.note("footer with grain directory at the end")
	// A marker of the grain directory must precede it.
	if gdOff := sectorsToBytes(f.gdOffset); gdOff >= 512 && s.has(gdOff-512, 512) {
		if m := s.at(gdOff-512, 16); m != nil && (binary.LittleEndian.Uint32(m[8:]) != 0 || binary.LittleEndian.Uint32(m[12:]) != markerGD) {
			s.add(rules.DskStreamMarkers.New(s.off(gdOff-512), "the sector before the grain directory (sector %d) is not a grain directory marker", f.gdOffset-1))
		}
	}
	return f.gdOffset
}

// sampleMarkers walks the first limits.MaxStreamMarkersSampled markers after
// the header and descriptor and reports one that cannot be right.
func (s *source) sampleMarkers(h sparseHeader) {
	off := sectorsToBytes(h.overhead)
	if off <= 0 || !s.has(off, 0) {
		s.add(rules.DskHeaderMalformed.New(s.off(64), "stream-optimized VMDK overHead of %d sectors is outside the member", h.overhead))
		return
	}
	maxCompressed := maxCompressedGrain(h.grainBytes())
	for range limits.MaxStreamMarkersSampled {
		if !s.has(off, 512) {
			if off != s.size {
				s.add(rules.DskTruncated.New(s.off(off), "stream-optimized VMDK ends inside the marker at byte %d", off))
			}
			return
		}
		m := s.at(off, 16)
		if m == nil {
			return
		}
		val, size, typ := binary.LittleEndian.Uint64(m), binary.LittleEndian.Uint32(m[8:]), binary.LittleEndian.Uint32(m[12:])
		if size != 0 {
			if rule, msg := grainMarkerProblem(h, val, size, maxCompressed); rule != nil {
				s.add(rule.New(s.off(off), "%s", msg))
				return
			}
			off += roundSector(12 + int64(size))
			continue
		}
		switch typ {
		case markerEOS:
			return
		case markerGT, markerGD, markerFooter:
		default:
			s.add(rules.DskStreamMarkers.New(s.off(off), "stream-optimized VMDK marker at byte %d has unknown type %d", off, typ))
			return
		}
		n := sectorsToBytes(val)
		if n < 0 || !s.has(off+512, n) {
			s.add(rules.DskTruncated.New(s.off(off), "stream-optimized VMDK metadata marker at byte %d announces %d sectors that the member does not hold", off, val))
			return
		}
		off += 512 + n
	}
}

// grainMarkerProblem says what is wrong with a grain marker and which rule
// it breaks, or returns a nil rule.
func grainMarkerProblem(h sparseHeader, lba uint64, size uint32, maxCompressed int64) (*rules.Rule, string) {
	switch {
	case lba >= h.capacity:
		return rules.DskGrainBeyondCapacity, fmt.Sprintf("grain marker for disk sector %d lies beyond the capacity of %d sectors", lba, h.capacity)
	case lba%h.grainSize != 0:
		return rules.DskStreamMarkers, fmt.Sprintf("grain marker's disk sector %d is not on a grain boundary of %d sectors", lba, h.grainSize)
	case int64(size) > maxCompressed:
		return rules.DskStreamMarkers, fmt.Sprintf("grain marker announces %d compressed bytes, more than a grain of %d bytes can need", size, h.grainBytes())
	}
	return nil, ""
}

// maxCompressedGrain bounds the compressed size of one grain: deflate's
// stored blocks add 5 bytes per 64 KiB and the zlib wrapper 6.
func maxCompressedGrain(grain int64) int64 { return grain + grain/8 + 1024 }

func roundSector(n int64) int64 { return (n + 511) &^ 511 }

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}
