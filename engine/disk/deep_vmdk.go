package disk

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"encoding/binary"
	"io"

	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// streamState is what the stream checker expects next.
type streamState int

const (
	stHeader   streamState = iota // collecting the 512-byte header
	stSkip                        // discarding up to skipTo
	stMarker                      // collecting a marker's first 16 bytes
	stGrain                       // collecting a grain's compressed bytes
	stZeros                       // reading whole sectors after a zero sector
	stResync                      // reading whole sectors after a marker that gave no length
	stAfterEOS                    // after the end-of-stream marker and data that follows it
	stDead                        // the header was unusable; discard
)

// streamChecker walks a stream-optimized VMDK fed in order: every marker,
// every grain inflated and measured.
type streamChecker struct {
	member   string
	size     int64
	inflated bool // fed a gzip member's inflated bytes: no offsets
	sink     findingSink

	h        sparseHeader
	state    streamState
	pos      int64 // offset of the next byte fed
	buf      []byte
	skipTo   int64
	next     streamState // the state after the skip
	markerAt int64
	lba      uint64
	need     int

	grain   []byte
	zr      io.ReadCloser
	fr      io.ReadCloser
	src     bytes.Reader
	grains  int64
	trailer bool
	done    bool
	// metaSkip marks a skip over metadata a marker announced (not over
	// a grain's padding), for the message when the member ends inside it.
	metaSkip bool
}

func newStreamChecker(member string, size int64, inflated bool) *streamChecker {
	return &streamChecker{member: member, size: size, inflated: inflated, need: 512}
}

func (c *streamChecker) loc(off int64) report.Location {
	if c.inflated {
		return report.InMember(c.member)
	}
	return report.AtOffset(c.member, off)
}

// Write consumes p, advancing through as many states as p covers.
func (c *streamChecker) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		switch c.state {
		case stDead:
			c.pos += int64(len(p))
			return n, nil
		case stAfterEOS:
			if !c.trailer && !allZero(p) {
				c.trailer = true
				c.sink.add(rules.DskDataAfterEOS.New(c.loc(c.pos),
					"stream-optimized VMDK has non-zero bytes after its end-of-stream marker; readers stop at the marker and ignore them").
					WithHint("Cut the file after the end-of-stream marker, or find out what appended the data."))
			}
			c.pos += int64(len(p))
			return n, nil
		case stSkip:
			k := int(min(int64(len(p)), c.skipTo-c.pos))
			p, c.pos = p[k:], c.pos+int64(k)
			if c.pos == c.skipTo {
				c.enter(c.next)
			}
		default:
			k := min(len(p), c.need-len(c.buf))
			c.buf = append(c.buf, p[:k]...)
			p, c.pos = p[k:], c.pos+int64(k)
			if len(c.buf) == c.need {
				c.step()
			}
		}
	}
	return n, nil
}

// step acts on a completed buffer: the header, a marker or a grain.
func (c *streamChecker) step() {
	switch c.state {
	case stHeader:
		c.startStream()
	case stMarker:
		c.onMarker()
	case stGrain:
		c.inflateGrain(c.buf)
		c.skip(c.markerAt + roundSector(12+int64(len(c.buf))))
	case stZeros:
		c.onSectorAfterZeros()
	case stResync:
		c.onSectorResync()
	}
}

// sectorAt starts reading whole sectors in state st from the current
// position, which is on a sector boundary.
func (c *streamChecker) sectorAt(st streamState) {
	c.state, c.buf, c.markerAt, c.need = st, c.buf[:0], c.pos, 512
}

// isMetadataMarker reports whether sector b is a grain table, grain
// directory or footer marker: size 0, a known type and nothing else.
func isMetadataMarker(b []byte) bool {
	le := binary.LittleEndian
	typ := le.Uint32(b[12:])
	return le.Uint32(b[8:]) == 0 && (typ == markerGT || typ == markerGD || typ == markerFooter) && allZero(b[16:])
}

// onSectorAfterZeros reads a sector after a zero sector. Zeros at the end
// of the member are the end-of-stream marker and its padding. Zeros before a
// metadata marker are padding some writers put before their tables
// (xen-orchestra's writer pads to a size announced in advance), and the walk
// goes on. Anything else follows a real end-of-stream marker.
func (c *streamChecker) onSectorAfterZeros() {
	switch {
	case allZero(c.buf):
		c.sectorAt(stZeros)
	case isMetadataMarker(c.buf):
		c.done = false
		c.onMarker()
	default:
		c.trailer = true
		c.sink.add(rules.DskDataAfterEOS.New(c.loc(c.markerAt),
			"stream-optimized VMDK has non-zero bytes at byte %d, after its end-of-stream marker; readers stop at the marker and ignore them", c.markerAt).
			WithHint("Cut the file after the end-of-stream marker, or find out what appended the data."))
		c.state = stAfterEOS
	}
}

