//go:build e2e

package e2e

import (
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/ovacheck/ovacheck/build/serve/static"
	"github.com/ovacheck/ovacheck/site/samples"
)

// TestEngineFetchedOnce: on a first visit the engine is downloaded once.
// The validator page preloads it and the engine client's fetch takes that
// response over (it hands the body to the worker), so the server sees one
// request for it until the checker is ready; a fetch that missed the
// preload, or a worker fetching for itself, would be a second (as would
// the service worker's precache, which this test keeps out).
func TestEngineFetchedOnce(t *testing.T) {
	p := startBrowser(t)
	var (
		mu   sync.Mutex
		hits []string // the paths requested, in order
	)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	files := static.Handler(siteDir)
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// No service worker: its precache, which starts once the checker
		// is ready, revalidates the engine too.
		if r.URL.Path == "/sw.js" {
			http.NotFound(w, r)
			return
		}
		mu.Lock()
		hits = append(hits, r.URL.Path)
		mu.Unlock()
		files.ServeHTTP(w, r)
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	if err := chromedp.Do(p.ctx,
		chromedp.Navigate("http://"+ln.Addr().String()+"/"),
		chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)),
	); err != nil {
		t.Fatalf("page did not become ready: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	n := 0
	for _, h := range hits {
		if h == "/ovacheck.wasm" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d requests for the engine until ready, want 1; requests: %q", n, hits)
	}
}

// refuseStreamTransfer makes the page's postMessage refuse to transfer a
// ReadableStream, as browsers without transferable streams do (Safari),
// and notes in window.streamRefused that it did.
const refuseStreamTransfer = `for (const proto of [MessagePort.prototype, Worker.prototype]) {
  const post = proto.postMessage;
  proto.postMessage = function (message, transfer) {
    if (Array.isArray(transfer) && transfer.some((x) => x instanceof ReadableStream)) {
      window.streamRefused = true;
      throw new DOMException("ReadableStream cannot be transferred", "DataCloneError");
    }
    return post.apply(this, arguments);
  };
}`

// TestEngineWithoutStreamTransfer: where a stream cannot be handed to a
// worker, the page reads the engine's bytes and hands those over; the
// checker gets ready and checks.
func TestEngineWithoutStreamTransfer(t *testing.T) {
	p := startBrowser(t)
	if _, err := chromedp.Call(p.ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: refuseStreamTransfer}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(p.ctx, chromedp.Navigate(p.base)); err != nil {
		t.Fatal(err)
	}
	p.waitFor(t, "the checker", `document.body.dataset.ready === "true"`, 60*time.Second)
	if !evalAs[bool](t, p, `window.streamRefused === true`) {
		t.Fatal("the page never tried to transfer a stream: the test no longer covers the fallback")
	}
	p.choose(t, write(t, "sound.ova", samples.Sound()))
	if v := p.verdict(t); v != "pass" {
		t.Errorf("verdict %q, want pass; findings: %q", v, p.findings(t))
	}
}
