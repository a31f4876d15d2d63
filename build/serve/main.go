// Command serve serves the built site (site/dist) on the loopback
// interface only, with the page's Content-Security-Policy and nosniff
// headers and .wasm files as application/wasm.
//
//	go run ./build/serve -dir site/dist          # http://127.0.0.1:8080 ($PORT to change)
package main

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"

	"github.com/ovacheck/ovacheck/build/serve/static"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	addr := flag.String("addr", "127.0.0.1:"+port, "address to listen on (a loopback address)")
	dir := flag.String("dir", "site/dist", "directory to serve")
	flag.Parse()
	if err := run(*addr, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "serve:", err)
		os.Exit(1)
	}
}

func run(addr, dir string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return err
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return errors.New("refusing to listen on " + host + ": only loopback addresses are allowed")
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("%s is not a built site (run build/build-site.sh first)", dir)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	fmt.Printf("ovacheck site on http://%s/ (serving %s)\n", ln.Addr(), dir)
	return http.Serve(ln, static.Handler(dir))
}
