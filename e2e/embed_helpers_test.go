//go:build e2e

package e2e

import (
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ovacheck/ovacheck/build/chromium"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/ovacheck/ovacheck/build/serve/static"
)

// startBrowser serves the built site and starts Chromium, recording every
// request, exception and console message, but loads no page: openPage
// loads the validator, and the widget, offline and service-worker tests
// each open their own.
func startBrowser(t *testing.T) *page {
	t.Helper()
	exe, err := chromium.Path()
	if err != nil {
		t.Skipf("%v: browser tests skipped", err)
	}
	if _, err := os.Stat(filepath.Join(siteDir, "ovacheck.wasm")); err != nil {
		t.Skip("site not built: run bash build/build-site.sh first")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: static.Handler(siteDir)}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })

	opts := chromium.Options(exe, t.TempDir())
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })

	p := &page{ctx: ctx, base: "http://" + ln.Addr().String() + "/"}
	if err := chromedp.Listen(ctx, func(ev any) {
		p.mu.Lock()
		defer p.mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			p.requests = append(p.requests, e.Request.URL)
		case *runtime.EventExceptionThrown:
			msg := e.ExceptionDetails.Text
			if e.ExceptionDetails.Exception != nil {
				msg += " " + e.ExceptionDetails.Exception.Description
			}
			p.exceptions = append(p.exceptions, msg)
		case *runtime.EventConsoleAPICalled:
			for _, a := range e.Args {
				p.exceptions = append(p.exceptions, "console: "+string(a.Value)+a.Description)
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, runtime.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	return p
}

// goOffline cuts the tab off the network: every request fails and
// navigator.onLine is false.
func (p *page) goOffline(t *testing.T) {
	t.Helper()
	if _, err := chromedp.Call(p.ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		MatchedNetworkConditions: []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}},
	}); err != nil {
		t.Fatalf("emulating offline: %v", err)
	}
	if _, err := chromedp.Call(p.ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{
		Offline: true, DownloadThroughput: -1, UploadThroughput: -1,
	}); err != nil {
		t.Fatalf("setting navigator.onLine: %v", err)
	}
}

// logs returns what the page logged and threw, for failure messages.
func (p *page) logs() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return strings.Join(p.exceptions, "\n")
}

// requestsSince returns the URLs requested after the first n.
func (p *page) requestsSince(n int) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.requests[n:]...)
}

func (p *page) requestCount() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.requests)
}

// waitFor waits until the JS expression js is true, for up to timeout
// (chromedp.Poll would otherwise give up after its own 30 s).
func (p *page) waitFor(t *testing.T, what, js string, timeout time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, timeout)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(timeout))); err != nil {
		t.Fatalf("waiting for %s: %v\npage log:\n%s", what, err, p.logs())
	}
}
