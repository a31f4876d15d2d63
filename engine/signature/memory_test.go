package signature

import (
	"bytes"
	"runtime"
	"testing"

	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/ovatest"
)

// parseAllocation returns the bytes Parse allocates for data.
func parseAllocation(data []byte) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	Parse(data, "appliance.cert")
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// A certificate file of the largest size read costs memory in proportion
// to its bytes, whatever its lines hold: a megabyte of blank lines (between
// the signature line and the certificate, or inside the PEM block) used to
// cost 180 MiB, about fifty bytes of bookkeeping per line several times
// over.
func TestParseMemoryInProportion(t *testing.T) {
	p := testPKI(t)
	sig := ovatest.Sign(testManifest, p.vendor.Key, "SHA256")
	good := ovatest.CertFile("appliance.mf", "SHA256", sig, false, p.vendor.PEM)
	sigLine, pem, _ := bytes.Cut(good, []byte("\n"))
	sigLine = append(sigLine, '\n')
	room := limits.MaxCertificateSize - len(good) - 64
	blank := func(s string) []byte { return bytes.Repeat([]byte(s), room/len(s)) }
	begin, body, _ := bytes.Cut(pem, []byte("\n"))
	begin = append(begin, '\n')
	for _, tc := range []struct {
		name  string
		data  []byte
		certs int // certificates Parse must still find
	}{
		{"blank lines before the certificate", concat(sigLine, blank("\n"), pem), 1},
		{"blank lines inside the PEM block", concat(sigLine, begin, blank("\n"), body), 1},
		{"CR LF blank lines inside the PEM block", concat(sigLine, begin, blank("\r\n"), body), 1},
		{"lines of one space inside the PEM block", concat(sigLine, begin, blank(" \n"), body), 1},
		{"blank lines and no certificate", concat(sigLine, blank("\n"), []byte("x\n")), 0},
		{"lines of one character", concat(sigLine, blank("x\n")), 0},
		{"lines of hex continuing the signature", concat(sigLine, blank("a\n")), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if len(tc.data) > limits.MaxCertificateSize {
				t.Fatalf("test input of %d bytes is over the limit", len(tc.data))
			}
			if f, fs := Parse(tc.data, "appliance.cert"); len(f.Certificates) != tc.certs {
				t.Fatalf("Parse found %d certificates, want %d: %v", len(f.Certificates), tc.certs, fs)
			}
			got := parseAllocation(tc.data)
			t.Logf("%d bytes in, %d bytes allocated (%.1fx)", len(tc.data), got, float64(got)/float64(len(tc.data)))
			if limit := 4*uint64(len(tc.data)) + 1<<20; got > limit {
				t.Errorf("parsing %d bytes allocated %d; want at most %d (4x the input and 1 MiB)", len(tc.data), got, limit)
			}
		})
	}
}

func concat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
