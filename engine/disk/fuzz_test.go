package disk

import (
	"bytes"
	"testing"

	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/ovatest"
)

// fuzzSeeds are small images of every format the probes know.
func fuzzSeeds() [][]byte {
	small := ovatest.StreamOptimizedVMDK(1<<20, content(70<<10))
	return [][]byte{
		small,
		small[:len(small)-512],
		small[:1024],
		xoStyleVMDK(content(70<<10), 96<<10),
		append(bytes.Clone(small[:512]), small[len(small)-1536:]...),
		gzipBytes(content(600)),
		gzipBytes(small),
		fixedVHD(2048, 2048),
		qcow2Header(1<<20, "base.qcow2", 0),
		isoImage(20, 40<<10),
		[]byte("# Disk DescriptorFile\ncreateType=\"monolithicFlat\"\nRW 2048 FLAT \"x-flat.vmdk\" 0\n"),
		[]byte("KDMV"),
		make([]byte, 1000),
	}
}

// FuzzProbe checks that no input makes the probes panic, and that the
// default probes stay within their read budget.
func FuzzProbe(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, probe := range []func(r *countingReaderAt, n int64) int64{
			func(r *countingReaderAt, n int64) int64 { Probe(r, n, "m"); return r.n },
			func(r *countingReaderAt, n int64) int64 { ProbeGzip(r, n, "m"); return r.n },
		} {
			cr := &countingReaderAt{r: bytes.NewReader(b)}
			if n := probe(cr, int64(len(b))); n > limits.MaxDiskProbeRead {
				t.Fatalf("probe read %d bytes", n)
			}
		}
		img, _ := Probe(bytes.NewReader(b), int64(len(b)), "m")
		CheckAgainst(img, DescriptorDisk{ID: "d", CapacityBytes: 1 << 20, Format: streamURI, PopulatedSize: 1 << 19}, "m")
	})
}

// FuzzDeep checks that the deep checkers survive any input fed in uneven
// pieces.
func FuzzDeep(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s, uint16(4093))
	}
	f.Fuzz(func(t *testing.T, b []byte, chunk uint16) {
		c := max(int(chunk), 1)
		deepBytes(DeepStreamVMDK, b, c)
		deepBytes(DeepGzip, b, c)
	})
}
