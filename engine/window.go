package engine

import (
	"errors"
	"io"
)

// Stream members keep a window of their first and last bytes so that disk
// probes, which read headers and footers only, can judge images that passed
// by once. The sizes cover every probe's reads: VMDK and QCOW2 headers and
// the VMDK embedded descriptor at the start, the ISO 9660 volume descriptor
// at 32 KiB, and VHD and stream-optimized VMDK footers at the end.
const (
	windowHead = 256 << 10
	windowTail = 64 << 10
	// maxWindows caps the members that keep windows: only descriptors'
	// disks need them, and a hostile stream of many members must not hold
	// 320 KiB each.
	maxWindows = 64
)

// errOutsideWindow is returned for reads of stream bytes that were not kept.
var errOutsideWindow = errors.New("engine: bytes not kept from the stream")

// windowWriter captures the head and tail of a member as it streams.
type windowWriter struct {
	head []byte
	tail []byte // ring of the last windowTail bytes
	n    int64
}

func (w *windowWriter) Write(p []byte) (int, error) {
	if room := windowHead - len(w.head); room > 0 {
		w.head = append(w.head, p[:min(room, len(p))]...)
	}
	w.n += int64(len(p))
	w.tail = append(w.tail, p[max(0, len(p)-windowTail):]...)
	if len(w.tail) > 2*windowTail {
		w.tail = append(w.tail[:0], w.tail[len(w.tail)-windowTail:]...)
	}
	return len(p), nil
}

// readerAt returns the kept bytes as an io.ReaderAt over the member's full
// size; reads outside the windows fail with errOutsideWindow.
func (w *windowWriter) readerAt() io.ReaderAt {
	tail := w.tail[max(0, len(w.tail)-windowTail):]
	return &windowReaderAt{head: w.head, tail: tail, tailOff: w.n - int64(len(tail)), size: w.n}
}

type windowReaderAt struct {
	head, tail []byte
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
	return 0, errOutsideWindow
}
