package static

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/andybalholm/brotli"
)

// TestPrecompressedWasm asks for the engine as browsers do: one that
// accepts brotli gets the .br copy, one that accepts only gzip the .gz
// copy, one that accepts neither the file itself; each decodes to the
// same bytes and is typed application/wasm.
func TestPrecompressedWasm(t *testing.T) {
	dir := t.TempDir()
	wasm := bytes.Repeat([]byte("\x00asm engine bytes "), 1000)
	write := func(name string, enc func(io.Writer) io.WriteCloser) {
		var b bytes.Buffer
		w := enc(&b)
		w.Write(wasm)
		w.Close()
		if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "ovacheck.wasm"), wasm, 0o644); err != nil {
		t.Fatal(err)
	}
	write("ovacheck.wasm.br", func(w io.Writer) io.WriteCloser { return brotli.NewWriter(w) })
	write("ovacheck.wasm.gz", func(w io.Writer) io.WriteCloser { return gzip.NewWriter(w) })

	for _, c := range []struct{ accept, want string }{
		{"gzip, deflate, br, zstd", "br"},
		{"gzip, deflate", "gzip"},
		{"br;q=0, gzip", "gzip"},
		{"", ""},
	} {
		req := httptest.NewRequest(http.MethodGet, "/ovacheck.wasm", nil)
		req.Header.Set("Accept-Encoding", c.accept)
		rec := httptest.NewRecorder()
		Handler(dir).ServeHTTP(rec, req)
		res := rec.Result()
		if got := res.Header.Get("Content-Encoding"); got != c.want {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, want %q", c.accept, got, c.want)
		}
		if got := res.Header.Get("Content-Type"); got != "application/wasm" {
			t.Errorf("Accept-Encoding %q: Content-Type %q", c.accept, got)
		}
		var body io.Reader = res.Body
		switch c.want {
		case "br":
			body = brotli.NewReader(res.Body)
		case "gzip":
			zr, err := gzip.NewReader(res.Body)
			if err != nil {
				t.Fatal(err)
			}
			body = zr
		}
		got, err := io.ReadAll(body)
		if err != nil || !bytes.Equal(got, wasm) {
			t.Errorf("Accept-Encoding %q: body decodes to %d bytes (err %v), want the %d of the file", c.accept, len(got), err, len(wasm))
		}
	}
}

// TestPrecompressedPage: a folder's page (the validator at /) is sent as
// its brotli copy to a browser that accepts it, typed as HTML, and
// /index.html still redirects to its folder as the file server does.
func TestPrecompressedPage(t *testing.T) {
	dir := t.TempDir()
	page := []byte("<!doctype html><title>ovacheck</title>")
	var b bytes.Buffer
	w := brotli.NewWriter(&b)
	w.Write(page)
	w.Close()
	if err := os.WriteFile(filepath.Join(dir, "index.html"), page, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.html.br"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.Header.Set("Accept-Encoding", "gzip, br")
	rec := httptest.NewRecorder()
	Handler(dir).ServeHTTP(rec, req)
	res := rec.Result()
	if got := res.Header.Get("Content-Encoding"); got != "br" {
		t.Errorf("/: Content-Encoding %q, want br", got)
	}
	if got := res.Header.Get("Content-Type"); got != "text/html; charset=utf-8" {
		t.Errorf("/: Content-Type %q", got)
	}
	if got, err := io.ReadAll(brotli.NewReader(res.Body)); err != nil || !bytes.Equal(got, page) {
		t.Errorf("/: body decodes to %q (err %v), want the page", got, err)
	}

	req = httptest.NewRequest(http.MethodGet, "/index.html", nil)
	req.Header.Set("Accept-Encoding", "br")
	rec = httptest.NewRecorder()
	Handler(dir).ServeHTTP(rec, req)
	if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Content-Encoding") != "" {
		t.Errorf("/index.html: status %d, Content-Encoding %q; want the file server's redirect", rec.Code, rec.Header().Get("Content-Encoding"))
	}
}
