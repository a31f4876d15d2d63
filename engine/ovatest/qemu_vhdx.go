//go:build !js

package ovatest

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// QemuVHDX converts a random raw image of size bytes to VHDX with qemu-img
// and returns the image, or skips or fails as RequireTool does.
func QemuVHDX(tb testing.TB, size int64) []byte {
	tb.Helper()
	qemu := RequireTool(tb, "qemu-img", "qemu-utils")
	dir := tb.TempDir()
	raw, out := filepath.Join(dir, "raw.img"), filepath.Join(dir, "disk.vhdx")
	content := make([]byte, size)
	rand.NewChaCha8([32]byte{13}).Read(content)
	if err := os.WriteFile(raw, content, 0o644); err != nil {
		tb.Fatal(err)
	}
	if b, err := exec.Command(qemu, "convert", "-f", "raw", "-O", "vhdx", raw, out).CombinedOutput(); err != nil {
		tb.Fatalf("qemu-img convert: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
