package ovatest

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// Layout of the stream-optimized VMDKs written here, as VMware writes them:
// a sparse extent header at sector 0 with the grain directory "at end", the
// descriptor from sector 1, grains from sector vmdkOverhead, each grain table
// after its grains, then the grain directory, the footer and the
// end-of-stream marker, each behind its marker sector.
const (
	vmdkSector      = 512
	vmdkGrainSects  = 128 // 64 KiB grains
	vmdkGrainBytes  = vmdkGrainSects * vmdkSector
	vmdkGTEs        = 512 // entries per grain table: 32 MiB of disk
	vmdkDescSects   = 20
	vmdkOverhead    = 128 // sectors before the first grain
	vmdkGDAtEnd     = ^uint64(0)
	vmdkFlags       = 1 | 1<<16 | 1<<17 // newline detection, compressed grains, markers
	vmdkMarkerGT    = 1
	vmdkMarkerGD    = 2
	vmdkMarkerFoot  = 3
	vmdkGTSectors   = vmdkGTEs * 4 / vmdkSector
	vmdkMaxCapacity = 62 << 40 // VMFS's VMDK limit
)

// VMDKOption changes one thing about a VMDK written by StreamOptimizedVMDK,
// to build the variants other producers write.
type VMDKOption func(*vmdkConfig)

type vmdkConfig struct {
	version    uint32
	createType string
	fileName   string
	adapter    string
}

// VMDKVersion sets the header's version field (VMware writes 3; some
// producers wrote 1).
func VMDKVersion(v uint32) VMDKOption { return func(c *vmdkConfig) { c.version = v } }

// VMDKCreateType sets the descriptor's createType.
func VMDKCreateType(t string) VMDKOption { return func(c *vmdkConfig) { c.createType = t } }

// VMDKFileName sets the file name on the descriptor's extent line.
func VMDKFileName(name string) VMDKOption { return func(c *vmdkConfig) { c.fileName = name } }

// StreamOptimizedVMDK returns a stream-optimized VMDK of capacity bytes
// (rounded up to whole sectors) whose disk starts with content; the rest of
// the disk reads as zeros. It panics if content is larger than capacity.
func StreamOptimizedVMDK(capacity int64, content []byte, opts ...VMDKOption) []byte {
	var buf bytes.Buffer
	if err := writeVMDK(&buf, capacity, bytes.NewReader(content), opts...); err != nil {
		panic("ovatest: " + err.Error())
	}
	return buf.Bytes()
}

// WriteStreamOptimizedVMDK writes a stream-optimized VMDK of capacity bytes
// to w, reading the disk's content from content (zeros after its end). It
// holds one grain and one grain table in memory, plus the grain directory
// (4 bytes per 32 MiB of capacity), so it suits disks of any size.
func WriteStreamOptimizedVMDK(w io.Writer, capacity int64, content io.Reader) error {
	return writeVMDK(w, capacity, content)
}

// vmdkWriter tracks where in the file it is, in sectors.
type vmdkWriter struct {
	w   *bufio.Writer
	n   int64 // bytes written
	err error
}

func (v *vmdkWriter) write(b []byte) {
	if v.err == nil {
		var m int
		m, v.err = v.w.Write(b)
		v.n += int64(m)
	}
}

// pad writes zeros up to the next sector boundary.
func (v *vmdkWriter) pad() {
	if r := v.n % vmdkSector; r != 0 {
		v.write(make([]byte, vmdkSector-r))
	}
}

func (v *vmdkWriter) sector() uint64 { return uint64(v.n / vmdkSector) }

// marker writes a metadata marker sector: val sectors of metadata of type
// typ follow.
func (v *vmdkWriter) marker(val uint64, typ uint32) {
	var m [vmdkSector]byte
	binary.LittleEndian.PutUint64(m[0:], val)
	binary.LittleEndian.PutUint32(m[12:], typ)
	v.write(m[:])
}

