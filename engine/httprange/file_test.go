package httprange

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/ovacheck/ovacheck/engine"
	"github.com/ovacheck/ovacheck/engine/httprange/httprangetest"
)

func randomBytes(n int) []byte {
	b := make([]byte, n)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// small segments so that a few MiB make many ranges.
var testOptions = Options{Client: http.DefaultClient, Segment: 256 << 10, Parallel: 3, Backoff: time.Millisecond}

func open(t *testing.T, s *httprangetest.Server) *File {
	t.Helper()
	f, err := Open(context.Background(), s.URL+"/a.ova", testOptions)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return f
}

// ReadAt returns the file's bytes, and small reads near each other cost
// one request.
func TestReadAt(t *testing.T) {
	data := randomBytes(3 << 20)
	s := httprangetest.New(t, data)
	f := open(t, s)
	if !f.Ranges() || f.Size() != int64(len(data)) || f.Pinned() == "" {
		t.Fatalf("ranges %v size %d pinned %q", f.Ranges(), f.Size(), f.Pinned())
	}
	for _, off := range []int64{0, 512, 100_000, 100_512, int64(len(data)) - 1024} {
		p := make([]byte, 512)
		if _, err := f.ReadAt(p, off); err != nil || !bytes.Equal(p, data[off:off+512]) {
			t.Fatalf("ReadAt at %d: %v", off, err)
		}
	}
	if got := s.Requests(); got != 3 {
		t.Errorf("%d requests for the probe and two distant places, want 3", got)
	}
	p := make([]byte, 2048)
	n, err := f.ReadAt(p, int64(len(data))-1024)
	if n != 1024 || err != io.EOF {
		t.Errorf("read past the end: %d, %v", n, err)
	}
	if f.Transferred() != s.Sent() {
		t.Errorf("counted %d bytes, the server sent %d", f.Transferred(), s.Sent())
	}
}

// DigestRanges fetches the union of the ranges once, whole file included.
func TestDigestRangesFetchesEachByteOnce(t *testing.T) {
	data := randomBytes(3 << 20)
	s := httprangetest.New(t, data)
	f := open(t, s)
	before := f.Transferred()
	reqs := []engine.DigestRequest{
		{Offset: 1000, Size: 1 << 20, Algorithms: []string{"sha256"}},
		{Offset: 0, Size: int64(len(data)), Algorithms: []string{"sha256"}},
		{Offset: 2 << 20, Size: 1 << 19, Algorithms: []string{"sha256", "sha1"}},
	}
	var progressed int64
	got, err := f.DigestRanges(context.Background(), reqs, func(n int64) { progressed += n })
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range reqs {
		if want := sha256Hex(data[r.Offset : r.Offset+r.Size]); got[i]["sha256"] != want {
			t.Errorf("request %d: sha256 %s, want %s", i, got[i]["sha256"], want)
		}
	}
	if len(got[2]["sha1"]) != 40 {
		t.Errorf("no sha1 for request 2: %v", got[2])
	}
	if fetched := f.Transferred() - before; fetched != int64(len(data)) {
		t.Errorf("fetched %d bytes for a %d-byte file", fetched, len(data))
	}
	if progressed != 1<<20+int64(len(data))+1<<19 {
		t.Errorf("progress %d", progressed)
	}
}

// A server without ranges gives the file as one stream.
func TestNoRangesGivesAStream(t *testing.T) {
	data := randomBytes(1 << 20)
	s := httprangetest.New(t, data)
	s.NoRanges()
	f := open(t, s)
	if f.Ranges() || f.Stream() == nil {
		t.Fatal("ranges reported by a server that serves none")
	}
	defer f.Stream().Close()
	b, err := io.ReadAll(f.Stream())
	if err != nil || !bytes.Equal(b, data) {
		t.Fatalf("stream: %v", err)
	}
	if f.Transferred() != int64(len(data)) || s.Requests() != 1 {
		t.Errorf("%d bytes in %d requests", f.Transferred(), s.Requests())
	}
	if _, err := f.ReadAt(make([]byte, 10), 0); err == nil {
		t.Error("ReadAt worked without ranges")
	}
}

// A connection dropped in the middle of a range is resumed at the byte
// where it broke: the digests are right and no byte is fetched twice.
func TestDroppedConnectionResumes(t *testing.T) {
	data := randomBytes(2 << 20)
	s := httprangetest.New(t, data)
	f := open(t, s)
	before := f.Transferred()
	s.DropAfter(100_000)
	reqs := []engine.DigestRequest{{Offset: 0, Size: int64(len(data)), Algorithms: []string{"sha256"}}}
	got, err := f.DigestRanges(context.Background(), reqs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got[0]["sha256"] != sha256Hex(data) {
		t.Error("wrong digest after a dropped connection")
	}
	if fetched := f.Transferred() - before; fetched != int64(len(data)) {
		t.Errorf("fetched %d bytes for %d: a broken range was not resumed at its byte", fetched, len(data))
	}
	if segs := int64(len(data)) / testOptions.Segment; s.Requests() != 1+segs+1 {
		t.Errorf("%d requests, want the probe, %d segments and one retry", s.Requests(), segs)
	}
}

// A file replaced on the server while it is read is an error, not a mix.
func TestReplacedFileIsAnError(t *testing.T) {
	data := randomBytes(2 << 20)
	s := httprangetest.New(t, data)
	f := open(t, s)
	replacement := bytes.Clone(data)
	replacement[0] ^= 1 // same size, another ETag
	s.ReplaceAfter(2, replacement)
	reqs := []engine.DigestRequest{{Offset: 0, Size: int64(len(data)), Algorithms: []string{"sha256"}}}
	_, err := f.DigestRanges(context.Background(), reqs, nil)
	if !errors.Is(err, ErrChanged) {
		t.Fatalf("err %v, want ErrChanged", err)
	}
}

// A server that keeps failing is given up on after the retries.
func TestGivesUpAfterRetries(t *testing.T) {
	data := randomBytes(1 << 20)
	s := httprangetest.New(t, data)
	f := open(t, s)
	s.Close()
	_, err := f.ReadAt(make([]byte, 512), 500_000)
	if err == nil {
		t.Fatal("no error from a closed server")
	}
	if n := s.Requests(); n != 1 {
		t.Errorf("%d requests reached the server", n)
	}
	o := testOptions
	o.defaults()
	if f.Requests() != 1+1+int64(o.Retries) {
		t.Errorf("%d requests made, want the probe and 1+%d attempts", f.Requests(), o.Retries)
	}
}

// The caps on requests and bytes stop a read with ErrLimit.
func TestLimits(t *testing.T) {
	data := randomBytes(1 << 20)
	s := httprangetest.New(t, data)
	o := testOptions
	o.MaxBytes = 200_000
	f, err := Open(context.Background(), s.URL, o)
	if err != nil {
		t.Fatal(err)
	}
	reqs := []engine.DigestRequest{{Offset: 0, Size: int64(len(data)), Algorithms: []string{"sha256"}}}
	if _, err := f.DigestRanges(context.Background(), reqs, nil); !errors.Is(err, ErrLimit) {
		t.Errorf("bytes: err %v, want ErrLimit", err)
	}
	if f.Transferred() > o.MaxBytes {
		t.Errorf("received %d bytes past the cap of %d", f.Transferred(), o.MaxBytes)
	}
	o = testOptions
	o.MaxRequests = 2
	f, err = Open(context.Background(), s.URL, o)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.DigestRanges(context.Background(), reqs, nil); !errors.Is(err, ErrLimit) {
		t.Errorf("requests: err %v, want ErrLimit", err)
	}
}

// Without ETag or Last-Modified, a file replaced by one of another size is
// still noticed, through the total of Content-Range.
func TestReplacedWithoutValidators(t *testing.T) {
	data := randomBytes(1 << 20)
	s := httprangetest.New(t, data)
	s.NoValidators()
	f := open(t, s)
	if f.Pinned() != "" {
		t.Fatalf("pinned by %q", f.Pinned())
	}
	s.ReplaceAfter(1, data[:len(data)-1])
	_, err := f.ReadAt(make([]byte, 512), 500_000)
	if !errors.Is(err, ErrChanged) {
		t.Fatalf("err %v, want ErrChanged", err)
	}
}

// A connection that stops carrying bytes without closing is given up
// after IdleTimeout and the range resumed at its byte.
func TestStalledConnectionResumes(t *testing.T) {
	data := randomBytes(2 << 20)
	s := httprangetest.New(t, data)
	o := testOptions
	o.IdleTimeout = 100 * time.Millisecond
	f, err := Open(context.Background(), s.URL, o)
	if err != nil {
		t.Fatal(err)
	}
	before := f.Transferred()
	s.StallAfter(100_000)
	reqs := []engine.DigestRequest{{Offset: 0, Size: int64(len(data)), Algorithms: []string{"sha256"}}}
	got, err := f.DigestRanges(context.Background(), reqs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got[0]["sha256"] != sha256Hex(data) || f.Transferred()-before != int64(len(data)) {
		t.Errorf("digest right: %v; fetched %d of %d", got[0]["sha256"] == sha256Hex(data), f.Transferred()-before, len(data))
	}
}

// Ranges go straight to where the first request was redirected.
func TestRedirectFollowedOnce(t *testing.T) {
	data := randomBytes(1 << 20)
	s := httprangetest.New(t, data)
	redirects := 0
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		redirects++
		http.Redirect(w, r, s.URL+"/files/a.ova", http.StatusFound)
	}))
	defer front.Close()
	f, err := Open(context.Background(), front.URL+"/a.ova", testOptions)
	if err != nil {
		t.Fatal(err)
	}
	p := make([]byte, 512)
	if _, err := f.ReadAt(p, 700_000); err != nil || !bytes.Equal(p, data[700_000:700_512]) {
		t.Fatalf("ReadAt: %v", err)
	}
	if redirects != 1 {
		t.Errorf("%d redirects followed", redirects)
	}
}
