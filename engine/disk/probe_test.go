package disk

import (
	"bytes"
	"encoding/binary"
	"slices"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/ovatest"
)

const testCapacity = 8 << 20

// goodVMDK is a stream-optimized VMDK of 8 MiB with 3 MiB of content.
func goodVMDK(opts ...ovatest.VMDKOption) []byte {
	return ovatest.StreamOptimizedVMDK(testCapacity, content(3<<20), opts...)
}

// edit returns a copy of b changed by f.
func edit(b []byte, f func(b []byte) []byte) []byte { return f(bytes.Clone(b)) }

func putLE64(off int) func([]byte, uint64) []byte {
	return func(b []byte, v uint64) []byte {
		if off < 0 {
			off += len(b)
		}
		binary.LittleEndian.PutUint64(b[off:], v)
		return b
	}
}

// firstGrain is the offset of the first grain marker the writer emits.
const firstGrain = 128 * 512

func TestProbe(t *testing.T) {
	good := goodVMDK()
	tests := []struct {
		name      string
		member    []byte
		gzip      bool // probe with ProbeGzip
		format    string
		subformat string
		vsize     int64
		rules     []string // exactly these rules, sorted
		inMessage string   // and the first finding's message contains this
		offset    int64    // and, when not -1, is at this offset
	}{
		{name: "own writer", member: good, format: "vmdk", subformat: "streamOptimized", vsize: testCapacity, offset: -1},
		{name: "header capacity changed", member: edit(good, func(b []byte) []byte { return putLE64(12)(b, 2*testCapacity/512) }),
			format: "vmdk", subformat: "streamOptimized", vsize: 2 * testCapacity,
			rules: []string{"DSK020"}, inMessage: "extent line says 16384 sectors", offset: 12},
		{name: "grain directory past the end", member: edit(good, func(b []byte) []byte { return putLE64(-1024+56)(b, 1<<30) }),
			format: "vmdk", subformat: "streamOptimized", vsize: testCapacity,
			rules: []string{"DSK031"}, inMessage: "past the end of the member", offset: 56},
		{name: "end-of-stream marker removed", member: good[:len(good)-512],
			format: "vmdk", vsize: testCapacity, subformat: "streamOptimized",
			rules: []string{"DSK029"}, inMessage: "does not end with an end-of-stream marker", offset: -1},
		{name: "cut in half", member: good[:len(good)/2],
			format: "vmdk", vsize: testCapacity, subformat: "streamOptimized",
			rules: []string{"DSK021", "DSK029"}, offset: -1},
		{name: "version 1 as old qemu-img wrote", member: goodVMDK(ovatest.VMDKVersion(1)),
			format: "vmdk", subformat: "streamOptimized", vsize: testCapacity,
			rules: []string{"DSK025"}, inMessage: "version is 1", offset: 4},
		{name: "createType disagrees with flags", member: goodVMDK(ovatest.VMDKCreateType("monolithicSparse")),
			format: "vmdk", subformat: "monolithicSparse", vsize: testCapacity,
			rules: []string{"DSK026"}, inMessage: "createType=\"monolithicSparse\"", offset: 8},
		{name: "grain beyond capacity", member: edit(good, func(b []byte) []byte { return putLE64(firstGrain)(b, 1<<20) }),
			format: "vmdk", subformat: "streamOptimized", vsize: testCapacity,
			rules: []string{"DSK033"}, inMessage: "beyond the capacity", offset: firstGrain},
		{name: "delta disk", member: edit(good, func(b []byte) []byte {
			return bytes.Replace(b, []byte("parentCID=ffffffff"), []byte("parentCID=0badf00d"), 1)
		}), format: "vmdk", subformat: "streamOptimized", vsize: testCapacity,
			rules: []string{"DSK023"}, inMessage: "parentCID 0badf00d", offset: 512},
		{name: "text mode transfer", member: edit(good, func(b []byte) []byte { b[75] = '\n'; return b }),
			format: "vmdk", subformat: "streamOptimized", rules: []string{"DSK020"}, inMessage: "text-mode transfer", offset: 73},
		{name: "gzip undeclared", member: gzipBytes(good), format: "vmdk", subformat: "streamOptimized", vsize: testCapacity,
			rules: []string{"DSK036"}, inMessage: "ovf:compression", offset: 0},
		{name: "gzip declared", member: gzipBytes(good), gzip: true, format: "vmdk", subformat: "streamOptimized", vsize: testCapacity, offset: -1},
		{name: "gzip declared, not gzip", member: good, gzip: true, format: "vmdk", subformat: "streamOptimized", vsize: testCapacity,
			rules: []string{"DSK037"}, offset: 0},
		{name: "gzip of a small raw disk, whole", member: gzipBytes(make([]byte, 4096)), gzip: true, format: "raw", vsize: 4096, offset: -1},
		{name: "gzip of a small disk, truncated", member: gzipBytes(content(4096))[:300], gzip: true, format: "raw",
			rules: []string{"DSK035"}, inMessage: "truncated", offset: -1},
		{name: "gzip ISIZE wrong for the ISO inside", member: edit(gzipBytes(isoImage(64, 128<<10)), func(b []byte) []byte {
			binary.LittleEndian.PutUint32(b[len(b)-4:], 1000)
			return b
		}), gzip: true, format: "iso9660", vsize: 128 << 10, rules: []string{"DSK035"}, inMessage: "131072", offset: -1},
		{name: "fixed VHD", member: fixedVHD(1<<20, 1<<20), format: "vhd", subformat: "fixed", vsize: 1 << 20, offset: -1},
		{name: "fixed VHD truncated", member: fixedVHD(1<<19, 1<<20), format: "vhd", subformat: "fixed", vsize: 1 << 20,
			rules: []string{"DSK021"}, inMessage: "holds only 524288", offset: 1 << 19},
		{name: "VHD checksum", member: edit(fixedVHD(4096, 4096), func(b []byte) []byte { b[4096+58]++; return b }),
			format: "vhd", subformat: "fixed", vsize: 4096, rules: []string{"DSK022"}, inMessage: "damaged or edited", offset: 4096 + 64},
		{name: "qcow2 with backing file", member: qcow2Header(1<<30, "base.qcow2", 0), format: "qcow2", subformat: "v3", vsize: 1 << 30,
			rules: []string{"DSK023"}, inMessage: `"base.qcow2"`, offset: 8},
		{name: "qcow2 encrypted", member: qcow2Header(1<<30, "", 2), format: "qcow2", subformat: "v3", vsize: 1 << 30,
			rules: []string{"DSK024"}, offset: 32},
		{name: "ISO", member: isoImage(64, 128<<10), format: "iso9660", vsize: 128 << 10, offset: -1},
		{name: "ISO truncated", member: isoImage(640, 128<<10), format: "iso9660", vsize: 1280 << 10,
			rules: []string{"DSK021"}, inMessage: "truncated", offset: 16*2048 + 80},
		{name: "raw", member: make([]byte, 4096), format: "raw", vsize: 4096, offset: -1},
		{name: "raw odd size", member: make([]byte, 1000), format: "raw", vsize: 1000, rules: []string{"DSK042"}, offset: 1000},
		{name: "text descriptor", member: []byte("# Disk DescriptorFile\nversion=1\nCID=fffffffe\nparentCID=ffffffff\ncreateType=\"monolithicFlat\"\n\nRW 2048 FLAT \"disk1-flat.vmdk\" 0\n"),
			format: "vmdk", subformat: "monolithicFlat", vsize: 1 << 20, rules: []string{"DSK023"}, inMessage: `"disk1-flat.vmdk"`, offset: -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cr := &countingReaderAt{r: bytes.NewReader(tc.member)}
			probe := Probe
			if tc.gzip {
				probe = ProbeGzip
			}
			img, fs := probe(cr, int64(len(tc.member)), "disk1.vmdk")
			if img.Format != tc.format || img.Subformat != tc.subformat || (tc.vsize != 0 && img.VirtualSize != tc.vsize) {
				t.Errorf("image = %s/%s %d, want %s/%s %d", img.Format, img.Subformat, img.VirtualSize, tc.format, tc.subformat, tc.vsize)
			}
			if got := ruleIDs(fs); !slices.Equal(got, tc.rules) {
				t.Fatalf("rules = %v, want %v\n%v", got, tc.rules, fs)
			}
			if cr.n > limits.MaxDiskProbeRead {
				t.Errorf("probe read %d bytes", cr.n)
			}
			if len(fs) == 0 {
				return
			}
			f, _ := findRule(fs, tc.rules[len(tc.rules)-1])
			if tc.inMessage != "" {
				f, _ = findRule(fs, tc.rules[0])
				if !strings.Contains(f.Message, tc.inMessage) {
					t.Errorf("message %q lacks %q", f.Message, tc.inMessage)
				}
			}
			if f.Location.Member != "disk1.vmdk" {
				t.Errorf("member = %q", f.Location.Member)
			}
			if tc.offset >= 0 && (f.Location.Offset == nil || *f.Location.Offset != tc.offset) {
				t.Errorf("offset = %v, want %d", f.Location.Offset, tc.offset)
			}
			if tc.name == "text descriptor" && f.Location.Line != 7 {
				t.Errorf("line = %d, want 7", f.Location.Line)
			}
		})
	}
}

// TestProbeOwnWriterAllocated checks the allocated size the probe counts
// from the grain tables: 3 MiB of content with a zero hole of 0.5 MiB.
func TestProbeOwnWriterAllocated(t *testing.T) {
	img, _ := probeBytes(goodVMDK())
	if img.AllocatedSize != 40<<16 {
		t.Errorf("allocated = %d, want %d", img.AllocatedSize, 40<<16)
	}
	if !strings.Contains(img.Notes, "end-of-stream marker present") {
		t.Errorf("notes = %q", img.Notes)
	}
}
