// Package spancache makes small reads at scattered offsets cheap on a
// slow io.ReaderAt, one where every read is a round trip: an HTTP range
// request, or a browser File read through FileReaderSync (about 2 ms
// each, whatever its size). Archive indexes and disk probes make such
// reads, a few bytes to a few KiB at a time; served from whole spans kept
// in memory, a tar header or a disk's header and footer cost one round
// trip, not one per ReadAt.
package spancache

import (
	"cmp"
	"errors"
	"io"
	"slices"
	"sync"
)

// Sizes are a cache's spans, chosen for what a round trip costs.
type Sizes struct {
	// Min is the span read for a small read that misses: the read's
	// offset rounded down to a multiple of Min, and Min bytes on.
	Min int64
	// Max caps the span: a read by a reader walking forward (one that
	// starts inside the span read last, or at most Reach of its lengths
	// past its end) makes the next span Grow times as long, up to Max.
	Max int64
	// Grow is how much longer each span of a forward walk is; 0 is 2.
	Grow int64
	// Reach is how far past the last span, in its lengths, a read may
	// start and still walk forward: 0 for a reader whose every byte costs
	// (HTTP: only a read that continues the span grows it), more where
	// round trips cost and bytes do not (a local file).
	Reach int64
	// Big is the size from which a read goes to the reader exactly and
	// is not kept: a digest's reads, a descriptor read whole.
	Big int64
	// Kept caps the bytes kept; the oldest spans go first.
	Kept int64
	// Parallel is how many reads Prefetch makes at once from a reader
	// that is no BatchReader (an HTTP file: one request each); 0 is 1.
	Parallel int
}

// ReaderAt serves reads of r (size bytes long) through kept spans. Its
// methods may be called from several goroutines.
type ReaderAt struct {
	r     io.ReaderAt
	size  int64
	sizes Sizes

	mu    sync.Mutex
	spans []span
	kept  int64
	// lastEnd and lastLen are the end and length of the span read last,
	// to notice a sequential reader.
	lastEnd, lastLen int64
}

type span struct {
	off  int64
	data []byte
}

// New returns a ReaderAt over r, which holds size bytes.
func New(r io.ReaderAt, size int64, sizes Sizes) *ReaderAt {
	return &ReaderAt{r: r, size: size, sizes: sizes}
}

// ReadAt reads len(p) bytes at off: from a kept span when one holds them
// all, else from r, keeping the span read when the read is small. Like
// io.ReaderAt, it returns io.EOF with fewer bytes at the end of the file.
func (c *ReaderAt) ReadAt(p []byte, off int64) (int, error) {
	switch {
	case off < 0:
		return 0, errors.New("spancache: negative offset")
	case off >= c.size:
		return 0, io.EOF
	case len(p) == 0:
		return 0, nil
	}
	want := p
	if off+int64(len(p)) > c.size {
		want = p[:c.size-off]
	}
	if int64(len(want)) >= c.sizes.Big {
		if n, err := c.readExactly(want, off); err != nil {
			return n, err
		}
		return eofIfShort(len(want), len(p))
	}
	c.mu.Lock()
	hit := c.copy(want, off)
	next := c.nextSpan(off)
	c.mu.Unlock()
	if hit {
		return eofIfShort(len(want), len(p))
	}
	start := off &^ (c.sizes.Min - 1)
	end := min(max(off+int64(len(want)), start+next), c.size)
	buf := make([]byte, end-start)
	if _, err := c.readExactly(buf, start); err != nil {
		return 0, err
	}
	copy(want, buf[off-start:])
	c.Keep(start, buf)
	return eofIfShort(len(want), len(p))
}

// Keep keeps data, the bytes at off, as a span: bytes the owner read
// anyway, such as the first response of an HTTP file.
func (c *ReaderAt) Keep(off int64, data []byte) {
	if len(data) == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lastEnd, c.lastLen = off+int64(len(data)), int64(len(data))
	c.spans = append(c.spans, span{off, data})
	c.kept += int64(len(data))
	for c.kept > c.sizes.Kept && len(c.spans) > 1 {
		c.kept -= int64(len(c.spans[0].data))
		c.spans = c.spans[1:]
	}
}

// copy fills p from a kept span holding all of [off, off+len(p)).
func (c *ReaderAt) copy(p []byte, off int64) bool {
	if s := c.holding(off, int64(len(p))); s != nil {
		copy(p, s.data[off-s.off:])
		return true
	}
	return false
}

// holds reports whether a kept span holds all of the n bytes at off.
func (c *ReaderAt) holds(off, n int64) bool { return c.holding(off, n) != nil }

