//go:build e2e

package e2e

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// waitForRestored waits until the JS expression js is true on a page that
// Back may have restored from the back/forward cache, evaluating it anew
// every 100 ms. waitFor cannot: chromedp.Poll runs in the execution
// context chromedp last saw created, and a restored page creates none, so
// Poll waits until its deadline even for "true" (seen with Chromium: the
// report was on the page, pageshow had persisted=true, and
// TestReportSurvivesRuleLinkAndBack failed after 30 s whenever the page
// came from the cache). chromedp.Evaluate runs in the page's main world,
// whichever document it is; errors while the page navigates mean "not
// yet".
func (p *page) waitForRestored(t *testing.T, what, js string, timeout time.Duration) {
	t.Helper()
	var err error
	for deadline := time.Now().Add(timeout); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		var ok bool
		if ok, err = chromedp.Run(p.ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
			return
		}
	}
	t.Fatalf("waiting for %s: not true after %v (last error: %v)\npage log:\n%s", what, timeout, err, p.logs())
}
