package httprange

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// fetch writes the n bytes at off to w, asking again from the byte where a
// response broke. It fails at once on ErrChanged, ErrLimit, ErrRefused, a cancelled
// context or a status that no retry will change (404, 403, ...), and after
// Retries failures in a row that brought no byte.
func (f *File) fetch(ctx context.Context, off, n int64, w io.Writer) error {
	if !f.ranges {
		return fmt.Errorf("%s: the server does not serve ranges", f.url)
	}
	if off < 0 || n < 0 || off+n > f.size {
		return fmt.Errorf("%s: range %d+%d outside the file's %d bytes", f.url, off, n, f.size)
	}
	var got int64
	failures := 0
	pause := f.o.Backoff
	for got < n {
		k, err := f.fetchOnce(ctx, off+got, n-got, w)
		got += k
		if err == nil {
			continue
		}
		var status *statusError
		if errors.Is(err, ErrChanged) || errors.Is(err, ErrLimit) || errors.Is(err, ErrRefused) || ctx.Err() != nil || errors.As(err, &status) && !status.retry() {
			return err
		}
		if k > 0 {
			failures, pause = 0, f.o.Backoff
		}
		failures++
		if failures > f.o.Retries {
			return fmt.Errorf("%s: giving up on bytes %d-%d after %d attempts: %w", f.url, off+got, off+n-1, failures, err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pause):
		}
		pause *= 2
	}
	return nil
}

// statusError is an answer other than 206 to a range request.
type statusError struct {
	url    string
	status int
	text   string
}

func (e *statusError) Error() string { return e.url + ": " + e.text }

// retry says whether asking again may help: the server is busy or failed.
func (e *statusError) retry() bool {
	return e.status == http.StatusTooManyRequests || e.status >= 500
}

// fetchOnce makes one request for the n bytes at off and copies what
// arrives to w, returning how many bytes it copied.
func (f *File) fetchOnce(ctx context.Context, off, n int64, w io.Writer) (int64, error) {
	// A connection that stops carrying bytes without closing is given
	// up after IdleTimeout, and the range asked for again.
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	stall := time.AfterFunc(f.o.IdleTimeout, func() { cancel(errStalled) })
	defer stall.Stop()
	resp, err := f.get(ctx, off, n, true)
	if err != nil {
		return 0, f.stalled(ctx, err)
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusPartialContent:
	case http.StatusOK, http.StatusPreconditionFailed:
		// With If-Range, a 200 is the whole file sent because the
		// validator no longer matches; with If-Match, 412 says so
		// outright.
		return 0, f.changed(resp, "answered "+resp.Status)
	default:
		return 0, &statusError{url: f.url, status: resp.StatusCode, text: resp.Status}
	}
	if etag := resp.Header.Get("ETag"); f.etag != "" && etag != "" && etag != f.etag {
		return 0, f.changed(resp, "sent ETag "+etag)
	}
	if lm := resp.Header.Get("Last-Modified"); f.etag == "" && f.lastModified != "" && lm != "" && lm != f.lastModified {
		return 0, f.changed(resp, "sent Last-Modified "+lm)
	}
	start, end, total, err := parseContentRange(resp.Header.Get("Content-Range"))
	switch {
	case err != nil:
		return 0, fmt.Errorf("%s: Content-Range %q: %v", f.url, resp.Header.Get("Content-Range"), err)
	case total >= 0 && total != f.size:
		return 0, f.changed(resp, fmt.Sprintf("now holds %d bytes", total))
	case start != off || end != off+n-1:
		return 0, fmt.Errorf("%s: asked for bytes %d-%d, got %d-%d", f.url, off, off+n-1, start, end)
	}
	body := &idleReader{r: f.counted(resp.Body), timer: stall, idle: f.o.IdleTimeout}
	k, err := io.Copy(w, io.LimitReader(body, n))
	if err == nil && k < n {
		err = io.ErrUnexpectedEOF
	}
	if err != nil {
		return k, fmt.Errorf("%s: bytes %d-%d: %w", f.url, off+k, off+n-1, f.stalled(ctx, err))
	}
	return k, nil
}

// errStalled is the cause of a request given up for silence.
var errStalled = errors.New("the connection carried no byte for too long")

// stalled names the stall as the cause of err when it was one.
func (f *File) stalled(ctx context.Context, err error) error {
	if errors.Is(context.Cause(ctx), errStalled) {
		return fmt.Errorf("%w (%s)", errStalled, f.o.IdleTimeout)
	}
	return err
}

// idleReader restarts the stall timer with every byte that arrives.
type idleReader struct {
	r     io.Reader
	timer *time.Timer
	idle  time.Duration
}

func (r *idleReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if n > 0 {
		r.timer.Reset(r.idle)
	}
	return n, err
}

// changed builds the ErrChanged error for resp, and keeps the first for
// Err.
func (f *File) changed(resp *http.Response, what string) error {
	err := fmt.Errorf("%s: %w: it was opened with %s and the server %s", f.url, ErrChanged, f.pinnedOrSize(), what)
	f.changedErr.CompareAndSwap(nil, &err)
	return err
}

func (f *File) pinnedOrSize() string {
	if p := f.Pinned(); p != "" {
		return p
	}
	return fmt.Sprintf("%d bytes", f.size)
}
