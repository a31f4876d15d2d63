// Command bench-url measures ovacheck on a package read by URL against the
// same package read from the local file, in one run: it writes a package
// with one raw disk of -size bytes, serves it on 127.0.0.1 with range
// support (net/http's ServeContent, with an ETag), and runs the ovacheck
// binary on the file, on the URL with --structure-only and on the URL in
// full, printing bytes transferred (from the JSON report) and wall time.
//
//	go run ./build/bench-url [-size 1GiB] [-ovacheck build/dist/ovacheck]
package main

import (
	"archive/tar"
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/ovacheck/ovacheck/engine/ovatest"
)

func main() {
	size := flag.Int64("size", 1<<30, "bytes of the package's disk")
	bin := flag.String("ovacheck", "build/dist/ovacheck", "the ovacheck binary to measure")
	flag.Parse()
	if err := run(*bin, *size); err != nil {
		fmt.Fprintln(os.Stderr, "bench-url:", err)
		os.Exit(1)
	}
}

func run(bin string, size int64) error {
	dir, err := os.MkdirTemp("", "ovacheck-bench-url-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "bench.ova")
	if err := writePackage(path, size); err != nil {
		return err
	}
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer ln.Close()
	go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, err := os.Open(path)
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		defer f.Close()
		w.Header().Set("ETag", fmt.Sprintf(`"%d-%d"`, st.Size(), st.ModTime().UnixNano()))
		http.ServeContent(w, r, "", st.ModTime(), f)
	}))
	url := "http://" + ln.Addr().String() + "/bench.ova"

	// Warm the page cache so that the first measured run is not the one
	// that reads the disk.
	exec.Command("cat", path).Run()
	fmt.Printf("package: %s (%d bytes), served at %s\n\n", path, st.Size(), url)
	fmt.Printf("%-28s %8s %14s %9s %s\n", "run", "verdict", "transferred", "requests", "wall")
	for _, c := range []struct {
		name string
		args []string
	}{
		{"local file", []string{path}},
		{"URL --structure-only", []string{"--structure-only", url}},
		{"URL, full", []string{url}},
		{"local file (again)", []string{path}},
	} {
		args := append([]string{"--format", "json", "--no-progress"}, c.args...)
		var out, errOut bytes.Buffer
		cmd := exec.Command(bin, args...)
		cmd.Stdout, cmd.Stderr = &out, &errOut
		start := time.Now()
		err := cmd.Run()
		wall := time.Since(start)
		if err != nil && cmd.ProcessState.ExitCode() != 1 {
			return fmt.Errorf("%s: %v\n%s", c.name, err, errOut.String())
		}
		var rep struct {
			Verdict  string
			Findings []struct{ Rule, Severity, Message string }
			Input    struct {
				BytesTransferred int64
				Requests         int
			}
		}
		if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
			return fmt.Errorf("%s: %v", c.name, err)
		}
		transferred := "-"
		if strings.HasPrefix(c.name, "URL") {
			transferred = fmt.Sprint(rep.Input.BytesTransferred)
		}
		fmt.Printf("%-28s %8s %14s %9d %.2fs\n", c.name, rep.Verdict, transferred, rep.Input.Requests, wall.Seconds())
		for _, f := range rep.Findings {
			if f.Severity == "error" {
				fmt.Printf("    %s %s\n", f.Rule, f.Message)
			}
		}
	}
	return nil
}

// writePackage writes an OVA with one raw disk of size seeded random
// bytes, hashed in a first pass and written in a second.
func writePackage(path string, size int64) error {
	a := ovatest.Appliance{Name: "bench", DiskCapacity: size, Disks: [][]byte{nil}, DiskNames: []string{"bench-disk1.img"}}
	desc := a.Descriptor()
	desc = strings.Replace(desc, `ovf:href="bench-disk1.img" ovf:size="0"`, fmt.Sprintf(`ovf:href="bench-disk1.img" ovf:size="%d"`, size), 1)
	desc = strings.ReplaceAll(desc, "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized", "")
	h := sha256.New()
	writeDisk(h, size)
	descSum := sha256.Sum256([]byte(desc))
	mf := fmt.Sprintf("SHA256(bench.ovf)= %s\nSHA256(bench-disk1.img)= %s\n", hex.EncodeToString(descSum[:]), hex.EncodeToString(h.Sum(nil)))

	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	tw := tar.NewWriter(bw)
	for _, m := range []struct {
		name string
		size int64
		w    func(io.Writer)
	}{
		{"bench.ovf", int64(len(desc)), func(w io.Writer) { io.WriteString(w, desc) }},
		{"bench.mf", int64(len(mf)), func(w io.Writer) { io.WriteString(w, mf) }},
		{"bench-disk1.img", size, func(w io.Writer) { writeDisk(w, size) }},
	} {
		if err := tw.WriteHeader(&tar.Header{Name: m.name, Size: m.size, Mode: 0o644, Format: tar.FormatUSTAR, ModTime: time.Unix(0, 0)}); err != nil {
			return err
		}
		m.w(tw)
	}
	if err := tw.Close(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// writeDisk writes size incompressible bytes, the same every time.
func writeDisk(w io.Writer, size int64) {
	io.CopyN(w, rand.NewChaCha8([32]byte{'u', 'r', 'l'}), size)
}