func writeVMDK(w io.Writer, capacity int64, content io.Reader, opts ...VMDKOption) error {
	if capacity <= 0 || capacity > vmdkMaxCapacity {
		return fmt.Errorf("vmdk capacity %d out of range", capacity)
	}
	cfg := vmdkConfig{version: 3, createType: "streamOptimized", fileName: "disk.vmdk", adapter: "lsilogic"}
	for _, o := range opts {
		o(&cfg)
	}
	sectors := uint64((capacity + vmdkSector - 1) / vmdkSector)
	grains := (sectors + vmdkGrainSects - 1) / vmdkGrainSects
	numGTs := (grains + vmdkGTEs - 1) / vmdkGTEs
	v := &vmdkWriter{w: bufio.NewWriterSize(w, 1<<20)}

	v.write(vmdkHeader(cfg.version, sectors, vmdkGDAtEnd))
	desc := make([]byte, vmdkDescSects*vmdkSector)
	copy(desc, vmdkDescriptor(cfg, sectors))
	v.write(desc)
	v.write(make([]byte, (vmdkOverhead-1-vmdkDescSects)*vmdkSector))

	gd := make([]uint32, numGTs)
	gt := make([]uint32, vmdkGTEs)
	grain := make([]byte, vmdkGrainBytes)
	var zbuf bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&zbuf, zlib.BestSpeed)
	eof := false
	for g := range grains {
		clear(grain)
		if !eof {
			n, err := io.ReadFull(content, grain)
			switch {
			case err == io.EOF || err == io.ErrUnexpectedEOF:
				eof = true
			case err != nil:
				return err
			}
			if n > 0 && !allZero(grain[:n]) {
				zbuf.Reset()
				zw.Reset(&zbuf)
				zw.Write(grain) //nolint:errcheck // writes to a bytes.Buffer
				zw.Close()      //nolint:errcheck // writes to a bytes.Buffer
				gt[g%vmdkGTEs] = uint32(v.sector())
				var m [12]byte
				binary.LittleEndian.PutUint64(m[0:], g*vmdkGrainSects)
				binary.LittleEndian.PutUint32(m[8:], uint32(zbuf.Len()))
				v.write(m[:])
				v.write(zbuf.Bytes())
				v.pad()
			}
		}
		if g%vmdkGTEs == vmdkGTEs-1 || g == grains-1 {
			v.marker(vmdkGTSectors, vmdkMarkerGT)
			gd[g/vmdkGTEs] = uint32(v.sector())
			v.write(le32s(gt))
			clear(gt)
		}
	}
	if !eof {
		var one [1]byte
		if n, _ := content.Read(one[:]); n > 0 {
			return errors.New("vmdk content is larger than the capacity")
		}
	}
	gdBytes := le32s(gd)
	gdSectors := (len(gdBytes) + vmdkSector - 1) / vmdkSector
	v.marker(uint64(gdSectors), vmdkMarkerGD)
	gdAt := v.sector()
	v.write(gdBytes)
	v.pad()
	v.marker(1, vmdkMarkerFoot)
	v.write(vmdkHeader(cfg.version, sectors, gdAt))
	v.write(make([]byte, vmdkSector)) // end-of-stream marker
	if v.err != nil {
		return v.err
	}
	return v.w.Flush()
}

// vmdkHeader returns a sparse extent header for a stream-optimized disk
// with the grain directory at sector gd (vmdkGDAtEnd in the header, the real
// place in the footer).
func vmdkHeader(version uint32, sectors, gd uint64) []byte {
	h := make([]byte, vmdkSector)
	le := binary.LittleEndian
	copy(h, "KDMV")
	le.PutUint32(h[4:], version)
	le.PutUint32(h[8:], vmdkFlags)
	le.PutUint64(h[12:], sectors)
	le.PutUint64(h[20:], vmdkGrainSects)
	le.PutUint64(h[28:], 1) // descriptor offset
	le.PutUint64(h[36:], vmdkDescSects)
	le.PutUint32(h[44:], vmdkGTEs)
	le.PutUint64(h[48:], 0) // no redundant grain directory
	le.PutUint64(h[56:], gd)
	le.PutUint64(h[64:], vmdkOverhead)
	copy(h[73:], "\n \r\n")
	le.PutUint16(h[77:], 1) // deflate
	return h
}

// vmdkDescriptor returns the embedded descriptor text.
func vmdkDescriptor(c vmdkConfig, sectors uint64) []byte {
	cyl := min(sectors/(255*63), 65535)
	return fmt.Appendf(nil, `# Disk DescriptorFile
version=1
encoding="UTF-8"
CID=7e5a1b2c
parentCID=ffffffff
createType=%q

# Extent description
RDONLY %d SPARSE %q

# The Disk Data Base
#DDB

ddb.adapterType = %q
ddb.geometry.cylinders = "%d"
ddb.geometry.heads = "255"
ddb.geometry.sectors = "63"
ddb.longContentID = "8d3b1f0e6c2a49d7a5e47c9b0f1d2e3a"
ddb.toolsVersion = "2147483647"
ddb.virtualHWVersion = "4"
`, c.createType, sectors, c.fileName, c.adapter, cyl)
}

func le32s(v []uint32) []byte {
	b := make([]byte, 4*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint32(b[4*i:], x)
	}
	return b
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}
