// Package httprangetest serves one file on 127.0.0.1 for the tests of
// range readers: with or without range support, dropping a connection
// once, replacing the file after some requests, and counting what it sent.
package httprangetest

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

// Server serves one file at every path. Change its behaviour with its
// methods, before or during a test.
type Server struct {
	*httptest.Server

	mu   sync.Mutex
	data []byte
	etag string
	// noRanges makes it answer every request with the whole file (200).
	noRanges bool
	// noValidators makes it send neither ETag nor Last-Modified.
	noValidators bool
	// dropAfter, when not zero, makes the next range response break the
	// connection after that many body bytes, once.
	dropAfter int64
	// stall makes the dropped response hang instead of closing: the
	// connection stays open and carries nothing more.
	stall bool
	// replaceAfter, when not zero, swaps the file for replacement after
	// that many requests.
	replaceAfter int64
	replacement  []byte

	requests atomic.Int64
	sent     atomic.Int64
}

// New starts a server of data, stopped when the test ends.
func New(t testing.TB, data []byte) *Server {
	t.Helper()
	s := &Server{data: data, etag: etagOf(data)}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// etagOf is a strong ETag that differs for files of different size or
// first bytes, as a server's inode-size-time ETag differs for a new file.
func etagOf(data []byte) string { return fmt.Sprintf(`"%x-%d"`, data[:min(8, len(data))], len(data)) }

// NoRanges makes every answer the whole file with status 200.
func (s *Server) NoRanges() { s.mu.Lock(); s.noRanges = true; s.mu.Unlock() }

// NoValidators makes answers carry neither ETag nor Last-Modified.
func (s *Server) NoValidators() { s.mu.Lock(); s.noValidators = true; s.mu.Unlock() }

// DropAfter makes the next range answer break its connection after n body
// bytes.
func (s *Server) DropAfter(n int64) { s.mu.Lock(); s.dropAfter = n; s.mu.Unlock() }

// StallAfter makes the next range answer stop after n body bytes with its
// connection left open, until the client gives up.
func (s *Server) StallAfter(n int64) { s.mu.Lock(); s.dropAfter, s.stall = n, true; s.mu.Unlock() }

// ReplaceAfter serves data instead of the file from request n+1 on.
func (s *Server) ReplaceAfter(n int64, data []byte) {
	s.mu.Lock()
	s.replaceAfter, s.replacement = n, data
	s.mu.Unlock()
}

// Requests is the number of requests received.
func (s *Server) Requests() int64 { return s.requests.Load() }

// Sent is the number of body bytes written.
func (s *Server) Sent() int64 { return s.sent.Load() }

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	n := s.requests.Add(1)
	s.mu.Lock()
	if s.replaceAfter > 0 && n > s.replaceAfter {
		s.data, s.etag, s.replaceAfter = s.replacement, etagOf(s.replacement), 0
	}
	data, etag, noRanges, noValidators, drop, stall := s.data, s.etag, s.noRanges, s.noValidators, s.dropAfter, s.stall
	if r.Header.Get("Range") != "" && drop > 0 && !noRanges {
		s.dropAfter, s.stall = 0, false
	} else {
		drop = 0
	}
	s.mu.Unlock()
	cw := &countingWriter{ResponseWriter: w, sent: &s.sent, dropAfter: drop}
	if stall {
		cw.stall = r.Context().Done()
	}
	if noRanges {
		w.Header().Set("Content-Length", fmt.Sprint(len(data)))
		cw.Write(data)
		return
	}
	modified := time.Unix(1700000000, 0)
	if noValidators {
		modified = time.Time{}
	} else {
		w.Header().Set("ETag", etag)
	}
	http.ServeContent(cw, r, "", modified, bytes.NewReader(data))
}

// countingWriter counts body bytes and, with dropAfter, aborts the
// response after that many, as a dropped connection does.
type countingWriter struct {
	http.ResponseWriter
	sent      *atomic.Int64
	written   int64
	dropAfter int64
	stall     <-chan struct{}
}

func (c *countingWriter) Write(p []byte) (int, error) {
	// Bytes are counted before they are written, and the shortfall taken
	// back after: a client that has read them all must find them counted.
	if c.dropAfter > 0 && c.written+int64(len(p)) > c.dropAfter {
		part := p[:c.dropAfter-c.written]
		c.sent.Add(int64(len(part)))
		k, _ := c.ResponseWriter.Write(part)
		c.sent.Add(int64(k - len(part)))
		c.ResponseWriter.(http.Flusher).Flush()
		if c.stall != nil {
			<-c.stall
		}
		panic(http.ErrAbortHandler)
	}
	c.sent.Add(int64(len(p)))
	k, err := c.ResponseWriter.Write(p)
	c.written += int64(k)
	c.sent.Add(int64(k - len(p)))
	return k, err
}
