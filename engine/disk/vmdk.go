package disk

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/bits"

	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
	"github.com/ovacheck/ovacheck/engine/spancache"
)

// utf8Replacement is U+FFFD in UTF-8: what a text conversion writes in place
// of each byte that is not valid UTF-8.
var utf8Replacement = []byte{0xef, 0xbf, 0xbd}

// Sparse extent header flags (VMware Virtual Disk Format 5.0, 2.x).
const (
	flagNewlineDetect = 1 << 0
	flagRedundantGT   = 1 << 1
	flagZeroedGTE     = 1 << 2
	flagCompressed    = 1 << 16
	flagMarkers       = 1 << 17

	// gdAtEnd in the header's gdOffset says the grain directory's place is
	// in the footer at the end of a stream-optimized file.
	gdAtEnd = ^uint64(0)

	compressDeflate = 1
)

// sparseHeader is the 512-byte header of a VMDK sparse extent ("KDMV"),
// little-endian.
type sparseHeader struct {
	version, flags      uint32
	capacity, grainSize uint64 // sectors
	descOffset          uint64 // sectors
	descSize            uint64 // sectors
	numGTEs             uint32
	rgdOffset, gdOffset uint64 // sectors
	overhead            uint64 // sectors
	unclean             byte
	newlines            [4]byte
	compress            uint16
}

// Byte offsets of header fields, for finding locations.
const (
	offVersion   = 4
	offFlags     = 8
	offCapacity  = 12
	offGrainSize = 20
	offNumGTEs   = 44
	offGDOffset  = 56
	offCompress  = 77
)

func parseSparseHeader(b []byte) sparseHeader {
	le := binary.LittleEndian
	h := sparseHeader{
		version:    le.Uint32(b[4:]),
		flags:      le.Uint32(b[8:]),
		capacity:   le.Uint64(b[12:]),
		grainSize:  le.Uint64(b[20:]),
		descOffset: le.Uint64(b[28:]),
		descSize:   le.Uint64(b[36:]),
		numGTEs:    le.Uint32(b[44:]),
		rgdOffset:  le.Uint64(b[48:]),
		gdOffset:   le.Uint64(b[56:]),
		overhead:   le.Uint64(b[64:]),
		unclean:    b[72],
		compress:   le.Uint16(b[77:]),
	}
	copy(h.newlines[:], b[73:77])
	return h
}

func (h sparseHeader) compressed() bool { return h.flags&flagCompressed != 0 }
func (h sparseHeader) markers() bool    { return h.flags&flagMarkers != 0 }

// grainBytes is the grain size in bytes; valid only after validGrain.
func (h sparseHeader) grainBytes() int64 { return int64(h.grainSize) * 512 }

// validGrain reports whether the grain size is a power of two of at least 8
// sectors and within limits.MaxVMDKGrainBytes.
func (h sparseHeader) validGrain() bool {
	return h.grainSize >= 8 && bits.OnesCount64(h.grainSize) == 1 &&
		h.grainSize*512 <= limits.MaxVMDKGrainBytes
}

// maxCapacitySectors bounds a believable capacity: 2 PiB. VMFS caps VMDKs at
// 62 TiB; beyond this, arithmetic on the header is not worth trusting.
const maxCapacitySectors = 1 << 42

// numGTs is how many grain tables the capacity needs.
func (h sparseHeader) numGTs() int64 {
	grains := (h.capacity + h.grainSize - 1) / h.grainSize
	return int64((grains + uint64(h.numGTEs) - 1) / uint64(h.numGTEs))
}

