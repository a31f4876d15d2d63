//go:build e2e

package e2e

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ovacheck/ovacheck/site/samples"
)

// widgetResult is what the demo page's widget reported for one file.
type widgetResult struct {
	Verdict  string   `json:"verdict"`  // the host's data-verdict
	Shown    string   `json:"shown"`    // the verdict line's text
	Rules    []string `json:"rules"`    // rule IDs of the report's findings
	Events   []string `json:"events"`   // verdicts of ova-result events
	Progress int      `json:"progress"` // ova-progress events seen
}

// openDemo loads the demo vendor download page and waits for its widget's
// engine.
func openDemo(t *testing.T) *page {
	t.Helper()
	p := startBrowser(t)
	if err := chromedp.Do(p.ctx, chromedp.Navigate(p.base+"demo/vendor.html")); err != nil {
		t.Fatal(err)
	}
	p.waitFor(t, "the widget's engine", `document.querySelector("ova-verify").dataset.ready === "true"`, 60*time.Second)
	evalAs[bool](t, p, `(() => {
		window.seen = {results: [], progress: 0};
		document.addEventListener("ova-result", (e) => window.seen.results.push(e.detail.verdict));
		document.addEventListener("ova-progress", () => window.seen.progress++);
		return true;
	})()`)
	return p
}

// verifyWith chooses path in the widget's file input and returns what the
// widget reported.
func (p *page) verifyWith(t *testing.T, path string) (got widgetResult) {
	t.Helper()
	evalAs[bool](t, p, `(() => { const w = document.querySelector("ova-verify"); delete w.dataset.verdict; window.seen.results = []; window.seen.progress = 0; return true; })()`)
	input := chromedp.JSPath(`document.querySelector("ova-verify").shadowRoot.querySelector("input[type=file]")`)
	if err := chromedp.Do(p.ctx, chromedp.SetUploadFiles(input, []string{path})); err != nil {
		t.Fatalf("choosing %s in the widget: %v", path, err)
	}
	p.waitFor(t, "the widget's verdict", `!!document.querySelector("ova-verify").dataset.verdict && window.seen.results.length > 0`, verdictTimeout)
	defer func() { t.Logf("widget: %+v", got) }()
	got = evalAs[widgetResult](t, p, `(() => {
		const w = document.querySelector("ova-verify");
		const line = w.shadowRoot.querySelector(".ova-verdict");
		return {
			verdict: w.dataset.verdict,
			shown: line ? line.textContent : "",
			rules: Array.from(w.shadowRoot.querySelectorAll(".ova-report [data-rule]"), (e) => e.dataset.rule),
			events: window.seen.results,
			progress: window.seen.progress,
		};
	})()`)
	return got
}

// TestWidgetOnDemoDownloadPage: the demo vendor page publishes the SHA-256
// of its signed download and pins its signer. The downloaded file passes; a
// corrupted copy fails; a package signed by another key fails because of
// the pin alone (with the checksum attribute removed), and passes when the
// pin is removed too.
func TestWidgetOnDemoDownloadPage(t *testing.T) {
	p := openDemo(t)
	right, err := os.ReadFile(filepath.Join(siteDir, "samples", "signed.ova"))
	if err != nil {
		t.Fatal(err)
	}

	t.Run("the published file passes", func(t *testing.T) {
		got := p.verifyWith(t, write(t, "signed.ova", right))
		if got.Verdict != "pass" || !slices.Equal(got.Events, []string{"pass"}) {
			t.Errorf("verdict %q, ova-result events %q, findings %q; want pass", got.Verdict, got.Events, got.Rules)
		}
		if got.Progress == 0 {
			t.Error("no ova-progress event")
		}
		if got.Shown == "" {
			t.Error("no verdict line shown")
		}
	})

	t.Run("a corrupted copy fails", func(t *testing.T) {
		bad := slices.Clone(right)
		bad[len(bad)/2] ^= 0x20
		got := p.verifyWith(t, write(t, "signed.ova", bad))
		if got.Verdict != "fail" {
			t.Errorf("verdict %q, want fail; findings %q", got.Verdict, got.Rules)
		}
		if !contains(got.Rules, "PKG") {
			t.Errorf("no package finding for the whole-file checksum: %q", got.Rules)
		}
	})

	other := samples.Build(samples.Spec{Signer: samples.NewSigner("Example Corp release signing")})
	evalAs[bool](t, p, `(document.querySelector("ova-verify").removeAttribute("sha256"), true)`)

	t.Run("another signer fails with the pin set", func(t *testing.T) {
		got := p.verifyWith(t, write(t, "signed.ova", other))
		if got.Verdict != "fail" {
			t.Errorf("verdict %q, want fail; findings %q", got.Verdict, got.Rules)
		}
		if !contains(got.Rules, "POL003") && !contains(got.Rules, "SIG") {
			t.Errorf("no finding about the signer: %q", got.Rules)
		}
	})

	t.Run("the same file without a pin does not fail", func(t *testing.T) {
		evalAs[bool](t, p, `(document.querySelector("ova-verify").removeAttribute("signer-sha256"), true)`)
		got := p.verifyWith(t, write(t, "signed.ova", other))
		if got.Verdict == "fail" {
			t.Errorf("verdict fail without a pin; findings %q", got.Rules)
		}
	})
}

// TestWidgetPolicyAttribute gives the widget an inline policy that
// requires a signature: the unsigned sound sample then fails with POL001.
func TestWidgetPolicyAttribute(t *testing.T) {
	p := openDemo(t)
	evalAs[bool](t, p, `(() => {
		const w = document.querySelector("ova-verify");
		w.removeAttribute("sha256");
		w.removeAttribute("signer-sha256");
		w.setAttribute("policy", JSON.stringify({version: 1, name: "signed only", requireSignature: true}));
		w.setAttribute("report", "full");
		return true;
	})()`)
	got := p.verifyWith(t, write(t, "sound.ova", samples.Sound()))
	if got.Verdict != "fail" || !contains(got.Rules, "POL001") {
		t.Errorf("verdict %q, findings %q; want fail with POL001", got.Verdict, got.Rules)
	}
}
