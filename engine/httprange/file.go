// Package httprange reads a file served over HTTP at random, through range
// requests, so that an .ova on a download server can be checked without
// being copied: the engine's OVA source reads tar headers, the descriptor,
// the manifest and the certificate through File.ReadAt (kilobytes), and
// hands the members to hash to File.DigestRanges, which fetches them in
// parallel ranges and hashes them as they arrive.
//
// The file is pinned when it is opened: every later range carries the
// ETag or Last-Modified of the first response (If-Range, and If-Match for
// a strong ETag), so a file replaced on the server while it is read gives
// ErrChanged instead of a mix of two files. A range cut short is asked for
// again from the byte where it broke, after a pause that doubles with each
// failure. A server that does not serve ranges answers the first request
// with the whole file: File.Stream then returns that body, to be read once.
package httprange

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/ovacheck/ovacheck/engine/spancache"
)

// ErrChanged is returned (wrapped) when the file on the server is no
// longer the one that was opened.
var ErrChanged = errors.New("the file changed on the server while it was read")

// ErrLimit is returned (wrapped) when a read would exceed Options.MaxBytes
// or Options.MaxRequests.
var ErrLimit = errors.New("the limit on requests or bytes was reached")

// ErrRefused is wrapped by a Doer's error for a request it would not send
// (an address a guard forbids): such a request is not retried.
var ErrRefused = errors.New("the request was refused before it was sent")

// Doer sends one HTTP request: an *http.Client, or a Worker's fetch.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

// Options tune a File. The zero value is usable.
type Options struct {
	// Client sends the requests; it is required. (No default: an
	// http.Client would link net/http's whole transport into a Worker,
	// which sends through the Workers fetch.)
	Client Doer
	// Retries is how many times a range is asked for again after a
	// failure that made no progress (a refused connection, a 5xx, a body
	// cut short before its first byte); default 5. A failure after some
	// bytes arrived starts the count again.
	Retries int
	// Backoff is the first pause before a retry, doubled after each
	// failure; default 250ms.
	Backoff time.Duration
	// IdleTimeout gives up a request that carries no byte for that long
	// (a connection dropped without being closed), and asks for the rest
	// again; default 60s.
	IdleTimeout time.Duration
	// Parallel is how many ranges DigestRanges fetches at once; default 4.
	Parallel int
	// Segment is the size of each range DigestRanges fetches; default
	// 8 MiB. Parallel*Segment bytes are buffered at most.
	Segment int64
	// Probe is the size of the first range asked for, which usually
	// holds the first tar header and the descriptor; default 64 KiB.
	Probe int64
	// MaxRequests and MaxBytes, when not zero, cap the requests made and
	// the body bytes received; a read past either fails with ErrLimit.
	MaxRequests int64
	MaxBytes    int64
}

func (o *Options) defaults() {
	if o.Retries == 0 {
		o.Retries = 5
	}
	if o.Backoff == 0 {
		o.Backoff = 250 * time.Millisecond
	}
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = 60 * time.Second
	}
	if o.Parallel <= 0 {
		o.Parallel = 4
	}
	if o.Segment <= 0 {
		o.Segment = 8 << 20
	}
	if o.Probe <= 0 {
		o.Probe = 64 << 10
	}
}

// File is a file on an HTTP server, opened with Open. Its methods may be
// called from several goroutines.
type File struct {
	ctx context.Context
	url string // as given, for messages
	// target is where requests go: the URL the first request was
	// redirected to, if it was, so that ranges skip the redirects.
	target string
	o      Options
	size   int64

	ranges bool
	stream io.ReadCloser // the first response's body, when !ranges

	// The validators of the first response, sent with every range.
	etag, lastModified string

	transferred atomic.Int64
	requests    atomic.Int64

	spans *spancache.ReaderAt // nil unless ranges

	// changedErr is the first ErrChanged any request met (see Err).
	changedErr atomic.Pointer[error]
}

// Err returns the ErrChanged error once any request has found the file
// changed on the server, even one whose reader set the error aside (a disk
// probe notes a failed read and goes on): the check that read it must not
// give a report. It returns nil otherwise.
func (f *File) Err() error {
	if p := f.changedErr.Load(); p != nil {
		return *p
	}
	return nil
}

// Open asks for the first bytes of url and pins the file. ctx bounds
// every request the File makes, including those of ReadAt. An answer other
// than 206 (ranges served) or 200 (the whole file, see Stream) is an error
// naming the status.
func Open(ctx context.Context, url string, o Options) (*File, error) {
	o.defaults()
	if o.Client == nil {
		return nil, errors.New("httprange: Options.Client is nil")
	}
	f := &File{ctx: ctx, url: url, target: url, o: o}
	resp, err := f.get(ctx, 0, o.Probe, false)
	if err != nil {
		return nil, err
	}
	if resp.Request != nil && resp.Request.URL != nil {
		f.target = resp.Request.URL.String()
	}
	f.etag = resp.Header.Get("ETag")
	f.lastModified = resp.Header.Get("Last-Modified")
	switch resp.StatusCode {
	case http.StatusPartialContent:
		start, _, total, err := parseContentRange(resp.Header.Get("Content-Range"))
		if err != nil || start != 0 || total < 0 {
			resp.Body.Close()
			return nil, fmt.Errorf("%s: the server answered a range with Content-Range %q: %v", url, resp.Header.Get("Content-Range"), err)
		}
		f.size, f.ranges = total, true
		f.spans = f.newSpans(f.size)
		data, err := io.ReadAll(io.LimitReader(f.counted(resp.Body), o.Probe))
		resp.Body.Close()
		if err != nil {
			// Not worth a retry of its own: ReadAt asks again.
			data = nil
		}
		f.spans.Keep(0, data)
		return f, nil
	case http.StatusRequestedRangeNotSatisfiable:
		// An empty file has no byte 0.
		resp.Body.Close()
		if _, _, total, err := parseContentRange(resp.Header.Get("Content-Range")); err == nil && total == 0 {
			f.ranges = true
			f.spans = f.newSpans(0)
			return f, nil
		}
		return nil, fmt.Errorf("%s: %s", url, resp.Status)
	case http.StatusOK:
		f.size = resp.ContentLength
		f.stream = &countedBody{r: f.counted(resp.Body), c: resp.Body}
		return f, nil
	default:
		resp.Body.Close()
		return nil, fmt.Errorf("%s: %s", url, resp.Status)
	}
}

