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

	"github.com/ovacheck/ovacheck/engine/ovatest"
)

// benchDeep measures what --deep costs: a package with one stream-optimized
// VMDK (half its grains compressible, like a real system disk) checked
// with and without inflating every grain. It is for information; issue 14
// sets no goal for it.
func benchDeep(bin, dir string, capacity int64, runs int) error {
	p, err := writeVMDKPackage(dir, capacity)
	if err != nil {
		return err
	}
	defer os.Remove(p.path)
	plain := ovacheck(bin, "ovacheck", p)
	deep := ovacheck(bin, "ovacheck --deep", p)
	deep.args = append([]string{"--deep"}, deep.args...)
	deep.warmArgs = append([]string{"--deep"}, deep.warmArgs...)
	if err := interleave(runs, plain, deep); err != nil {
		return err
	}
	fmt.Printf("\n--deep on a stream-optimized VMDK of %s virtual (%s stored), for information:\n", gib(capacity), gib(p.bytes()))
	plain.print()
	deep.print()
	fmt.Printf("--deep costs %.2fx the default check\n", deep.wall()/plain.wall())
	return nil
}

// writeVMDKPackage writes an OVA whose disk is a stream-optimized VMDK made
// by the project's writer, streamed through a temporary file.
func writeVMDKPackage(dir string, capacity int64) (*pkg, error) {
	vmdkPath := filepath.Join(dir, "bench-disk1.vmdk")
	vf, err := os.Create(vmdkPath)
	if err != nil {
		return nil, err
	}
	defer os.Remove(vmdkPath)
	defer vf.Close()
	h := sha256.New()
	bw := bufio.NewWriterSize(io.MultiWriter(vf, h), 1<<20)
	if err := ovatest.WriteStreamOptimizedVMDK(bw, capacity, io.LimitReader(&halfCompressible{}, capacity)); err != nil {
		return nil, err
	}
	if err := bw.Flush(); err != nil {
		return nil, err
	}
	size, _ := vf.Seek(0, io.SeekCurrent)
	vf.Seek(0, io.SeekStart)
	p := &pkg{path: filepath.Join(dir, "bench-deep.ova"),
		disks: []disk{{name: "bench-disk1.vmdk", size: size, sha256: hex.EncodeToString(h.Sum(nil))}}}

	a := ovatest.Appliance{Name: "bench", DiskCapacity: capacity, Disks: [][]byte{nil}, DiskNames: []string{p.disks[0].name}}
	desc := strings.Replace(a.Descriptor(), `ovf:size="0"`, fmt.Sprintf(`ovf:size="%d"`, size), 1)
	mf := p.manifest(desc)
	f, err := os.Create(p.path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := bufio.NewWriterSize(f, 1<<20)
	tw := tar.NewWriter(out)
	for _, m := range []struct {
		name string
		size int64
		r    io.Reader
	}{{"bench.ovf", int64(len(desc)), strings.NewReader(desc)}, {"bench.mf", int64(len(mf)), strings.NewReader(mf)}, {p.disks[0].name, size, vf}} {
		addMember(tw, m.name, m.size)
		if _, err := io.Copy(tw, m.r); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := out.Flush(); err != nil {
		return nil, err
	}
	return p, f.Close()
}

// halfCompressible yields 64 KiB grains that alternate between random
// bytes and repeated text.
type halfCompressible struct {
	rng *rand.ChaCha8
	n   int64
}

func (h *halfCompressible) Read(p []byte) (int, error) {
	if h.rng == nil {
		h.rng = rand.NewChaCha8([32]byte{'d', 'e', 'e', 'p'})
	}
	const grain = 64 << 10
	n := min(len(p), grain-int(h.n%grain))
	if (h.n/grain)%2 == 0 {
		h.rng.Read(p[:n])
	} else {
		for i := range p[:n] {
			p[i] = "ovacheck system disk text "[(h.n+int64(i))%26]
		}
	}
	h.n += int64(n)
	return n, nil
}
