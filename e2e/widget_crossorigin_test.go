//go:build e2e

package e2e

import (
	"crypto/sha256"
	"fmt"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ovacheck/ovacheck/build/serve/static"
	"github.com/ovacheck/ovacheck/site/samples"
)

// vendorCSP is the Content-Security-Policy the widget's documentation asks
// a vendor's page to allow when the widget comes from another origin (cdn).
func vendorCSP(cdn string) string {
	return "default-src 'self'; script-src 'self' " + cdn + " 'wasm-unsafe-eval'; worker-src blob:; " +
		"connect-src " + cdn + "; style-src 'self' " + cdn + "; object-src 'none'"
}

// TestWidgetFromAnotherOrigin loads the widget on a vendor page served from
// one origin (localhost) while ovacheck's files come from another
// (127.0.0.1, with CORS), under the documented CSP: it still verifies a
// download.
func TestWidgetFromAnotherOrigin(t *testing.T) {
	p := startBrowser(t)
	cdnLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	files := static.Handler(siteDir)
	cdnSrv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		files.ServeHTTP(w, r)
	})}
	go cdnSrv.Serve(cdnLn)
	t.Cleanup(func() { cdnSrv.Close() })
	cdn := "http://" + cdnLn.Addr().String()

	ova := samples.Sound()
	sum := sha256.Sum256(ova)
	vendorLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	vendorSrv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", vendorCSP(cdn))
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Vendor</title>
<script type="module" src="%s/ova-verify.js"></script></head>
<body><h1>Appliance download</h1><ova-verify sha256="%x"></ova-verify></body></html>`, cdn, sum)
	})}
	go vendorSrv.Serve(vendorLn)
	t.Cleanup(func() { vendorSrv.Close() })
	_, port, _ := net.SplitHostPort(vendorLn.Addr().String())

	if err := chromedp.Do(p.ctx, chromedp.Navigate("http://localhost:"+port+"/")); err != nil {
		t.Fatal(err)
	}
	p.waitFor(t, "the widget's engine", `!!document.querySelector("ova-verify") && document.querySelector("ova-verify").dataset.ready === "true"`, 60*time.Second)
	evalAs[bool](t, p, `(() => {
		window.seen = {results: [], progress: 0};
		document.addEventListener("ova-result", (e) => window.seen.results.push(e.detail.verdict));
		return true;
	})()`)
	if got := p.verifyWith(t, write(t, "appliance.ova", ova)); got.Verdict != "pass" {
		t.Errorf("verdict %q, want pass; findings %q\n%s", got.Verdict, got.Rules, p.logs())
	}
}
