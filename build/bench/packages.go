package main

import (
	"archive/tar"
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/ovacheck/ovacheck/engine/ovatest"
)

// pkg is a package written by the bench, with the disks its check must
// hash and the digests it must find for them.
type pkg struct {
	path  string
	disks []disk
}

type disk struct {
	name   string
	offset int64 // of the data in the package file
	size   int64
	sha256 string
}

// bytes is the disk data in the package: what a check must hash.
func (p *pkg) bytes() int64 {
	var n int64
	for _, d := range p.disks {
		n += d.size
	}
	return n
}

// hexes fails unless out is the disks' SHA-256 digests in hex, a line
// each, in order.
func (p *pkg) hexes(out []byte) error {
	var want string
	for _, d := range p.disks {
		want += d.sha256 + "\n"
	}
	if string(out) != want {
		return fmt.Errorf("printed %q; want the disks' digests %q", out, want)
	}
	return nil
}

// writeRandomPackage writes an OVA with n raw disks of size bytes of
// random data each (ChaCha8, incompressible), in one pass and never
// holding a disk in memory: the manifest is written with placeholder
// digests of the right length, the disks are hashed as they are written,
// and the manifest is then written again in place.
func writeRandomPackage(dir, name string, n int, size int64) (*pkg, error) {
	p := &pkg{path: filepath.Join(dir, name)}
	for i := range n {
		p.disks = append(p.disks, disk{name: fmt.Sprintf("bench-disk%d.img", i+1), size: size, sha256: strings.Repeat("0", 64)})
	}
	desc := p.descriptor()
	f, err := os.Create(p.path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	w := &counter{w: bufio.NewWriterSize(f, 1<<20)}
	tw := tar.NewWriter(w)
	addMember(tw, "bench.ovf", int64(len(desc)))
	io.WriteString(tw, desc)
	mf := p.manifest(desc)
	addMember(tw, "bench.mf", int64(len(mf)))
	mfOffset := w.n
	io.WriteString(tw, mf)
	for i := range p.disks {
		addMember(tw, p.disks[i].name, size)
		p.disks[i].offset = w.n
		h := sha256.New()
		writeRandom(io.MultiWriter(tw, h), i, size)
		p.disks[i].sha256 = hex.EncodeToString(h.Sum(nil))
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := w.w.(*bufio.Writer).Flush(); err != nil {
		return nil, err
	}
	if _, err := f.WriteAt([]byte(p.manifest(desc)), mfOffset); err != nil {
		return nil, err
	}
	return p, f.Close()
}

// writeSparsePackage writes an OVA with one raw disk of size zero bytes
// stored as a hole: the tar headers are written and the file is extended
// past the disk data and the end-of-archive blocks, so it takes no disk
// space. Reading it still yields every byte, and the manifest holds the
// true digest of size zeros, so a check must read and hash them all.
func writeSparsePackage(dir, name string, size int64) (*pkg, error) {
	h := sha256.New()
	zeros := make([]byte, 1<<20)
	for left := size; left > 0; left -= int64(len(zeros)) {
		h.Write(zeros[:min(left, int64(len(zeros)))])
	}
	p := &pkg{path: filepath.Join(dir, name),
		disks: []disk{{name: "bench-disk1.img", size: size, sha256: hex.EncodeToString(h.Sum(nil))}}}
	desc := p.descriptor()
	mf := p.manifest(desc)
	f, err := os.Create(p.path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	w := &counter{w: f}
	tw := tar.NewWriter(w)
	addMember(tw, "bench.ovf", int64(len(desc)))
	io.WriteString(tw, desc)
	addMember(tw, "bench.mf", int64(len(mf)))
	io.WriteString(tw, mf)
	// WriteHeader writes the header block straight through; the data and
	// the two zero blocks that end the archive are the hole. size is a
	// multiple of the 512-byte block, so there is no padding.
	if err := addMember(tw, p.disks[0].name, size); err != nil {
		return nil, err
	}
	if size%512 != 0 {
		return nil, fmt.Errorf("the sparse disk's size must be a multiple of 512")
	}
	if err := f.Truncate(w.n + size + 2*512); err != nil {
		return nil, err
	}
	return p, f.Close()
}

// stored returns the bytes the file takes on disk.
func stored(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return -1
	}
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return s.Blocks * 512
	}
	return st.Size()
}

// descriptor is an OVF descriptor naming the package's disks as raw
// images of their own size. A raw image is what a flat VMDK's extent
// holds, and the flat-VMDK format URI is the one a checker accepts for it
// (an empty or unknown ovf:format fails the check).
func (p *pkg) descriptor() string {
	a := ovatest.Appliance{Name: "bench", DiskCapacity: p.disks[0].size}
	for _, d := range p.disks {
		a.Disks = append(a.Disks, nil)
		a.DiskNames = append(a.DiskNames, d.name)
	}
	desc := a.Descriptor()
	for _, d := range p.disks {
		desc = strings.Replace(desc, fmt.Sprintf(`ovf:href="%s" ovf:size="0"`, d.name),
			fmt.Sprintf(`ovf:href="%s" ovf:size="%d"`, d.name, d.size), 1)
	}
	return strings.ReplaceAll(desc, "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized",
		"http://www.vmware.com/interfaces/specifications/vmdk.html#monolithicFlat")
}

// manifest lists the descriptor's digest and the disks' as they stand.
func (p *pkg) manifest(desc string) string {
	sum := sha256.Sum256([]byte(desc))
	mf := fmt.Sprintf("SHA256(bench.ovf)= %s\n", hex.EncodeToString(sum[:]))
	for _, d := range p.disks {
		mf += fmt.Sprintf("SHA256(%s)= %s\n", d.name, d.sha256)
	}
	return mf
}

// addMember writes a member's header: ustar, or PAX when the size needs
// more than ustar's 11 octal digits (8 GiB and over).
func addMember(tw *tar.Writer, name string, size int64) error {
	format := tar.FormatUSTAR
	if size >= 1<<33 {
		format = tar.FormatPAX
	}
	return tw.WriteHeader(&tar.Header{Name: name, Size: size, Mode: 0o644, Format: format, ModTime: time.Unix(0, 0)})
}

// writeRandom writes disk i's size bytes of incompressible data.
func writeRandom(w io.Writer, i int, size int64) {
	io.CopyN(w, rand.NewChaCha8([32]byte{byte(i), 'o', 'v', 'a'}), size)
}

// counter counts the bytes written through it: the offset in the file.
type counter struct {
	w io.Writer
	n int64
}

func (c *counter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}
