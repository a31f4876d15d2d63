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

// qemuHint explains the layout qemu-img writes and what to do for a VMware
// target.
const qemuHint = "Nothing to do for qemu-img and the tools built on it (virt-v2v): they read this layout. VMware importers have been " +
	"reported failing on qemu-made stream-optimized disks whose digest is right (user reports, not verified here); " +
	"for a VMware target, convert the disk with open-vmdk's vmdk-convert (or ovftool) to get VMware's own layout, " +
	"then regenerate the manifest."

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

// checkStreamLayout checks where a stream-optimized file keeps its grain
// directory and whether the end of the file agrees, then samples the first
// markers after the header. It returns the sector of the grain directory to
// read, or gdAtEnd when none is usable.
//
// Two layouts are sound. VMware's (ovftool, vSphere, open-vmdk, Python's
// VMDKstream, xen-orchestra) puts gdAtEnd in the header and ends with a
// footer marker, a footer giving the directory, and an end-of-stream marker.
// qemu-img's puts the directory and tables after the descriptor, writes
// grains after them and ends with the last grain padded to a sector: no
// footer and no end-of-stream marker (qemu/qemu block/vmdk.c
// (vmdk_init_extent, vmdk_co_pwritev_compressed)). A file without an
// end-of-stream marker is therefore truncated only when its header promised
// a footer, or when a table, marker or grain reaches past the end.
func (s *source) checkStreamLayout(h sparseHeader) uint64 {
	gd := h.gdOffset
	if h.gdOffset == gdAtEnd {
		gd = s.readFooter()
	} else {
		eos := s.endsWithEOS()
		switch {
		case eos && s.hasFooter():
			s.note("grain directory in the header and in a footer")
		case eos:
			s.add(rules.DskStreamNoFooter.New(s.off(offGDOffset),
				"stream-optimized VMDK keeps its grain directory at sector %d and has no footer; it ends with an end-of-stream marker", h.gdOffset).
				WithHint(qemuHint))
		default:
			s.add(rules.DskStreamNoFooter.New(s.off(offGDOffset),
				"stream-optimized VMDK keeps its grain directory at sector %d, with no footer and no end-of-stream marker: the layout qemu-img writes", h.gdOffset).
				WithHint(qemuHint))
		}
	}
	s.sampleMarkers(h)
	return gd
}

// endsWithEOS reports whether the member ends with an end-of-stream marker:
// a whole last sector whose value, size and type are zero.
func (s *source) endsWithEOS() bool {
	if s.size < 1024 || s.size%512 != 0 {
		return false
	}
	last := s.at(s.size-512, 16)
	if last == nil || !allZero(last) {
		return false
	}
	s.note("end-of-stream marker present")
	return true
}

// isFooterMarker reports whether m (a sector's first 16 bytes) is a footer
// marker. Its value (sectors of metadata that follow) is not checked:
// VMware writes 1, xen-orchestra 0, and qemu ignores it (qemu/qemu
// block/vmdk.c (vmdk_open_vmdk4) checks only size, type and the footer's
// magic).
func isFooterMarker(m []byte) bool {
	return binary.LittleEndian.Uint32(m[8:]) == 0 && binary.LittleEndian.Uint32(m[12:]) == markerFooter
}

// hasFooter reports whether a footer marker and footer precede the final
// end-of-stream marker.
func (s *source) hasFooter() bool {
	if s.size < 2048 {
		return false
	}
	b := s.at(s.size-1536, 1024)
	return b != nil && isFooterMarker(b) && bytes.HasPrefix(b[512:], []byte("KDMV"))
}

