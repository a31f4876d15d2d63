//go:build e2e

package e2e

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/ovacheck/ovacheck/engine"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/site/samples"
)

func TestSoundPackagePasses(t *testing.T) {
	p := openPage(t)
	ova := samples.Sound()
	// With the published checksum given, the whole-file SHA-256 shown is
	// the file's (without one it is not computed: TestWholeFileChecksumOnlyWhenGiven).
	sum := sha256.Sum256(ova)
	evalAs[bool](t, p, `(document.getElementById("opt-sha256").value = `+jsString(hex.EncodeToString(sum[:]))+`, true)`)
	p.choose(t, write(t, "sound.ova", ova))
	if v := p.verdict(t); v != "pass" {
		t.Errorf("verdict %q, want pass; findings: %q", v, p.findings(t))
	}
	shown := evalAs[string](t, p, `(document.querySelector("[data-whole-sha256]") || {}).textContent || ""`)
	if shown != hex.EncodeToString(sum[:]) {
		t.Errorf("whole-file SHA-256 shown %q, want %x", shown, sum)
	}
	progress := evalAs[string](t, p, `document.querySelector("[data-progress]").dataset.progress`)
	if progress != "1.0000" {
		t.Errorf("data-progress %q at the end, want 1.0000", progress)
	}
}

func TestFlippedDiskBitFailsNamingTheDisk(t *testing.T) {
	p := openPage(t)
	p.choose(t, write(t, "damaged.ova", samples.Damaged()))
	if v := p.verdict(t); v != "fail" {
		t.Fatalf("verdict %q, want fail", v)
	}
	fs := p.findings(t)
	if !contains(fs, "error") || !contains(fs, "appliance-disk1.vmdk") {
		t.Errorf("no error finding names appliance-disk1.vmdk: %q", fs)
	}
}

func TestDescriptorNotFirstFails(t *testing.T) {
	p := openPage(t)
	p.choose(t, write(t, "late.ova", samples.Build(samples.Spec{DescriptorNotFirst: true})))
	p.verdict(t)
	if fs := p.findings(t); !contains(fs, "PKG020") {
		t.Errorf("no PKG020 finding: %q", fs)
	}
}

func TestSignedPackageShowsSigner(t *testing.T) {
	p := openPage(t)
	p.choose(t, write(t, "signed.ova", samples.Build(samples.Spec{Signer: samples.NewSigner("Example Corp release signing")})))
	p.verdict(t)
	signer := evalAs[string](t, p, `(document.querySelector("#report [data-signer]") || {}).textContent || ""`)
	if !strings.Contains(signer, "Example Corp release signing") {
		t.Errorf("signer shown %q, want it to name Example Corp release signing", signer)
	}
}

// TestHostileTextIsInert puts markup and script in an annotation, the
// product name, the disk's member name and the chosen file's name: all must
// show as text and none may run.
func TestHostileTextIsInert(t *testing.T) {
	p := openPage(t)
	const evil = `<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>`
	ova := samples.Build(samples.Spec{
		Annotation: "Note " + evil,
		Product:    "Product " + evil,
		DiskName:   `d<img src=y onerror=window.pwned=3>.vmdk`,
	})
	p.choose(t, write(t, `<img src=z onerror=window.pwned=4>.ova`, ova))
	p.verdict(t)
	pwned := evalAs[bool](t, p, `window.pwned !== undefined`)
	live := evalAs[int](t, p, `document.querySelectorAll("#report img, #report script").length`)
	text := evalAs[string](t, p, `document.getElementById("report").textContent`)
	if pwned || live != 0 {
		t.Errorf("package text became live markup: pwned=%v, elements=%d", pwned, live)
	}
	for _, want := range []string{"Note " + evil, "Product " + evil, `<img src=z onerror=window.pwned=4>.ova`} {
		if !strings.Contains(text, want) {
			t.Errorf("report does not show %q as text", want)
		}
	}
}

// TestNoRequestDuringCheck chooses a package after the page has loaded and
// counts the requests made until the report is complete.
func TestNoRequestDuringCheck(t *testing.T) {
	p := openPage(t)
	path := write(t, "sound.ova", samples.Sound())
	p.mu.Lock()
	before := len(p.requests)
	p.mu.Unlock()
	if before == 0 {
		t.Fatal("the request listener saw no request while the page loaded")
	}
	p.choose(t, path)
	p.verdict(t)
	time.Sleep(200 * time.Millisecond)
	p.mu.Lock()
	during := append([]string(nil), p.requests[before:]...)
	p.mu.Unlock()
	if len(during) != 0 {
		t.Errorf("the page made %d requests during the check: %q", len(during), during)
	}
}

// TestDigestsEqualGoEngine checks packages whose manifests use SHA-1,
// SHA-256 and SHA-512 in the page (hash-wasm workers) and natively, and
// compares every digest.
func TestDigestsEqualGoEngine(t *testing.T) {
	p := openPage(t)
	for _, alg := range []string{"SHA1", "SHA256", "SHA512"} {
		t.Run(alg, func(t *testing.T) {
			ova := samples.Build(samples.Spec{Algorithm: alg})
			p.choose(t, write(t, "a.ova", ova))
			p.verdict(t)
			body := evalAs[string](t, p, `JSON.stringify(window.ovacheckReport)`)
			var browser report.Report
			if err := json.Unmarshal([]byte(body), &browser); err != nil {
				t.Fatal(err)
			}
			native, err := engine.Check(context.Background(), engine.OVA("a.ova", bytes.NewReader(ova), int64(len(ova))))
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]map[string]string{}
			for _, f := range native.Files {
				want[f.Member] = f.Digests
			}
			n := 0
			for _, f := range browser.Files {
				for a, d := range f.Digests {
					n++
					if want[f.Member][a] != d {
						t.Errorf("%s %s: browser %s, Go %s", f.Member, a, d, want[f.Member][a])
					}
				}
			}
			if n < 2 {
				t.Errorf("browser report has %d digests, want the descriptor's and the disk's", n)
			}
		})
	}
}

// TestKeyboardOnly runs a sample check and opens a finding's rule page
// with the keyboard alone, in a new tab, the report staying in this one.
func TestKeyboardOnly(t *testing.T) {
	p := openPage(t)
	// Tab to the "damaged package" sample button and press Enter.
	if !p.tabTo(t, `button[data-sample$="damaged.ova"]`, 15) {
		t.Fatal("the damaged sample button is not reachable with Tab")
	}
	if err := chromedp.Do(p.ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	if v := p.verdict(t); v != "fail" {
		t.Errorf("verdict %q, want fail", v)
	}
	if !p.tabTo(t, `#report a.rule-id`, 40) {
		t.Fatal("no rule link in the report is reachable with Tab")
	}
	opened := chromedp.WaitNewTarget(p.ctx, func(info *target.Info) bool { return strings.Contains(info.URL, "/rules/") })
	if err := chromedp.Do(p.ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	select {
	case <-opened:
	case <-time.After(10 * time.Second):
		t.Fatal("Enter on a rule link opened no tab with its page")
	}
	if v := p.verdict(t); v != "fail" {
		t.Errorf("the report left this tab: verdict %q", v)
	}
}

// tabTo presses Tab until the focused element matches sel, at most n times.
func (p *page) tabTo(t *testing.T, sel string, n int) bool {
	t.Helper()
	for i := 0; i < n; i++ {
		if err := chromedp.Do(p.ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		if evalAs[bool](t, p, `!!document.activeElement && document.activeElement.matches(`+jsString(sel)+`)`) {
			return true
		}
	}
	return false
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
