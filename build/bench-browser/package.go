package main

import (
	"archive/tar"
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"math/rand/v2"
	"os"
	"strings"
)

// disk is one disk image of a generated package: size bytes of
// pseudo-random data from seed, so that hashing reads real bytes (a sparse
// file of zeros would let the file system skip the work).
type disk struct {
	name string
	size int64
	seed uint64
}

// fill writes the disk's bytes to w.
func (d disk) fill(w io.Writer) error {
	r := rand.NewChaCha8([32]byte{byte(d.seed), byte(d.seed >> 8), 'o', 'v', 'a'})
	buf := make([]byte, 4<<20)
	for left := d.size; left > 0; {
		n := min(int64(len(buf)), left)
		r.Read(buf[:n])
		if _, err := w.Write(buf[:n]); err != nil {
			return err
		}
		left -= n
	}
	return nil
}

// writePackage writes an OVA to path: a descriptor naming the disks, a
// SHA-256 manifest with their real digests, and the disks. Each disk's
// bytes are generated twice (once for the manifest, once for the archive)
// instead of being held in memory.
func writePackage(path, base string, disks []disk) error {
	var refs, ds strings.Builder
	for i, d := range disks {
		fmt.Fprintf(&refs, `<File ovf:href="%s" ovf:id="file%d" ovf:size="%d"/>`, d.name, i+1, d.size)
		fmt.Fprintf(&ds, `<Disk ovf:capacity="%d" ovf:diskId="d%d" ovf:fileRef="file%d" ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"/>`, d.size, i+1, i+1)
	}
	ovf := []byte(`<?xml version="1.0" encoding="UTF-8"?>
<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1">
  <References>` + refs.String() + `</References>
  <DiskSection><Info>Disks</Info>` + ds.String() + `</DiskSection>
  <VirtualSystem ovf:id="` + base + `"><Info>A benchmark VM</Info></VirtualSystem>
</Envelope>
`)
	var mf strings.Builder
	fmt.Fprintf(&mf, "SHA256(%s.ovf)= %x\n", base, sha256.Sum256(ovf))
	for _, d := range disks {
		h := sha256.New()
		if err := d.fill(h); err != nil {
			return err
		}
		fmt.Fprintf(&mf, "SHA256(%s)= %s\n", d.name, hexSum(h))
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	tw := tar.NewWriter(bw)
	put := func(name string, size int64, body func(io.Writer) error) error {
		if err := tw.WriteHeader(&tar.Header{Name: name, Size: size, Mode: 0o644, Format: tar.FormatUSTAR}); err != nil {
			return err
		}
		return body(tw)
	}
	write := func(b []byte) func(io.Writer) error {
		return func(w io.Writer) error { _, err := w.Write(b); return err }
	}
	err = put(base+".ovf", int64(len(ovf)), write(ovf))
	if err == nil {
		err = put(base+".mf", int64(mf.Len()), write([]byte(mf.String())))
	}
	for _, d := range disks {
		if err == nil {
			err = put(d.name, d.size, d.fill)
		}
	}
	if err == nil {
		err = tw.Close()
	}
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func hexSum(h hash.Hash) string { return hex.EncodeToString(h.Sum(nil)) }
