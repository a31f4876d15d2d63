// Package static is the file server of the built site, shared by the
// serve command and the browser tests: it adds the page's security headers
// and serves .wasm as application/wasm.
package static

import (
	"mime"
	"net/http"

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
		files.ServeHTTP(w, r)
	})
}
