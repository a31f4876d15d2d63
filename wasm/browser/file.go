//go:build js && wasm

package main

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"path"
	"strings"
	"sync/atomic"
	"syscall/js"
	"time"

	"github.com/ovacheck/ovacheck/engine"
	"github.com/ovacheck/ovacheck/engine/spancache"
)

// browserFile is a File the user chose. It is an io.ReaderAt reading with
// FileReaderSync (available in workers only), and an engine.RangeDigester
// that hands byte ranges to the hash-worker pool.
type browserFile struct {
	file  js.Value
	path  string // the path within a chosen folder, or the file's name
	size  int64
	spans *spancache.ReaderAt // over fileSlices
}

// Each FileReaderSync read is a round trip to the browser's own process,
// 2-15 ms whatever its size on the 2-core machine the bench ran on, and a disk probe makes dozens of small
// ones (a stream-optimized VMDK's markers 64 KiB apart, a grain table per
// 32 MiB): small reads are served from spans of 16 KiB, growing fourfold
// to 1 MiB for a reader walking forward, even with gaps of up to four
// spans between its reads (the markers), and the probe's grain tables
// come in batches (ReadBatch). A File keeps 2 MiB at most (a batch of 256 tables
// is 512 KiB). Reads of 1 MiB and more are read as asked.
var spanSizes = spancache.Sizes{Min: 16 << 10, Max: 1 << 20, Grow: 4, Reach: 4, Big: 1 << 20, Kept: 2 << 20}

// A browserFile is always used through a pointer: js.Value cannot be
// compared, and the engine keeps RangeDigesters in a map.
var (
	_ io.ReaderAt          = (*browserFile)(nil)
	_ engine.RangeDigester = (*browserFile)(nil)
)

func newBrowserFile(f js.Value, p string) *browserFile {
	size := int64(f.Get("size").Float())
	return &browserFile{file: f, path: p, size: size, spans: spancache.New(fileSlices{f, size}, size, spanSizes)}
}

// name returns the file's own name.
func (f *browserFile) name() string { return f.file.Get("name").String() }

var fileReaderSync = js.Global().Get("FileReaderSync")

// ReadAt reads len(p) bytes at off synchronously.
func (f *browserFile) ReadAt(p []byte, off int64) (int, error) { return f.spans.ReadAt(p, off) }

// fileSlices reads a File with one FileReaderSync read per ReadAt.
type fileSlices struct {
	file js.Value
	size int64
}

func (s fileSlices) ReadAt(p []byte, off int64) (int, error) {
	if off >= s.size {
		return 0, io.EOF
	}
	end := min(off+int64(len(p)), s.size)
	n, err := readSlice(s.file, off, end, p)
	if err != nil {
		return n, err
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// batchTimeout bounds the wait for a batch of reads: a local file answers
// in milliseconds, and a promise that never settles must not hold the
// check (which cannot be cancelled inside a read).
const batchTimeout = 30 * time.Second

// ReadBatch reads every span at once, each with Blob.arrayBuffer(), and
// waits for them all: one round trip for the lot where FileReaderSync
// would make one per span.
func (s fileSlices) ReadBatch(bufs [][]byte, offs []int64) error {
	reads := make([]any, len(bufs))
	for i, b := range bufs {
		end := min(offs[i]+int64(len(b)), s.size)
		reads[i] = s.file.Call("slice", float64(offs[i]), float64(end)).Call("arrayBuffer")
	}
	type settled struct {
		v  js.Value
		ok bool
	}
	ch := make(chan settled, 1)
	then := js.FuncOf(func(this js.Value, args []js.Value) any {
		ch <- settled{args[0], true}
		return nil
	})
	fail := js.FuncOf(func(this js.Value, args []js.Value) any {
		ch <- settled{}
		return nil
	})
	js.Global().Get("Promise").Call("all", reads).Call("then", then, fail)
	var r settled
	select {
	case r = <-ch:
		then.Release()
		fail.Release()
	case <-time.After(batchTimeout):
		// The callbacks stay: JS calling a released one is a crash. The
		// ReadAt calls that follow ask again, one span at a time.
		return errors.New("the browser did not answer a batch of reads")
	}
	if !r.ok {
		return errors.New("the browser could not read the file (was it moved or changed?)")
	}
	u8 := js.Global().Get("Uint8Array")
	for i, b := range bufs {
		if js.CopyBytesToGo(b, u8.New(r.v.Index(i))) < len(b) {
			return io.ErrUnexpectedEOF
		}
	}
	return nil
}

// Prefetch reads spans the engine is about to read (spancache.Prefetcher).
func (f *browserFile) Prefetch(spans []spancache.Span) { f.spans.Prefetch(spans) }

// readSlice copies bytes [a, b) of blob into p.
func readSlice(blob js.Value, a, b int64, p []byte) (n int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("the browser could not read the file (was it moved or changed?)")
		}
	}()
	buf := fileReaderSync.New().Call("readAsArrayBuffer", blob.Call("slice", float64(a), float64(b)))
	arr := js.Global().Get("Uint8Array").New(buf)
	return js.CopyBytesToGo(p, arr), nil
}

