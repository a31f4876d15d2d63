package disk

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/report"
)

// Stream-optimized VMDKs as real producers write them, built at test time
// from raw images of fixed-seed random data, and held against qemu-img and
// vmdkinfo: a disk they read is sound (no error, no warning), a copy cut in
// the middle of its grains is an error.

// rawKind names the content of a raw test image.
type rawKind string

const (
	rawRandom rawKind = "random" // incompressible bytes
	rawSparse rawKind = "sparse" // zeros with random islands
	rawFull   rawKind = "full"   // no zero byte, compressible
)

// rawImage returns size bytes of kind, the same for the same seed.
func rawImage(kind rawKind, size int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, uint64(len(kind))))
	b := make([]byte, size)
	switch kind {
	case rawRandom:
		for i := range b {
			b[i] = byte(r.Uint32())
		}
	case rawSparse:
		for range max(size>>18, 2) {
			n := 1 + r.IntN(48<<10)
			at := r.IntN(size - n)
			for i := at; i < at+n; i++ {
				b[i] = byte(r.Uint32())
			}
		}
	case rawFull:
		const letters = "abcdefghijklmnopqrstuvwxyz0123456789 \n"
		for i := range b {
			b[i] = letters[r.IntN(len(letters))]
		}
	}
	return b
}

// producer writes a stream-optimized VMDK of raw (stored at rawPath) to
// out, or skips the test when its tool is missing.
type producer struct {
	name  string
	write func(t *testing.T, raw []byte, rawPath, out string)
	// vmdkinfoRefuses says why vmdkinfo (libvmdk) cannot open this
	// producer's disks although qemu-img reads them, or is "".
	vmdkinfoRefuses string
	// only, when set, limits the producer to these images ("kind-MiB"):
	// VMDKstream takes seconds per disk whatever its size.
	only []string
}

// builds reports whether p is run on the image of kind and size: the 64 MiB
// disk is qemu-img's only, the layout the issue was about.
func (p producer) builds(kind rawKind, mib int) bool {
	if mib == 64 {
		return p.name == "qemu-img"
	}
	return p.only == nil || slices.Contains(p.only, fmt.Sprintf("%s-%d", kind, mib))
}

var producers = []producer{
	{name: "qemu-img", write: func(t *testing.T, _ []byte, rawPath, out string) {
		run(t, qemuImg(t), "convert", "-t", "unsafe", "-f", "raw", "-O", "vmdk", "-o", "subformat=streamOptimized", rawPath, out)
	}},
	{name: "VMDKstream", write: func(t *testing.T, _ []byte, rawPath, out string) {
		run(t, vmdkstreamPython(t), "-m", "VMDKstream", rawPath, out)
	}, vmdkinfoRefuses: `its descriptor starts "# Disk Descriptor File", not libvmdk's signature "# Disk DescriptorFile"`,
		only: []string{"random-1", "sparse-7"}},
	{name: "ovatest", write: func(t *testing.T, raw []byte, _, out string) {
		writeFile(t, out, ovatest.StreamOptimizedVMDK(int64(len(raw)), raw))
	}},
	{name: "xen-orchestra style", write: func(t *testing.T, raw []byte, _, out string) {
		writeFile(t, out, xoStyleVMDK(raw, 1<<20))
	}},
}

func TestProducers(t *testing.T) {
	dir := t.TempDir()
	type image struct {
		kind rawKind
		mib  int
	}
	var images []image
	for _, k := range []rawKind{rawRandom, rawSparse, rawFull} {
		for _, mib := range []int{1, 4, 7} {
			images = append(images, image{k, mib})
		}
	}
	images = append(images, image{rawRandom, 64})
	for i, im := range images {
		raw := rawImage(im.kind, im.mib<<20, uint64(i+1))
		rawPath := filepath.Join(dir, fmt.Sprintf("%s-%d.raw", im.kind, im.mib))
		writeFile(t, rawPath, raw)
		for _, p := range producers {
			if !p.builds(im.kind, im.mib) {
				continue
			}
			t.Run(fmt.Sprintf("%s/%s-%dMiB", p.name, im.kind, im.mib), func(t *testing.T) {
				t.Parallel()
				out := filepath.Join(dir, fmt.Sprintf("%s-%s-%d.vmdk", strings.ReplaceAll(p.name, " ", "_"), im.kind, im.mib))
				p.write(t, raw, rawPath, out)
				b, err := os.ReadFile(out)
				if err != nil {
					t.Fatal(err)
				}
				img, fs := probeBytes(b)
				fs = append(fs, deepBytes(DeepStreamVMDK, b, 1<<20)...)
				if img.Subformat != SubformatStream || img.VirtualSize != int64(len(raw)) {
					t.Errorf("image = %s/%s %d bytes", img.Format, img.Subformat, img.VirtualSize)
				}
				if bad := errorsAndWarnings(fs); len(bad) > 0 {
					t.Errorf("sound disk: %v", bad)
				}
				oracleReadsAs(t, out, raw, p.vmdkinfoRefuses)

				// The same file cut in the middle of its grains.
				cut := b[:len(b)/2+1000]
				cutPath := out + ".cut"
				writeFile(t, cutPath, cut)
				_, fs = probeBytes(cut)
				probeErrs := len(errorsOnly(fs))
				fs = append(fs, deepBytes(DeepStreamVMDK, cut, 1<<20)...)
				if probeErrs == 0 || len(errorsOnly(fs)) == 0 {
					t.Errorf("cut at byte %d of %d: probe errors %d, all %v", len(cut), len(b), probeErrs, fs)
				}
				oracleRefuses(t, cutPath)
			})
		}
	}
}

