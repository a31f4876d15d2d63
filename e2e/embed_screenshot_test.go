//go:build e2e

package e2e

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestEmbedScreenshots saves screenshots of the demo vendor page with the
// widget's verdict (compact, on a good and a corrupted download) and of
// the offline page, at laptop and phone widths, into
// $OVACHECK_SCREENSHOTS; skipped unless that variable names a directory.
func TestEmbedScreenshots(t *testing.T) {
	dir := os.Getenv("OVACHECK_SCREENSHOTS")
	if dir == "" {
		t.Skip("set OVACHECK_SCREENSHOTS to a directory to take screenshots")
	}
	p := openDemo(t)
	right, err := os.ReadFile(filepath.Join(siteDir, "samples", "signed.ova"))
	if err != nil {
		t.Fatal(err)
	}
	p.verifyWith(t, write(t, "signed.ova", right))
	p.shoot(t, dir, "widget-pass")
	bad := slices.Clone(right)
	bad[len(bad)/2] ^= 0x20
	p.verifyWith(t, write(t, "signed.ova", bad))
	p.shoot(t, dir, "widget-fail")

	abs, _ := filepath.Abs(filepath.Join(siteDir, "ovacheck-offline.html"))
	if err := chromedp.Do(p.ctx, chromedp.Navigate("file://"+abs)); err != nil {
		t.Fatal(err)
	}
	p.waitFor(t, "the offline page", `document.body.dataset.ready === "true"`, 60*time.Second)
	p.choose(t, write(t, "damaged.ova", bad))
	p.verdict(t)
	p.shoot(t, dir, "offline")
}
