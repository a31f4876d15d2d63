package httprange

import (
	"fmt"
	"io"

	"github.com/ovacheck/ovacheck/engine/spancache"
)

// newSpans returns the spans a File keeps (package spancache), over size
// bytes. Reads smaller than 1 MiB are served from whole blocks of 4 KiB or
// more, so that a tar header or a disk's header and footer cost one
// request, not one per ReadAt. A read that starts where the last span
// ended doubles the next span, up to 4 MiB, so a sequential reader (an
// inflater) makes few requests, while reads with gaps between them (tar
// headers) fetch no bytes they do not need. Larger reads are fetched
// exactly and not kept. Prefetch makes Options.Parallel requests at once,
// as DigestRanges does.
func (f *File) newSpans(size int64) *spancache.ReaderAt {
	sizes := spancache.Sizes{Min: 4 << 10, Max: 4 << 20, Big: 1 << 20, Kept: 8 << 20, Parallel: f.o.Parallel}
	return spancache.New(rangeReader{f}, size, sizes)
}

// ReadAt reads len(p) bytes at off, within the context given to Open.
func (f *File) ReadAt(p []byte, off int64) (int, error) {
	if f.spans == nil {
		return 0, fmt.Errorf("%s: the server does not serve ranges", f.url)
	}
	return f.spans.ReadAt(p, off)
}

// Prefetch fetches spans the caller is about to read, a few requests at
// once (spancache.Prefetcher).
func (f *File) Prefetch(spans []spancache.Span) {
	if f.spans != nil {
		f.spans.Prefetch(spans)
	}
}

// rangeReader reads a File's bytes with one request per read: what its
// spans are read from.
type rangeReader struct{ f *File }

func (r rangeReader) ReadAt(p []byte, off int64) (int, error) {
	w := &sliceWriter{b: p}
	err := r.f.fetch(r.f.ctx, off, int64(len(p)), w)
	return w.n, err
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