// TestUTF8MangledHeader converts a VMDK as a text transfer does (each byte
// that is not valid UTF-8 becomes U+FFFD) and wants one finding that says so.
func TestUTF8MangledHeader(t *testing.T) {
	good := ovatest.StreamOptimizedVMDK(1<<20, rawImage(rawFull, 200<<10, 9))
	mangled := []byte(string([]rune(string(good))))
	img, fs := probeBytes(mangled)
	if len(fs) != 1 || fs[0].Rule != "DSK020" || !strings.Contains(fs[0].Hint, "text/UTF-8 conversion") {
		t.Fatalf("findings = %v", fs)
	}
	if DeepFormat(img) != "" {
		t.Errorf("deep check would run on a mangled file: %q", DeepFormat(img))
	}
}

// TestXOFooterMarker checks xen-orchestra's footer marker, which gives 0
// sectors where VMware writes 1, without padding before the tables.
func TestXOFooterMarker(t *testing.T) {
	b := xoStyleVMDK(rawImage(rawSparse, 4<<20, 3), 0)
	img, fs := probeBytes(b)
	fs = append(fs, deepBytes(DeepStreamVMDK, b, 4093)...)
	if len(fs) != 0 {
		t.Fatalf("findings = %v", fs)
	}
	if !strings.Contains(img.Notes, "footer marker gives 0 sectors") {
		t.Errorf("notes = %q", img.Notes)
	}
}

func errorsOnly(fs []report.Finding) []report.Finding {
	var out []report.Finding
	for _, f := range fs {
		if f.Severity == report.Error {
			out = append(out, f)
		}
	}
	return out
}

func errorsAndWarnings(fs []report.Finding) []report.Finding {
	var out []report.Finding
	for _, f := range fs {
		if f.Severity == report.Error || f.Severity == report.Warning {
			out = append(out, f)
		}
	}
	return out
}

// oracleReadsAs wants qemu-img check to pass, qemu-img convert to give raw
// back, and vmdkinfo to open the disk (unless refuses says why it cannot).
func oracleReadsAs(t *testing.T, path string, raw []byte, refuses string) {
	t.Helper()
	qemu := qemuImg(t)
	if out, err := exec.Command(qemu, "check", path).CombinedOutput(); err != nil {
		t.Errorf("qemu-img check: %v\n%s", err, out)
	}
	back := path + ".back.raw"
	run(t, qemu, "convert", "-t", "unsafe", "-f", "vmdk", "-O", "raw", path, back)
	got, err := os.ReadFile(back)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, raw) {
		t.Errorf("qemu-img convert gives %d bytes that differ from the %d raw bytes", len(got), len(raw))
	}
	os.Remove(back)
	vmdkinfo, err := exec.LookPath("vmdkinfo")
	if err != nil {
		t.Log("vmdkinfo is not installed (apt-get install libvmdk-utils); vmdkinfo cross-check skipped")
		return
	}
	out, err := exec.Command(vmdkinfo, path).CombinedOutput()
	switch {
	case err != nil && refuses == "":
		t.Errorf("vmdkinfo: %v\n%s", err, out)
	case err == nil && refuses != "":
		t.Errorf("vmdkinfo opens the disk although it is expected to refuse it (%s)", refuses)
	}
}

// oracleRefuses wants qemu-img to find the disk unreadable.
func oracleRefuses(t *testing.T, path string) {
	t.Helper()
	qemu := qemuImg(t)
	if exec.Command(qemu, "check", path).Run() != nil {
		return
	}
	conv := exec.Command(qemu, "convert", "-t", "unsafe", "-f", "vmdk", "-O", "raw", path, path+".raw").Run()
	os.Remove(path + ".raw")
	if conv == nil {
		t.Errorf("qemu-img reads the cut disk %s; ovacheck calls it damaged", path)
	}
}

