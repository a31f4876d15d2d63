package engine

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"

	"github.com/ovacheck/ovacheck/engine/ovatest"
)

// Disk-image generators for the rule examples in testdata/rules: each makes
// one image of a given virtual size, sound or with one specific defect, so a
// case can show a disk-probe rule without binary edits in its text. A member
// whose body is @NAME(N) gets generators[NAME](N) (see expandPlaceholders).
//
// Stream-optimized VMDK variants start from the same image as @vmdk(N) and
// change bytes at the places its writer (ovatest.StreamOptimizedVMDK) puts
// them: the header at byte 0, the first grain marker at sector 128 (the
// overhead), and at the end the footer marker, the footer and the
// end-of-stream marker, one sector each.
func init() {
	for name, gen := range map[string]func(int64) []byte{
		"vmdkv1":       vmdkVersion1,
		"vmdkhalf":     vmdkHalf,
		"vmdknoeos":    vmdkNoEOS,
		"vmdkgdfront":  vmdkGDAtFront,
		"vmdkunclean":  vmdkUnclean,
		"vmdkgte256":   vmdkGTEs256,
		"vmdkbadlba":   vmdkOddGrainLBA,
		"vmdkfarlba":   vmdkGrainPastCapacity,
		"vmdkfargd":    vmdkFarGrainDirectory,
		"vmdkbadgrain": vmdkCorruptGrain,
		"vmdktail":     vmdkTrailingData,
		"vhd":          func(n int64) []byte { return fixedVHD(n, false) },
		"vhdbadsum":    func(n int64) []byte { return fixedVHD(n, true) },
		"qcow2":        func(n int64) []byte { return qcow2Image(n, qcow2Plain) },
		"qcow2backing": func(n int64) []byte {
			return qcow2Image(n, qcow2Backing)
		},
		"qcow2enc":   func(n int64) []byte { return qcow2Image(n, qcow2Encrypted) },
		"qcow2dirty": func(n int64) []byte { return qcow2Image(n, qcow2Dirty) },
		"gzvmdk":     func(n int64) []byte { return gzipped(goldenVMDK(n)) },
		"gzvmdkcut": func(n int64) []byte {
			z := gzipped(goldenVMDK(n))
			return z[:len(z)/2]
		},
	} {
		if _, taken := generators[name]; taken {
			panic("generators_test.go: generator @" + name + " is registered twice")
		}
		generators[name] = gen
	}
}

// Offsets in a VMDK sparse extent header (VMware Virtual Disk Format 1.1).
const (
	genSector       = 512
	genOffCapacity  = 12
	genOffNumGTEs   = 44
	genOffGDOffset  = 56
	genOffUnclean   = 72
	genVMDKOverhead = 128 // sectors before the first grain, as ovatest writes
	genGrainSectors = 128
)

var genLE = binary.LittleEndian

// goldenVMDK is the image @vmdk(N) makes.
func goldenVMDK(n int64) []byte { return generators["vmdk"](n) }

// vmdkVersion1 is a stream-optimized VMDK whose header says version 1, as
// old qemu-img releases wrote.
func vmdkVersion1(n int64) []byte {
	return ovatest.StreamOptimizedVMDK(n, []byte("ovacheck golden disk"), ovatest.VMDKVersion(1))
}

// vmdkHalf is the first half of a stream-optimized VMDK: an interrupted
// download.
func vmdkHalf(n int64) []byte {
	b := goldenVMDK(n)
	return b[:len(b)/2]
}

// vmdkNoEOS lacks the final end-of-stream sector.
func vmdkNoEOS(n int64) []byte {
	b := goldenVMDK(n)
	return b[:len(b)-genSector]
}

// vmdkGDAtFront names the grain directory in the header and has no footer,
// the layout qemu-img writes.
func vmdkGDAtFront(n int64) []byte {
	b := goldenVMDK(n)
	footer := b[len(b)-2*genSector:]
	gd := genLE.Uint64(footer[genOffGDOffset:])
	out := bytes.Clone(b[:len(b)-3*genSector])
	genLE.PutUint64(out[genOffGDOffset:], gd)
	return append(out, make([]byte, genSector)...) // end-of-stream marker
}

// vmdkUnclean has the uncleanShutdown byte of its header set.
func vmdkUnclean(n int64) []byte {
	b := goldenVMDK(n)
	b[genOffUnclean] = 1
	return b
}

