package engine

import (
	"context"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"hash"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
)

// newHash returns a hash for a lower-case algorithm name, or nil.
func newHash(alg string) hash.Hash {
	switch alg {
	case "sha1":
		return sha1.New()
	case "sha256":
		return sha256.New()
	case "sha512":
		return sha512.New()
	}
	return nil
}

// digestJob asks for the digests of one byte range of r, and optionally for
// its bytes to be fed to extra writers (deep checkers) in the same pass.
type digestJob struct {
	req   DigestRequest
	r     io.ReaderAt
	extra []io.Writer
}

// readChunk is the size of one read while hashing: large enough that the
// per-call cost vanishes, small enough that two in flight per worker stay
// far below the memory goal.
const readChunk = 1 << 20

// digestAll computes every job's digests, several jobs in parallel, each
// byte read once. Jobs whose reader implements RangeDigester (and that need
// no extra writers) are handed to it in one call. progress receives byte
// counts as they are hashed, from any goroutine.
func digestAll(ctx context.Context, jobs []digestJob, progress func(n int64)) ([]map[string]string, error) {
	out := make([]map[string]string, len(jobs))
	var native []int
	delegated := map[RangeDigester][]int{}
	for i, j := range jobs {
		if rd, ok := j.r.(RangeDigester); ok && len(j.extra) == 0 {
			delegated[rd] = append(delegated[rd], i)
			continue
		}
		native = append(native, i)
	}
	for rd, idx := range delegated {
		reqs := make([]DigestRequest, len(idx))
		for k, i := range idx {
			reqs[k] = jobs[i].req
		}
		res, err := rd.DigestRanges(ctx, reqs, progress)
		if err != nil {
			return nil, err
		}
		for k, i := range idx {
			if k < len(res) {
				out[i] = res[k]
			}
		}
	}

	workers := min(runtime.GOMAXPROCS(0), len(native))
	var (
		next     atomic.Int64
		wg       sync.WaitGroup
		firstErr error
		errOnce  sync.Once
	)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for range workers {
		wg.Go(func() {
			for {
				k := int(next.Add(1)) - 1
				if k >= len(native) || ctx.Err() != nil {
					return
				}
				i := native[k]
				d, err := digestRange(ctx, jobs[i], progress)
				if err != nil {
					errOnce.Do(func() { firstErr = err; cancel() })
					return
				}
				out[i] = d
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	return out, ctx.Err()
}

// digestRange hashes one job. Reading and hashing overlap: one goroutine
// reads the next chunk while this one hashes the last.
func digestRange(ctx context.Context, j digestJob, progress func(n int64)) (map[string]string, error) {
	hashes := map[string]hash.Hash{}
	var ws []io.Writer
	for _, alg := range j.req.Algorithms {
		if h := newHash(alg); h != nil && hashes[alg] == nil {
			hashes[alg] = h
			ws = append(ws, h)
		}
	}
	ws = append(ws, j.extra...)
	w := io.MultiWriter(ws...)

	type chunk struct {
		buf []byte
		n   int
		err error
	}
	free := make(chan []byte, 2)
	free <- make([]byte, readChunk)
	free <- make([]byte, readChunk)
	full := make(chan chunk, 2)
	done := make(chan struct{})
	defer close(done)
	go func() {
		defer close(full)
		off, end := j.req.Offset, j.req.Offset+j.req.Size
		for off < end {
			var buf []byte
			select {
			case buf = <-free:
			case <-done:
				return
			}
			n := int(min(int64(len(buf)), end-off))
			n, err := j.r.ReadAt(buf[:n], off)
			off += int64(n)
			if err == io.EOF && off == end {
				err = nil
			}
			if err == nil && n == 0 {
				err = io.ErrUnexpectedEOF
			}
			select {
			case full <- chunk{buf, n, err}:
			case <-done:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	for c := range full {
		if c.n > 0 {
			w.Write(c.buf[:c.n]) // hashes and deep checkers never fail a write
			if progress != nil {
				progress(int64(c.n))
			}
		}
		if c.err != nil {
			return nil, c.err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		free <- c.buf
	}
	out := make(map[string]string, len(hashes))
	for alg, h := range hashes {
		out[alg] = hex.EncodeToString(h.Sum(nil))
	}
	return out, nil
}

// digestBytes returns the digests of b held in memory.
func digestBytes(b []byte, algs []string) map[string]string {
	out := map[string]string{}
	for _, alg := range algs {
		if h := newHash(alg); h != nil {
			h.Write(b)
			out[alg] = hex.EncodeToString(h.Sum(nil))
		}
	}
	return out
}
