//go:build workerd && unix

package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/http/httptrace"
	"strings"
	"testing"
	"time"

	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/wasm/worker/api"
)

// refusal is a request the API answers without needing all of its body:
// it refuses it part-way, refuses it before reading it, or stops reading
// once it knows what the body is.
type refusal struct {
	name        string
	method      string
	path        string
	contentType string
	body        func() []byte
	// header is added to the request.
	header http.Header
	// chunked hides the length, so the API finds the size by reading.
	chunked bool
	// want is the status the refusal itself gets.
	want int
}

// refusals lists one request of each kind of early answer.
func refusals() []refusal {
	manyParts := func() []byte { return multipartOf(1000) }
	return []refusal{
		{name: "1,000-part multipart", method: http.MethodPost, path: "/api/v1/validate", contentType: "multipart/form-data; boundary=" + partBoundary,
			body: manyParts, want: http.StatusBadRequest},
		{name: "multipart without a boundary", method: http.MethodPost, path: "/api/v1/validate", contentType: "multipart/form-data",
			body: manyParts, want: http.StatusBadRequest},
		{name: "unknown profile", method: http.MethodPost, path: "/api/v1/validate?profile=lenient", contentType: "application/xml",
			body: func() []byte { return paddedDescriptor(120 << 10) }, want: http.StatusBadRequest},
		{name: "bad policy header", method: http.MethodPost, path: "/api/v1/validate", contentType: "application/xml",
			header: http.Header{api.PolicyHeader: {"not base64!"}},
			body:   func() []byte { return paddedDescriptor(120 << 10) }, want: http.StatusBadRequest},
		{name: "gzip body", method: http.MethodPost, path: "/api/v1/validate", contentType: "application/gzip",
			body: gzipNoise, want: http.StatusOK},
		{name: "xz body", method: http.MethodPost, path: "/api/v1/validate", contentType: "application/octet-stream",
			body: func() []byte { return append([]byte("\xfd7zXZ\x00"), noise(120<<10)...) }, want: http.StatusOK},
		{name: "wrong method with a body", method: http.MethodPut, path: "/api/v1/validate", contentType: "application/xml",
			body: func() []byte { return paddedDescriptor(120 << 10) }, want: http.StatusMethodNotAllowed},
		{name: "unknown path with a body", method: http.MethodPost, path: "/api/v1/nothing", contentType: "application/xml",
			body: func() []byte { return paddedDescriptor(120 << 10) }, want: http.StatusNotFound},
		{name: "descriptor over its cap, chunked", method: http.MethodPost, path: "/api/v1/validate", contentType: "application/xml",
			body: func() []byte { return paddedDescriptor(api.MaxDescriptorBytes + 1) }, chunked: true, want: http.StatusRequestEntityTooLarge},
		{name: "descriptor over its cap, with a length", method: http.MethodPost, path: "/api/v1/validate", contentType: "application/xml",
			body: func() []byte { return paddedDescriptor(api.MaxDescriptorBytes + 1) }, want: http.StatusRequestEntityTooLarge},
	}
}

// testRefusalsKeepTheConnection sends each refusal followed by a valid
// descriptor on the same keep-alive connection, rounds times, and wants
// neither answer to be a 5xx and the second to be a report.
func testRefusalsKeepTheConnection(t *testing.T, base string, rounds int) {
	valid := ovatest.Appliance{}.Descriptor()
	for _, rf := range refusals() {
		t.Run(rf.name, func(t *testing.T) {
			body := rf.body()
			tr := &http.Transport{MaxConnsPerHost: 1, MaxIdleConnsPerHost: 1, DisableCompression: true}
			defer tr.CloseIdleConnections()
			c := &http.Client{Transport: tr, Timeout: 60 * time.Second}
			reused, failures := 0, 0
			for round := range rounds {
				var r io.Reader = bytes.NewReader(body)
				if rf.chunked {
					r = io.MultiReader(r) // hides the length: sent chunked
				}
				status, text, _ := send(t, c, rf.method, base+rf.path, r, rf.contentType, rf.header)
				if status != rf.want {
					t.Errorf("round %d: refusal answered %d, want %d: %.300s", round, status, rf.want, text)
					failures++
				}
				status, text, wasReused := send(t, c, http.MethodPost, base+"/api/v1/validate", strings.NewReader(valid), "application/xml", nil)
				if wasReused {
					reused++
				}
				if status != http.StatusOK || !strings.Contains(text, `"kind": "descriptor"`) {
					t.Errorf("round %d: the valid request after it answered %d: %.300s", round, status, text)
					failures++
				}
				if failures > 4 {
					t.Fatalf("giving up after round %d", round)
				}
			}
			t.Logf("%d rounds, the valid request reused the connection %d times", rounds, reused)
		})
	}
}

// send makes one request and returns the status, the body, and whether
// the request went over a connection an earlier request had used.
func send(t *testing.T, c *http.Client, method, url string, body io.Reader, contentType string, header http.Header) (int, string, bool) {
	t.Helper()
	reused := false
	trace := &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) { reused = info.Reused }}
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(context.Background(), trace), method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", contentType)
	res, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s %s: reading the answer: %v", method, url, err)
	}
	return res.StatusCode, string(b), reused
}

const partBoundary = "ovacheck-test-boundary"

// multipartOf returns a multipart body of n small parts (1,000 parts make
// about 120 KB).
func multipartOf(n int) []byte {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if err := mw.SetBoundary(partBoundary); err != nil {
		panic(err)
	}
	for i := range n {
		w, _ := mw.CreateFormFile("file", fmt.Sprintf("part%04d.txt", i))
		io.WriteString(w, "x")
	}
	mw.Close()
	return buf.Bytes()
}

// paddedDescriptor returns a valid descriptor grown to size bytes with a
// comment after the root element.
func paddedDescriptor(size int) []byte {
	d := ovatest.Appliance{}.Descriptor()
	pad := size - len(d) - len("\n<!--  -->\n")
	if pad < 0 {
		pad = 0
	}
	return []byte(d + "\n<!-- " + strings.Repeat("p", pad) + " -->\n")
}

// noise returns n bytes no compressor shrinks.
func noise(n int) []byte {
	b := make([]byte, n)
	rng := rand.New(rand.NewPCG(13, 13))
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}

// gzipNoise returns a gzip stream of 120 KB of noise: not a tar inside.
func gzipNoise() []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(noise(120 << 10))
	zw.Close()
	return buf.Bytes()
}

// refusalRounds is how many times each refusal is followed by a valid
// request. Before the API drained bodies, the valid request got 503 in
// every round from the first (1,000 parts, xz) or the second (gzip), so 6
// rounds of 10 kinds find it and keep the test near 15 s.
var refusalRounds = 6
