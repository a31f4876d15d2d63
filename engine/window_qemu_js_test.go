//go:build js

package engine

import "testing"

// qemuVHDX skips: qemu-img cannot run under wasm.
func qemuVHDX(t *testing.T, size int64) []byte {
	t.Helper()
	t.Skip("qemu-img cannot run under wasm")
	return nil
}
