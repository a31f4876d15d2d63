// Package static is the file server of the built site, shared by the
// serve command and the browser tests: it adds the page's security headers
// and serves .wasm as application/wasm.
package static

import (
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/ovacheck/ovacheck/site"
)

func init() {
	// Some systems' mime tables lack these; the page needs them right.
	_ = mime.AddExtensionType(".wasm", "application/wasm")
	_ = mime.AddExtensionType(".js", "text/javascript; charset=utf-8")
	_ = mime.AddExtensionType(".ova", "application/x-tar")
}

// Handler serves the files under dir with a Content-Security-Policy that
// matches the pages' own (plus frame-ancestors, which a meta element
// cannot set), nosniff, no referrer, and no caching of stale builds.
func Handler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", site.PageCSP+"; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cache-Control", "no-cache")
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if serveEncoded(w, r, dir) {
			return
		}
		files.ServeHTTP(w, r)
	})
}

// encodings are the precompressed copies a file may have beside it
// (build/compress writes them), best first.
var encodings = []struct{ name, ext string }{{"br", ".br"}, {"gzip", ".gz"}}

// serveEncoded answers a request for a file with its brotli or gzip copy
// when the browser accepts that encoding and the copy exists, with the
// file's own Content-Type and the encoding in Content-Encoding. It reports
// whether it answered.
func serveEncoded(w http.ResponseWriter, r *http.Request, dir string) bool {
	name := path.Clean("/" + r.URL.Path)
	switch {
	case strings.HasSuffix(name, "/index.html"):
		return false // the file server redirects it to its folder
	case strings.HasSuffix(r.URL.Path, "/"):
		name = path.Join(name, "index.html") // a folder's page, such as the validator at /
	case strings.HasSuffix(name, ".br") || strings.HasSuffix(name, ".gz"):
		return false
	}
	for _, e := range encodings {
		if !accepts(r.Header.Get("Accept-Encoding"), e.name) {
			continue
		}
		f, err := os.Open(filepath.Join(dir, filepath.FromSlash(name)) + e.ext)
		if err != nil {
			continue
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil || st.IsDir() {
			continue
		}
		h := w.Header()
		h.Add("Vary", "Accept-Encoding")
		h.Set("Content-Encoding", e.name)
		if t := mime.TypeByExtension(path.Ext(name)); t != "" {
			h.Set("Content-Type", t)
		}
		http.ServeContent(w, r, name, st.ModTime(), f)
		return true
	}
	w.Header().Add("Vary", "Accept-Encoding")
	return false
}

// accepts reports whether an Accept-Encoding header accepts encoding (named,
// and not with q=0).
func accepts(header, encoding string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), encoding) {
			continue
		}
		q := strings.ReplaceAll(params, " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}
