package archive

import (
	"archive/tar"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// both indexes data with Open and with Stream and fails the test unless
// they agree; it returns Open's index.
func both(t *testing.T, data []byte, name string) *Index {
	t.Helper()
	idx, err := Open(bytes.NewReader(data), int64(len(data)), name)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	sidx, err := Stream(bytes.NewReader(data), name, nil)
	if err != nil {
		t.Fatalf("Stream: %v", err)
	}
	if !reflect.DeepEqual(idx, sidx) {
		t.Errorf("Stream differs from Open:\nOpen:   %+v\nStream: %+v", idx, sidx)
	}
	return idx
}

// want is a finding a test expects: its rule, the member it names, and
// words its message contains.
type want struct {
	rule     *rules.Rule
	member   string
	contains []string
}

// expectFindings fails unless fs are exactly the wanted findings, in any
// order, each naming its member and containing its words.
func expectFindings(t *testing.T, fs []report.Finding, wants ...want) {
	t.Helper()
	used := make([]bool, len(fs))
	for _, w := range wants {
		found := false
		for i, f := range fs {
			if used[i] || f.Rule != w.rule.ID || f.Location.Member != w.member {
				continue
			}
			ok := true
			for _, c := range w.contains {
				if !strings.Contains(f.Message+" "+f.Hint, c) {
					ok = false
				}
			}
			if ok {
				used[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("missing %s on %q containing %q; got:\n%s", w.rule.ID, w.member, w.contains, dump(fs))
		}
	}
	for i, f := range fs {
		if !used[i] {
			t.Errorf("unexpected %s %s on %q: %s", f.Rule, f.Severity, f.Location.Member, f.Message)
		}
	}
}

func dump(fs []report.Finding) string {
	var sb strings.Builder
	for _, f := range fs {
		sb.WriteString("  " + f.Rule + " [" + f.Location.Member + "] " + f.Message + "\n")
	}
	return sb.String()
}

// fixChecksum rewrites the checksum of the header block at b[0:512].
func fixChecksum(b []byte) {
	copy(b[offChecksum:offChecksum+8], "        ")
	sum, _ := checksums(b)
	s := []byte("0000000\x00")
	for i := 6; i >= 0; i-- {
		s[i] = byte('0' + sum&7)
		sum >>= 3
	}
	copy(b[offChecksum:], s)
}

// headerOnlyTar returns the header block(s) archive/tar writes for h,
// without data.
func headerOnlyTar(t testing.TB, h *tar.Header) []byte {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	if err := tw.WriteHeader(h); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes() // no Close: the data is never written
}

// sparseInput is an io.ReaderAt of a given size that holds the bytes of
// its parts at their offsets and zeros everywhere else, so a test can
// present a huge archive without allocating it.
type sparseInput struct {
	size  int64
	parts []part
}

type part struct {
	off  int64
	data []byte
}

func (s *sparseInput) ReadAt(p []byte, off int64) (int, error) {
	if off >= s.size {
		return 0, io.EOF
	}
	n := len(p)
	if rem := s.size - off; int64(n) > rem {
		n = int(rem)
	}
	clear(p[:n])
	for _, pt := range s.parts {
		lo, hi := max(off, pt.off), min(off+int64(n), pt.off+int64(len(pt.data)))
		if lo < hi {
			copy(p[lo-off:hi-off], pt.data[lo-pt.off:hi-pt.off])
		}
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// countingReaderAt counts the bytes read through it.
type countingReaderAt struct {
	r     io.ReaderAt
	bytes int64
	calls int
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.bytes += int64(n)
	c.calls++
	return n, err
}

// corpusDir returns the shared corpus folder, or skips the test.
func corpusDir(t testing.TB) string {
	dir := os.Getenv("OVACHECK_CORPUS")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "corpus")
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus not found at %s (set OVACHECK_CORPUS to its folder)", dir)
	}
	return dir
}
