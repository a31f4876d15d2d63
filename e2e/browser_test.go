//go:build e2e

package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
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
	p := startBrowser(t)
	ctx := p.ctx
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
