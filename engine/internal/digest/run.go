package digest

import (
	"context"
	"encoding/hex"
	"errors"
	"hash"
	"io"
	"reflect"
	"runtime"
	"sync"
	"sync/atomic"
)

// Hashes is the hashes of one byte range, by algorithm.
type Hashes map[Algorithm]hash.Hash

// NewHashes returns a new hash of each algorithm of algs.
func NewHashes(algs []Algorithm) Hashes {
	hs := Hashes{}
	for _, alg := range algs {
		if h := alg.New(); h != nil {
			hs[alg] = h
		}
	}
	return hs
}

// Sums returns the digests of what was written, in lower-case hex.
func (hs Hashes) Sums() Set {
	out := make(Set, len(hs))
	for alg, h := range hs {
		out[alg] = hex.EncodeToString(h.Sum(nil))
	}
	return out
}

// Lanes returns one lane per hash, so that several algorithms over the same
// bytes run on several cores.
func (hs Hashes) Lanes() []io.Writer {
	var out []io.Writer
	for _, h := range hs {
		out = append(out, h)
	}
	return out
}

// Job asks for the digests of one byte range of r with algs, and
// optionally for its bytes to be fed to extra writers (deep checkers) in
// the same pass. req.Algorithms is algs by name, for a RangeDigester.
type Job struct {
	req   Request
	algs  []Algorithm
	r     io.ReaderAt
	extra []io.Writer
}

// NewJob asks for the digests of [off, off+size) of r.
func NewJob(member string, r io.ReaderAt, off, size int64, algs []Algorithm, extra []io.Writer) Job {
	return Job{req: Request{Member: member, Offset: off, Size: size, Algorithms: Names(algs)},
		algs: algs, r: r, extra: extra}
}

// Size is the number of bytes the job reads.
func (j Job) Size() int64 { return j.req.Size }

