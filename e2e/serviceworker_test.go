//go:build e2e

package e2e

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ovacheck/ovacheck/site/samples"
)

// TestServiceWorkerKeepsSiteOffline loads the served validator, waits for
// its service worker to cache the build, then cuts the network: a reload
// still gives a working validator that checks a package.
func TestServiceWorkerKeepsSiteOffline(t *testing.T) {
	p := startBrowser(t)
	if err := chromedp.Do(p.ctx, chromedp.Navigate(p.base)); err != nil {
		t.Fatal(err)
	}
	p.waitFor(t, "the page", `document.body.dataset.ready === "true"`, 60*time.Second)
	p.waitFor(t, "the service worker to control the page", `!!navigator.serviceWorker.controller`, 30*time.Second)
	cached := evalAs[int](t, p, `(async () => {
		const names = (await caches.keys()).filter((n) => n.startsWith("ovacheck-"));
		if (names.length !== 1) return -names.length;
		return (await (await caches.open(names[0])).keys()).length;
	})()`)
	if cached < 10 {
		t.Fatalf("the service worker cached %d assets, want the whole build", cached)
	}

	p.goOffline(t)
	if err := chromedp.Do(p.ctx, chromedp.Reload()); err != nil {
		t.Fatalf("reload offline: %v", err)
	}
	p.waitFor(t, "the page to start offline", `document.body.dataset.ready === "true"`, 60*time.Second)
	p.choose(t, write(t, "sound.ova", samples.Sound()))
	if v := p.verdict(t); v != "pass" {
		t.Errorf("verdict %q offline, want pass", v)
	}
}
