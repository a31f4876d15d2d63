package spancache

import (
	"bytes"
	"io"
	"math/rand/v2"
	"sync"
	"testing"
)

// countingReader is a slow reader's stand-in: it counts its reads.
type countingReader struct {
	r     *bytes.Reader
	mu    sync.Mutex
	reads int
	bytes int64
}

func (c *countingReader) ReadAt(p []byte, off int64) (int, error) {
	c.mu.Lock()
	c.reads++
	c.bytes += int64(len(p))
	c.mu.Unlock()
	return c.r.ReadAt(p, off)
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	rng := rand.NewChaCha8([32]byte{1})
	rng.Read(b)
	return b
}

var testSizes = Sizes{Min: 64 << 10, Max: 1 << 20, Big: 256 << 10, Kept: 1 << 20}

// A disk probe's reads: a header, markers 66 KiB apart, a footer. Each
// span read serves the reads that fall inside it.
func TestScatteredSmallReadsShareSpans(t *testing.T) {
	data := randomBytes(8 << 20)
	src := &countingReader{r: bytes.NewReader(data)}
	c := New(src, int64(len(data)), testSizes)
	offsets := []int64{0, 512, 4096}
	for i := int64(1); i <= 16; i++ {
		offsets = append(offsets, i*66<<10)
	}
	offsets = append(offsets, int64(len(data))-1024, int64(len(data))-512)
	for _, off := range offsets {
		p := make([]byte, 16)
		if n, err := c.ReadAt(p, off); n != 16 || err != nil {
			t.Fatalf("ReadAt(16, %d) = %d, %v", off, n, err)
		}
		if !bytes.Equal(p, data[off:off+16]) {
			t.Fatalf("ReadAt(16, %d) gave other bytes than the file's", off)
		}
	}
	// 21 reads in 18 blocks of 64 KiB, and the footer's two in one.
	if src.reads > 18 {
		t.Errorf("%d reads of the slow reader for %d small reads; want at most 18", src.reads, len(offsets))
	}
}

// A big read goes to the reader exactly: nothing more is read, nothing
// kept.
func TestBigReadPassesThrough(t *testing.T) {
	data := randomBytes(4 << 20)
	src := &countingReader{r: bytes.NewReader(data)}
	c := New(src, int64(len(data)), testSizes)
	p := make([]byte, 1<<20)
	if n, err := c.ReadAt(p, 12345); n != len(p) || err != nil || !bytes.Equal(p, data[12345:12345+len(p)]) {
		t.Fatalf("big ReadAt = %d, %v (bytes equal: %v)", n, err, bytes.Equal(p, data[12345:12345+len(p)]))
	}
	if src.reads != 1 || src.bytes != int64(len(p)) {
		t.Errorf("the slow reader read %d bytes in %d reads; want %d in 1", src.bytes, src.reads, len(p))
	}
	if c.kept != 0 {
		t.Errorf("a big read kept %d bytes", c.kept)
	}
}

// An inflater reads on from where it stopped: the spans double, so a
// sequential walk of 4 MiB in 4 KiB reads costs a handful of reads.
func TestSequentialReadsGrowSpans(t *testing.T) {
	data := randomBytes(4 << 20)
	src := &countingReader{r: bytes.NewReader(data)}
	c := New(src, int64(len(data)), testSizes)
	p := make([]byte, 4096)
	for off := int64(0); off < int64(len(data)); off += 4096 {
		if _, err := c.ReadAt(p, off); err != nil {
			t.Fatal(err)
		}
	}
	if src.reads > 8 {
		t.Errorf("a sequential walk made %d reads of the slow reader; want at most 8", src.reads)
	}
}

// Memory stays within Kept however many spans are read.
func TestKeptIsCapped(t *testing.T) {
	data := randomBytes(16 << 20)
	c := New(bytes.NewReader(data), int64(len(data)), testSizes)
	p := make([]byte, 8)
	for off := int64(0); off < int64(len(data)); off += 200 << 10 {
		if _, err := c.ReadAt(p, off); err != nil {
			t.Fatal(err)
		}
	}
	if c.kept > testSizes.Kept {
		t.Errorf("kept %d bytes; the cap is %d", c.kept, testSizes.Kept)
	}
}

