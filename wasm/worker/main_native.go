//go:build !(js && wasm)

// Command worker, built natively, serves the same API on a loopback
// address for debugging without workerd:
//
//	go run ./wasm/worker -addr 127.0.0.1:8788
//
// The Worker itself is built with GOOS=js GOARCH=wasm (see main.go and
// build/worker/build.sh).
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"time"

	"github.com/ovacheck/ovacheck/wasm/worker/api"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8788", "`address` to listen on")
	flag.Parse()
	fmt.Fprintf(os.Stderr, "ovacheck API on http://%s/api/v1/ (native build; the Worker is the GOOS=js build)\n", *addr)
	srv := &http.Server{Addr: *addr, Handler: api.New(), ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.ListenAndServe())
}
