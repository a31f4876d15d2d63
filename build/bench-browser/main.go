// Command bench-browser is the browser half of npm run bench: the
// validator page as a user gets it, against raw hash-wasm in the same
// Chromium run. It generates, in a temporary directory removed at the end,
// two sound OVAs whose stream-optimized VMDKs hold pseudo-random bytes
// (ovatest's descriptor and VMDK writer): one disk of -mib MiB, and two
// disks of half that. It serves the built site with the handler npm start
// uses (build/serve/static) and, in one Chromium (build/chromium), loads
// the validator page and, for each package, -runs times:
//
//   - sets the file on the page's file input with the page's default
//     options and times from the input's change event to the final
//     verdict entering the report (the banner's data-verdict, which the
//     e2e tests wait for);
//   - then, in the same page, hashes the same File's disk byte ranges with
//     hash-wasm's SHA-256 alone, read as the page's hash workers read them
//     (Blob.slice().stream()): one worker for the one-disk package, two at
//     once for the two-disk one; the digests must equal the manifest's.
//
// It prints the median of each run's ratio raw time / page time (1.0: the
// page answers as fast as raw hash-wasm hashes; each page run is beside its
// own reference run, so the machine's drift weighs on both) beside the
// goals (0.95 for one disk, 0.9 for two), the median times, the times to the structural verdict, the load
// average (the machine may be shared) and the gzip sizes of what the page
// and the widget load.
//
// With -explain it also times the site's own hash-worker.js alone over
// the same ranges, which tells the hash workers' cost from the engine's
// and the page's.
//
//	go run ./build/bench-browser [-site site/dist] [-mib 1024] [-runs 5] [-v] [-explain]
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
	"strings"
	"time"

	"github.com/ovacheck/ovacheck/build/chromium"

	"github.com/chromedp/chromedp"

	"github.com/ovacheck/ovacheck/build/serve/static"
	"github.com/ovacheck/ovacheck/site/samples"
)

// verbose prints each run's timings.
var verbose bool

// explain also times the site's own hash-worker.js alone over the disks,
// to tell the hashing's cost from the engine's and the page's.
var explain bool

//go:embed page
var pageFS embed.FS

func main() {
	siteDir := flag.String("site", "site/dist", "the built site")
	flag.BoolVar(&verbose, "v", false, "print each run's timings")
	flag.BoolVar(&explain, "explain", false, "also time the site's hash workers alone over the disks (one more pass per run)")
	mib := flag.Int64("mib", 1024, "disk bytes of each generated package in MiB (1024 for the issue's figures)")
	runs := flag.Int("runs", 5, "runs of each measure; the medians are printed")
	flag.Parse()
	if err := run(*siteDir, *mib<<20, max(*runs, 1)); err != nil {
		fmt.Fprintln(os.Stderr, "bench-browser:", err)
		os.Exit(1)
	}
}

// results are the figures of one bench.
type results struct {
	size                             int64
	runs                             int
	cases                            []*caseResult
	small                            []pageRun
	chunk                            int // bytes per read of Blob.stream()
	cores                            int // navigator.hardwareConcurrency
	loadBefore, loadAfter            string
	wasmGz, wasmRaw, pageGz, pageRaw int64
	widgetGz, offlineGz, offlineRaw  int64
}

func run(siteDir string, size int64, runs int) error {
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
	fmt.Printf("generating two packages of %d MiB of pseudo-random disk bytes in %s…\n", size>>20, tmp)
	small := filepath.Join(tmp, "sound.ova")
	if err := os.WriteFile(small, samples.Sound(), 0o644); err != nil {
		return err
	}
	one, err := writePackage(filepath.Join(tmp, "one.ova"), "one", []int64{size})
	if err != nil {
		return err
	}
	two, err := writePackage(filepath.Join(tmp, "two.ova"), "two", []int64{size / 2, size / 2})
	if err != nil {
		return err
	}
	res := results{size: size, runs: runs, cases: []*caseResult{
		{name: "one disk", streams: 1, goal: 0.95, bytes: one.diskBytes()},
		{name: "two disks", streams: 2, goal: 0.9, bytes: two.diskBytes()},
	}}

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
	ctx, cancelT := context.WithTimeout(ctx, 30*time.Minute)
	defer cancelT()

	fmt.Println("measuring in Chromium…")
	if err := openValidator(ctx, base); err != nil {
		return err
	}
	if res.cores, err = evaluate[int](ctx, `navigator.hardwareConcurrency`); err != nil {
		return err
	}
	res.loadBefore = loadAverage()
	if err := measure(ctx, small, res.cases, []pkg{one, two}, runs, &res); err != nil {
		return err
	}
	res.loadAfter = loadAverage()
	if err := measureSizes(siteDir, &res); err != nil {
		return err
	}
	res.print(os.Stdout)
	return nil
}

// loadAverage returns the 1, 5 and 15 minute load averages, as uptime
// prints them.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// serve serves the site as npm start does (build/serve/static's handler)
// and the reference's worker under /bench/, on a loopback port.
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