// At the end of the file, ReadAt behaves as io.ReaderAt: fewer bytes and
// io.EOF, or io.EOF alone past the end.
func TestEndOfFile(t *testing.T) {
	data := randomBytes(100_000)
	c := New(bytes.NewReader(data), int64(len(data)), testSizes)
	p := make([]byte, 100)
	n, err := c.ReadAt(p, int64(len(data))-40)
	if n != 40 || err != io.EOF || !bytes.Equal(p[:40], data[len(data)-40:]) {
		t.Errorf("ReadAt across the end = %d, %v", n, err)
	}
	if n, err := c.ReadAt(p, int64(len(data))); n != 0 || err != io.EOF {
		t.Errorf("ReadAt at the end = %d, %v", n, err)
	}
	big := make([]byte, 300_000)
	if n, err := c.ReadAt(big, 0); n != len(data) || err != io.EOF {
		t.Errorf("big ReadAt across the end = %d, %v", n, err)
	}
}

// Keep's bytes serve later reads without a read of the reader.
func TestKeep(t *testing.T) {
	data := randomBytes(1 << 20)
	src := &countingReader{r: bytes.NewReader(data)}
	c := New(src, int64(len(data)), testSizes)
	c.Keep(0, data[:8192])
	p := make([]byte, 512)
	if _, err := c.ReadAt(p, 1024); err != nil || !bytes.Equal(p, data[1024:1536]) || src.reads != 0 {
		t.Errorf("a read inside kept bytes: err %v, %d reads of the reader", err, src.reads)
	}
}

// FuzzReadAt holds every read against the plain reader's, whatever the
// sizes, offsets, order and prefetches.
func FuzzReadAt(f *testing.F) {
	f.Add(uint32(70_000), []byte{0, 1, 2, 3, 200, 7, 9, 255})
	f.Add(uint32(0), []byte{5})
	f.Fuzz(func(t *testing.T, size uint32, script []byte) {
		size %= 1 << 20
		data := randomBytes(int(size))
		plain := bytes.NewReader(data)
		c := New(plain, int64(len(data)), Sizes{Min: 4096, Max: 65536, Grow: 3, Reach: 2, Big: 32768, Kept: 100_000})
		for i := 0; i+1 < len(script); i += 2 {
			off := int64(script[i]) * int64(size) / 200
			n := int(script[i+1]) * 300
			if script[i+1]%3 == 0 {
				// Prefetches, as the disk probe makes them, change what
				// is kept and never what a read gives.
				c.Prefetch([]Span{{off, int64(n)}, {off + int64(n) + 100, int64(n)}, {off - 5000, 2048}})
			}
			p, q := make([]byte, n), make([]byte, n)
			gn, gerr := c.ReadAt(p, off)
			wn, werr := plain.ReadAt(q, off)
			if gn != wn || !bytes.Equal(p[:gn], q[:wn]) || (gerr == nil) != (werr == nil) {
				t.Fatalf("ReadAt(%d, %d) = %d, %v; the plain reader gives %d, %v", n, off, gn, gerr, wn, werr)
			}
		}
	})
}

// Prefetch through a SectionReader moves the spans by the section's
// offset; a reader with no batch reads is read a span at a time, and what
// was fetched serves the reads that follow.
func TestPrefetchThroughSection(t *testing.T) {
	data := randomBytes(8 << 20)
	src := &countingReader{r: bytes.NewReader(data)}
	c := New(src, int64(len(data)), testSizes)
	const base = 1 << 20
	sec := io.NewSectionReader(c, base, 4<<20)
	spans := []Span{{0, 2048}, {1 << 20, 2048}, {3 << 20, 2048}, {4<<20 - 100, 2048}}
	Prefetch(sec, spans)
	if src.reads != 4 {
		t.Fatalf("Prefetch made %d reads for 4 spans", src.reads)
	}
	for _, s := range spans[:3] {
		p := make([]byte, s.N)
		if _, err := sec.ReadAt(p, s.Off); err != nil || !bytes.Equal(p, data[base+s.Off:base+s.Off+s.N]) {
			t.Fatalf("read of a prefetched span at %d: %v, bytes equal %v", s.Off, err, bytes.Equal(p, data[base+s.Off:base+s.Off+s.N]))
		}
	}
	// The last span was cut at the section's end.
	p := make([]byte, 100)
	if _, err := sec.ReadAt(p, 4<<20-100); err != nil || !bytes.Equal(p, data[base+4<<20-100:base+4<<20]) {
		t.Fatalf("read at the section's end: %v", err)
	}
	if src.reads != 4 {
		t.Errorf("reads of prefetched spans went to the reader: %d reads in all", src.reads)
	}
	// Prefetching what is kept reads nothing.
	Prefetch(sec, spans)
	if src.reads != 4 {
		t.Errorf("prefetching kept spans again made %d more reads", src.reads-4)
	}
}