// probeSparseVMDK reads a hosted sparse or stream-optimized VMDK.
func (s *source) probeSparseVMDK(head []byte) *report.DiskImage {
	img := &report.DiskImage{Format: FormatVMDK}
	if len(head) < 512 {
		s.add(rules.DskTruncated.New(s.off(0), "VMDK sparse header is cut short: the member is only %d bytes", s.size))
		return img
	}
	if i := bytes.Index(head, utf8Replacement); i >= 0 {
		s.add(rules.DskHeaderMalformed.New(s.off(int64(i)),
			"VMDK header holds the bytes EF BF BD (U+FFFD, the Unicode replacement character) at byte %d: the file went through a text/UTF-8 conversion that replaced every byte above 0x7F, so the whole file is corrupt", i).
			WithHint("The file went through a text/UTF-8 conversion (a download saved as text, git with text conversion, an editor or a script that read it as a string). Transfer it again as binary and regenerate the manifest."))
		return img
	}
	h := parseSparseHeader(head)
	desc := s.readEmbeddedDescriptor(h)
	img.Subformat = desc.createType
	if img.Subformat == "" {
		img.Subformat = "monolithicSparse"
		if h.compressed() && h.markers() {
			img.Subformat = SubformatStream
		}
	}
	if h.compressed() {
		img.Compression = "deflate"
	}
	if !s.checkSparseHeader(h) {
		return img
	}
	img.VirtualSize = sectorsToBytes(h.capacity)
	s.notef("version %d, grain %d KiB", h.version, h.grainBytes()>>10)
	s.checkDescriptorAgainstHeader(h, desc)
	stream := img.Subformat == SubformatStream || (h.compressed() && h.markers())
	gd := h.gdOffset
	if stream {
		s.checkStreamHeader(h, img.Subformat)
		gd = s.checkStreamLayout(h)
	} else if h.gdOffset == gdAtEnd {
		s.add(rules.DskHeaderMalformed.New(s.off(offGDOffset),
			"VMDK header puts the grain directory at the end, which only stream-optimized disks do, but createType is %q", img.Subformat))
		return img
	}
	if gd != gdAtEnd && gd != 0 {
		if grains, ok := s.checkGrainDirectory(h, gd, stream); ok {
			img.AllocatedSize = grains * h.grainBytes()
		}
	}
	return img
}

// checkSparseHeader checks the fields every sparse extent needs; false means
// the rest of the header cannot be trusted.
func (s *source) checkSparseHeader(h sparseHeader) bool {
	ok := true
	if h.version < 1 || h.version > 3 {
		s.add(rules.DskHeaderMalformed.New(s.off(offVersion), "VMDK header version is %d; versions 1 to 3 exist", h.version))
		ok = false
	}
	if !h.validGrain() {
		s.add(rules.DskHeaderMalformed.New(s.off(offGrainSize),
			"VMDK grain size is %d sectors; it must be a power of two from 8 to %d sectors", h.grainSize, limits.MaxVMDKGrainBytes/512))
		ok = false
	}
	if h.numGTEs == 0 || h.numGTEs > 1<<16 {
		s.add(rules.DskHeaderMalformed.New(s.off(offNumGTEs), "VMDK header says %d entries per grain table", h.numGTEs))
		ok = false
	}
	if h.capacity == 0 || h.capacity > maxCapacitySectors {
		s.add(rules.DskHeaderMalformed.New(s.off(offCapacity), "VMDK header capacity is %d sectors", h.capacity))
		ok = false
	}
	if h.flags&flagNewlineDetect != 0 && h.newlines != [4]byte{'\n', ' ', '\r', '\n'} {
		s.add(rules.DskHeaderMalformed.New(s.off(73),
			"VMDK newline-detection bytes are %q, not \"\\n \\r\\n\": the file went through a text-mode transfer that rewrote line ends", h.newlines[:]).
			WithHint("Transfer the disk again in binary mode (FTP 'binary', no line-end conversion) and regenerate the manifest."))
		ok = false
	}
	if h.unclean != 0 {
		s.add(rules.DskUnclean.New(s.off(72), "VMDK header says the disk was not closed cleanly (uncleanShutdown = %d)", h.unclean).
			WithHint("Export the disk again from a powered-off virtual machine."))
	}
	return ok
}

