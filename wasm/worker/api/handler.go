package api

import (
	"log"
	"net/http"
	"strings"
)

// MaxBodyBytes is the largest request body POST /api/v1/validate reads; see
// the package documentation for why it is 32 MiB.
const MaxBodyBytes = 32 << 20

// MaxMultipartBytes is the largest multipart body: its parts are held in
// memory to give the engine random access, and reading one costs about
// twice its size while buffers grow, so 16 MiB keeps a request near 40 MB
// in a Worker isolate of 128 MB. Descriptors, manifests and certificates
// are kilobytes; an OVA sent as the whole body is streamed and may reach
// MaxBodyBytes.
const MaxMultipartBytes = 16 << 20

// MaxDescriptorBytes is the largest descriptor the API checks, sent as
// the body or as a multipart part. Checking a descriptor costs the
// isolate many times its size: measured under workerd (wrangler 4.86.0,
// the engine of May 2026), a descriptor of short Property elements, the
// costliest shape found, raised the process's peak resident memory by
// 73 to 97 MiB at 1 MiB (two fresh runs), 84 MiB at 1.5 MB and 131 MiB
// at 2 MB on a warm process (the report, several times the descriptor's
// size, is part of it); one long annotation costs about 14 bytes a byte.
// On a fresh process the first check also pays V8's compilation of the
// module's code (27-75 MiB of workerd's memory, once per process); with
// that paid and each collection finishing when it starts
// (GODEBUG=gcstoptheworld=1, build/worker/build.sh), the worst shape at
// 512 KiB measured 27-31 MiB over nine runs, and 63-104 MiB (median 92)
// when it was the process's first request. Real descriptors are smaller:
// VMware's largest appliances (VCF Operations, 493 KB; vCenter, 332 KB)
// fit.
// Raise it when the parser's cost per byte falls; the workerd test
// (memory_test.go) measures it.
const MaxDescriptorBytes = 512 << 10

// New returns the API handler. Paths outside /api/v1/ get a JSON 404 (the
// Worker only sees them when no static asset matched).
func New() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/v1/validate", only(validate, http.MethodPost))
	mux.HandleFunc("/api/v1/validate-url", only(validateURL, http.MethodPost))
	mux.HandleFunc("/api/v1/rules", only(listRules, http.MethodGet, http.MethodHead))
	mux.HandleFunc("/api/v1/rules/{id}", only(oneRule, http.MethodGet, http.MethodHead))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, apiError{Error: "no such endpoint: " + r.URL.Path +
			"; the API has POST /api/v1/validate, POST /api/v1/validate-url, GET /api/v1/rules and GET /api/v1/rules/{id}"})
	})
	return drainBodies(secure(mux))
}

// only answers 405 with Allow for any method not in methods.
func only(h http.HandlerFunc, methods ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for _, m := range methods {
			if r.Method == m {
				h(w, r)
				return
			}
		}
		w.Header().Set("Allow", strings.Join(methods, ", "))
		writeError(w, http.StatusMethodNotAllowed, apiError{Error: r.Method + " is not allowed here; use " + strings.Join(methods, " or ")})
	}
}

// cspNone is the Content-Security-Policy of every response but the HTML
// report (see reportCSP): nothing in it may load anything, and no page may
// frame it.
const cspNone = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

// secure sets the security headers every response carries, and turns a
// panic (a bug) into a JSON 500 rather than a dropped connection.
func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", cspNone)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		defer func() {
			if v := recover(); v != nil {
				log.Printf("ovacheck api: panic serving %s %s: %v", r.Method, r.URL.Path, v)
				writeError(w, http.StatusInternalServerError, apiError{Error: "internal error: this is a bug in ovacheck"})
			}
		}()
		next.ServeHTTP(w, r)
	})
}
