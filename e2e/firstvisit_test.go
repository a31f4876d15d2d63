//go:build e2e

package e2e

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/ovacheck/ovacheck/build/serve/static"
)

// line is a slow network line shared by every connection to a server: the
// bytes of all responses pass through it one slice at a time, at rate
// bytes per second in all, so the page, the engine worker and the service
// worker compete for it as they would on a real line. Throttling in the
// browser (CDP's network conditions) does not reach a worker's requests,
// which is where the engine is downloaded.
type line struct {
	rate float64 // bytes per second

	mu   sync.Mutex
	free time.Time // when the line has sent all it has been given
}

// slice is how much of a response goes out before another response may
// take its turn: at 10 Mbit/s, about 13 ms.
const slice = 16 << 10

// idle is how long the line must have had nothing to send before it
// starts afresh from now: a shorter gap is a sleep that overran (a few
// of them per response, over a hundred slices of the engine), not
// bandwidth to lose.
const idle = 5 * time.Millisecond

// send waits until the line has carried n more bytes.
func (l *line) send(n int) {
	l.mu.Lock()
	now := time.Now()
	if now.Sub(l.free) > idle {
		l.free = now
	}
	l.free = l.free.Add(time.Duration(float64(n) / l.rate * float64(time.Second)))
	done := l.free
	l.mu.Unlock()
	time.Sleep(time.Until(done))
}

// lineWriter writes a response's body through a line and counts its bytes.
type lineWriter struct {
	http.ResponseWriter
	line *line
	n    *atomic.Int64 // every response's bytes
	own  *int64        // this response's bytes
}

func (w lineWriter) Write(p []byte) (int, error) {
	written := 0
	for len(p) > 0 {
		k := min(len(p), slice)
		w.line.send(k)
		m, err := w.ResponseWriter.Write(p[:k])
		written += m
		w.n.Add(int64(m))
		*w.own += int64(m)
		if err != nil {
			return written, err
		}
		p = p[k:]
	}
	return written, nil
}

// served is one response, as the server saw it: when its request arrived
// and its last byte left, relative to the navigation.
type served struct {
	path, encoding string
	status         int
	bytes          int64
	start, end     time.Duration
}

// statusWriter remembers a response's status.
type statusWriter struct {
	lineWriter
	status *int
}

func (w statusWriter) WriteHeader(code int) {
	*w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// TestFirstVisitFigures measures a first visit on a 10 Mbit/s line with
// 20 ms of latency per request, the line shared by everything the browser
// fetches (the page, the engine worker, the service worker): the time
// until the checker is ready and the bytes received by then, and the
// bytes once the service worker has cached the build. It logs every
// response in the order the requests arrived, to show what lies on the
// way to ready. It only logs (for the closing note), and runs when
// OVACHECK_MEASURE is set; OVACHECK_SITE names another built site to
// measure instead of site/dist.
func TestFirstVisitFigures(t *testing.T) {
	if os.Getenv("OVACHECK_MEASURE") == "" {
		t.Skip("set OVACHECK_MEASURE=1 to measure the first visit")
	}
	p := startBrowser(t)
	const latency = 20 * time.Millisecond
	slow := &line{rate: 10e6 / 8}
	var (
		sent  atomic.Int64
		mu    sync.Mutex
		log   []*served
		start time.Time
	)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	// OVACHECK_SITE measures another build (e.g. one from before a change)
	// with the same line.
	dir := siteDir
	if d := os.Getenv("OVACHECK_SITE"); d != "" {
		dir = d
	}
	files := static.Handler(dir)
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s := &served{path: r.URL.Path, status: http.StatusOK}
		mu.Lock()
		s.start = time.Since(start)
		log = append(log, s)
		mu.Unlock()
		time.Sleep(latency)
		files.ServeHTTP(statusWriter{lineWriter{w, slow, &sent, &s.bytes}, &s.status}, r)
		mu.Lock()
		s.end = time.Since(start)
		s.encoding = w.Header().Get("Content-Encoding")
		mu.Unlock()
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	base := "http://" + ln.Addr().String() + "/"

	// The page notes when it turns ready, on its own clock (from the
	// navigation's start), so that polling from here adds nothing.
	if _, err := chromedp.Call(p.ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: readyClock}); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	start = time.Now()
	mu.Unlock()
	if err := chromedp.Do(p.ctx, chromedp.Navigate(base)); err != nil {
		t.Fatal(err)
	}
	// While the engine loads, the page says so, with the bytes received.
	p.waitFor(t, "the engine's loading progress", `/Loading the checker… [\d.]+ \w+ of the engine received/.test(document.getElementById("engine-state").textContent) || document.body.dataset.ready === "true"`, 60*time.Second)
	t.Logf("while loading: %q", evalAs[string](t, p, `document.body.dataset.ready === "true" ? "(ready before any progress was seen)" : document.getElementById("engine-state").textContent`))
	p.waitFor(t, "the checker", `document.body.dataset.ready === "true"`, 120*time.Second)
	ready := time.Duration(evalAs[float64](t, p, `window.ovacheckReadyAt`) * float64(time.Millisecond))
	atReady := float64(sent.Load())
	p.waitFor(t, "the service worker", `navigator.serviceWorker.ready.then((r) => !!r.active)`, 120*time.Second)
	time.Sleep(2 * time.Second)
	total := float64(sent.Load())
	t.Logf("first visit at 10 Mbit/s and 20 ms per request, at the server: checker ready after %.2f s with %.2f MB received; %.2f MB once the service worker has cached the build", ready.Seconds(), atReady/1e6, total/1e6)

	mu.Lock()
	defer mu.Unlock()
	var b strings.Builder
	for _, s := range log {
		when := "before ready"
		if s.end > ready {
			when = "after ready"
		}
		fmt.Fprintf(&b, "\n  %6.0f-%6.0f ms  %3d %-4s %9d B  %s  (%s)", ms(s.start), ms(s.end), s.status, s.encoding, s.bytes, s.path, when)
	}
	t.Logf("responses (request arrived - last byte sent, relative to the navigation):%s", b.String())
}

// readyClock, run in the page before its own scripts, sets
// window.ovacheckReadyAt to the page's time (ms since the navigation
// started) when the body gets data-ready="true".
const readyClock = `new MutationObserver((_, o) => {
  if (document.body && document.body.dataset.ready === "true") {
    window.ovacheckReadyAt = performance.now();
    o.disconnect();
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-ready"]});`

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