// readEmbeddedDescriptor reads and parses the descriptor a sparse extent
// carries, and reports a parent disk named in it.
func (s *source) readEmbeddedDescriptor(h sparseHeader) vmdkDescriptor {
	if h.descOffset == 0 || h.descSize == 0 {
		return vmdkDescriptor{}
	}
	off, n := sectorsToBytes(h.descOffset), sectorsToBytes(h.descSize)
	if off < 0 || n < 0 || !s.has(off, min(n, 512)) {
		s.add(rules.DskTruncated.New(s.off(28), "VMDK embedded descriptor at sector %d lies past the end of the member (%d bytes)", h.descOffset, s.size))
		return vmdkDescriptor{}
	}
	n = min(n, limits.MaxVMDKDescriptorSize, s.size-off)
	d := parseVMDKDescriptor(s.at(off, int(n)))
	if d.createType != "" {
		s.notef("createType %s", d.createType)
	}
	if d.hasParent() {
		msg := "VMDK is a delta disk: its descriptor names a parent (parentCID " + d.parentCID
		if d.parentHint != "" {
			msg += fmt.Sprintf(", parentFileNameHint %q", d.parentHint)
		}
		s.add(rules.DskExternalFile.New(s.off(off), "%s) that is not part of the package", msg).
			WithHint("Consolidate the snapshot chain into one disk (e.g. vmware-vdiskmanager or qemu-img convert) and export that."))
	}
	return d
}

// checkDescriptorAgainstHeader compares the descriptor's extent size with
// the header's capacity.
func (s *source) checkDescriptorAgainstHeader(h sparseHeader, d vmdkDescriptor) {
	if len(d.extents) != 1 {
		return
	}
	if n := d.extentSectors(); n >= 0 && uint64(n) != h.capacity {
		s.add(rules.DskHeaderMalformed.New(s.off(offCapacity),
			"VMDK header capacity is %d sectors but its embedded descriptor's extent line says %d sectors", h.capacity, n).
			WithHint("One of the two was edited after the disk was written; regenerate the disk with its producer."))
	}
}

// checkGrainDirectory reads the grain directory at sector gd and as many grain
// tables as limits allow, reporting entries that point past the end. It
// returns the number of allocated grains when every table was read.
func (s *source) checkGrainDirectory(h sparseHeader, gd uint64, stream bool) (int64, bool) {
	nGT := h.numGTs()
	gdOff := sectorsToBytes(gd)
	if gdOff < 0 || !s.has(gdOff, nGT*4) {
		s.add(rules.DskGrainDirectory.New(s.off(offGDOffset),
			"grain directory at sector %d (%d entries) lies past the end of the member (%d bytes)", gd, nGT, s.size).
			WithHint("The image is truncated or its header was damaged; regenerate the disk."))
		return 0, false
	}
	readable := min(nGT, limits.MaxVMDKGrainDirectoryRead/4)
	dir := s.at(gdOff, int(readable*4))
	if dir == nil {
		return 0, false
	}
	gtBytes := int64(h.numGTEs) * 4
	var grains, bad int64
	var last lastGrain
	complete := readable == nGT
	tableBudget := int64(limits.MaxVMDKGrainTableRead)
	for i := range readable {
		if i%tablesPerPrefetch == 0 {
			s.prefetch(s.tableSpans(h, dir, i, min(i+tablesPerPrefetch, readable), gtBytes, tableBudget))
		}
		off, ok := tableOffset(h, dir, i)
		if !ok {
			continue
		}
		if off < 0 || !s.has(off, gtBytes) {
			if bad++; bad <= 3 {
				s.add(rules.DskGrainDirectory.New(s.off(gdOff+i*4),
					"grain directory entry %d points to sector %d, past the end of the member (%d bytes): the file is cut short or its directory is damaged", i, binaryLE32(dir, i), s.size))
			}
			continue
		}
		if tableBudget < gtBytes {
			complete = false
			continue
		}
		tableBudget -= gtBytes
		gt := s.at(off, int(gtBytes))
		if gt == nil {
			complete = false
			continue
		}
		grains += s.checkGrainTable(h, gt, off, uint64(i)*uint64(h.numGTEs), stream, &bad, &last)
	}
	if stream && bad == 0 && last.at > 0 {
		s.checkLastGrain(h, last)
	}
	if bad > 3 {
		s.add(rules.DskGrainDirectory.New(s.off(gdOff), "%d more grain directory or table entries point past the end of the member", bad-3))
	}
	return grains, complete
}

