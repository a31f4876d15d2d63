package digest

import (
	"bytes"
	"context"
	"crypto/sha256"
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
