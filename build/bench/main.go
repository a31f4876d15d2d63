// Command bench measures the command-line verifier against openssl on the
// same bytes, in the same run: it writes packages of at least 1 GiB to a
// temporary folder, then times `openssl dgst -sha256` over the whole file
// and `ovacheck` over the package, and prints the ratio of their wall times
// and ovacheck's peak resident memory. Timings are medians of several runs
// with a warm page cache, so disk speed does not enter the ratio.
//
//	go run ./build/bench [-size 1GiB] [-runs 3] [-ovacheck build/dist/ovacheck]
package main

import (
	"archive/tar"
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/ovacheck/ovacheck/engine/ovatest"
)

func main() {
	size := flag.Int64("size", 1<<30, "total disk bytes in each package")
	runs := flag.Int("runs", 3, "timed runs of each command (the median is used)")
	bin := flag.String("ovacheck", "build/dist/ovacheck", "the ovacheck binary to measure")
	flag.Parse()
	if err := bench(*bin, *size, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func bench(bin string, size int64, runs int) error {
	if _, err := exec.LookPath("openssl"); err != nil {
		return fmt.Errorf("openssl is needed as the reference: %w", err)
	}
	dir, err := os.MkdirTemp("", "ovacheck-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	fmt.Printf("ovacheck benchmark: packages of %s of disk data, median of %d runs, warm cache\n\n", gib(size), runs)
	fmt.Printf("%-34s %10s %10s %8s %10s %s\n", "package", "openssl", "ovacheck", "ratio", "peak RSS", "goal")
	for _, c := range []struct {
		name  string
		disks int
		goal  string
	}{
		{"one disk", 1, "ratio <= 1.15, RSS <= 64 MiB"},
		{"two equal disks (parallel hashing)", 2, "ratio < 1.0, RSS <= 64 MiB"},
	} {
		path := filepath.Join(dir, fmt.Sprintf("bench-%d.ova", c.disks))
		if err := writePackage(path, c.disks, size/int64(c.disks)); err != nil {
			return err
		}
		ref, _, err := median(runs, "openssl", "dgst", "-sha256", path)
		if err != nil {
			return err
		}
		ours, rss, err := median(runs, bin, "--format", "json", path)
		if err != nil {
			return err
		}
		fmt.Printf("%-34s %9.2fs %9.2fs %8.2f %7.1f MiB %s\n", c.name, ref.Seconds(), ours.Seconds(),
			ours.Seconds()/ref.Seconds(), float64(rss)/1024, c.goal)
		os.Remove(path)
	}
	return benchDeep(bin, dir, size/4, runs)
}

// benchDeep measures what --deep costs: a package with one stream-optimized
// VMDK (half its grains compressible, like a real system disk) checked
// with and without inflating every grain.
func benchDeep(bin, dir string, capacity int64, runs int) error {
	path := filepath.Join(dir, "bench-deep.ova")
	if err := writeVMDKPackage(path, dir, capacity); err != nil {
		return err
	}
	st, _ := os.Stat(path)
	plain, _, err := median(runs, bin, "--format", "json", path)
	if err != nil {
		return err
	}
	deep, rss, err := median(runs, bin, "--deep", "--format", "json", path)
	if err != nil {
		return err
	}
	fmt.Printf("\n--deep on a stream-optimized VMDK of %s virtual (%s stored):\n", gib(capacity), gib(st.Size()))
	fmt.Printf("  default %.2fs, --deep %.2fs: --deep costs %.2fx the default check (peak RSS %.1f MiB)\n",
		plain.Seconds(), deep.Seconds(), deep.Seconds()/plain.Seconds(), float64(rss)/1024)
	return nil
}

// writeVMDKPackage writes an OVA whose disk is a stream-optimized VMDK made
// by the project's writer, streamed through a temporary file.
func writeVMDKPackage(path, dir string, capacity int64) error {
	vmdkPath := filepath.Join(dir, "bench-disk1.vmdk")
	vf, err := os.Create(vmdkPath)
	if err != nil {
		return err
	}
	h := sha256.New()
	bw := bufio.NewWriterSize(io.MultiWriter(vf, h), 1<<20)
	if err := ovatest.WriteStreamOptimizedVMDK(bw, capacity, io.LimitReader(&halfCompressible{}, capacity)); err != nil {
		return err
	}
	bw.Flush()
	size, _ := vf.Seek(0, io.SeekCurrent)
	vf.Seek(0, io.SeekStart)
	defer vf.Close()
	defer os.Remove(vmdkPath)

	a := ovatest.Appliance{Name: "bench", DiskCapacity: capacity, Disks: [][]byte{nil}, DiskNames: []string{"bench-disk1.vmdk"}}
	desc := strings.Replace(a.Descriptor(), `ovf:size="0"`, fmt.Sprintf(`ovf:size="%d"`, size), 1)
	mf := fmt.Sprintf("SHA256(bench.ovf)= %s\nSHA256(bench-disk1.vmdk)= %s\n",
		sha256Hex(func(w io.Writer) { io.WriteString(w, desc) }), hex.EncodeToString(h.Sum(nil)))
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	out := bufio.NewWriterSize(f, 1<<20)
	tw := tar.NewWriter(out)
	for _, m := range []struct {
		name string
		size int64
		r    io.Reader
	}{{"bench.ovf", int64(len(desc)), strings.NewReader(desc)}, {"bench.mf", int64(len(mf)), strings.NewReader(mf)}, {"bench-disk1.vmdk", size, vf}} {
		tw.WriteHeader(&tar.Header{Name: m.name, Size: m.size, Mode: 0o644, Format: tar.FormatUSTAR, ModTime: time.Unix(0, 0)})
		if _, err := io.Copy(tw, m.r); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	if err := out.Flush(); err != nil {
		return err
	}
	return f.Close()
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

// median runs the command runs times (after one untimed warm-up run) and
// returns the median wall time and the largest peak RSS in KiB.
func median(runs int, name string, args ...string) (time.Duration, int64, error) {
	var times []time.Duration
	var rss int64
	for i := 0; i <= runs; i++ {
		cmd := exec.CommandContext(context.Background(), name, args...)
		cmd.Stdout = io.Discard
		cmd.Stderr = os.Stderr
		start := time.Now()
		err := cmd.Run()
		elapsed := time.Since(start)
		if _, fail := err.(*exec.ExitError); err != nil && !fail {
			return 0, 0, fmt.Errorf("%s: %w", name, err)
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = max(rss, ru.Maxrss)
		}
		if i > 0 {
			times = append(times, elapsed)
		}
	}
	slices.Sort(times)
	return times[len(times)/2], rss, nil
}

// writePackage writes an OVA with n raw disks of size bytes each, never
// holding a disk in memory. The disk bytes come from a seeded generator, so
// the manifest can be computed in a first pass and the disks written in a
// second.
func writePackage(path string, n int, size int64) error {
	a := ovatest.Appliance{Name: "bench", DiskCapacity: size}
	for i := 0; i < n; i++ {
		a.Disks = append(a.Disks, nil)
		a.DiskNames = append(a.DiskNames, fmt.Sprintf("bench-disk%d.img", i+1))
	}
	desc := a.Descriptor()
	// The descriptor names each File's size; fill them in.
	for i := range n {
		desc = strings.Replace(desc, fmt.Sprintf(`ovf:href="%s" ovf:size="0"`, a.DiskNames[i]),
			fmt.Sprintf(`ovf:href="%s" ovf:size="%d"`, a.DiskNames[i], size), 1)
	}
	desc = strings.ReplaceAll(desc, "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized", "")
	mf := fmt.Sprintf("SHA256(bench.ovf)= %s\n", sha256Hex(func(w io.Writer) { io.WriteString(w, desc) }))
	for i := range n {
		mf += fmt.Sprintf("SHA256(%s)= %s\n", a.DiskNames[i], sha256Hex(func(w io.Writer) { writeDisk(w, i, size) }))
	}

	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	tw := tar.NewWriter(bw)
	add := func(name string, size int64, write func(io.Writer)) {
		tw.WriteHeader(&tar.Header{Name: name, Size: size, Mode: 0o644, Format: tar.FormatUSTAR, ModTime: time.Unix(0, 0)})
		write(tw)
	}
	add("bench.ovf", int64(len(desc)), func(w io.Writer) { io.WriteString(w, desc) })
	add("bench.mf", int64(len(mf)), func(w io.Writer) { io.WriteString(w, mf) })
	for i := range n {
		add(a.DiskNames[i], size, func(w io.Writer) { writeDisk(w, i, size) })
	}
	if err := tw.Close(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// writeDisk writes disk i's size bytes of incompressible data.
func writeDisk(w io.Writer, i int, size int64) {
	rng := rand.NewChaCha8([32]byte{byte(i), 'o', 'v', 'a'})
	buf := make([]byte, 1<<20)
	for size > 0 {
		n := min(int64(len(buf)), size)
		rng.Read(buf[:n])
		w.Write(buf[:n])
		size -= n
	}
}

func sha256Hex(write func(io.Writer)) string {
	h := sha256.New()
	write(h)
	return hex.EncodeToString(h.Sum(nil))
}

func gib(n int64) string { return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30)) }
