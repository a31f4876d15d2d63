package disk

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCorpusDisks probes every disk image in the shared corpus: no panic,
// a format for each, and the expectations below for the ones whose content
// is known.
func TestCorpusDisks(t *testing.T) {
	root := corpusDir(t)
	want := map[string]string{
		// govmomi's placeholder is the first MiB of a larger stream-optimized disk.
		"ttylinux-pc_i486-16.1-disk1.vmdk": "vmdk/streamOptimized DSK029",
		"blank.vmdk":                       "vmdk/streamOptimized",
		"input.vmdk":                       "vmdk/streamOptimized",
		"input.iso":                        "iso9660/",
		"Ubuntu1.vmdk":                     "vmdk/monolithicFlat DSK023",
		"rawdisk.raw":                      "raw/",
	}
	seen := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ext := strings.ToLower(filepath.Ext(path))
		if ext != ".vmdk" && ext != ".iso" && ext != ".raw" && ext != ".gz" && ext != ".vhd" && ext != ".qcow2" {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		seen++
		probe := Probe
		if ext == ".gz" {
			probe = ProbeGzip
		}
		img, fs := probe(&countingReaderAt{r: strings.NewReader(string(b))}, int64(len(b)), d.Name())
		got := img.Format + "/" + img.Subformat
		for _, id := range ruleIDs(fs) {
			got += " " + id
		}
		t.Logf("%s: %s %d bytes virtual; %s", strings.TrimPrefix(path, root), got, img.VirtualSize, img.Notes)
		if w, ok := want[d.Name()]; ok && got != w {
			t.Errorf("%s: got %q, want %q", path, got, w)
		}
		if img.Format == "" {
			t.Errorf("%s: no format", path)
		}
		if DeepFormat(img) != "" {
			deepBytes(DeepFormat(img), b, 1<<16)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen == 0 {
		t.Skip("no disk images in the corpus")
	}
}