// onSectorResync reads a sector after a metadata marker that did not give
// the length of its metadata: it skips the metadata until the next metadata
// marker, or a zero sector that ends the member.
func (c *streamChecker) onSectorResync() {
	switch {
	case isMetadataMarker(c.buf):
		c.onMarker()
	case allZero(c.buf) && c.pos == c.size:
		c.done = true
		c.state = stAfterEOS
	default:
		c.sectorAt(stResync)
	}
}

// skip discards input up to offset to, then expects a marker.
func (c *streamChecker) skip(to int64) { c.skipThen(to, stMarker) }

func (c *streamChecker) skipThen(to int64, next streamState) {
	c.metaSkip = false
	c.state, c.skipTo, c.next, c.buf = stSkip, to, next, c.buf[:0]
	if to <= c.pos { // never go back
		c.enter(next)
	}
}

// enter starts collecting for state st at the current position: a marker's
// first 16 bytes, or a whole sector.
func (c *streamChecker) enter(st streamState) {
	c.state, c.buf, c.markerAt, c.need = st, c.buf[:0], c.pos, 16
	if st == stZeros || st == stResync {
		c.need = 512
	}
}

// startStream parses the header and positions the walk after the overhead.
func (c *streamChecker) startStream() {
	c.h = parseSparseHeader(c.buf)
	h := c.h
	switch {
	case !bytes.HasPrefix(c.buf, []byte("KDMV")):
		c.sink.add(rules.DskHeaderMalformed.New(c.loc(0), "deep check: member does not start with a VMDK sparse header"))
		c.state = stDead
	case !h.validGrain() || h.capacity == 0 || h.capacity > maxCapacitySectors || h.overhead == 0 || h.overhead > 1<<30:
		c.sink.add(rules.DskHeaderMalformed.New(c.loc(0),
			"deep check: VMDK header (grain %d sectors, capacity %d sectors, overhead %d sectors) cannot be walked", h.grainSize, h.capacity, h.overhead))
		c.state = stDead
	default:
		c.need = 16
		c.skip(int64(h.overhead) * 512)
	}
}

// onMarker reads a marker's first 16 bytes.
func (c *streamChecker) onMarker() {
	le := binary.LittleEndian
	val, size := le.Uint64(c.buf), le.Uint32(c.buf[8:])
	if size != 0 {
		c.onGrainMarker(val, size)
		return
	}
	switch typ := le.Uint32(c.buf[12:]); typ {
	case markerEOS:
		c.done = true
		c.skipThen(c.markerAt+512, stZeros) // the rest of the EOS sector
	case markerGT, markerGD, markerFooter:
		n := sectorsToBytes(val)
		if n < 0 || n > 1<<40 {
			c.sink.add(rules.DskStreamMarkers.New(c.loc(c.markerAt), "stream-optimized VMDK metadata marker announces %d sectors", val))
			c.state = stDead
			return
		}
		if n == 0 { // xen-orchestra gives no length: find the next marker
			c.skipThen(c.markerAt+512, stResync)
			return
		}
		c.skip(c.markerAt + 512 + n)
		c.metaSkip = true
	default:
		c.sink.add(rules.DskStreamMarkers.New(c.loc(c.markerAt),
			"stream-optimized VMDK marker at byte %d has unknown type %d; the walk cannot continue", c.markerAt, typ))
		c.state = stDead
	}
}

// onGrainMarker checks a grain marker and starts collecting its bytes; the
// first 4 bytes collected with the marker are already compressed data.
func (c *streamChecker) onGrainMarker(lba uint64, size uint32) {
	maxC := maxCompressedGrain(c.h.grainBytes())
	if rule, msg := grainMarkerProblem(c.h, lba, size, maxC); rule != nil {
		c.sink.add(rule.New(c.loc(c.markerAt), "%s (marker at byte %d)", msg, c.markerAt))
		if int64(size) > maxC {
			c.state = stDead // the walk cannot find the next marker
			return
		}
		c.skip(c.markerAt + roundSector(12+int64(size)))
		return
	}
	c.lba = lba
	head := append([]byte(nil), c.buf[12:16]...)
	c.state, c.need = stGrain, int(size)
	c.buf = append(c.buf[:0], head[:min(4, int(size))]...)
	if len(c.buf) == c.need {
		c.step()
	}
}