// Reads, prefetches and keeps from several goroutines see the file's
// bytes (run with -race).
func TestConcurrentUse(t *testing.T) {
	data := randomBytes(4 << 20)
	c := New(bytes.NewReader(data), int64(len(data)), testSizes)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				off := int64((g*7919 + i*104729) % (len(data) - 5000))
				p := make([]byte, 1+(i*37)%4096)
				if _, err := c.ReadAt(p, off); err != nil || !bytes.Equal(p, data[off:off+int64(len(p))]) {
					t.Errorf("ReadAt(%d, %d): %v", len(p), off, err)
					return
				}
				if i%10 == 0 {
					c.Prefetch([]Span{{off + 8192, 2048}, {off + 70000, 2048}})
				}
			}
		}()
	}
	wg.Wait()
}

// A read of no bytes needs no read of the reader.
func TestEmptyReadReadsNothing(t *testing.T) {
	data := randomBytes(1 << 20)
	src := &countingReader{r: bytes.NewReader(data)}
	c := New(src, int64(len(data)), testSizes)
	if n, err := c.ReadAt(nil, 5000); n != 0 || err != nil {
		t.Fatalf("ReadAt(nil) = %d, %v", n, err)
	}
	if src.reads != 0 {
		t.Errorf("an empty read made %d reads of %d bytes", src.reads, src.bytes)
	}
}

// Tables side by side are read as one span; a batch stops at half of Kept.
func TestPrefetchMergesNeighboursAndStopsAtHalfKept(t *testing.T) {
	data := randomBytes(8 << 20)
	src := &countingReader{r: bytes.NewReader(data)}
	c := New(src, int64(len(data)), Sizes{Min: 4096, Max: 1 << 20, Big: 1 << 20, Kept: 1 << 20, Parallel: 4})
	var side []Span
	for i := range 64 {
		side = append(side, Span{Off: 4<<20 + int64(i)*2048, N: 2048})
	}
	c.Prefetch(side)
	if src.reads != 1 {
		t.Errorf("64 tables side by side took %d reads; want 1", src.reads)
	}
	src.reads, src.bytes = 0, 0
	var far []Span
	for i := range 1000 {
		far = append(far, Span{Off: int64(i) * 8192, N: 2048})
	}
	c.Prefetch(far)
	if src.bytes > 1<<19 {
		t.Errorf("a batch read %d bytes; Kept/2 is %d", src.bytes, 1<<19)
	}
}

// With Reach 0 (an HTTP file, where every byte is paid for) reads with
// gaps between them, such as tar headers, fetch Min bytes each; with a
// Reach they walk forward in growing spans.
func TestReach(t *testing.T) {
	data := randomBytes(4 << 20)
	walk := func(s Sizes) (reads int, fetched int64) {
		src := &countingReader{r: bytes.NewReader(data)}
		c := New(src, int64(len(data)), s)
		p := make([]byte, 512)
		for off := int64(0); off+512 < int64(len(data)); off += 66 << 10 {
			if _, err := c.ReadAt(p, off); err != nil {
				t.Fatal(err)
			}
		}
		return src.reads, src.bytes
	}
	n, b := walk(Sizes{Min: 4096, Max: 4 << 20, Big: 1 << 20, Kept: 8 << 20})
	if b > int64(n)*4096 {
		t.Errorf("without reach, %d reads fetched %d bytes: more than 4 KiB each", n, b)
	}
	m, _ := walk(Sizes{Min: 16 << 10, Max: 1 << 20, Grow: 4, Reach: 4, Big: 1 << 20, Kept: 8 << 20})
	if m >= n/4 {
		t.Errorf("with reach 4, %d reads for the %d headers", m, n)
	}
}
