// Command bench-browser is the browser half of npm run bench. In one
// Chromium run against the built site (site/dist, served on 127.0.0.1:0)
// and packages of pseudo-random bytes it generates in a temporary
// directory (at least 1 GiB; removed at the end, never committed), it
// measures:
//
//   - ovacheck's hashing throughput over raw hash-wasm's (SHA-256 over
//     Blob.stream() in one worker) on the same 1 GiB disk; goal >= 0.85;
//   - the aggregate speed-up of two equal disks over one disk of the same
//     total size; goal >= 1.5x on 2 cores;
//   - the time from file selection to the structural verdict on the
//     validator page, for a small package and the 1 GiB one; goal < 300 ms;
//   - the gzip size of the wasm and of everything the page loads.
//
// It prints a table of the figures, their ratios and goals.
//
//	go run ./build/bench-browser [-site site/dist] [-mib 1024] [-v]
package main

import (
	"context"
	"embed"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/ovacheck/ovacheck/build/chromium"

	"github.com/chromedp/chromedp"

	"github.com/ovacheck/ovacheck/build/serve/static"
	"github.com/ovacheck/ovacheck/site"
	"github.com/ovacheck/ovacheck/site/samples"
)

// verbose prints each run's timings.
var verbose bool

//go:embed page
var pageFS embed.FS

func main() {
	siteDir := flag.String("site", "site/dist", "the built site")
	flag.BoolVar(&verbose, "v", false, "print each run's timings")
	mib := flag.Int64("mib", 1024, "size of the generated package's disks in MiB (at least 1024 for the issue's figures)")
	flag.Parse()
	if err := run(*siteDir, *mib<<20); err != nil {
		fmt.Fprintln(os.Stderr, "bench-browser:", err)
		os.Exit(1)
	}
}

// packages are the generated test files, in the order the page's input
// holds them.
const (
	smallFile = iota // the sound sample
	oneDisk          // one disk of the full size
	twoDisks         // two disks of half the size each
)

func run(siteDir string, size int64) error {
	if _, err := os.Stat(filepath.Join(siteDir, "ovacheck.wasm")); err != nil {
		return fmt.Errorf("%s is not a built site: run npm run build (bash build/build-site.sh) first", siteDir)
	}
	exe, err := chromium.Path()
	if err != nil {
		return err
	}

	tmp, err := os.MkdirTemp("", "ovacheck-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	fmt.Printf("generating packages of %d MiB of pseudo-random bytes in %s…\n", size>>20, tmp)
	files := []string{filepath.Join(tmp, "small.ova"), filepath.Join(tmp, "one.ova"), filepath.Join(tmp, "two.ova")}
	if err := os.WriteFile(files[smallFile], samples.Sound(), 0o644); err != nil {
		return err
	}
	if err := writePackage(files[oneDisk], "one", []disk{{"one-disk1.img", size, 1}}); err != nil {
		return err
	}
	if err := writePackage(files[twoDisks], "two", []disk{{"two-disk1.img", size / 2, 2}, {"two-disk2.img", size / 2, 3}}); err != nil {
		return err
	}

	base, stop, err := serve(siteDir)
	if err != nil {
		return err
	}
	defer stop()

	opts := chromium.Options(exe, filepath.Join(tmp, "profile"))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	ctx, cancelC := chromedp.NewContext(actx)
	defer cancelC()
	ctx, cancelT := context.WithTimeout(ctx, 5*time.Minute)
	defer cancelT()

	fmt.Println("measuring in Chromium…")
	var res results
	if err := measureHashing(ctx, base, files, &res); err != nil {
		return err
	}
	if err := measureStructural(ctx, base, files, &res); err != nil {
		return err
	}
	if err := measureSizes(siteDir, &res); err != nil {
		return err
	}
	res.print(os.Stdout, size)
	return nil
}

// serve serves the site and the benchmark page (under /bench/) on a
// loopback port.
func serve(siteDir string) (base string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	sub, err := fs.Sub(pageFS, "page")
	if err != nil {
		return "", nil, err
	}
	bench := http.StripPrefix("/bench/", http.FileServer(http.FS(sub)))
	mux := http.NewServeMux()
	mux.Handle("/", static.Handler(siteDir))
	mux.Handle("/bench/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", site.PageCSP)
		w.Header().Set("Cache-Control", "no-cache")
		bench.ServeHTTP(w, r)
	}))
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String() + "/", func() { srv.Close() }, nil
}

// evaluate runs a JS expression (awaiting a promise) and decodes its value.
func evaluate[T any](ctx context.Context, expr string) (T, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

// errNoEngine explains a page whose engine never started.
var errNoEngine = errors.New("the engine did not start in the page")
