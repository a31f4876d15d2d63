package httprange

import (
	"cmp"
	"context"
	"encoding/hex"
	"hash"
	"slices"
	"sync"

	"github.com/ovacheck/ovacheck/engine"
	"github.com/ovacheck/ovacheck/engine/internal/digest"
)

// mergeGap is the largest hole between two requested ranges that is
// fetched rather than skipped: the tar header between two members costs
// less inside a range than as the reason for a new request.
const mergeGap = 64 << 10

// DigestRanges implements engine.RangeDigester: the requested ranges are
// read in one pass in file order, Parallel segments of Segment bytes at a
// time, and each segment, once it and those before it have arrived, is
// written to the hashes of every request it overlaps (the whole file's
// and a member's alike), so each byte is fetched once.
func (f *File) DigestRanges(ctx context.Context, reqs []engine.DigestRequest, progress func(n int64)) ([]map[string]string, error) {
	hashes := make([]map[string]hash.Hash, len(reqs))
	for i, r := range reqs {
		hashes[i] = map[string]hash.Hash{}
		for _, alg := range r.Algorithms {
			if a, ok := digest.Parse(alg); ok {
				hashes[i][alg] = a.New()
			}
		}
	}
	segs := segments(reqs, f.o.Segment)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// Each segment gets a slot; at most Parallel are fetched or waiting
	// to be hashed at once, so memory stays at Parallel*Segment.
	type result struct {
		data []byte
		err  error
	}
	slots := make([]chan result, len(segs))
	for i := range slots {
		slots[i] = make(chan result, 1)
	}
	free := make(chan []byte, f.o.Parallel)
	for range f.o.Parallel {
		free <- make([]byte, 0, f.o.Segment)
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		for i, s := range segs {
			var buf []byte
			select {
			case buf = <-free:
			case <-ctx.Done():
				return
			}
			wg.Go(func() {
				w := &sliceWriter{b: buf[:s.n]}
				err := f.fetch(ctx, s.off, s.n, w)
				slots[i] <- result{data: w.b[:w.n], err: err}
			})
		}
	})
	var firstErr error
	for i, s := range segs {
		var res result
		select {
		case res = <-slots[i]:
		case <-ctx.Done():
			res.err = ctx.Err()
		}
		if res.err != nil {
			firstErr = res.err
			break
		}
		for k, r := range reqs {
			lo, hi := max(s.off, r.Offset), min(s.off+s.n, r.Offset+r.Size)
			if lo >= hi {
				continue
			}
			part := res.data[lo-s.off : hi-s.off]
			for _, h := range hashes[k] {
				h.Write(part)
			}
			if progress != nil {
				progress(hi - lo)
			}
		}
		free <- res.data[:0]
	}
	cancel()
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	out := make([]map[string]string, len(reqs))
	for i, hs := range hashes {
		out[i] = map[string]string{}
		for alg, h := range hs {
			out[i][alg] = hex.EncodeToString(h.Sum(nil))
		}
	}
	return out, nil
}

// segment is one range fetched by DigestRanges.
type segment struct{ off, n int64 }

// segments covers the union of the requested ranges, holes up to mergeGap
// included, with ranges of at most size bytes, in file order.
func segments(reqs []engine.DigestRequest, size int64) []segment {
	var spans []segment
	for _, r := range reqs {
		if r.Size > 0 {
			spans = append(spans, segment{r.Offset, r.Size})
		}
	}
	slices.SortFunc(spans, func(a, b segment) int { return cmp.Compare(a.off, b.off) })
	var merged []segment
	for _, s := range spans {
		if k := len(merged) - 1; k >= 0 && s.off <= merged[k].off+merged[k].n+mergeGap {
			merged[k].n = max(merged[k].n, s.off+s.n-merged[k].off)
			continue
		}
		merged = append(merged, s)
	}
	var out []segment
	for _, m := range merged {
		for off := m.off; off < m.off+m.n; off += size {
			out = append(out, segment{off, min(size, m.off+m.n-off)})
		}
	}
	return out
}
