//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

// main explains itself when the package is built for the host: it only
// makes sense compiled with GOOS=js GOARCH=wasm and loaded by the page.
func main() {
	fmt.Fprintln(os.Stderr, "wasm/browser runs in a browser: build it with GOOS=js GOARCH=wasm (npm run build)")
	os.Exit(2)
}