// Run computes every job's digests, several jobs in parallel, each
// byte read once. Jobs whose reader implements RangeDigester (and that need
// no extra writers) are handed to it in one call. progress receives byte
// counts as they are hashed, from any goroutine.
func Run(ctx context.Context, jobs []Job, progress func(n int64)) ([]Set, error) {
	out := make([]Set, len(jobs))
	var native []int
	var groups []delegation
	for i, j := range jobs {
		rd, ok := j.r.(RangeDigester)
		if !ok || len(j.extra) > 0 {
			native = append(native, i)
			continue
		}
		groups = addDelegation(groups, rd, i)
	}
	if err := delegateAll(ctx, groups, jobs, out, progress); err != nil {
		return nil, err
	}

	cores := runtime.GOMAXPROCS(0)
	workers := min(cores, len(native))
	var (
		next     atomic.Int64
		wg       sync.WaitGroup
		firstErr error
		errOnce  sync.Once
		// unfinished counts the jobs of more than one chunk not done yet
		// (a smaller one holds a core for too short a time to count).
		// While there are at least as many as cores, every core hashes a
		// job of its own, and
		// a job reads and hashes in its one goroutine (Inline): handing
		// each buffer to another goroutine would only add hand-offs and
		// wake-ups (two 512 MiB disks on two cores, build/bench: 2,459
		// context switches against Go's plain hash's 342, and 0.61 of one
		// stream's time; 0.56 inline, where two Go processes take 0.55).
		// With fewer jobs than cores, a job's reads overlap its hashing on
		// the idle cores (Pipeline).
		unfinished atomic.Int64
	)
	for _, k := range native {
		if jobs[k].req.Size > readChunk {
			unfinished.Add(1)
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for range workers {
		wg.Go(func() {
			for {
				k := int(next.Add(1)) - 1
				if k >= len(native) || ctx.Err() != nil {
					return
				}
				j := jobs[native[k]]
				hs := NewHashes(j.algs)
				lanes := hs.Lanes()
				if len(j.extra) > 0 {
					lanes = append(lanes, io.MultiWriter(j.extra...))
				}
				read := Pipeline
				if inline(j.req.Size, unfinished.Load(), cores) {
					read = Inline
				}
				err := read(ctx, j.r, j.req.Offset, j.req.Size, lanes, progress)
				if j.req.Size > readChunk {
					unfinished.Add(-1)
				}
				if err != nil {
					errOnce.Do(func() { firstErr = err; cancel() })
					return
				}
				out[native[k]] = hs.Sums()
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	return out, ctx.Err()
}

// delegation is the jobs handed to one RangeDigester in one call.
type delegation struct {
	rd   RangeDigester
	jobs []int
}

// addDelegation adds job i to rd's group. Readers are told apart by ==
// only when their type is comparable: a browser file handle holding a
// js.Value is not, and comparing it would panic, so it gets a group of its
// own.
func addDelegation(groups []delegation, rd RangeDigester, i int) []delegation {
	if reflect.TypeOf(rd).Comparable() {
		for k := range groups {
			if reflect.TypeOf(groups[k].rd) == reflect.TypeOf(rd) && groups[k].rd == rd {
				groups[k].jobs = append(groups[k].jobs, i)
				return groups
			}
		}
	}
	return append(groups, delegation{rd: rd, jobs: []int{i}})
}

// delegateAll makes every delegation's call at once (the files of a folder
// are hashed in parallel) and stores the digests in out; digests under a
// name that is not an algorithm are dropped.
func delegateAll(ctx context.Context, groups []delegation, jobs []Job, out []Set, progress func(int64)) error {
	errs := make([]error, len(groups))
	var wg sync.WaitGroup
	for g, d := range groups {
		wg.Go(func() {
			reqs := make([]Request, len(d.jobs))
			for k, i := range d.jobs {
				reqs[k] = jobs[i].req
			}
			res, err := d.rd.DigestRanges(ctx, reqs, progress)
			if err != nil {
				errs[g] = err
				return
			}
			for k, i := range d.jobs {
				if k < len(res) {
					out[i] = FromStrings(res[k])
				}
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// Whole hashes the whole input [0, size) of r with algs and, in the
// same single read, every member job (members must not overlap): the
// whole-file hashes, the member hashes and any deep checkers each run in
// their own goroutine over shared buffers. It returns the whole-file
// digests and each job's digests.
func Whole(ctx context.Context, r io.ReaderAt, size int64, algs []Algorithm, jobs []Job, progress func(n int64)) (Set, []Set, error) {
	whole := NewHashes(algs)
	lanes := whole.Lanes()
	sets := make([]Hashes, len(jobs))
	var hashRanges, deepRanges []offsetWriter
	for i, j := range jobs {
		sets[i] = NewHashes(j.algs)
		if len(sets[i]) > 0 {
			hashRanges = append(hashRanges, offsetWriter{j.req.Offset, j.req.Size, io.MultiWriter(sets[i].Lanes()...)})
		}
		if len(j.extra) > 0 {
			deepRanges = append(deepRanges, offsetWriter{j.req.Offset, j.req.Size, io.MultiWriter(j.extra...)})
		}
	}
	if len(hashRanges) > 0 {
		lanes = append(lanes, &demux{ranges: hashRanges})
	}
	if len(deepRanges) > 0 {
		lanes = append(lanes, &demux{ranges: deepRanges})
	}
	if err := Pipeline(ctx, r, 0, size, lanes, progress); err != nil {
		return nil, nil, err
	}
	out := make([]Set, len(jobs))
	for i := range jobs {
		out[i] = sets[i].Sums()
	}
	return whole.Sums(), out, nil
}

// offsetWriter receives the bytes of [off, off+n) of the input.
type offsetWriter struct {
	off, n int64
	w      io.Writer
}

// demux is a writer fed the input's bytes in order from offset 0; it hands
// each range's bytes to that range's writer.
type demux struct {
	ranges []offsetWriter
	pos    int64
}

func (d *demux) Write(p []byte) (int, error) {
	start, end := d.pos, d.pos+int64(len(p))
	for _, r := range d.ranges {
		lo, hi := max(start, r.off), min(end, r.off+r.n)
		if lo < hi {
			r.w.Write(p[lo-start : hi-start])
		}
	}
	d.pos = end
	return len(p), nil
}

// readChunk is the size of one read while hashing: large enough that the
// per-call cost vanishes, small enough that the buffers in flight stay far
// below the memory goal.
const readChunk = 1 << 20

// chunkPool keeps full-size read buffers between members, so that a
// package of many mebibyte-sized members does not allocate (and zero)
// fresh buffers for each.
var chunkPool = sync.Pool{New: func() any { return new([readChunk]byte) }}

// Pipeline reads [off, off+size) of r once, in order, and feeds every chunk
// to each lane. Each lane runs in its own goroutine, so hashes of the same
// bytes use several cores, and reading overlaps hashing; a buffer is reused
// once every lane is done with it. Writers of a lane must not fail (hashes
// and deep checkers never do). progress gets the bytes read.
//
// Buffers are sized by the range and made only when a read needs one, so
// that a one-byte member costs one byte of buffer rather than a few
// mebibytes: a package of thousands of tiny members is checked in
// proportion to its size. Full-size buffers come from chunkPool.
func Pipeline(ctx context.Context, r io.ReaderAt, off, size int64, lanes []io.Writer, progress func(n int64)) error {
	if len(lanes) == 0 {
		lanes = []io.Writer{io.Discard}
	}
	type chunk struct {
		buf     []byte
		n       int
		pending atomic.Int32
	}
	bufSize := int(min(int64(readChunk), max(size, 1)))
	free := make(chan *chunk, len(lanes)+2)
	var made []*chunk
	next := func() *chunk {
		select {
		case c := <-free:
			return c
		default:
		}
		if len(made) < cap(free) {
			c := &chunk{}
			if bufSize == readChunk {
				c.buf = chunkPool.Get().(*[readChunk]byte)[:]
			} else {
				c.buf = make([]byte, bufSize)
			}
			made = append(made, c)
			return c
		}
		return <-free
	}
	defer func() {
		if bufSize == readChunk {
			for _, c := range made {
				chunkPool.Put((*[readChunk]byte)(c.buf))
			}
		}
	}()
	feeds := make([]chan *chunk, len(lanes))
	var wg sync.WaitGroup
	for i, w := range lanes {
		feeds[i] = make(chan *chunk, cap(free))
		wg.Go(func() {
			for c := range feeds[i] {
				w.Write(c.buf[:c.n])
				if c.pending.Add(-1) == 0 {
					free <- c
				}
			}
		})
	}
	var err error
	for pos, end := off, off+size; pos < end; {
		if err = ctx.Err(); err != nil {
			break
		}
		c := next()
		c.n, err = readNext(r, c.buf, pos, end)
		pos += int64(c.n)
		if c.n > 0 {
			c.pending.Store(int32(len(lanes)))
			for _, f := range feeds {
				f <- c
			}
			if progress != nil {
				progress(int64(c.n))
			}
		}
		if err != nil {
			break
		}
	}
	for _, f := range feeds {
		close(f)
	}
	wg.Wait()
	return err
}

// inline says whether a job of size bytes reads and hashes in one
// goroutine (Inline): when it is one chunk, or when the unfinished jobs of
// more than a chunk already give every core one of its own. Otherwise the
// hand-off per buffer (Pipeline) lets an idle core hash while this one
// reads.
func inline(size, unfinished int64, cores int) bool {
	return size <= readChunk || unfinished >= int64(cores)
}

// Inline reads [off, off+size) of r once, in order, and writes every chunk
// to each lane in turn, in the calling goroutine: what Pipeline does, for
// when every core is busy already or the range is one chunk. Lanes must
// not fail. progress gets the bytes read.
func Inline(ctx context.Context, r io.ReaderAt, off, size int64, lanes []io.Writer, progress func(n int64)) error {
	b := chunkPool.Get().(*[readChunk]byte)
	defer chunkPool.Put(b)
	buf := b[:max(min(size, readChunk), 1)]
	for pos, end := off, off+size; pos < end; {
		if err := ctx.Err(); err != nil {
			return err
		}
		n, err := readNext(r, buf, pos, end)
		for _, w := range lanes {
			w.Write(buf[:n])
		}
		pos += int64(n)
		if n > 0 && progress != nil {
			progress(int64(n))
		}
		if err != nil {
			return err
		}
		// Where goroutines share one thread and are not preempted
		// (WebAssembly), let the others run between chunks: the
		// structural checks run while this hashes.
		runtime.Gosched()
	}
	return nil
}

// readNext reads the next chunk of [pos, end) of r into buf: as much as
// buf holds. A full chunk that ends the input is no error; a read that
// makes no progress is io.ErrUnexpectedEOF.
func readNext(r io.ReaderAt, buf []byte, pos, end int64) (int, error) {
	want := int(min(int64(len(buf)), end-pos))
	n, err := r.ReadAt(buf[:want], pos)
	if err == io.EOF && n == want {
		err = nil
	}
	if err == nil && n == 0 {
		err = io.ErrUnexpectedEOF
	}
	return n, err
}

// Bytes returns the digests of b held in memory.
func Bytes(b []byte, algs []Algorithm) Set {
	hs := NewHashes(algs)
	for _, h := range hs {
		h.Write(b)
	}
	return hs.Sums()
}
