package disk

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestQemuImages probes images qemu-img makes in every subformat it offers,
// written to a temporary directory at test time.
func TestQemuImages(t *testing.T) {
	qemu := qemuImg(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "src.raw")
	if err := os.WriteFile(src, content(3<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	const size = 3 << 20
	tests := []struct {
		name      string
		args      []string // qemu-img arguments writing out
		format    string
		subformat string
		rules     []string
	}{
		{"vmdk streamOptimized", []string{"convert", "-f", "raw", "-O", "vmdk", "-o", "subformat=streamOptimized", src}, "vmdk", "streamOptimized", []string{"DSK028"}},
		{"vmdk monolithicSparse", []string{"convert", "-f", "raw", "-O", "vmdk", "-o", "subformat=monolithicSparse", src}, "vmdk", "monolithicSparse", nil},
		{"vmdk monolithicFlat", []string{"convert", "-f", "raw", "-O", "vmdk", "-o", "subformat=monolithicFlat", src}, "vmdk", "monolithicFlat", []string{"DSK023"}},
		{"vmdk twoGbMaxExtentSparse", []string{"convert", "-f", "raw", "-O", "vmdk", "-o", "subformat=twoGbMaxExtentSparse", src}, "vmdk", "twoGbMaxExtentSparse", []string{"DSK023"}},
		{"vpc fixed", []string{"convert", "-f", "raw", "-O", "vpc", "-o", "subformat=fixed,force_size=on", src}, "vhd", "fixed", nil},
		{"vpc dynamic", []string{"convert", "-f", "raw", "-O", "vpc", "-o", "subformat=dynamic,force_size=on", src}, "vhd", "dynamic", nil},
		{"vhdx", []string{"convert", "-f", "raw", "-O", "vhdx", src}, "vhdx", "dynamic", nil},
		{"qcow2", []string{"convert", "-f", "raw", "-O", "qcow2", src}, "qcow2", "v3", nil},
		{"qcow2 compat 0.10", []string{"convert", "-f", "raw", "-O", "qcow2", "-o", "compat=0.10", src}, "qcow2", "v2", nil},
		{"qcow2 with backing file", []string{"create", "-f", "qcow2", "-F", "raw", "-b", src}, "qcow2", "v3", []string{"DSK023"}},
		{"raw", []string{"convert", "-f", "raw", "-O", "raw", src}, "raw", "", nil},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, "out"+itoa(int64(i)))
			run(t, qemu, append(tc.args, out)...)
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			img, fs := probeBytes(b)
			if img.Format != tc.format || img.Subformat != tc.subformat {
				t.Errorf("image = %s/%s, want %s/%s", img.Format, img.Subformat, tc.format, tc.subformat)
			}
			if img.VirtualSize != size {
				t.Errorf("virtual size = %d, want %d", img.VirtualSize, size)
			}
			if got := ruleIDs(fs); !slices.Equal(got, tc.rules) {
				t.Errorf("rules = %v, want %v\n%v", got, tc.rules, fs)
			}
			if img.Subformat == "streamOptimized" {
				if fs := deepBytes(DeepStreamVMDK, b, 1<<20); len(fs) != 0 {
					t.Errorf("deep: %v", fs)
				}
			}
		})
	}
}
