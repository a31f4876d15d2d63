package digest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"testing"
)

// BenchmarkPipelineLargeMember hashes one 256 MiB member with SHA-256, as
// a one-disk package is hashed from a file.
func BenchmarkPipelineLargeMember(b *testing.B) {
	data := make([]byte, 256<<20)
	for i := range data {
		data[i] = byte(i * 7)
	}
	r := bytes.NewReader(data)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		h := sha256.New()
		if err := Pipeline(context.Background(), r, 0, int64(len(data)), []io.Writer{h}, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// Inline and Pipeline read the same bytes: every range size around the
// chunk size, at an offset, with two lanes, and a reader that ends early.
func TestInlineAndPipelineAgree(t *testing.T) {
	data := make([]byte, 3*readChunk+17)
	for i := range data {
		data[i] = byte(i*7 + i>>9)
	}
	r := bytes.NewReader(data)
	for _, size := range []int64{0, 1, readChunk - 1, readChunk, readChunk + 1, 2*readChunk + 5} {
		want1 := sha256.Sum256(data[10 : 10+size])
		for name, read := range map[string]func(context.Context, io.ReaderAt, int64, int64, []io.Writer, func(int64)) error{
			"Inline": Inline, "Pipeline": Pipeline} {
			h1, h2 := sha256.New(), sha256.New()
			var counted int64
			if err := read(context.Background(), r, 10, size, []io.Writer{h1, h2}, func(n int64) { counted += n }); err != nil {
				t.Fatalf("%s size %d: %v", name, size, err)
			}
			if !bytes.Equal(h1.Sum(nil), want1[:]) || !bytes.Equal(h2.Sum(nil), want1[:]) || counted != size {
				t.Errorf("%s size %d: wrong digest or %d bytes counted", name, size, counted)
			}
			// A range past the end of the input is an error, not a hang
			// or a short digest.
			if err := read(context.Background(), r, int64(len(data))-5, 10, []io.Writer{sha256.New()}, nil); err == nil {
				t.Errorf("%s: a range past the end read without error", name)
			}
		}
	}
}

// A job reads inline when it is one chunk or every core has a big job of
// its own; otherwise it hands buffers to a hashing goroutine.
func TestInlineWhenEveryCoreIsBusy(t *testing.T) {
	for _, c := range []struct {
		size, unfinished int64
		cores            int
		want             bool
	}{
		{readChunk, 0, 2, true},      // one chunk
		{10, 5, 1, true},             // small, whatever the load
		{readChunk + 1, 1, 2, false}, // a core is free
		{readChunk + 1, 2, 2, true},  // both cores have a job
		{8 * readChunk, 3, 2, true},  // more jobs than cores
		{8 * readChunk, 0, 1, false}, // alone on one core: still a hand-off
	} {
		if got := inline(c.size, c.unfinished, c.cores); got != c.want {
			t.Errorf("inline(%d, %d unfinished, %d cores) = %v, want %v", c.size, c.unfinished, c.cores, got, c.want)
		}
	}
}

// Many jobs of several sizes each get their own digests.
func TestRunManyJobs(t *testing.T) {
	var jobs []Job
	var want [][32]byte
	for i := range 5 {
		d := bytes.Repeat([]byte{byte(i)}, (i+1)*readChunk/2+i)
		jobs = append(jobs, NewJob("m", bytes.NewReader(d), 0, int64(len(d)), []Algorithm{SHA256}, nil))
		want = append(want, sha256.Sum256(d))
	}
	sets, err := Run(context.Background(), jobs, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range sets {
		if s[SHA256] != hex.EncodeToString(want[i][:]) {
			t.Errorf("job %d: %s", i, s[SHA256])
		}
	}
}
