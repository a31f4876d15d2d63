package ovatest

import (
	"bytes"
	"crypto/sha256"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func vmdkContent(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*13%241) ^ byte(i>>10)
	}
	clear(b[n/4 : n/2])
	return b
}

// TestStreamOptimizedVMDKLayout checks the layout VMware's readers expect
// without any external tool: header, footer and end-of-stream marker.
func TestStreamOptimizedVMDKLayout(t *testing.T) {
	b := StreamOptimizedVMDK(5<<20+100, vmdkContent(1<<20))
	if !bytes.HasPrefix(b, []byte("KDMV\x03\x00\x00\x00\x01\x00\x03\x00")) {
		t.Errorf("header starts % x", b[:12])
	}
	if len(b)%512 != 0 || !bytes.Equal(b[len(b)-512:], make([]byte, 512)) {
		t.Error("does not end with an end-of-stream marker")
	}
	if !bytes.HasPrefix(b[len(b)-1024:], []byte("KDMV")) || b[len(b)-1536+12] != vmdkMarkerFoot {
		t.Error("no footer marker and footer before the end-of-stream marker")
	}
	if !bytes.Contains(b[512:1024], []byte(`createType="streamOptimized"`)) {
		t.Error("no createType in the descriptor")
	}
}

// TestWriteStreamOptimizedVMDKSame checks the streaming and in-memory
// writers give the same bytes, and that content larger than the capacity is
// refused.
func TestWriteStreamOptimizedVMDKSame(t *testing.T) {
	c := vmdkContent(3 << 20)
	var buf bytes.Buffer
	if err := WriteStreamOptimizedVMDK(&buf, 40<<20, bytes.NewReader(c)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), StreamOptimizedVMDK(40<<20, c)) {
		t.Error("streaming and in-memory writers differ")
	}
	if err := WriteStreamOptimizedVMDK(io.Discard, 1<<20, bytes.NewReader(c)); err == nil {
		t.Error("content larger than the capacity accepted")
	}
}

// TestStreamOptimizedVMDKQemu checks that qemu-img reads the writer's
// output: info sees the format and size, check finds no error, and convert
// gives back the content.
func TestStreamOptimizedVMDKQemu(t *testing.T) {
	if runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("qemu-img cannot run under wasm")
	}
	qemu, err := exec.LookPath("qemu-img")
	if err != nil {
		t.Skip("qemu-img is not installed (apt-get install qemu-utils); skipping")
	}
	const capacity = 70<<20 + 512 // more than two grain tables, a partial one
	c := vmdkContent(35 << 20)
	dir := t.TempDir()
	vmdk, raw := filepath.Join(dir, "disk.vmdk"), filepath.Join(dir, "disk.raw")
	if err := os.WriteFile(vmdk, StreamOptimizedVMDK(capacity, c), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"info", vmdk}, {"check", vmdk}, {"convert", "-O", "raw", vmdk, raw}} {
		out, err := exec.Command(qemu, args...).CombinedOutput()
		if err != nil {
			t.Fatalf("qemu-img %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		if args[0] == "info" && (!strings.Contains(string(out), "create type: streamOptimized") || !strings.Contains(string(out), "(73400832 bytes)")) {
			t.Errorf("qemu-img info:\n%s", out)
		}
	}
	got, err := os.ReadFile(raw)
	if err != nil {
		t.Fatal(err)
	}
	want := append(c, make([]byte, capacity-len(c))...)
	if sha256.Sum256(got) != sha256.Sum256(want) {
		t.Errorf("qemu-img convert gives %d bytes that differ from the %d written", len(got), len(want))
	}
}
