//go:build e2e

package e2e

import (
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/ovacheck/ovacheck/build/serve/static"
)

// siteDir is the built site, relative to this package.
const siteDir = "../site/dist"

// page is one browser tab on the validator, with what it saw.
type page struct {
	ctx  context.Context
	base string

	mu         sync.Mutex
	requests   []string
	exceptions []string
	dialogs    int
}

// openPage serves the site, starts Chromium and loads the validator, and
// waits until the engine is ready.
func openPage(t *testing.T) *page {
	t.Helper()
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("Chromium not found at %s (set CHROMIUM): browser tests skipped", chromium)
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

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
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
	if err := chromedp.Do(ctx,
		chromedp.Navigate(p.base),
		chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)),
	); err != nil {
		t.Fatalf("page did not become ready: %v", err)
	}
	return p
}

// verdictTimeout bounds the wait for a check to end.
var verdictTimeout = 20 * time.Second

// dump logs what the page shows and what it logged, to explain a failure.
func (p *page) dump(t *testing.T) {
	t.Helper()
	state, _ := chromedp.Run(p.ctx, chromedp.Evaluate[string](`[document.getElementById("phase").textContent, document.getElementById("rate").textContent, document.getElementById("message").textContent, JSON.stringify(window.ovacheckLog || [])].join(" | ")`))
	t.Logf("page: %s", state)
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, e := range p.exceptions {
		t.Logf("page log: %s", e)
	}
}

// choose sets the file input to files on disk.
func (p *page) choose(t *testing.T, files ...string) {
	t.Helper()
	if err := chromedp.Do(p.ctx, chromedp.SetUploadFiles(chromedp.CSS(`#file`), files)); err != nil {
		t.Fatalf("choosing %v: %v", files, err)
	}
}

// verdict waits for the final report and returns its data-verdict.
func (p *page) verdict(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, verdictTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#report [data-verdict]`))); err != nil {
		p.dump(t)
		t.Fatalf("no verdict: %v", err)
	}
	v, err := chromedp.Run(p.ctx, chromedp.AttributeValue(chromedp.CSS(`#report [data-verdict]`), "data-verdict"))
	if err != nil {
		t.Fatal(err)
	}
	return v.Value
}

// findings returns "RULE severity: text" for each finding shown.
func (p *page) findings(t *testing.T) []string {
	t.Helper()
	return evalAs[[]string](t, p, `Array.from(document.querySelectorAll("#report [data-rule]")).map(e => e.dataset.rule + " " + e.dataset.severity + ": " + e.textContent.replace(/\s+/g, " "))`)
}

// evalAs evaluates a JS expression in the page.
func evalAs[T any](t *testing.T, p *page, expr string) T {
	t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// write puts data in a file named name in a fresh temporary directory.
func write(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func contains(list []string, sub string) bool {
	for _, s := range list {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