func (c *ReaderAt) holding(off, n int64) *span {
	for i, s := range c.spans {
		if off >= s.off && off+n <= s.off+int64(len(s.data)) {
			return &c.spans[i]
		}
	}
	return nil
}

// nextSpan is how many bytes to read for a read at off that missed: Grow
// times the last span's when off is in it or within Reach of its lengths
// past it (a reader walking forward, such as an inflater, or a probe
// hopping from marker to marker), else Min.
func (c *ReaderAt) nextSpan(off int64) int64 {
	if c.lastLen > 0 && off >= c.lastEnd-c.lastLen && off <= c.lastEnd+c.sizes.Reach*c.lastLen {
		grow := c.sizes.Grow
		if grow == 0 {
			grow = 2
		}
		return min(grow*c.lastLen, c.sizes.Max)
	}
	return c.sizes.Min
}

// readExactly fills p from r at off, which lies within the file: io.EOF
// with p full is no error.
func (c *ReaderAt) readExactly(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	if err == io.EOF && n == len(p) {
		err = nil
	}
	return n, err
}

func eofIfShort(n, asked int) (int, error) {
	if n < asked {
		return n, io.EOF
	}
	return n, nil
}

// A Span is n bytes at off.
type Span struct{ Off, N int64 }

// A BatchReader reads many spans in one go, in parallel where it can: a
// browser File, whose reads are asynchronous round trips.
type BatchReader interface {
	// ReadBatch fills bufs[i] with the bytes at offs[i].
	ReadBatch(bufs [][]byte, offs []int64) error
}

// A Prefetcher reads spans about to be read and keeps them.
type Prefetcher interface{ Prefetch(spans []Span) }

// Prefetch reads the spans not kept yet, at once, and keeps them: from a
// BatchReader in one batch, from another reader Sizes.Parallel reads at a
// time. Spans less than Min apart are read as one (a monolithicSparse
// VMDK's grain tables lie side by side), spans past the end are cut at it,
// and a batch stops at half of Kept, so that it does not push out its own
// first spans. A failed read is not an error here: the ReadAt that follows
// asks again and reports it.
func (c *ReaderAt) Prefetch(spans []Span) {
	c.mu.Lock()
	var want []Span
	for _, s := range spans {
		n := min(s.N, c.size-s.Off)
		if s.Off >= 0 && n > 0 && n < c.sizes.Big && !c.holds(s.Off, n) {
			want = append(want, Span{s.Off, n})
		}
	}
	c.mu.Unlock()
	slices.SortFunc(want, func(a, b Span) int { return cmp.Compare(a.Off, b.Off) })
	var reads []Span
	var total int64
	for _, s := range want {
		if k := len(reads) - 1; k >= 0 {
			last := &reads[k]
			end := max(last.Off+last.N, s.Off+s.N)
			if s.Off <= last.Off+last.N+c.sizes.Min && end-last.Off < c.sizes.Big {
				total += end - last.Off - last.N
				last.N = end - last.Off
				continue
			}
		}
		if total+s.N > c.sizes.Kept/2 {
			break
		}
		reads = append(reads, s)
		total += s.N
	}
	if len(reads) == 0 {
		return
	}
	bufs := make([][]byte, len(reads))
	offs := make([]int64, len(reads))
	for i, s := range reads {
		bufs[i], offs[i] = make([]byte, s.N), s.Off
	}
	ok := make([]bool, len(bufs))
	if b, batch := c.r.(BatchReader); batch {
		if b.ReadBatch(bufs, offs) != nil {
			return
		}
		for i := range ok {
			ok[i] = true
		}
	} else {
		var wg sync.WaitGroup
		next := make(chan int)
		for range min(max(c.sizes.Parallel, 1), len(bufs)) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					n, _ := c.r.ReadAt(bufs[i], offs[i])
					ok[i] = n == len(bufs[i])
				}
			}()
		}
		for i := range bufs {
			next <- i
		}
		close(next)
		wg.Wait()
	}
	for i, b := range bufs {
		if ok[i] {
			c.Keep(offs[i], b)
		}
	}
}

// Prefetch passes spans of r to the Prefetcher behind it, if any: r itself,
// or the reader an io.SectionReader r reads from (its spans moved by the
// section's offset). It does nothing for other readers.
func Prefetch(r io.ReaderAt, spans []Span) {
	if s, ok := r.(*io.SectionReader); ok {
		outer, base, _ := s.Outer()
		var moved []Span
		for _, sp := range spans {
			if sp.Off >= 0 && sp.Off < s.Size() {
				moved = append(moved, Span{sp.Off + base, min(sp.N, s.Size()-sp.Off)})
			}
		}
		Prefetch(outer, moved)
		return
	}
	if p, ok := r.(Prefetcher); ok {
		p.Prefetch(spans)
	}
}
