//go:build !js

package engine

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/ovacheck/ovacheck/engine/ovatest"
)

// qemuVHDX converts a random raw image of size bytes to VHDX with qemu-img.
func qemuVHDX(t *testing.T, size int64) []byte {
	t.Helper()
	qemu := ovatest.RequireTool(t, "qemu-img", "qemu-utils")
	dir := t.TempDir()
	raw, out := filepath.Join(dir, "raw.img"), filepath.Join(dir, "disk.vhdx")
	content := make([]byte, size)
	rand.NewChaCha8([32]byte{13}).Read(content)
	if err := os.WriteFile(raw, content, 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command(qemu, "convert", "-f", "raw", "-O", "vhdx", raw, out).CombinedOutput(); err != nil {
		t.Fatalf("qemu-img convert: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