// vmdkstreamPython returns a Python interpreter that has Ubuntu's VMDKstream
// module (python3-vmdkstream), or skips the test.
func vmdkstreamPython(t *testing.T) string {
	t.Helper()
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(py, "-c", "import VMDKstream").Run() == nil {
			return py
		}
	}
	t.Skip("python3 -m VMDKstream is not installed (apt-get install python3-vmdkstream)")
	return ""
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// xoStyleVMDK lays raw out as xen-orchestra's stream-optimized writer does
// (vatesfr/xen-orchestra packages/xo-vmdk-to-vhd/src/vmdk-generate.js
// (generateVmdkData) and definitions.js (createStreamOptimizedHeader)):
// grains right after a descriptor padded by 10 sectors, zero padding up to
// an announced size when padTo > 0, then grain tables, a redundant
// directory, the tables again and the directory, a footer and the
// end-of-stream marker. Every metadata marker gives 0 sectors.
func xoStyleVMDK(raw []byte, padTo int) []byte {
	const sector, grainSectors, gtes = 512, 128, 512
	capacity := (len(raw) + sector - 1) / sector
	grains := (capacity + grainSectors - 1) / grainSectors
	numGTs := (grains + gtes - 1) / gtes
	desc := fmt.Sprintf("# Disk DescriptorFile\nversion=1\nCID=1234abcd\nparentCID=ffffffff\ncreateType=\"streamOptimized\"\n"+
		"# Extent description\nRW %d SPARSE \"disk.vmdk\"\n# The Disk Data Base\n#DDB\nddb.adapterType = \"ide\"\n", capacity)
	descSectors := (len(desc)+sector-1)/sector + 10
	header := func(gd, rgd int64) []byte {
		h := make([]byte, sector)
		le := binary.LittleEndian
		copy(h, "KDMV")
		le.PutUint32(h[4:], 3)
		le.PutUint32(h[8:], 1|1<<1|1<<16|1<<17)
		le.PutUint64(h[12:], uint64(capacity))
		le.PutUint64(h[20:], grainSectors)
		le.PutUint64(h[28:], 1)
		le.PutUint64(h[36:], uint64(descSectors))
		le.PutUint32(h[44:], gtes)
		le.PutUint64(h[48:], uint64(rgd))
		le.PutUint64(h[56:], uint64(gd))
		le.PutUint64(h[64:], uint64(1+descSectors))
		copy(h[73:], "\n \r\n")
		le.PutUint16(h[77:], 1)
		return h
	}
	marker := func(typ uint32) []byte {
		m := make([]byte, sector)
		binary.LittleEndian.PutUint32(m[12:], typ)
		return m
	}
	var out bytes.Buffer
	out.Write(header(-1, 0))
	out.Write(append([]byte(desc), make([]byte, descSectors*sector-len(desc))...))
	table := make([]byte, numGTs*gtes*4)
	grainBytes := grainSectors * sector
	for g := range grains {
		chunk := make([]byte, grainBytes)
		copy(chunk, raw[min(g*grainBytes, len(raw)):min((g+1)*grainBytes, len(raw))])
		if allZero(chunk) {
			continue
		}
		binary.LittleEndian.PutUint32(table[g*4:], uint32(out.Len()/sector))
		var z bytes.Buffer
		zw, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
		zw.Write(chunk)
		zw.Close()
		m := make([]byte, 12, roundSector(int64(12+z.Len())))
		binary.LittleEndian.PutUint64(m, uint64(g*grainSectors))
		binary.LittleEndian.PutUint32(m[8:], uint32(z.Len()))
		m = append(m, z.Bytes()...)
		out.Write(m[:cap(m)])
	}
	for out.Len() < padTo {
		out.Write(make([]byte, sector))
	}
	directory := func(tablesAt int) []byte {
		d := make([]byte, roundSector(int64(numGTs*4)))
		for i := range numGTs {
			binary.LittleEndian.PutUint32(d[i*4:], uint32((tablesAt+i*gtes*4)/sector))
		}
		return d
	}
	var gdAt [2]int
	for i := range gdAt {
		out.Write(marker(markerGT))
		tablesAt := out.Len()
		out.Write(table)
		out.Write(marker(markerGD))
		gdAt[i] = out.Len()
		out.Write(directory(tablesAt))
	}
	out.Write(marker(markerFooter))
	out.Write(header(int64(gdAt[1]/sector), int64(gdAt[0]/sector)))
	out.Write(make([]byte, sector))
	return out.Bytes()
}