// tablesPerPrefetch is how many grain tables a probe asks for at once
// (512 KiB of 512-entry tables): one round trip for each group on a reader
// where every read is one (a browser's File), and few enough to stay kept
// until they are walked.
const tablesPerPrefetch = 256

// tableOffset returns where grain directory entry i puts its table, or
// false for an entry with no table (unallocated, or zeroed).
func tableOffset(h sparseHeader, dir []byte, i int64) (int64, bool) {
	e := uint64(binaryLE32(dir, i))
	if e == 0 || e == 1 && h.flags&flagZeroedGTE != 0 {
		return 0, false
	}
	return sectorsToBytes(e), true
}

// tableSpans lists the tables of directory entries [from, to) that the
// walk will read within budget bytes.
func (s *source) tableSpans(h sparseHeader, dir []byte, from, to, gtBytes, budget int64) []spancache.Span {
	var spans []spancache.Span
	for i := from; i < to && budget >= gtBytes; i++ {
		if off, ok := tableOffset(h, dir, i); ok && off >= 0 && s.has(off, gtBytes) {
			spans = append(spans, spancache.Span{Off: off, N: gtBytes})
			budget -= gtBytes
		}
	}
	return spans
}

// lastGrain is the grain stored furthest into the member: where its marker
// is and which disk sector the tables say it holds.
type lastGrain struct {
	at  int64
	lba uint64
}

// checkGrainTable counts the allocated grains of one table (whose first
// entry is grain number first) and reports entries that point past the end
// of the member. For a stream-optimized extent it records the grain stored
// furthest into the member in last.
func (s *source) checkGrainTable(h sparseHeader, gt []byte, at int64, first uint64, stream bool, bad *int64, last *lastGrain) int64 {
	need := h.grainBytes()
	if stream {
		need = 12 // a grain marker's fixed part
	}
	var n int64
	for j := range int64(len(gt) / 4) {
		e := uint64(binaryLE32(gt, j))
		if e == 0 || (e == 1 && h.flags&flagZeroedGTE != 0) {
			continue
		}
		n++
		off := sectorsToBytes(e)
		if off < 0 || !s.has(off, need) {
			if *bad++; *bad <= 3 {
				s.add(rules.DskGrainDirectory.New(s.off(at+j*4),
					"grain table entry for disk sector %d points to sector %d, past the end of the member (%d bytes): the file is cut short or its table is damaged",
					(first+uint64(j))*h.grainSize, e, s.size))
			}
			continue
		}
		if off > last.at {
			*last = lastGrain{at: off, lba: (first + uint64(j)) * h.grainSize}
		}
	}
	return n
}

// checkLastGrain reads the marker of the grain stored last and reports it
// when it names another disk sector than the tables do or when its
// compressed bytes run past the end of the member: the evidence that a file
// without an end-of-stream marker (qemu-img's layout) was cut short.
func (s *source) checkLastGrain(h sparseHeader, g lastGrain) {
	m := s.at(g.at, 12)
	if m == nil {
		return
	}
	lba, size := binary.LittleEndian.Uint64(m), binary.LittleEndian.Uint32(m[8:])
	switch {
	case lba != g.lba || size == 0:
		s.add(rules.DskStreamMarkers.New(s.off(g.at),
			"the grain tables place disk sector %d at byte %d, but the grain marker there gives disk sector %d and %d compressed bytes", g.lba, g.at, lba, size))
	case !s.has(g.at+12, int64(size)):
		s.add(rules.DskTruncated.New(s.off(g.at),
			"the last grain (disk sector %d, marker at byte %d) announces %d compressed bytes but the member ends %d bytes after its marker: the file is cut short",
			lba, g.at, size, s.size-g.at-12).WithHint(refetchHint))
	}
}

func binaryLE32(b []byte, i int64) uint32 { return binary.LittleEndian.Uint32(b[i*4:]) }
