package httprange

import (
	"bytes"
	"io"
)

// Reads smaller than bigRead are served from spans of whole blocks of
// minSpan bytes kept in memory: a tar header (512 bytes) or a disk's
// header and footer cost one request, not one per ReadAt. A read that starts where the
// last span ended doubles the next span, up to maxSpan, so a sequential
// reader (an inflater) makes few requests. Reads of bigRead bytes or more
// are fetched exactly and not kept.
const (
	minSpan   = 4 << 10
	maxSpan   = 4 << 20
	bigRead   = 1 << 20
	keptBytes = 8 << 20
)

// ReadAt reads len(p) bytes at off, within the context given to Open.
func (f *File) ReadAt(p []byte, off int64) (int, error) {
	if off >= f.size {
		return 0, io.EOF
	}
	want := p
	if off+int64(len(p)) > f.size {
		want = p[:f.size-off]
	}
	if len(want) >= bigRead {
		w := &sliceWriter{b: want}
		if err := f.fetch(f.ctx, off, int64(len(want)), w); err != nil {
			return w.n, err
		}
		return f.eofIfShort(len(want), len(p))
	}
	f.mu.Lock()
	hit := f.cache.copy(want, off)
	next := f.cache.nextSpan(off)
	f.mu.Unlock()
	if hit {
		return f.eofIfShort(len(want), len(p))
	}
	// Whole blocks of minSpan: the reads that walk back from the end of
	// an archive, a few hundred bytes at a time, then cost one request.
	start := off &^ (minSpan - 1)
	end := min(max(off+int64(len(want)), start+next), f.size)
	var buf bytes.Buffer
	buf.Grow(int(end - start))
	if err := f.fetch(f.ctx, start, end-start, &buf); err != nil {
		return 0, err
	}
	copy(want, buf.Bytes()[off-start:])
	f.mu.Lock()
	f.cache.add(start, buf.Bytes())
	f.mu.Unlock()
	return f.eofIfShort(len(want), len(p))
}

func (f *File) eofIfShort(n, asked int) (int, error) {
	if n < asked {
		return n, io.EOF
	}
	return n, nil
}

// sliceWriter fills b from its start.
type sliceWriter struct {
	b []byte
	n int
}

func (w *sliceWriter) Write(p []byte) (int, error) {
	k := copy(w.b[w.n:], p)
	w.n += k
	if k < len(p) {
		return k, io.ErrShortWrite
	}
	return k, nil
}

// spanCache keeps the spans read last, up to keptBytes.
type spanCache struct {
	spans []span
	kept  int64
	// lastEnd and lastLen are the end and length of the span fetched
	// last, to notice a sequential reader.
	lastEnd, lastLen int64
}

type span struct {
	off  int64
	data []byte
}

// copy fills p from a kept span holding all of [off, off+len(p)).
func (c *spanCache) copy(p []byte, off int64) bool {
	for _, s := range c.spans {
		if off >= s.off && off+int64(len(p)) <= s.off+int64(len(s.data)) {
			copy(p, s.data[off-s.off:])
			return true
		}
	}
	return false
}

// nextSpan is how many bytes to fetch for a read at off that missed.
func (c *spanCache) nextSpan(off int64) int64 {
	if c.lastLen > 0 && off >= c.lastEnd-c.lastLen && off <= c.lastEnd {
		return min(2*c.lastLen, maxSpan)
	}
	return minSpan
}

func (c *spanCache) add(off int64, data []byte) {
	if len(data) == 0 {
		return
	}
	c.lastEnd, c.lastLen = off+int64(len(data)), int64(len(data))
	c.spans = append(c.spans, span{off, data})
	c.kept += int64(len(data))
	for c.kept > keptBytes && len(c.spans) > 1 {
		c.kept -= int64(len(c.spans[0].data))
		c.spans = c.spans[1:]
	}
}