// readAll reads the whole file, refusing one larger than max.
func (f *browserFile) readAll(max int64) ([]byte, error) {
	if f.size > max {
		return nil, errors.New("file too large for a descriptor")
	}
	p := make([]byte, f.size)
	n, err := f.ReadAt(p, 0)
	if err == io.EOF && int64(n) == f.size {
		err = nil
	}
	return p[:n], err
}

// DigestRanges hands reqs to the page worker's hash pool
// (self.ovacheckPool.digest) and waits for it. Cancelling ctx aborts the
// pool's work.
func (f *browserFile) DigestRanges(ctx context.Context, reqs []engine.DigestRequest, progress func(n int64)) ([]map[string]string, error) {
	pool := js.Global().Get("ovacheckPool")
	if !pool.Truthy() {
		return nil, errors.New("no hash workers")
	}
	jsReqs := make([]any, len(reqs))
	for i, r := range reqs {
		algs := make([]any, len(r.Algorithms))
		for k, a := range r.Algorithms {
			algs[k] = a
		}
		jsReqs[i] = map[string]any{"member": r.Member, "offset": float64(r.Offset), "size": float64(r.Size), "algorithms": algs}
	}

	// The pool reports bytes from JS callbacks; pass them on from this
	// goroutine so the engine's progress callback never runs inside JS.
	var pending atomic.Int64
	onProgress := js.FuncOf(func(this js.Value, args []js.Value) any {
		pending.Add(int64(args[0].Float()))
		return nil
	})

	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	then := js.FuncOf(func(this js.Value, args []js.Value) any {
		ch <- result{v: args[0]}
		return nil
	})
	fail := js.FuncOf(func(this js.Value, args []js.Value) any {
		msg := "hashing failed"
		if len(args) > 0 && args[0].Truthy() {
			msg = "hashing failed: " + args[0].Call("toString").String()
		}
		ch <- result{err: errors.New(msg)}
		return nil
	})
	// The callbacks are released only once the job's promise has settled:
	// an aborted job rejects its promise after this function would have
	// returned, and JS calling a released Go function is a crash ("call to
	// released function").
	settled := false
	defer func() {
		if settled {
			onProgress.Release()
			then.Release()
			fail.Release()
		}
	}()
	job := pool.Call("digest", f.file, jsReqs, onProgress)
	job.Get("promise").Call("then", then, fail)

	tick := time.NewTicker(progressEvery)
	defer tick.Stop()
	flush := func() {
		if n := pending.Swap(0); n > 0 {
			progress(n)
		}
	}
	for {
		select {
		case <-ctx.Done():
			job.Call("abort")
			// abort rejects the promise at once; wait for that to reach
			// us, but not for ever (a leaked callback is harmless, a
			// released one that is called is not).
			select {
			case <-ch:
				settled = true
			case <-time.After(2 * time.Second):
			}
			return nil, ctx.Err()
		case <-tick.C:
			flush()
		case r := <-ch:
			settled = true
			flush()
			if r.err != nil {
				return nil, r.err
			}
			out := make([]map[string]string, len(reqs))
			for i := range reqs {
				m := map[string]string{}
				d := r.v.Index(i)
				for _, alg := range reqs[i].Algorithms {
					if v := d.Get(alg); v.Type() == js.TypeString {
						m[alg] = v.String()
					}
				}
				out[i] = m
			}
			return out, nil
		}
	}
}

// fileFS is an fs.FS over the files of a multi-file choice or a folder,
// keyed by their (cleaned) relative paths. Opened files are io.ReaderAt and
// engine.RangeDigester.
type fileFS struct {
	files map[string]*browserFile
}

func newFileFS(list []*browserFile) *fileFS {
	fsys := &fileFS{files: map[string]*browserFile{}}
	for _, f := range list {
		fsys.files[fsys.clean(f.path)] = f
	}
	return fsys
}

// clean turns a browser path into an fs.FS path.
func (fsys *fileFS) clean(p string) string {
	p = path.Clean("/" + strings.ReplaceAll(p, "\\", "/"))
	return strings.TrimPrefix(p, "/")
}

// Open opens a file of the choice; directories are not listed.
func (fsys *fileFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	f, ok := fsys.files[name]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &openFile{browserFile: f}, nil
}

// openFile is an open browserFile: Read reads sequentially, ReadAt and
// DigestRanges work at random.
type openFile struct {
	*browserFile
	off int64
}

func (o *openFile) Stat() (fs.FileInfo, error) { return fileInfo{o.browserFile}, nil }
func (o *openFile) Close() error               { return nil }
func (o *openFile) Read(p []byte) (int, error) {
	n, err := o.ReadAt(p, o.off)
	o.off += int64(n)
	if err == io.EOF && n > 0 {
		err = nil
	}
	return n, err
}

type fileInfo struct{ f *browserFile }

func (i fileInfo) Name() string       { return path.Base(i.f.path) }
func (i fileInfo) Size() int64        { return i.f.size }
func (i fileInfo) Mode() fs.FileMode  { return 0o444 }
func (i fileInfo) ModTime() time.Time { return time.Time{} }
func (i fileInfo) IsDir() bool        { return false }
func (i fileInfo) Sys() any           { return nil }