// vmdkGTEs256 says 256 entries per grain table in header and footer.
func vmdkGTEs256(n int64) []byte {
	b := goldenVMDK(n)
	genLE.PutUint32(b[genOffNumGTEs:], 256)
	genLE.PutUint32(b[len(b)-2*genSector+genOffNumGTEs:], 256)
	return b
}

// vmdkOddGrainLBA moves the first grain to disk sector 1, off a grain
// boundary.
func vmdkOddGrainLBA(n int64) []byte {
	b := goldenVMDK(n)
	genLE.PutUint64(b[genVMDKOverhead*genSector:], 1)
	return b
}

// vmdkGrainPastCapacity moves the first grain to the first grain boundary at
// or after the end of the disk.
func vmdkGrainPastCapacity(n int64) []byte {
	b := goldenVMDK(n)
	sectors := genLE.Uint64(b[genOffCapacity:])
	lba := (sectors + genGrainSectors - 1) / genGrainSectors * genGrainSectors
	genLE.PutUint64(b[genVMDKOverhead*genSector:], lba)
	return b
}

// vmdkFarGrainDirectory's footer puts the grain directory far past the end
// of the file.
func vmdkFarGrainDirectory(n int64) []byte {
	b := goldenVMDK(n)
	genLE.PutUint64(b[len(b)-2*genSector+genOffGDOffset:], 1<<40)
	return b
}

// vmdkCorruptGrain damages the deflate data of the first grain; only
// inflating it (the deep check) shows the damage.
func vmdkCorruptGrain(n int64) []byte {
	b := goldenVMDK(n)
	at := genVMDKOverhead*genSector + 12 // after the grain marker's LBA and size
	for i := at + 2; i < at+10; i++ {
		b[i] ^= 0xff
	}
	return b
}

// vmdkTrailingData has a sector of text after its end-of-stream marker.
func vmdkTrailingData(n int64) []byte {
	tail := bytes.Repeat([]byte("appended "), genSector/9+1)[:genSector]
	return append(goldenVMDK(n), tail...)
}

// fixedVHD is a fixed VHD of n bytes of zeros (rounded up to sectors) and
// its footer; badSum spoils the footer's checksum.
func fixedVHD(n int64, badSum bool) []byte {
	size := (n + genSector - 1) / genSector * genSector
	b := make([]byte, size+genSector)
	f := b[size:]
	be := binary.BigEndian
	copy(f, "conectix")
	be.PutUint32(f[8:], 2)           // features: reserved bit
	be.PutUint32(f[12:], 0x00010000) // format version 1.0
	be.PutUint64(f[16:], ^uint64(0)) // no dynamic header
	copy(f[28:], "ovck")             // creator application
	be.PutUint64(f[40:], uint64(size))
	be.PutUint64(f[48:], uint64(size))
	be.PutUint32(f[60:], 2) // fixed
	var sum uint32
	for _, c := range f {
		sum += uint32(c)
	}
	sum = ^sum
	if badSum {
		sum++
	}
	be.PutUint32(f[64:], sum)
	return b
}

// QCOW2 variants.
const (
	qcow2Plain = iota
	qcow2Backing
	qcow2Encrypted
	qcow2Dirty
)

// qcow2Image is a QCOW2 version 3 header of a disk of n bytes with 64 KiB
// clusters, padded to one cluster; the variant names a backing file, sets
// AES encryption or marks the image dirty.
func qcow2Image(n int64, variant int) []byte {
	b := make([]byte, 64<<10)
	be := binary.BigEndian
	copy(b, "QFI\xfb")
	be.PutUint32(b[4:], 3)
	be.PutUint32(b[20:], 16) // cluster_bits
	be.PutUint64(b[24:], uint64(n))
	be.PutUint32(b[100:], 104) // header_length
	switch variant {
	case qcow2Backing:
		name := "base.qcow2"
		be.PutUint64(b[8:], 512)
		be.PutUint32(b[16:], uint32(len(name)))
		copy(b[512:], name)
	case qcow2Encrypted:
		be.PutUint32(b[32:], 1) // AES
	case qcow2Dirty:
		be.PutUint64(b[72:], 1) // incompatible feature: dirty
	}
	return b
}

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b) //nolint:errcheck // writes to a bytes.Buffer
	zw.Close()  //nolint:errcheck // writes to a bytes.Buffer
	return buf.Bytes()
}
