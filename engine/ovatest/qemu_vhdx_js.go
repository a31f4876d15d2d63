//go:build js

package ovatest

import "testing"

// QemuVHDX skips: qemu-img cannot run under wasm.
func QemuVHDX(tb testing.TB, size int64) []byte {
	tb.Helper()
	tb.Skip("qemu-img cannot run under wasm")
	return nil
}