// readFooter reads the footer marker, footer and end-of-stream marker that
// must end a file whose header puts the grain directory at the end, and
// returns the grain directory sector the footer gives.
func (s *source) readFooter() uint64 {
	const promise = "its header puts the grain directory in a footer at the end (gdOffset 0xffffffffffffffff)"
	if s.size < 1536+512 {
		s.add(rules.DskStreamNoEOS.New(s.off(s.size),
			"stream-optimized VMDK is %d bytes, too short to hold the footer %s: the file is cut short", s.size, promise).
			WithHint(refetchHint))
		return gdAtEnd
	}
	if !s.endsWithEOS() {
		s.add(rules.DskStreamNoEOS.New(s.off(s.size),
			"stream-optimized VMDK does not end with an end-of-stream marker although %s, so the grain directory cannot be found: the file is cut short or has bytes appended", promise).
			WithHint(refetchHint))
		return gdAtEnd
	}
	b := s.at(s.size-1536, 1024)
	if b == nil {
		return gdAtEnd
	}
	marker, footer := b[:512], b[512:]
	if !isFooterMarker(marker) {
		s.add(rules.DskStreamMarkers.New(s.off(s.size-1536),
			"the sector two before the end-of-stream marker is not a footer marker (size %d, type %d; a footer marker has size 0 and type 3), so the grain directory cannot be found",
			binary.LittleEndian.Uint32(marker[8:]), binary.LittleEndian.Uint32(marker[12:])))
		return gdAtEnd
	}
	if !bytes.HasPrefix(footer, []byte("KDMV")) {
		s.add(rules.DskStreamMarkers.New(s.off(s.size-1024),
			"the footer after the footer marker does not start with the magic \"KDMV\" (it starts % x), so the grain directory cannot be found", footer[:4]))
		return gdAtEnd
	}
	if v := binary.LittleEndian.Uint64(marker); v != 1 {
		s.notef("footer marker gives %d sectors where VMware writes 1 (xen-orchestra writes 0; readers ignore the value)", v)
	}
	f := parseSparseHeader(footer)
	if f.gdOffset == gdAtEnd || f.gdOffset == 0 {
		s.add(rules.DskGrainDirectory.New(s.off(s.size-1024+offGDOffset), "stream-optimized VMDK footer gives no grain directory offset (gdOffset %#x)", f.gdOffset))
		return gdAtEnd
	}
	s.note("footer with grain directory at the end")
	// A grain directory marker must precede the directory.
	if gdOff := sectorsToBytes(f.gdOffset); gdOff >= 512 && s.has(gdOff-512, 512) {
		if m := s.at(gdOff-512, 16); m != nil && (binary.LittleEndian.Uint32(m[8:]) != 0 || binary.LittleEndian.Uint32(m[12:]) != markerGD) {
			s.add(rules.DskStreamMarkers.New(s.off(gdOff-512),
				"the sector before the grain directory (sector %d) is not a grain directory marker (size %d, type %d; one has size 0 and type 2)",
				f.gdOffset-1, binary.LittleEndian.Uint32(m[8:]), binary.LittleEndian.Uint32(m[12:])))
		}
	}
	return f.gdOffset
}

// refetchHint is the advice for a file that lacks bytes it should have.
const refetchHint = "Download or copy the disk again; if the publisher's copy is the same, it was shipped cut short and must be exported again."

// sampleMarkers walks the first limits.MaxStreamMarkersSampled markers after
// the header and descriptor and reports one that cannot be right or that
// the member cuts short. It stops at the end-of-stream marker and at a
// metadata marker that does not give its length (xen-orchestra writes 0).
func (s *source) sampleMarkers(h sparseHeader) {
	off := sectorsToBytes(h.overhead)
	switch {
	case off <= 0:
		s.add(rules.DskHeaderMalformed.New(s.off(64), "stream-optimized VMDK overHead of %d sectors leaves no room for the header", h.overhead))
		return
	case !s.has(off, 0):
		// qemu/qemu block/vmdk.c (vmdk_open_vmdk4): "File truncated".
		s.add(rules.DskTruncated.New(s.off(64),
			"stream-optimized VMDK header says grains start at byte %d (overHead %d sectors), but the member is only %d bytes: the file is cut short",
			off, h.overhead, s.size).WithHint(refetchHint))
		return
	}
	maxCompressed := maxCompressedGrain(h.grainBytes())
	for range limits.MaxStreamMarkersSampled {
		if off >= s.size {
			return
		}
		if !s.has(off, 16) {
			s.add(rules.DskTruncated.New(s.off(off), "stream-optimized VMDK ends inside the marker at byte %d: the file is cut short", off))
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
			if !s.has(off, 12+int64(size)) {
				s.add(rules.DskTruncated.New(s.off(off),
					"the grain at disk sector %d (marker at byte %d) announces %d compressed bytes but the member ends %d bytes after the marker: the file is cut short",
					val, off, size, s.size-off-12).WithHint(refetchHint))
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
		if val == 0 {
			return
		}
		n := sectorsToBytes(val)
		if n < 0 || !s.has(off+512, n) {
			s.add(rules.DskTruncated.New(s.off(off),
				"stream-optimized VMDK metadata marker at byte %d announces %d sectors that the member does not hold: the file is cut short", off, val).
				WithHint(refetchHint))
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
