package archive

import (
	"bytes"
	"math/rand"
	"testing"
)

// TestMutations runs the fuzz checks over a fixed set of damaged headers,
// so that plain go test (and the wasm run) covers what the fuzzers found:
// bytes changed to digits, spaces, NULs, base-256 markers and type flags,
// with checksums repaired so the damage reaches the field parsers.
func TestMutations(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	ss := seeds(t)
	const alphabet = "0123456789 \x00\x80\xffxgLKS5127"
	for range 1500 {
		b := bytes.Clone(ss[r.Intn(len(ss))])
		for j := 0; j < 1+r.Intn(8) && len(b) > 0; j++ {
			if r.Intn(2) == 0 {
				b[r.Intn(len(b))] = byte(r.Intn(256))
			} else {
				b[r.Intn(len(b))] = alphabet[r.Intn(len(alphabet))]
			}
		}
		checkOpen(t, withChecksums(b))
		checkStream(t, withChecksums(b))
	}
}
