package disk

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"io"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/internal/corpus"

	"github.com/ovacheck/ovacheck/engine/report"
)

// countingReaderAt counts the bytes read through it.
type countingReaderAt struct {
	r io.ReaderAt
	n int64
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.n += int64(n)
	return n, err
}

// probeBytes probes b as member "disk1.vmdk".
func probeBytes(b []byte) (*report.DiskImage, []report.Finding) {
	return Probe(bytes.NewReader(b), int64(len(b)), "disk1.vmdk")
}

// deepBytes runs the deep check over b, fed in pieces of chunk bytes.
func deepBytes(format string, b []byte, chunk int) []report.Finding {
	dc := NewDeepChecker(format, "disk1.vmdk", int64(len(b)))
	for len(b) > 0 {
		n := min(chunk, len(b))
		dc.Write(b[:n])
		b = b[n:]
	}
	return dc.Findings()
}

// ruleIDs lists the rules of fs, sorted and without repeats.
func ruleIDs(fs []report.Finding) []string {
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.Rule)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

func findRule(fs []report.Finding, id string) (report.Finding, bool) {
	for _, f := range fs {
		if f.Rule == id {
			return f, true
		}
	}
	return report.Finding{}, false
}

// content returns n bytes of compressible but non-trivial disk content with
// a hole of zeros in the middle.
func content(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7%251) ^ byte(i>>12)
	}
	clear(b[n/3 : n/2])
	return b
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// qemuImg returns the path of qemu-img, or skips the test.
func qemuImg(t *testing.T) string {
	t.Helper()
	if runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("qemu-img cannot run under wasm")
	}
	p, err := exec.LookPath("qemu-img")
	if err != nil {
		t.Skip("qemu-img is not installed (apt-get install qemu-utils); skipping the qemu-made images")
	}
	return p
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// corpusDir returns the real-world corpus, or skips the test.
func corpusDir(t *testing.T) string { return corpus.Require(t) }

// The builders below write the headers of formats qemu-img also makes, so
// the probes are tested where qemu-img is absent (wasm).

// fixedVHD returns a fixed VHD of size bytes of zeros plus its footer.
func fixedVHD(size int64, diskSize uint64) []byte {
	b := make([]byte, size+512)
	f := vhdFooter(diskSize, vhdFixed, ^uint64(0))
	copy(b[size:], f)
	return b
}

func vhdFooter(size uint64, typ uint32, dataOffset uint64) []byte {
	f := make([]byte, 512)
	be := binary.BigEndian
	copy(f, "conectix")
	be.PutUint32(f[8:], 2)
	be.PutUint32(f[12:], 0x00010000)
	be.PutUint64(f[16:], dataOffset)
	be.PutUint64(f[40:], size)
	be.PutUint64(f[48:], size)
	be.PutUint32(f[60:], typ)
	be.PutUint32(f[64:], vhdChecksum(f, 64))
	return f
}

// qcow2Header returns a QCOW2 version 3 header of a disk of size bytes,
// naming backing as its backing file when it is not "".
func qcow2Header(size uint64, backing string, crypt uint32) []byte {
	b := make([]byte, 1024)
	be := binary.BigEndian
	copy(b, "QFI\xfb")
	be.PutUint32(b[4:], 3)
	if backing != "" {
		be.PutUint64(b[8:], 512)
		be.PutUint32(b[16:], uint32(len(backing)))
		copy(b[512:], backing)
	}
	be.PutUint32(b[20:], 16)
	be.PutUint64(b[24:], size)
	be.PutUint32(b[32:], crypt)
	be.PutUint32(b[100:], 112)
	return b
}

// isoImage returns an ISO 9660 image whose primary volume descriptor says
// blocks blocks of 2048 bytes, holding have bytes.
func isoImage(blocks uint32, have int) []byte {
	b := make([]byte, have)
	pvd := b[16*2048:]
	pvd[0] = 1
	copy(pvd[1:], "CD001")
	pvd[6] = 1
	binary.LittleEndian.PutUint32(pvd[80:], blocks)
	binary.BigEndian.PutUint32(pvd[84:], blocks)
	binary.LittleEndian.PutUint16(pvd[128:], 2048)
	term := b[17*2048:]
	term[0] = 255
	copy(term[1:], "CD001")
	return b
}

var errShort = errors.New("short read")
