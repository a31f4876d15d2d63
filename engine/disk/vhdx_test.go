package disk

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// headOnly serves the first n bytes of b and fails every read beyond, as
// the window a stream keeps of a disk does.
type headOnly struct {
	b []byte
	n int64
}

func (h headOnly) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 || off+int64(len(p)) > h.n {
		return 0, errors.New("not kept")
	}
	return bytes.NewReader(h.b).ReadAt(p, off)
}

var _ io.ReaderAt = headOnly{}

// A VHDX whose metadata could not be read (it was not kept from a stream)
// is not thereby damaged: the probe says the read failed and reports no
// malformed or truncated image.
func TestVHDXUnreadMetadataIsNoFinding(t *testing.T) {
	qemu := qemuImg(t)
	dir := t.TempDir()
	src, out := filepath.Join(dir, "src.raw"), filepath.Join(dir, "out.vhdx")
	if err := os.WriteFile(src, content(3<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	run(t, qemu, "convert", "-f", "raw", "-O", "vhdx", src, out)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, kept := range []int64{256 << 10, 64 << 10} {
		img, fs := Probe(headOnly{b, kept}, int64(len(b)), "disk1.vhdx")
		if img.Format != FormatVHDX {
			t.Errorf("kept %d: format %q, want vhdx", kept, img.Format)
		}
		if len(fs) != 0 {
			t.Errorf("kept %d: findings %v; want none for bytes that were not read", kept, fs)
		}
		if !strings.Contains(img.Notes, "read failed") {
			t.Errorf("kept %d: notes %q do not say a read failed", kept, img.Notes)
		}
	}
}
