package disk

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"io"

	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// ProbeGzip probes a member whose File says ovf:compression="gzip". It
// checks the gzip header, inflates at most limits.MaxGzipSniff bytes to learn
// what image the stream holds, and holds the trailer's ISIZE (the inflated
// size modulo 2^32) against what that image must measure. Proving the stream
// complete needs it inflated in full: that is the deep check's job
// (NewDeepChecker with "gzip").
func ProbeGzip(r io.ReaderAt, size int64, member string) (*report.DiskImage, []report.Finding) {
	s := newSource(r, size, member)
	head := s.at(0, int(min(size, 2)))
	if !bytes.Equal(head, []byte{0x1f, 0x8b}) {
		s.add(rules.DskGzipNotGzip.New(s.off(0),
			"File declares ovf:compression=\"gzip\" but the member does not start with the gzip magic bytes 1f 8b").
			WithHint("Compress the disk with gzip, or drop ovf:compression from the File element."))
		img := s.probe()
		img.Notes = s.notesText()
		return img, s.findings
	}
	img := s.probeGzipStream()
	img.Notes = s.notesText()
	return img, s.findings
}

// probeUndeclaredGzip handles gzip bytes met by Probe, i.e. in a member whose
// File does not declare compression.
func (s *source) probeUndeclaredGzip() *report.DiskImage {
	s.add(rules.DskGzipUndeclared.New(s.off(0),
		"member is gzip-compressed but its File element has no ovf:compression=\"gzip\": consumers will read the compressed bytes as the disk").
		WithHint("Add ovf:compression=\"gzip\" to the File element (ovf:size stays the compressed size), or store the disk uncompressed."))
	return s.probeGzipStream()
}

// probeGzipStream checks the gzip header and trailer and sniffs the image
// inside.
func (s *source) probeGzipStream() *report.DiskImage {
	img := &report.DiskImage{Format: FormatRaw, Compression: "gzip"}
	if s.size < 18 {
		s.add(rules.DskGzipIncomplete.New(s.off(0), "gzip member is %d bytes, shorter than a gzip header and trailer", s.size))
		return img
	}
	zr, err := gzip.NewReader(&budgetReader{s: s})
	if err != nil {
		s.add(rules.DskGzipIncomplete.New(s.off(0), "gzip header is invalid: %v", err))
		return img
	}
	zr.Multistream(true)
	prefix := make([]byte, limits.MaxGzipSniff)
	n, err := readUpTo(zr, prefix)
	prefix = prefix[:n]
	// whole: the stream ended within the sniff window, so it was checked in
	// full, CRC and ISIZE included.
	whole := err == io.EOF
	switch {
	case err == nil || whole || errors.Is(err, errBudget) || s.ioErr != nil:
	case errors.Is(err, io.ErrUnexpectedEOF):
		s.add(rules.DskGzipIncomplete.New(s.off(s.size), "gzip stream ends after %d inflated bytes without its end and trailer: the member is truncated", n).
			WithHint("Download or copy the member again; if the publisher's copy is the same, compress the disk again."))
		whole = true
	default:
		s.add(rules.DskGzipIncomplete.New(s.off(0), "gzip stream is corrupt within its first %d inflated bytes: %v", n, err))
		return img
	}
	inner := sniffInner(prefix, s.member)
	img.Format, img.Subformat, img.VirtualSize = inner.img.Format, inner.img.Subformat, inner.img.VirtualSize
	s.findings = append(s.findings, inner.findings...)
	s.notef("gzip holding %s", img.Format)
	isize := s.at(s.size-4, 4)
	if whole {
		if img.Format == FormatRaw {
			img.VirtualSize = int64(n)
		}
		return img
	}
	if isize == nil {
		return img
	}
	s.checkISIZE(binary.LittleEndian.Uint32(isize), img, inner.exactSize)
	return img
}

// checkISIZE holds the gzip trailer's inflated size (mod 2^32) against what
// the image inside must measure. A truncated member's last four bytes are
// compressed data, which rarely pass.
func (s *source) checkISIZE(isize uint32, img *report.DiskImage, exact int64) {
	switch {
	case exact > 0 && uint32(exact) != isize:
		s.add(rules.DskGzipIncomplete.New(s.off(s.size-4),
			"gzip trailer says the inflated size is %d (mod 2^32) but the %s image inside measures %d bytes: the member is truncated or damaged", isize, img.Format, exact).
			WithHint("Download or copy the member again; if the publisher's copy is the same, compress the disk again."))
	case img.Format != FormatRaw && isize%512 != 0:
		s.add(rules.DskGzipIncomplete.New(s.off(s.size-4),
			"gzip trailer says the inflated size is %d (mod 2^32), not a whole number of sectors, which a %s image always is: the member is probably truncated", isize, img.Format).
			WithHint("Run the deep check (--deep) to inflate it in full, and download or copy the member again."))
	default:
		s.note("gzip trailer plausible; completeness proven only by --deep")
	}
}

// innerSniff is what the first inflated bytes of a gzip member say.
type innerSniff struct {
	img       *report.DiskImage
	findings  []report.Finding
	exactSize int64 // inflated size the image must have, when it is known
}

// sniffInner probes the inflated prefix of a gzip member with header-only
// checks; findings name the member without offsets, since those would be
// offsets in the inflated stream.
func sniffInner(prefix []byte, member string) innerSniff {
	s := newSource(bytes.NewReader(prefix), int64(len(prefix)), member)
	s.inflated = true
	var out innerSniff
	head := prefix[:min(len(prefix), 512)]
	switch {
	case bytes.HasPrefix(head, []byte("KDMV")) && len(head) == 512:
		h := parseSparseHeader(head)
		d := s.readEmbeddedDescriptor(h)
		out.img = &report.DiskImage{Format: FormatVMDK, Subformat: d.createType}
		if s.checkSparseHeader(h) {
			out.img.VirtualSize = sectorsToBytes(h.capacity)
			if d.createType == SubformatStream || (h.compressed() && h.markers()) {
				out.img.Subformat = SubformatStream
				s.checkStreamHeader(h, d.createType)
			}
		}
	case bytes.HasPrefix(head, []byte("QFI\xfb")):
		out.img = s.probeQCOW(head)
	case bytes.HasPrefix(head, []byte("conectix")):
		out.img = &report.DiskImage{Format: FormatVHD, Subformat: "dynamic"}
		if len(head) >= 56 {
			out.img.VirtualSize = int64(binary.BigEndian.Uint64(head[48:]) & (1<<62 - 1))
		}
	default:
		if iso := s.probeISO(); iso != nil {
			out.img, out.exactSize = iso, iso.VirtualSize
			s.findings = nil // truncation of the prefix is not truncation of the image
		} else {
			out.img = &report.DiskImage{Format: FormatRaw}
		}
	}
	out.findings = s.findings
	return out
}

// readUpTo fills p from r, returning r's own error (io.EOF at a clean end).
func readUpTo(r io.Reader, p []byte) (int, error) {
	n := 0
	for n < len(p) {
		m, err := r.Read(p[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// errBudget says the probe's read budget or an I/O error stopped a read.
var errBudget = errors.New("disk: probe read budget spent")

// budgetReader reads a member sequentially through the probe's budget.
type budgetReader struct {
	s   *source
	off int64
}

func (b *budgetReader) Read(p []byte) (int, error) {
	if b.off >= b.s.size {
		return 0, io.EOF
	}
	n := int(min(int64(len(p)), b.s.size-b.off, 4096))
	chunk := b.s.at(b.off, n)
	if chunk == nil {
		return 0, errBudget
	}
	b.off += int64(n)
	return copy(p, chunk), nil
}
