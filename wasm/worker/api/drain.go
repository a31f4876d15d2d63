package api

import (
	"io"
	"net/http"
)

// maxDrainBytes is the most of a request body the API reads in all
// (handler and drain together) before it gives up on the rest and
// cancels it: the largest body it accepts, and one byte to learn that a
// body is larger.
const maxDrainBytes = MaxBodyBytes + 1

// drainingBody wraps a request body and counts what is read of it, so
// that the rest can be drained within maxDrainBytes.
type drainingBody struct {
	io.ReadCloser
	read   int64
	ended  bool // the body reached its end
	closed bool // the body was finished: drained or cancelled, and closed
}

func (b *drainingBody) Read(p []byte) (int, error) {
	if b.ended || b.closed {
		return 0, io.EOF
	}
	n, err := b.ReadCloser.Read(p)
	b.read += int64(n)
	if err == io.EOF {
		b.ended = true
	}
	return n, err
}

// finish reads what is left of the body, up to maxDrainBytes in all, and
// closes it; a body declared or found larger than that is cancelled
// instead. It must run before the answer leaves: under workerd, a body
// whose reader was taken and left part-read when the Worker answers
// breaks the next request on the same client connection (it gets 503
// "Your worker restarted mid-request"; reproduced with wrangler 4.86.0 and
// workerd 2026-04-26 after a multipart refused at its 65th part, and after
// a gzip or xz body the engine stops reading early; see
// keepalive_test.go). Cancelling a body that was never read does nothing
// (the runtime has no reader to cancel); workerd then deals with it itself,
// which breaks nothing.
func (b *drainingBody) finish(declared int64) {
	if b.closed {
		return
	}
	b.closed = true
	if !b.ended && declared <= maxDrainBytes {
		left := maxDrainBytes - b.read
		if left > 0 {
			n, _ := io.Copy(io.Discard, io.LimitReader(b.ReadCloser, left))
			b.read += n
		}
	}
	_ = b.ReadCloser.Close()
}

// drainFirst is a ResponseWriter that finishes the request body before
// the status line is written.
type drainFirst struct {
	http.ResponseWriter
	body     *drainingBody
	declared int64
}

func (w *drainFirst) WriteHeader(status int) {
	w.body.finish(w.declared)
	w.ResponseWriter.WriteHeader(status)
}

func (w *drainFirst) Write(p []byte) (int, error) {
	w.body.finish(w.declared)
	return w.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the runtime's writer.
func (w *drainFirst) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// drainBodies makes every answer of next wait until the request body is
// read to its end (at most maxDrainBytes) or cancelled, whatever path the
// answer takes, including an answer with no body at all.
func drainBodies(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body == nil {
			r.Body = http.NoBody // the Worker runtime gives nil for a request without a body
		}
		body := &drainingBody{ReadCloser: r.Body}
		r.Body = body
		dw := &drainFirst{ResponseWriter: w, body: body, declared: r.ContentLength}
		defer body.finish(r.ContentLength)
		next.ServeHTTP(dw, r)
	})
}
