//go:build e2e

package e2e

import (
	"net"
	"net/http"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/ovacheck/ovacheck/build/serve/static"
)

// countingWriter counts the body bytes a handler writes.
type countingWriter struct {
	http.ResponseWriter
	n *atomic.Int64
}

func (w countingWriter) Write(p []byte) (int, error) {
	w.n.Add(int64(len(p)))
	return w.ResponseWriter.Write(p)
}

// TestFirstVisitFigures measures a first visit on a 10 Mbit/s line: the
// bytes the browser receives (the page, the engine, and what the service
// worker caches) and the time until the checker is ready. It only logs
// them (for the closing note), and runs when OVACHECK_MEASURE is
// set.
func TestFirstVisitFigures(t *testing.T) {
	if os.Getenv("OVACHECK_MEASURE") == "" {
		t.Skip("set OVACHECK_MEASURE=1 to measure the first visit")
	}
	p := startBrowser(t)
	// The bytes are counted where they leave the server: the page's, the
	// engine worker's and the service worker's requests alike.
	var sent atomic.Int64
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	files := static.Handler(siteDir)
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		files.ServeHTTP(countingWriter{w, &sent}, r)
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	base := "http://" + ln.Addr().String() + "/"
	const mbit = 10e6 / 8
	if _, err := chromedp.Call(p.ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		MatchedNetworkConditions: []*network.Conditions{{DownloadThroughput: mbit, UploadThroughput: mbit, Latency: 20}},
	}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := chromedp.Do(p.ctx, chromedp.Navigate(base)); err != nil {
		t.Fatal(err)
	}
	// While the engine loads, the page says so, with the bytes received.
	p.waitFor(t, "the engine's loading progress", `/Loading the checker… [\d.]+ \w+ of the engine received/.test(document.getElementById("engine-state").textContent) || document.body.dataset.ready === "true"`, 60*time.Second)
	t.Logf("while loading: %q", evalAs[string](t, p, `document.body.dataset.ready === "true" ? "(ready before any progress was seen)" : document.getElementById("engine-state").textContent`))
	p.waitFor(t, "the checker", `document.body.dataset.ready === "true"`, 120*time.Second)
	ready := time.Since(start)
	atReady := float64(sent.Load())
	p.waitFor(t, "the service worker", `navigator.serviceWorker.ready.then((r) => !!r.active)`, 120*time.Second)
	time.Sleep(2 * time.Second)
	total := float64(sent.Load())
	t.Logf("first visit at 10 Mbit/s: checker ready after %.1f s with %.2f MB received; %.2f MB once the service worker has cached the build", ready.Seconds(), atReady/1e6, total/1e6)
}
