package assemble

import (
	"bytes"
	"testing"

	"github.com/ovacheck/ovacheck/engine/disk"
	"github.com/ovacheck/ovacheck/engine/ovatest"
)

// However the stream hands a member over (in pieces of one kilobyte or of
// several megabytes, so that the metadata lies in the same piece as the
// head), the window keeps what the VHDX probe reads, and little else.
func TestWindowFollowsVHDXProbe(t *testing.T) {
	vhdx := ovatest.QemuVHDX(t, 8<<20)
	size := int64(len(vhdx))
	want, wantFs := disk.Probe(bytes.NewReader(vhdx), size, "d.vhdx")
	for _, piece := range []int{1000, 32 << 10, 1 << 20, 5 << 20, len(vhdx)} {
		w := &windowWriter{size: size}
		for b := vhdx; len(b) > 0; b = b[min(piece, len(b)):] {
			w.Write(b[:min(piece, len(b))])
		}
		got, gotFs := disk.Probe(w.readerAt(), size, "d.vhdx")
		if *got != *want || len(gotFs) != len(wantFs) {
			t.Errorf("pieces of %d: probe saw %+v %v; from the whole image %+v %v", piece, got, gotFs, want, wantFs)
		}
		if w.kept > followBytes || len(w.spans) > maxFollows {
			t.Errorf("pieces of %d: kept %d bytes in %d spans beyond head and tail", piece, w.kept, len(w.spans))
		}
		t.Logf("pieces of %d: %d spans, %d bytes beyond head and tail", piece, len(w.spans), w.kept)
	}
}
