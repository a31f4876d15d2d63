package disk

import (
	"bytes"
	"io"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/spancache"
)

// roundTrips stands for a reader where every read is a round trip (a
// browser's File): it counts reads and batches.
type roundTrips struct {
	r       *bytes.Reader
	reads   int
	batches [][]int64
}

func (t *roundTrips) ReadAt(p []byte, off int64) (int, error) {
	t.reads++
	return t.r.ReadAt(p, off)
}

func (t *roundTrips) ReadBatch(bufs [][]byte, offs []int64) error {
	t.batches = append(t.batches, offs)
	for i, b := range bufs {
		if _, err := t.r.ReadAt(b, offs[i]); err != nil && err != io.EOF {
			return err
		}
	}
	return nil
}

// A stream-optimized VMDK has a grain table per 32 MiB of capacity,
// scattered through the file. The probe asks for them at once, so a
// reader of round trips makes one batch for the eight tables of a 256 MiB
// disk instead of a read each, and the probe finds what it finds without.
func TestProbeFetchesGrainTablesInOneBatch(t *testing.T) {
	// 2 MiB of random grains at the start of every 32 MiB, zeros between:
	// each table is written after its grains, 2 MiB from the next.
	var parts []io.Reader
	rng := rand.NewChaCha8([32]byte{7})
	for range 8 {
		parts = append(parts, io.LimitReader(rng, 2<<20), io.LimitReader(zeros{}, 30<<20))
	}
	var vmdk bytes.Buffer
	if err := ovatest.WriteStreamOptimizedVMDK(&vmdk, 256<<20, io.MultiReader(parts...)); err != nil {
		t.Fatal(err)
	}
	const base = 4096 // the disk sits inside an archive, as in an OVA
	file := append(make([]byte, base), vmdk.Bytes()...)
	slow := &roundTrips{r: bytes.NewReader(file)}
	cached := spancache.New(slow, int64(len(file)), spancache.Sizes{Min: 16 << 10, Max: 1 << 20, Grow: 4, Reach: 4, Big: 1 << 20, Kept: 4 << 20})

	img, fs := Probe(io.NewSectionReader(cached, base, int64(vmdk.Len())), int64(vmdk.Len()), "disk1.vmdk")
	wantImg, wantFs := probeBytes(vmdk.Bytes())
	if !reflect.DeepEqual(img, wantImg) || !reflect.DeepEqual(fs, wantFs) {
		t.Fatalf("through the cache the probe found\n%+v %v\nand read directly\n%+v %v", img, fs, wantImg, wantFs)
	}
	// The tables in the first MiB or two came with the markers' reads.
	if len(slow.batches) != 1 || len(slow.batches[0]) < 6 {
		t.Fatalf("grain tables fetched in batches %v; want one batch of 6 or more", slow.batches)
	}
	for _, off := range slow.batches[0] {
		if off < base {
			t.Errorf("a table was asked for at %d, inside the archive before the disk (at %d)", off, base)
		}
	}
	// The header, the footer, the grain directory, and the walk over
	// the first 16 grain markers in spans that grow fourfold (four).
	if slow.reads > 7 {
		t.Errorf("the probe made %d single reads besides the batch; want at most 7", slow.reads)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
