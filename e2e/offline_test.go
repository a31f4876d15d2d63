//go:build e2e

package e2e

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ovacheck/ovacheck/site/samples"
)

// TestOfflinePageFromDisk opens ovacheck-offline.html from file:// with the
// tab's network cut off: the page says it works offline, checks a sound
// and a damaged package, and requests nothing but its own file.
func TestOfflinePageFromDisk(t *testing.T) {
	p := startBrowser(t)
	abs, err := filepath.Abs(filepath.Join(siteDir, "ovacheck-offline.html"))
	if err != nil {
		t.Fatal(err)
	}
	p.goOffline(t)
	before := p.requestCount()
	if err := chromedp.Do(p.ctx, chromedp.Navigate("file://"+filepath.ToSlash(abs))); err != nil {
		t.Fatal(err)
	}
	p.waitFor(t, "the offline page's engine", `document.body.dataset.ready === "true"`, 60*time.Second)
	note := evalAs[string](t, p, `document.querySelector("[data-offline-capable]").textContent`)
	if !strings.Contains(note, "Works offline") || !strings.Contains(note, "You are offline now") {
		t.Errorf("the page does not say it works offline, and that the machine is offline: %q", note)
	}

	p.choose(t, write(t, "sound.ova", samples.Sound()))
	if v := p.verdict(t); v != "pass" {
		t.Errorf("sound package: verdict %q, want pass; findings %q", v, p.findings(t))
	}
	p.choose(t, write(t, "damaged.ova", samples.Damaged()))
	if v := p.verdict(t); v != "fail" {
		t.Errorf("damaged package: verdict %q, want fail", v)
	}
	if fs := p.findings(t); !contains(fs, "appliance-disk1.vmdk") {
		t.Errorf("no finding names the damaged disk: %q", fs)
	}
	for _, u := range p.requestsSince(before) {
		if !strings.HasPrefix(u, "file:") && !strings.HasPrefix(u, "blob:") && !strings.HasPrefix(u, "data:") {
			t.Errorf("the offline page requested %s", u)
		}
	}
}