// Size is the file's size, or -1 when a server that serves no ranges did
// not say.
func (f *File) Size() int64 { return f.size }

// Ranges reports whether the server serves ranges. When it does not,
// ReadAt and DigestRanges fail and Stream holds the file.
func (f *File) Ranges() bool { return f.ranges }

// Stream returns the whole file, read once, when the server serves no
// ranges; nil otherwise. The caller closes it.
func (f *File) Stream() io.ReadCloser { return f.stream }

// Pinned says what pins the file: "ETag ...", "Last-Modified ...", or ""
// when the server sent neither and a change while reading can be noticed
// only by a change of size.
func (f *File) Pinned() string {
	switch {
	case f.etag != "":
		return "ETag " + f.etag
	case f.lastModified != "":
		return "Last-Modified " + f.lastModified
	}
	return ""
}

// Transferred is the number of response body bytes received so far,
// retries included.
func (f *File) Transferred() int64 { return f.transferred.Load() }

// Requests is the number of requests made so far, retries included.
func (f *File) Requests() int64 { return f.requests.Load() }

// get sends a GET for n bytes at off (the rest of the file when n < 0),
// pinned to the first response's validators when pinned is set.
func (f *File) get(ctx context.Context, off, n int64, pinned bool) (*http.Response, error) {
	if max := f.o.MaxRequests; max > 0 && f.requests.Load() >= max {
		return nil, fmt.Errorf("%s: %w: %d requests made", f.url, ErrLimit, max)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.target, nil)
	if err != nil {
		return nil, err
	}
	end := ""
	if n >= 0 {
		end = strconv.FormatInt(off+n-1, 10)
	}
	req.Header.Set("Range", "bytes="+strconv.FormatInt(off, 10)+"-"+end)
	// A compressed body would make byte offsets meaningless.
	req.Header.Set("Accept-Encoding", "identity")
	if pinned {
		if f.etag != "" && !strings.HasPrefix(f.etag, "W/") {
			req.Header.Set("If-Range", f.etag)
			req.Header.Set("If-Match", f.etag)
		} else if f.lastModified != "" {
			req.Header.Set("If-Range", f.lastModified)
		}
	}
	f.requests.Add(1)
	return f.o.Client.Do(req)
}

// counted wraps a body so that its bytes count as transferred, and fail
// with ErrLimit past MaxBytes.
func (f *File) counted(r io.Reader) io.Reader { return &countingReader{f: f, r: r} }

type countingReader struct {
	f *File
	r io.Reader
}

func (c *countingReader) Read(p []byte) (int, error) {
	max := c.f.o.MaxBytes
	if max <= 0 {
		n, err := c.r.Read(p)
		c.f.transferred.Add(int64(n))
		return n, err
	}
	// Reserve the bytes before reading, so that ranges read at once
	// cannot together pass the cap; give back what did not come.
	for {
		cur := c.f.transferred.Load()
		if cur >= max {
			return 0, fmt.Errorf("%s: %w: %d bytes received", c.f.url, ErrLimit, max)
		}
		k := min(int64(len(p)), max-cur)
		if c.f.transferred.CompareAndSwap(cur, cur+k) {
			p = p[:k]
			break
		}
	}
	n, err := c.r.Read(p)
	c.f.transferred.Add(int64(n - len(p)))
	return n, err
}

// countedBody is the stream of a server without ranges.
type countedBody struct {
	r io.Reader
	c io.Closer
}

func (b *countedBody) Read(p []byte) (int, error) { return b.r.Read(p) }
func (b *countedBody) Close() error               { return b.c.Close() }

// parseContentRange parses "bytes START-END/TOTAL" (TOTAL -1 for "*") and
// "bytes */TOTAL" (START and END -1).
func parseContentRange(s string) (start, end, total int64, err error) {
	rest, ok := strings.CutPrefix(s, "bytes ")
	if !ok {
		return 0, 0, 0, errors.New("not a byte range")
	}
	rng, tot, ok := strings.Cut(rest, "/")
	if !ok {
		return 0, 0, 0, errors.New("no total")
	}
	total = -1
	if tot != "*" {
		if total, err = strconv.ParseInt(tot, 10, 64); err != nil || total < 0 {
			return 0, 0, 0, errors.New("bad total")
		}
	}
	if rng == "*" {
		return -1, -1, total, nil
	}
	a, b, ok := strings.Cut(rng, "-")
	if !ok {
		return 0, 0, 0, errors.New("bad range")
	}
	if start, err = strconv.ParseInt(a, 10, 64); err != nil {
		return 0, 0, 0, errors.New("bad start")
	}
	if end, err = strconv.ParseInt(b, 10, 64); err != nil || end < start {
		return 0, 0, 0, errors.New("bad end")
	}
	if start < 0 || (total >= 0 && end >= total) {
		return 0, 0, 0, errors.New("range outside the file")
	}
	return start, end, total, nil
}
