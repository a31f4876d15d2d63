package disk

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
	"github.com/ovacheck/ovacheck/engine/spancache"
)

// Format names used in report.DiskImage.Format.
const (
	FormatVMDK  = "vmdk"
	FormatVHD   = "vhd"
	FormatVHDX  = "vhdx"
	FormatQCOW2 = "qcow2"
	FormatQCOW  = "qcow"
	FormatVDI   = "vdi"
	FormatISO   = "iso9660"
	FormatRaw   = "raw"
)

// SubformatStream is the Subformat of a stream-optimized VMDK (its
// createType).
const SubformatStream = "streamOptimized"

// Probe sniffs the member's bytes (r holds size bytes) and reads the image's
// own headers, footers and metadata. It returns what it saw and the problems
// it found, each located in member. Probe never reads more than
// limits.MaxDiskProbeRead bytes, and never returns nil for the image: bytes
// it cannot place are a raw image.
func Probe(r io.ReaderAt, size int64, member string) (*report.DiskImage, []report.Finding) {
	s := newSource(r, size, member)
	img := s.probe()
	img.Notes = s.notesText()
	return img, s.findings
}

// source is one probe in progress: the member, what has been read from it,
// the findings and the notes.
type source struct {
	r        io.ReaderAt
	size     int64
	member   string
	read     int64
	findings []report.Finding
	notes    []string
	ioErr    error
	// inflated marks a probe of a gzip member's inflated prefix, whose
	// offsets are not offsets in the member.
	inflated bool
}

func newSource(r io.ReaderAt, size int64, member string) *source {
	return &source{r: r, size: size, member: member}
}

// has reports whether the member holds the n bytes at off.
func (s *source) has(off int64, n int64) bool {
	return off >= 0 && n >= 0 && off <= s.size && n <= s.size-off
}

// at returns the n bytes at off, or nil when they lie outside the member, the
// read budget is spent or the read fails.
func (s *source) at(off int64, n int) []byte {
	if n < 0 || !s.has(off, int64(n)) || s.ioErr != nil {
		return nil
	}
	if s.read+int64(n) > limits.MaxDiskProbeRead {
		s.note("read budget spent, later checks skipped")
		return nil
	}
	s.read += int64(n)
	b := make([]byte, n)
	m, err := s.r.ReadAt(b, off)
	if m == n {
		return b
	}
	if err == nil {
		err = io.ErrUnexpectedEOF
	}
	s.ioErr = err
	s.note("read failed: " + err.Error())
	return nil
}

// prefetch tells the reader behind s which spans the probe reads next
// (package spancache); most readers ignore it.
func (s *source) prefetch(spans []spancache.Span) {
	if s.ioErr == nil && len(spans) > 0 {
		spancache.Prefetch(s.r, spans)
	}
}

func (s *source) add(f report.Finding) { s.findings = append(s.findings, f) }

func (s *source) note(n string) {
	for _, have := range s.notes {
		if have == n {
			return
		}
	}
	s.notes = append(s.notes, n)
}

func (s *source) notef(format string, args ...any) { s.note(fmt.Sprintf(format, args...)) }

func (s *source) notesText() string { return strings.Join(s.notes, "; ") }

// off locates a finding at byte o of the member.
func (s *source) off(o int64) report.Location {
	if s.inflated {
		return report.InMember(s.member)
	}
	return report.AtOffset(s.member, o)
}

// probe dispatches on the magic bytes at the start and end of the member.
func (s *source) probe() *report.DiskImage {
	head := s.at(0, int(min(s.size, 512)))
	switch {
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		return s.probeUndeclaredGzip()
	case bytes.HasPrefix(head, []byte("KDMV")):
		return s.probeSparseVMDK(head)
	case bytes.HasPrefix(head, []byte("COWD")):
		return s.probeCOWD(head)
	case bytes.HasPrefix(head, []byte("QFI\xfb")):
		return s.probeQCOW(head)
	case bytes.HasPrefix(head, []byte("vhdxfile")):
		return s.probeVHDX()
	case bytes.HasPrefix(head, []byte("conectix")):
		return s.probeVHD(true)
	case isVDI(head):
		return s.probeVDI(head)
	case looksLikeVMDKDescriptor(head):
		return s.probeVMDKDescriptor()
	}
	if img := s.probeVHDFooterOnly(); img != nil {
		return img
	}
	if img := s.probeISO(); img != nil {
		return img
	}
	return s.probeRaw()
}

// probeRaw treats the member as a raw disk: its size is the virtual size.
func (s *source) probeRaw() *report.DiskImage {
	if s.size%512 != 0 {
		s.add(rules.DskRawSize.New(s.off(s.size),
			"raw disk image is %d bytes, %d bytes past a whole 512-byte sector", s.size, s.size%512).
			WithHint("Consumers copy whole sectors; pad the image with zeros to a multiple of 512 bytes (truncate -s) and regenerate the manifest."))
	}
	return &report.DiskImage{Format: FormatRaw, VirtualSize: s.size, AllocatedSize: s.size}
}

// sectorsToBytes converts a sector count to bytes, or -1 on overflow.
func sectorsToBytes(n uint64) int64 {
	if n > (1<<63-1)/512 {
		return -1
	}
	return int64(n) * 512
}
