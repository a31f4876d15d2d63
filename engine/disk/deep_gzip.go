package disk

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"io"

	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// gzipChecker inflates a gzip member fed in order. Inflation runs on its own
// goroutine reading from a pipe, so Write blocks only while the inflater
// catches up; a stream-optimized VMDK inside is deep-checked in turn.
type gzipChecker struct {
	member string
	size   int64
	pw     *io.PipeWriter
	done   chan struct{}
	sink   findingSink
	inner  *streamChecker
	ended  bool
}

func newGzipChecker(member string, size int64) *gzipChecker {
	pr, pw := io.Pipe()
	g := &gzipChecker{member: member, size: size, pw: pw, done: make(chan struct{})}
	go g.run(pr)
	return g
}

// Write passes p to the inflater. Once the inflater has stopped (the stream
// is damaged or a limit was reached), p is discarded.
func (g *gzipChecker) Write(p []byte) (int, error) {
	if !g.ended {
		g.pw.Write(p) //nolint:errcheck // an error means the inflater stopped; it has said why
	}
	return len(p), nil
}

// errStopped closes the pipe's read side when the inflater gives up, so
// that writers are not blocked.
var errStopped = errors.New("disk: gzip deep check stopped")

func (g *gzipChecker) run(pr *io.PipeReader) {
	defer close(g.done)
	defer pr.CloseWithError(errStopped)
	zr, err := gzip.NewReader(bufio.NewReaderSize(pr, 256<<10))
	if err != nil {
		g.fail(err, 0)
		return
	}
	buf := make([]byte, 256<<10)
	var total int64
	for {
		n, err := zr.Read(buf)
		if n > 0 {
			if total == 0 {
				g.sniff(buf[:n])
			}
			total += int64(n)
			if g.inner != nil {
				g.inner.Write(buf[:n]) //nolint:errcheck // never fails
			}
			if total > limits.MaxDeepInflatedBytes {
				g.sink.add(rules.DskDeepStopped.New(report.InMember(g.member),
					"deep check stopped after inflating %s of %s; the rest was not checked", human(total), g.member))
				g.inner = nil
				return
			}
		}
		if err == io.EOF {
			return
		}
		if err != nil {
			g.fail(err, total)
			return
		}
	}
}

// sniff starts a deep check of the inflated stream when it is a
// stream-optimized VMDK.
func (g *gzipChecker) sniff(first []byte) {
	if len(first) >= 512 && bytes.HasPrefix(first, []byte("KDMV")) {
		if h := parseSparseHeader(first); h.compressed() && h.markers() {
			g.inner = newStreamChecker(g.member, -1, true)
		}
	}
}

// fail turns an inflation error into a finding.
func (g *gzipChecker) fail(err error, inflated int64) {
	var corrupt flate.CorruptInputError
	loc := report.InMember(g.member)
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		g.sink.add(rules.DskGzipIncomplete.New(report.AtOffset(g.member, g.size),
			"gzip stream ends after %d inflated bytes without its end and trailer: the member is truncated", inflated).
			WithHint("Download or copy the member again; if the publisher's copy is the same, compress the disk again."))
	case errors.Is(err, gzip.ErrChecksum):
		g.sink.add(rules.DskGzipIncomplete.New(loc,
			"gzip trailer's CRC-32 or size does not match the %d bytes inflated: the compressed data is damaged", inflated).
			WithHint("The member was damaged before the manifest was made; compress the disk again."))
	case errors.Is(err, gzip.ErrHeader) && inflated > 0:
		g.sink.add(rules.DskGzipIncomplete.New(loc, "bytes after the end of the gzip stream are not another gzip stream"))
	case errors.As(err, &corrupt):
		g.sink.add(rules.DskGzipIncomplete.New(loc, "gzip data is corrupt after %d inflated bytes: %v", inflated, err))
	default:
		g.sink.add(rules.DskGzipIncomplete.New(loc, "gzip stream cannot be read: %v", err))
	}
	g.inner = nil // an inner walk cut short would only repeat the damage
}

// Findings closes the stream, waits for the inflater and returns its
// findings and those of the inner check.
func (g *gzipChecker) Findings() []report.Finding {
	if !g.ended {
		g.ended = true
		g.pw.Close()
		<-g.done
	}
	out := g.sink.result(g.member)
	if g.inner != nil {
		out = append(out, g.inner.Findings()...)
		g.inner = nil
	}
	return out
}
