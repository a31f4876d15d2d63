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
	"strings"
	"time"

	"github.com/ovacheck/ovacheck/engine/ovatest"
)

// member is where a disk lies in a generated OVA, and its SHA-256 as the
// manifest lists it.
type member struct {
	name         string
	offset, size int64
	sha256       string
}

// pkg is a generated OVA.
type pkg struct {
	path  string
	disks []member
}

// diskBytes returns how many bytes of a disk.size pkg holds in its disks.
func (p pkg) diskBytes() int64 {
	var n int64
	for _, d := range p.disks {
		n += d.size
	}
	return n
}

// writePackage writes a sound appliance to path (ovatest's descriptor, a
// SHA-256 manifest, USTAR like ovftool), with one stream-optimized VMDK
// (ovatest's writer) per capacity, each disk filled with pseudo-random
// bytes from its own seed: every grain is stored and no file system can
// skip zeros, so hashing reads real bytes. Each VMDK goes through a
// temporary file beside path (hashed as it is written) and is removed once
// copied into the archive. It returns where the disks lie in the archive.
func writePackage(path, name string, capacities []int64) (pkg, error) {
	out := pkg{path: path}
	a := ovatest.Appliance{Name: name, Disks: make([][]byte, len(capacities))}
	var tmps []*os.File
	defer func() {
		for _, f := range tmps {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	for i, c := range capacities {
		// The descriptor has one DiskCapacity for all disks: the bench's
		// disks are equal.
		a.DiskCapacity = c
		f, err := os.Create(fmt.Sprintf("%s.disk%d.tmp", path, i+1))
		if err != nil {
			return out, err
		}
		tmps = append(tmps, f)
		h := sha256.New()
		bw := bufio.NewWriterSize(io.MultiWriter(f, h), 1<<20)
		rng := rand.NewChaCha8([32]byte{byte(i), byte(len(capacities)), 'o', 'v', 'a'})
		if err := ovatest.WriteStreamOptimizedVMDK(bw, c, io.LimitReader(rng, c)); err != nil {
			return out, err
		}
		if err := bw.Flush(); err != nil {
			return out, err
		}
		size, err := f.Seek(0, io.SeekCurrent)
		if err != nil {
			return out, err
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return out, err
		}
		out.disks = append(out.disks, member{name: a.DiskName(i), size: size, sha256: hex.EncodeToString(h.Sum(nil))})
	}

	// The descriptor gives each File its size from the in-memory disk, empty
	// here: put the real sizes in.
	desc := a.Descriptor()
	for _, d := range out.disks {
		empty := fmt.Sprintf(`ovf:href="%s" ovf:size="0"`, d.name)
		if !strings.Contains(desc, empty) {
			return out, fmt.Errorf("ovatest's descriptor no longer has %s: update writePackage", empty)
		}
		desc = strings.Replace(desc, empty, fmt.Sprintf(`ovf:href="%s" ovf:size="%d"`, d.name, d.size), 1)
	}
	ovf := ovatest.Member{Name: name + ".ovf", Data: []byte(desc)}
	var mf strings.Builder
	mf.Write(ovatest.Manifest("sha256", ovf))
	for _, d := range out.disks {
		fmt.Fprintf(&mf, "SHA256(%s)= %s\n", d.name, d.sha256)
	}

	f, err := os.Create(path)
	if err != nil {
		return out, err
	}
	defer f.Close()
	cw := &counter{w: f}
	bw := bufio.NewWriterSize(cw, 1<<20)
	tw := tar.NewWriter(bw)
	// offset is where the next byte written to tw lands in the file.
	offset := func() int64 { return cw.n + int64(bw.Buffered()) }
	put := func(name string, size int64, body io.Reader) (int64, error) {
		if err := tw.WriteHeader(&tar.Header{Name: name, Size: size, Mode: 0o644, Format: tar.FormatUSTAR, ModTime: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}); err != nil {
			return 0, err
		}
		at := offset()
		_, err := io.Copy(tw, body)
		return at, err
	}
	if _, err := put(ovf.Name, int64(len(ovf.Data)), strings.NewReader(desc)); err != nil {
		return out, err
	}
	if _, err := put(name+".mf", int64(mf.Len()), strings.NewReader(mf.String())); err != nil {
		return out, err
	}
	for i := range out.disks {
		at, err := put(out.disks[i].name, out.disks[i].size, tmps[i])
		if err != nil {
			return out, err
		}
		out.disks[i].offset = at
	}
	if err := tw.Close(); err != nil {
		return out, err
	}
	if err := bw.Flush(); err != nil {
		return out, err
	}
	return out, f.Close()
}

// counter counts the bytes written through it.
type counter struct {
	w io.Writer
	n int64
}

func (c *counter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}
