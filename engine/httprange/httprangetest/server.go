package httprange

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testServer serves one file on 127.0.0.1 and counts what it sends. Its
// behaviour is switched by its fields before or during a test.
type testServer struct {
	*httptest.Server

	mu   sync.Mutex
	data []byte
	etag string
	// noRanges makes it answer every request with the whole file (200).
	noRanges bool
	// dropAfter, when not zero, makes the next range response close the
	// connection after that many body bytes, once.
	dropAfter int64
	// replaceAfter, when not zero, swaps the file for replacement after
	// that many requests.
	replaceAfter int64
	replacement  []byte

	requests atomic.Int64
	sent     atomic.Int64
}

func newTestServer(t *testing.T, data []byte) *testServer {
	t.Helper()
	s := &testServer{data: data, etag: etagOf(data)}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func etagOf(data []byte) string { return fmt.Sprintf(`"%x-%d"`, data[:min(8, len(data))], len(data)) }

func (s *testServer) serve(w http.ResponseWriter, r *http.Request) {
	n := s.requests.Add(1)
	s.mu.Lock()
	if s.replaceAfter > 0 && n > s.replaceAfter {
		s.data, s.etag, s.replaceAfter = s.replacement, etagOf(s.replacement), 0
	}
	data, etag, noRanges, drop := s.data, s.etag, s.noRanges, s.dropAfter
	if r.Header.Get("Range") != "" && drop > 0 {
		s.dropAfter = 0
	} else {
		drop = 0
	}
	s.mu.Unlock()
	cw := &countingWriter{ResponseWriter: w, sent: &s.sent, dropAfter: drop}
	if noRanges {
		w.Header().Set("Content-Length", fmt.Sprint(len(data)))
		cw.Write(data)
		return
	}
	w.Header().Set("ETag", etag)
	http.ServeContent(cw, r, "a.ova", time.Unix(1700000000, 0), bytes.NewReader(data))
}

// countingWriter counts body bytes and, with dropAfter, aborts the
// response after that many, as a dropped connection does.
type countingWriter struct {
	http.ResponseWriter
	sent      *atomic.Int64
	written   int64
	dropAfter int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	if c.dropAfter > 0 && c.written+int64(len(p)) > c.dropAfter {
		k, _ := c.ResponseWriter.Write(p[:c.dropAfter-c.written])
		c.sent.Add(int64(k))
		c.ResponseWriter.(http.Flusher).Flush()
		panic(http.ErrAbortHandler)
	}
	k, err := c.ResponseWriter.Write(p)
	c.written += int64(k)
	c.sent.Add(int64(k))
	return k, err
}
