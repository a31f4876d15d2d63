package assemble

import (
	"errors"
	"io"

	"github.com/ovacheck/ovacheck/engine/disk"
)

// Stream members keep a window of their first and last bytes so that disk
// probes, which read headers and footers only, can judge images that passed
// by once. The sizes cover most probes' reads: VMDK and QCOW2 headers and
// the VMDK embedded descriptor at the start, the ISO 9660 volume descriptor
// at 32 KiB, and VHD and stream-optimized VMDK footers at the end.
//
// Some formats keep what the probe needs further in, at offsets their
// headers give: a VHDX's metadata (its virtual size) sits in a region the
// region table places megabytes into the file ([MS-VHDX] 2.2: regions lie
// past the first MiB). For those the window follows the probe: once the
// head has passed, the probe is run on the bytes kept so far, and the first
// read it makes beyond them, when that read lies ahead in the stream, is
// kept too as it passes; then the probe is run again, up to maxFollows
// times per member and followBytes in all.
const (
	windowHead = 256 << 10
	windowTail = 64 << 10
	// maxWindows caps the members that keep windows: only descriptors'
	// disks need them, and a hostile stream of many members must not hold
	// 320 KiB each.
	maxWindows = 64
	// maxFollows and followBytes bound what a member keeps beyond its head
	// and tail. A VHDX needs three reads (its metadata table and two 8-byte
	// items, about 2 KiB); a hostile image cannot make a member keep more
	// than followBytes, nor make the probe run more than maxFollows+1 times
	// while it streams.
	maxFollows  = 8
	followBytes = 64 << 10
)

// errOutsideWindow is returned for reads of stream bytes that were not kept.
var errOutsideWindow = errors.New("engine: bytes not kept from the stream")

// windowWriter captures the head and tail of a member as it streams, and
// the ranges further in that the disk probe reads.
type windowWriter struct {
	// size is the member's size as its archive header gives it; 0 when
	// unknown, and then only the head and tail are kept.
	size int64
	head []byte
	tail []byte // ring of the last windowTail bytes
	n    int64

	spans    []span // ranges the probe reads beyond the head, in order found
	kept     int    // bytes held by spans
	settled  bool   // the probe needs nothing more (or may take nothing more)
	lastMiss int64  // offset of the read that made the last span, to stop loops
}

// span is one range of the member kept because the probe reads it.
type span struct {
	off    int64
	b      []byte
	filled int // bytes of b received; spans fill in order
}

func (s *span) complete() bool { return s.filled == len(s.b) }

func (w *windowWriter) Write(p []byte) (int, error) {
	start := w.n
	if room := windowHead - len(w.head); room > 0 {
		w.head = append(w.head, p[:min(room, len(p))]...)
	}
	w.n += int64(len(p))
	w.tail = append(w.tail, p[max(0, len(p)-windowTail):]...)
	if len(w.tail) > 2*windowTail {
		w.tail = append(w.tail[:0], w.tail[len(w.tail)-windowTail:]...)
	}
	for {
		w.fill(p, start)
		if !w.follow(start) {
			break
		}
	}
	return len(p), nil
}

// fill copies into each span the bytes of p, which hold the member's bytes
// from offset start.
func (w *windowWriter) fill(p []byte, start int64) {
	end := start + int64(len(p))
	for i := range w.spans {
		s := &w.spans[i]
		at := s.off + int64(s.filled)
		if s.complete() || at < start || at >= end {
			continue
		}
		s.filled += copy(s.b[s.filled:], p[at-start:])
	}
}

// follow runs the probe on what is kept when the head has passed and every
// span is complete, and adds a span for its first read beyond the kept
// bytes when that read starts at or after avail (the offset of the first
// byte of the current write, which is still at hand). It reports whether
// it added one.
func (w *windowWriter) follow(avail int64) bool {
	if w.settled || len(w.head) < windowHead {
		return false
	}
	if w.size <= windowHead+windowTail {
		w.settled = true // head and tail hold every byte
		return false
	}
	for i := range w.spans {
		if !w.spans[i].complete() {
			return false
		}
	}
	miss := &missRecorder{r: w.keptReaderAt(false)}
	disk.Probe(miss, w.size, "")
	off, n := miss.off, miss.n
	switch {
	case !miss.missed, len(w.spans) >= maxFollows, off == w.lastMiss && len(w.spans) > 0,
		off < avail,              // passed already: the probe will say the read failed
		off >= w.size-windowTail, // the tail will hold it
		n <= 0 || int64(w.kept)+n > followBytes:
		w.settled = true
		return false
	}
	w.lastMiss = off
	w.spans = append(w.spans, span{off: off, b: make([]byte, n)})
	w.kept += int(n)
	return true
}

// missRecorder is a reader that notes the first read its reader could not
// serve.
type missRecorder struct {
	r      io.ReaderAt
	missed bool
	off, n int64
}

func (m *missRecorder) ReadAt(p []byte, off int64) (int, error) {
	n, err := m.r.ReadAt(p, off)
	if errors.Is(err, errOutsideWindow) && !m.missed {
		m.missed, m.off, m.n = true, off, int64(len(p))
	}
	return n, err
}

// readerAt returns the kept bytes as an io.ReaderAt over the member's full
// size; reads outside the windows fail with errOutsideWindow.
func (w *windowWriter) readerAt() io.ReaderAt { return w.keptReaderAt(true) }

// keptReaderAt serves the head, the complete spans and, withTail, the tail
// (only once the member has passed is the tail its last bytes).
func (w *windowWriter) keptReaderAt(withTail bool) io.ReaderAt {
	r := &windowReaderAt{head: w.head, size: w.n, tailOff: w.n}
	if withTail {
		r.tail = w.tail[max(0, len(w.tail)-windowTail):]
		r.tailOff = w.n - int64(len(r.tail))
	} else if w.size > 0 {
		r.size, r.tailOff = w.size, w.size
	}
	for _, s := range w.spans {
		if s.complete() {
			r.spans = append(r.spans, s)
		}
	}
	return r
}

type windowReaderAt struct {
	head, tail []byte
	spans      []span
	tailOff    int64
	size       int64
}

func (r *windowReaderAt) ReadAt(p []byte, off int64) (int, error) {
	end := off + int64(len(p))
	switch {
	case off < 0:
		return 0, errOutsideWindow
	case end <= int64(len(r.head)):
		return copy(p, r.head[off:end]), nil
	case off >= r.tailOff && off <= r.size:
		n := copy(p, r.tail[off-r.tailOff:])
		if n < len(p) {
			return n, io.EOF
		}
		return n, nil
	}
	for _, s := range r.spans {
		if off >= s.off && end <= s.off+int64(len(s.b)) {
			return copy(p, s.b[off-s.off:]), nil
		}
	}
	return 0, errOutsideWindow
}
