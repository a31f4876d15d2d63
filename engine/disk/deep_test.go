package disk

import (
	"bytes"
	"crypto/sha256"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/ovatest"
)

func TestDeep(t *testing.T) {
	good := goodVMDK()
	// A byte in the middle of the first grain's compressed data.
	corrupt := edit(good, func(b []byte) []byte { b[firstGrain+12+500] ^= 0x55; return b })
	trailing := append(bytes.Clone(good), bytes.Repeat([]byte{0xee}, 512)...)
	tests := []struct {
		name      string
		format    string
		member    []byte
		rules     []string
		inMessage string
	}{
		{"own writer", DeepStreamVMDK, good, nil, ""},
		{"corrupt grain", DeepStreamVMDK, corrupt, []string{"DSK032"}, "disk sector 0"},
		{"end-of-stream marker removed", DeepStreamVMDK, good[:len(good)-512], []string{"DSK029"}, "without an end-of-stream marker"},
		{"cut inside a grain", DeepStreamVMDK, good[:firstGrain+3000], []string{"DSK021"}, "inside the grain for disk sector 0"},
		{"data after the end", DeepStreamVMDK, trailing, []string{"DSK034"}, "after its end-of-stream marker"},
		{"grain beyond capacity", DeepStreamVMDK, edit(good, func(b []byte) []byte { return putLE64(firstGrain)(b, 1<<20) }),
			[]string{"DSK033"}, "beyond the capacity"},
		{"not a VMDK", DeepStreamVMDK, make([]byte, 4096), []string{"DSK020"}, "does not start"},
		{"gzip whole", DeepGzip, gzipBytes(good), nil, ""},
		{"gzip truncated", DeepGzip, gzipBytes(good)[:20000], []string{"DSK035"}, "truncated"},
		{"gzip CRC", DeepGzip, edit(gzipBytes(good), func(b []byte) []byte { b[len(b)-6] ^= 1; return b }), []string{"DSK035"}, "CRC-32"},
		{"gzip holding a corrupt VMDK", DeepGzip, gzipBytes(corrupt), []string{"DSK032"}, "does not inflate"},
		{"gzip garbage", DeepGzip, []byte("not gzip at all, just text"), []string{"DSK035"}, "cannot be read"},
		{"other formats", "raw", good, nil, ""},
	}
	for _, tc := range tests {
		for _, chunk := range []int{1 << 20, 4093, 1} {
			if chunk == 1 && len(tc.member) > 1<<20 {
				continue
			}
			fs := deepBytes(tc.format, tc.member, chunk)
			if got := ruleIDs(fs); !slices.Equal(got, tc.rules) {
				t.Fatalf("%s (chunk %d): rules = %v, want %v\n%v", tc.name, chunk, got, tc.rules, fs)
			}
			if len(fs) > 0 {
				if !strings.Contains(fs[0].Message, tc.inMessage) {
					t.Errorf("%s: message %q lacks %q", tc.name, fs[0].Message, tc.inMessage)
				}
				if fs[0].Location.Member != "disk1.vmdk" {
					t.Errorf("%s: member %q", tc.name, fs[0].Location.Member)
				}
			}
		}
	}
}

// TestDeepByteAtATime feeds a small VMDK one byte per Write, the worst case
// for the state machine.
func TestDeepByteAtATime(t *testing.T) {
	small := ovatest.StreamOptimizedVMDK(1<<20, content(200<<10))
	if fs := deepBytes(DeepStreamVMDK, small, 1); len(fs) != 0 {
		t.Fatal(fs)
	}
	bad := edit(small, func(b []byte) []byte { b[firstGrain+40] ^= 0xff; return b })
	if got := ruleIDs(deepBytes(DeepStreamVMDK, bad, 1)); !slices.Equal(got, []string{"DSK032"}) {
		t.Fatalf("rules = %v", got)
	}
}

func TestDeepFormat(t *testing.T) {
	img, _ := probeBytes(goodVMDK())
	if f := DeepFormat(img); f != DeepStreamVMDK {
		t.Errorf("DeepFormat = %q", f)
	}
	gz := gzipBytes(goodVMDK())
	img, _ = ProbeGzip(bytes.NewReader(gz), int64(len(gz)), "d")
	if f := DeepFormat(img); f != DeepGzip {
		t.Errorf("DeepFormat(gzip) = %q", f)
	}
}

// benchDisk is 64 MiB of disk written by the project's writer: half
// compressible content, half random-looking content that does not compress,
// no holes, so every grain is inflated.
func benchDisk(b *testing.B) []byte {
	c := make([]byte, 64<<20)
	x := uint64(88172645463325252)
	for i := range c {
		if (i>>16)%2 == 0 {
			c[i] = byte(i * 7 % 251)
			continue
		}
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		c[i] = byte(x)
	}
	var buf bytes.Buffer
	if err := ovatest.WriteStreamOptimizedVMDK(&buf, int64(len(c)), bytes.NewReader(c)); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkHashOnly is the digest pass alone: SHA-256 of the member.
func BenchmarkHashOnly(b *testing.B) {
	d := benchDisk(b)
	b.SetBytes(int64(len(d)))
	for b.Loop() {
		h := sha256.New()
		io.Copy(h, bytes.NewReader(d))
	}
}

// BenchmarkDeepStreamVMDK is the deep check alone over the same member.
func BenchmarkDeepStreamVMDK(b *testing.B) {
	d := benchDisk(b)
	b.SetBytes(int64(len(d)))
	for b.Loop() {
		dc := NewDeepChecker(DeepStreamVMDK, "d", int64(len(d)))
		io.Copy(dc, bytes.NewReader(d))
		if fs := dc.Findings(); len(fs) != 0 {
			b.Fatal(fs)
		}
	}
}

// BenchmarkHashAndDeep is both in one pass, as --deep runs them.
func BenchmarkHashAndDeep(b *testing.B) {
	d := benchDisk(b)
	b.SetBytes(int64(len(d)))
	for b.Loop() {
		dc := NewDeepChecker(DeepStreamVMDK, "d", int64(len(d)))
		io.Copy(io.MultiWriter(sha256.New(), dc), bytes.NewReader(d))
		dc.Findings()
	}
}

// BenchmarkDeepGzip inflates a gzip member holding the same VMDK.
func BenchmarkDeepGzip(b *testing.B) {
	d := gzipBytes(benchDisk(b))
	b.SetBytes(int64(len(d)))
	for b.Loop() {
		dc := NewDeepChecker(DeepGzip, "d", int64(len(d)))
		io.Copy(dc, bytes.NewReader(d))
		dc.Findings()
	}
}