// inflateGrain inflates one grain's compressed bytes and checks that they
// give exactly the grain (or, for the last grain, at least what the capacity
// covers).
func (c *streamChecker) inflateGrain(data []byte) {
	c.grains++
	gb := c.h.grainBytes()
	if int64(cap(c.grain)) < gb+1 {
		c.grain = make([]byte, gb+1)
	}
	c.src.Reset(data)
	r, err := c.decompressor(data)
	var n int
	if err == nil {
		n, err = readUpTo(r, c.grain[:gb+1])
		if err == io.EOF {
			err = nil
		} else if err == nil {
			err = errGrainTooLong
		}
	}
	want := gb
	if end := (c.lba + c.h.grainSize) * 512; end > c.h.capacity*512 {
		want = int64(c.h.capacity*512 - c.lba*512)
	}
	switch {
	case err != nil:
		c.sink.add(rules.DskCorruptGrain.New(c.loc(c.markerAt),
			"grain at disk sector %d (marker at byte %d) does not inflate: %v", c.lba, c.markerAt, err).
			WithHint("The disk was damaged before the manifest was made, so the digest matches a broken file; export the disk again."))
	case int64(n) < want:
		c.sink.add(rules.DskCorruptGrain.New(c.loc(c.markerAt),
			"grain at disk sector %d (marker at byte %d) inflates to %d bytes, not the %d of a grain", c.lba, c.markerAt, n, gb))
	}
}

var errGrainTooLong = errorString("inflates to more than one grain")

type errorString string

func (e errorString) Error() string { return string(e) }

// decompressor returns a reader of data's inflated bytes: zlib-wrapped as
// VMware and qemu-img write them, or raw deflate.
func (c *streamChecker) decompressor(data []byte) (io.Reader, error) {
	if len(data) >= 2 && data[0]&0x0f == 8 && (uint16(data[0])<<8|uint16(data[1]))%31 == 0 {
		if c.zr == nil {
			zr, err := zlib.NewReader(&c.src)
			if err != nil {
				return nil, err
			}
			c.zr = zr
			return zr, nil
		}
		return c.zr, c.zr.(zlib.Resetter).Reset(&c.src, nil)
	}
	if c.fr == nil {
		c.fr = flate.NewReader(&c.src)
	} else if err := c.fr.(flate.Resetter).Reset(&c.src, nil); err != nil {
		return nil, err
	}
	return c.fr, nil
}

// Findings reports a stream that ends where the evidence says bytes are
// missing: inside the header, a marker, a grain's compressed bytes or the
// metadata a marker announced, or, when the header promised a footer
// (gdOffset at end), without the end-of-stream marker. A stream that ends
// cleanly after a grain without that promise is qemu-img's layout, whose
// tables the probe checks.
func (c *streamChecker) Findings() []report.Finding {
	cut := func(format string, args ...any) {
		c.sink.add(rules.DskTruncated.New(c.loc(c.pos), format, args...).WithHint(refetchHint))
	}
	switch {
	case c.state == stDead || c.done || c.trailer:
	case c.state == stHeader:
		cut("deep check: the member ended inside the VMDK header")
	case c.state == stGrain:
		cut("stream-optimized VMDK ends at byte %d inside the grain for disk sector %d (marker at byte %d), %d of its %d compressed bytes present: the file is cut short",
			c.pos, c.lba, c.markerAt, len(c.buf), c.need)
	case c.state == stSkip && c.metaSkip:
		cut("stream-optimized VMDK ends at byte %d inside the metadata its marker at byte %d announced: the file is cut short", c.pos, c.markerAt)
	case (c.state == stMarker || c.state == stResync || c.state == stZeros) && len(c.buf) > 0:
		cut("stream-optimized VMDK ends at byte %d inside the marker or sector at byte %d: the file is cut short", c.pos, c.markerAt)
	case c.h.gdOffset == gdAtEnd:
		c.sink.add(rules.DskStreamNoEOS.New(c.loc(c.pos),
			"stream-optimized VMDK ends at byte %d, after %d grains, without an end-of-stream marker, which its header promises by keeping the grain directory in a footer (gdOffset 0xffffffffffffffff): the file is cut short", c.pos, c.grains).
			WithHint(refetchHint))
	}
	return c.sink.result(c.member)
}
