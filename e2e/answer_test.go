//go:build e2e

package e2e

import (
	"archive/tar"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/ovacheck/ovacheck/site/samples"
)

// phone and laptop are the two screens the page is tried on.
var (
	phone  = [2]int64{390, 844}
	laptop = [2]int64{1280, 800}
)

// resize sets the tab's viewport.
func (p *page) resize(t *testing.T, size [2]int64) {
	t.Helper()
	if err := chromedp.Do(p.ctx, chromedp.EmulateViewport(size[0], size[1])); err != nil {
		t.Fatal(err)
	}
}

// listen records every text written into the page's live region from now
// on, in window.announced.
func (p *page) listen(t *testing.T) {
	t.Helper()
	evalAs[bool](t, p, `(() => {
		window.announced = [];
		const live = document.getElementById("announce");
		new MutationObserver(() => window.announced.push(live.textContent)).observe(live, {childList: true, characterData: true, subtree: true});
		return true;
	})()`)
}

// TestAnswerFirst checks the damaged sample on a phone and on a laptop: when
// the check ends the verdict banner is on screen and focused, the progress
// has folded away, the summary card right under the banner answers the four
// questions and names the targets that refuse, and each target row carries
// its verdict.
func TestAnswerFirst(t *testing.T) {
	for _, size := range [][2]int64{phone, laptop} {
		t.Run(itoa(size[0]), func(t *testing.T) {
			p := openPage(t)
			p.resize(t, size)
			p.choose(t, write(t, "damaged.ova", samples.Damaged()))
			if v := p.verdict(t); v != "fail" {
				t.Fatalf("verdict %q, want fail", v)
			}
			p.waitFor(t, "the banner to take focus", `document.activeElement && document.activeElement.matches("#report .banner[data-verdict]")`, 5*time.Second)
			top := evalAs[float64](t, p, `document.querySelector("#report .banner").getBoundingClientRect().top`)
			bottom := evalAs[float64](t, p, `document.querySelector("#report .banner .verdict").getBoundingClientRect().bottom`)
			if top < 0 || bottom > float64(size[1]) {
				t.Errorf("the verdict is not on screen: banner top %.0f, headline bottom %.0f, screen %d px high", top, bottom, size[1])
			}
			if !evalAs[bool](t, p, `document.getElementById("status").hidden`) {
				t.Error("the progress card is still shown after the check ended")
			}
			// The summary card follows the banner and answers four questions.
			next := evalAs[string](t, p, `document.querySelector("#report .banner").nextElementSibling.dataset.testid || ""`)
			if next != "answer" {
				t.Errorf("the element after the banner is %q, want the summary card", next)
			}
			answers := evalAs[map[string]string](t, p, `Object.fromEntries(Array.from(document.querySelectorAll("#report [data-answer]"), (d) => [d.dataset.answer, d.textContent.replace(/\s+/g, " ").trim()]))`)
			if !strings.Contains(answers["intact"], "digests 1 of 2 match") {
				t.Errorf("intact: %q, want the digests that match counted", answers["intact"])
			}
			if !strings.Contains(answers["well-formed"], "error") {
				t.Errorf("well-formed: %q, want the errors counted", answers["well-formed"])
			}
			if !strings.Contains(answers["contents"], "virtual machine") || !strings.Contains(answers["contents"], "disk") {
				t.Errorf("contents: %q", answers["contents"])
			}
			// Every target that rejects in the table is named in the import answer.
			rows := evalAs[[][2]string](t, p, `Array.from(document.querySelectorAll("#report tr[data-target]"), (r) => [r.dataset.target, r.dataset.targetVerdict || ""])`)
			if len(rows) == 0 {
				t.Fatal("no target rows")
			}
			fromJSON := evalAs[map[string]string](t, p, `Object.fromEntries(window.ovacheckReport.targets.map((t) => [t.target, t.verdict]))`)
			refusing := 0
			for _, r := range rows {
				if r[1] != fromJSON[r[0]] || (r[1] != "accepts" && r[1] != "warns" && r[1] != "rejects") {
					t.Errorf("row %s: data-target-verdict %q, report says %q", r[0], r[1], fromJSON[r[0]])
				}
				if r[1] == "rejects" {
					refusing++
					if !strings.Contains(answers["import"], r[0]) {
						t.Errorf("import answer %q does not name %s, which rejects", answers["import"], r[0])
					}
				}
			}
			if refusing == 0 {
				t.Errorf("no target rejects the damaged sample: %v", rows)
			}
			// A target's name is never broken across lines (at its hyphens).
			if broken := evalAs[[]string](t, p, `Array.from(document.querySelectorAll("#report [data-answer=import] .target-name")).filter((e) => e.getClientRects().length > 1).map((e) => e.textContent)`); len(broken) > 0 {
				t.Errorf("target names broken across lines in the import answer: %q", broken)
			}
			if note := evalAs[string](t, p, `document.querySelector("#report .targets-note").textContent`); !strings.Contains(note, "No target chosen") {
				t.Errorf("the banner does not say that unchosen targets decide nothing: %q", note)
			}
		})
	}
}

// TestAnnouncements listens to the one live region, present from page
// load: a check announces "Checking…", the structural verdict and the final
// verdict with its counts, and nothing else (no rate, no percentage).
func TestAnnouncements(t *testing.T) {
	p := openPage(t)
	if role := evalAs[string](t, p, `document.getElementById("announce").getAttribute("role")`); role != "status" {
		t.Fatalf("no live region at page load (role %q)", role)
	}
	p.listen(t)
	p.choose(t, write(t, "damaged.ova", samples.Damaged()))
	p.verdict(t)
	p.waitFor(t, "the final announcement", `window.announced.some((a) => a.startsWith("Failed"))`, 5*time.Second)
	got := evalAs[[]string](t, p, `window.announced.filter((a) => a)`)
	if len(got) != 3 || got[0] != "Checking…" || !strings.HasPrefix(got[1], "Structure") || !strings.HasPrefix(got[2], "Failed, 1 error") {
		t.Errorf("announced %q, want Checking…, the structural verdict, then Failed, 1 error…", got)
	}
	// Only the live region speaks: nothing else on the page is live.
	if live := evalAs[int](t, p, `document.querySelectorAll("[aria-live], [role=status], [role=alert]:not([hidden])").length`); live != 1 {
		t.Errorf("%d live regions, want 1", live)
	}
	// Progress bars have names.
	unnamed := evalAs[int](t, p, `Array.from(document.querySelectorAll("progress")).filter((e) => !e.getAttribute("aria-label") && !e.labels.length).length`)
	if unnamed != 0 {
		t.Errorf("%d progress bars without a name", unnamed)
	}
}

// TestNotAPackage chooses a PNG image and an empty file: the page says it
// is not an OVF package, and shows nothing else.
func TestNotAPackage(t *testing.T) {
	p := openPage(t)
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 2000)...)
	for _, c := range []struct {
		name string
		data []byte
	}{{"photo.png", png}, {"empty.ova", nil}} {
		p.choose(t, write(t, c.name, c.data))
		p.verdict(t)
		head := evalAs[string](t, p, `document.querySelector("#report .verdict").textContent`)
		sections := evalAs[int](t, p, `document.querySelectorAll("#report section").length`)
		other := evalAs[string](t, p, `document.getElementById("report").textContent`)
		if head != "Not an OVF package" || sections != 1 {
			t.Errorf("%s: headline %q and %d sections, want only the banner saying it is not an OVF package", c.name, head, sections)
		}
		for _, absent := range []string{"not signed", "What is in the package", "Will it import"} {
			if strings.Contains(other, absent) {
				t.Errorf("%s: the report shows %q", c.name, absent)
			}
		}
	}
}

// TestFolderShowsItsSize chooses a package's files one by one (as a folder
// gives them): the banner shows their size, not "0 bytes".
func TestFolderShowsItsSize(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	tr := tar.NewReader(bytes.NewReader(samples.Sound()))
	var total int64
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(tr)
		path := filepath.Join(dir, h.Name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
		total += int64(len(data))
	}
	p := openPage(t)
	p.choose(t, paths...)
	if v := p.verdict(t); v == "fail" {
		t.Fatalf("verdict %s for the sound package's files: %q", v, p.findings(t))
	}
	size := evalAs[string](t, p, `Array.from(document.querySelectorAll("#report .banner dt")).find((d) => d.textContent === "Size").nextElementSibling.textContent`)
	if strings.HasPrefix(size, "0 bytes") || !strings.Contains(size, "in 3 files") {
		t.Errorf("size shown %q for %d bytes in 3 files", size, total)
	}
}

// TestWholeFileChecksumOnlyWhenGiven: by default the page hashes each byte
// once (the member digests) and computes no whole-file SHA-256; with a
// published checksum it computes it and says that it matches; a checksum
// that is not hex is refused beside its field and starts no check.
func TestWholeFileChecksumOnlyWhenGiven(t *testing.T) {
	p := openPage(t)
	ova := samples.Sound()
	path := write(t, "sound.ova", ova)
	p.choose(t, path)
	p.verdict(t)
	if n := evalAs[int](t, p, `Object.keys(window.ovacheckReport.wholeFile || {}).length`); n != 0 {
		t.Errorf("the default check computed %d whole-file digests", n)
	}
	evalAs[bool](t, p, `(document.getElementById("options").open = true, true)`)
	if err := chromedp.Do(p.ctx, chromedp.SendKeys(`#opt-sha256`, "not-hex")); err != nil {
		t.Fatal(err)
	}
	if shown := evalAs[string](t, p, `document.getElementById("opt-sha256-error").hidden ? "" : document.getElementById("opt-sha256-error").textContent`); !strings.Contains(shown, "hex digits") {
		t.Errorf("typing not-hex shows %q beside the field", shown)
	}
	evalAs[bool](t, p, `(window.ovacheckReport = null, true)`)
	p.choose(t, path)
	time.Sleep(300 * time.Millisecond)
	if started := evalAs[bool](t, p, `window.ovacheckReport !== null || !document.getElementById("status").hidden`); started {
		t.Error("a check started with a malformed checksum")
	}
	sum := sha256.Sum256(ova)
	evalAs[bool](t, p, `(document.getElementById("opt-sha256").value = `+jsString(hex.EncodeToString(sum[:]))+`, true)`)
	p.choose(t, path)
	p.verdict(t)
	if shown := evalAs[string](t, p, `(document.querySelector("[data-whole-sha256]") || {}).textContent || ""`); shown != hex.EncodeToString(sum[:]) {
		t.Errorf("whole-file SHA-256 shown %q, want %x", shown, sum)
	}
	if intact := evalAs[string](t, p, `document.querySelector("[data-answer=intact]").textContent`); !strings.Contains(intact, "matches the published checksum") {
		t.Errorf("intact answer %q does not say the checksum matches", intact)
	}
}

// TestTargetsAreCheckboxes ticks one target: it decides, and the banner
// says which.
func TestTargetsAreCheckboxes(t *testing.T) {
	p := openPage(t)
	if n := evalAs[int](t, p, `document.querySelectorAll('#opt-targets input[type=checkbox][name=target]').length`); n < 9 {
		t.Fatalf("%d target checkboxes, want one per target", n)
	}
	evalAs[bool](t, p, `(document.querySelector('#opt-targets input[value="vsphere-8.0"]').checked = true, true)`)
	p.choose(t, write(t, "sound.ova", samples.Sound()))
	p.verdict(t)
	if note := evalAs[string](t, p, `document.querySelector("#report .targets-note").textContent`); !strings.Contains(note, "vsphere-8.0") {
		t.Errorf("targets note %q does not name the chosen target", note)
	}
}

// TestReportSurvivesRuleLinkAndBack: rule links open in a new tab; a user
// who follows one in this tab anyway, or reloads, gets the report back
// when they return (kept in sessionStorage: the report, no file content).
func TestReportSurvivesRuleLinkAndBack(t *testing.T) {
	p := openPage(t)
	p.choose(t, write(t, "damaged.ova", samples.Damaged()))
	p.verdict(t)
	links := evalAs[[]string](t, p, `Array.from(document.querySelectorAll("#report a[href*='rules/']"), (a) => a.target + " " + a.rel)`)
	for _, l := range links {
		if l != "_blank noopener" {
			t.Errorf("a rule link opens with target/rel %q, want a new tab", l)
			break
		}
	}
	if len(links) == 0 {
		t.Fatal("no rule link in the report")
	}
	kept := evalAs[string](t, p, `Object.keys(JSON.parse(sessionStorage.getItem("ovacheck-last-report"))).sort().join(",")`)
	if kept != "at,html,json" {
		t.Errorf("sessionStorage keeps %q, want only the report (at,html,json)", kept)
	}
	href := evalAs[string](t, p, `document.querySelector("#report a.rule-id").href`)
	if err := chromedp.Do(p.ctx, chromedp.Navigate(href), chromedp.WaitVisible(`article.rule-doc`)); err != nil {
		t.Fatal(err)
	}
	// Back may restore the page from the back/forward cache (no load
	// event) or load it anew: either way the report is there.
	evalAs[bool](t, p, `(history.back(), true)`)
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		// The page's JS context goes away while it navigates: errors
		// mean "not yet".
		back, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool](`location.pathname === "/" && document.readyState === "complete"`))
		if err == nil && back {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("Back did not return to the validator: %v", err)
		}
	}
	// (chromedp's DOM queries go stale on a page restored from the
	// back/forward cache; JS sees the page as the user does.)
	p.waitForRestored(t, "the report after Back", `(document.querySelector("#report [data-verdict]") || {dataset: {}}).dataset.verdict === "fail"`, 30*time.Second)
	if err := chromedp.Do(p.ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	p.waitFor(t, "the report restored after reload", `document.getElementById("report").dataset.restored === "true" && document.querySelector("#report [data-verdict]").dataset.verdict === "fail"`, 30*time.Second)
}

// TestDarkMode asks for a dark colour scheme: the validator, a rule page
// and the widget's demo page all turn dark.
func TestDarkMode(t *testing.T) {
	p := openPage(t)
	dark(t, p)
	for _, c := range []struct{ path, sel string }{
		{"index.html", "body"},
		{"rules/PKG020.html", ".rule-doc"},
	} {
		if err := chromedp.Do(p.ctx, chromedp.Navigate(p.base+c.path)); err != nil {
			t.Fatal(err)
		}
		if l := luminance(t, p, `getComputedStyle(document.querySelector(`+jsString(c.sel)+`)).backgroundColor`); l > 0.1 {
			t.Errorf("%s %s background luminance %.2f in dark mode", c.path, c.sel, l)
		}
	}
	if err := chromedp.Do(p.ctx, chromedp.Navigate(p.base+"demo/vendor.html")); err != nil {
		t.Fatal(err)
	}
	p.waitFor(t, "the widget", `!!document.querySelector("ova-verify") && !!document.querySelector("ova-verify").shadowRoot && !!document.querySelector("ova-verify").shadowRoot.querySelector(".ova")`, 30*time.Second)
	if l := luminance(t, p, `getComputedStyle(document.querySelector("ova-verify").shadowRoot.querySelector(".ova")).backgroundColor`); l > 0.1 {
		t.Errorf("widget background luminance %.2f in dark mode", l)
	}
}

// dark makes the tab prefer a dark colour scheme.
func dark(t *testing.T, p *page) {
	t.Helper()
	if _, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}}); err != nil {
		t.Fatal(err)
	}
}

// luminance returns the relative luminance (0 black, 1 white) of the CSS
// colour the expression gives.
func luminance(t *testing.T, p *page, expr string) float64 {
	t.Helper()
	return evalAs[float64](t, p, `(() => {
		const m = (`+expr+`).match(/[\d.]+/g).map(Number);
		const lin = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
		return 0.2126 * lin(m[0]) + 0.7152 * lin(m[1]) + 0.0722 * lin(m[2]);
	})()`)
}

// TestPhoneTablesKeepLabels: on a phone the report's tables become cards
// whose cells keep their column names and hold their content right of the
// label, disk formats are shown by name, and the page is no wider than the
// screen.
func TestPhoneTablesKeepLabels(t *testing.T) {
	p := openPage(t)
	p.resize(t, phone)
	p.choose(t, write(t, "sound.ova", samples.Sound()))
	p.verdict(t)
	labels := evalAs[[]string](t, p, `Array.from(document.querySelectorAll("#report .file-table tr:first-child td"), (td) => getComputedStyle(td, "::before").content)`)
	if len(labels) == 0 || labels[0] != `"Member"` {
		t.Errorf("file table cells on a phone are labelled %q, want \"Member\" first", labels)
	}
	if f := evalAs[string](t, p, `document.querySelector('#report .disks td[data-label="Format"]').textContent`); f != "VMDK, stream-optimized" {
		t.Errorf("disk format shown as %q", f)
	}
	if w := evalAs[int](t, p, `document.documentElement.scrollWidth`); w > int(phone[0]) {
		t.Errorf("the report is %d px wide on a %d px phone", w, phone[0])
	}
	// A cell's content sits right of its label: no text of it loose after
	// an element (the ", " between two rule links of a target fell under
	// the label, on a line of its own).
	p.choose(t, write(t, "damaged.ova", samples.Damaged()))
	p.verdict(t)
	loose := evalAs[[]string](t, p, `Array.from(document.querySelectorAll("#report .card-table td")).filter((td) => Array.from(td.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim() && n.previousElementSibling)).map((td) => td.dataset.label + ": " + td.textContent)`)
	if len(loose) > 0 {
		t.Errorf("table cells with loose text beside elements: %q", loose)
	}
	// The rules index keeps each rule ID on one line.
	if err := chromedp.Do(p.ctx, chromedp.Navigate(p.base+"rules/index.html")); err != nil {
		t.Fatal(err)
	}
	wrapped := evalAs[[]string](t, p, `Array.from(document.querySelectorAll(".rule-table td:first-child code")).filter((c) => c.getClientRects().length > 1).map((c) => c.textContent).slice(0, 5)`)
	if len(wrapped) > 0 {
		t.Errorf("rule IDs wrapped on a phone: %q", wrapped)
	}
}

// TestEngineCompiledInWorker: the page's own thread never compiles or
// instantiates WebAssembly; the engine worker does, with streaming
// compilation.
func TestEngineCompiledInWorker(t *testing.T) {
	p := startBrowser(t)
	// Count the page thread's WebAssembly calls from before any script runs.
	if _, err := chromedp.Call(p.ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: `window.wasmCalls = 0;
			for (const k of ["compile", "compileStreaming", "instantiate", "instantiateStreaming"]) {
				const f = WebAssembly[k];
				WebAssembly[k] = function (...a) { window.wasmCalls++; return f.apply(this, a); };
			}`}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(p.ctx, chromedp.Navigate(p.base)); err != nil {
		t.Fatal(err)
	}
	p.waitFor(t, "the engine", `document.body.dataset.ready === "true"`, 60*time.Second)
	if n := evalAs[int](t, p, `window.wasmCalls`); n != 0 {
		t.Errorf("the page thread made %d WebAssembly compile/instantiate calls", n)
	}
	// The engine comes compressed, as Chromium asks for it.
	got := evalAs[string](t, p, `fetch("ovacheck.wasm", {cache: "no-store"}).then((r) => r.headers.get("content-encoding") + " " + r.headers.get("content-type"))`)
	if got != "br application/wasm" && got != "gzip application/wasm" {
		t.Errorf("ovacheck.wasm served with Content-Encoding and Content-Type %q, want br or gzip, application/wasm", got)
	}
	t.Logf("ovacheck.wasm: %s", got)
}

// TestNoServiceWorkerRequestDuringCheck chooses a large package as soon as
// the page has loaded, before the engine is ready: the service worker,
// whose registration fetches sw.js and whose install fetches the build, is
// registered only once the check has ended, and the page makes no request
// while the check runs.
func TestNoServiceWorkerRequestDuringCheck(t *testing.T) {
	path := bigOVA(t, t.TempDir())
	p := startBrowser(t)
	if err := chromedp.Do(p.ctx, chromedp.Navigate(p.base)); err != nil {
		t.Fatal(err)
	}
	p.choose(t, path)
	p.waitFor(t, "the structural verdict", `!!document.querySelector("#report [data-structural-verdict]")`, 60*time.Second)
	before := p.requestCount()
	if evalAs[bool](t, p, `navigator.serviceWorker.getRegistration().then((r) => !!r)`) {
		t.Error("the service worker was registered while the check ran")
	}
	p.waitFor(t, "the final verdict", `!!document.querySelector("#report [data-verdict]")`, 120*time.Second)
	if during := p.requestsSince(before); len(during) != 0 {
		t.Errorf("requests while the check ran: %q", during)
	}
	p.waitFor(t, "the service worker, once the check ended", `navigator.serviceWorker.getRegistration().then((r) => !!r)`, 30*time.Second)
}

// TestChecksumPastedAfterCheck: a user who finds the published checksum
// only after the check pastes it under the report and gets the comparison;
// a wrong one fails the package with PKG053.
func TestChecksumPastedAfterCheck(t *testing.T) {
	p := openPage(t)
	ova := samples.Sound()
	p.choose(t, write(t, "sound.ova", ova))
	p.verdict(t)
	sum := sha256.Sum256(ova)
	paste := func(value string) {
		evalAs[bool](t, p, `(() => {
			document.getElementById("again-sum").value = `+jsString(value)+`;
			document.querySelector("#report .again button").click();
			return true;
		})()`)
		p.waitFor(t, "the second check", `!!window.ovacheckReport && Object.keys(window.ovacheckReport.wholeFile || {}).length > 0 && !!document.querySelector("#report [data-verdict]")`, verdictTimeout)
	}
	evalAs[bool](t, p, `(window.ovacheckReport = null, true)`)
	paste(hex.EncodeToString(sum[:]))
	if intact := evalAs[string](t, p, `document.querySelector("[data-answer=intact]").textContent`); !strings.Contains(intact, "matches the published checksum") {
		t.Errorf("after pasting the right checksum: %q", intact)
	}
	evalAs[bool](t, p, `(document.getElementById("opt-sha256").value = "", true)`)
	p.choose(t, write(t, "sound.ova", ova))
	p.verdict(t)
	evalAs[bool](t, p, `(window.ovacheckReport = null, true)`)
	paste(strings.Repeat("ab", 32))
	if v := p.verdict(t); v != "fail" || !contains(p.findings(t), "PKG053") {
		t.Errorf("after pasting a wrong checksum: verdict %s, findings %q", v, p.findings(t))
	}
}

// TestDownloadsNamedAfterPackage: the report downloads as JSON and as HTML
// named after the package, and digests have copy buttons.
func TestDownloadsNamedAfterPackage(t *testing.T) {
	p := openPage(t)
	p.choose(t, write(t, "appliance-1.0.ova", samples.Sound()))
	p.verdict(t)
	// (The page's CSP lets it fetch nothing but its own origin, not even
	// its blob: links, so the names are what is checked here.)
	got := evalAs[[]string](t, p, `Array.from(document.querySelectorAll("#report .download a"), (a) => a.download + " " + a.href.slice(0, 5))`)
	want := []string{"appliance-1.0.ovacheck.json blob:", "appliance-1.0.ovacheck.html blob:"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("downloads %q, want %q", got, want)
	}
	if n := evalAs[int](t, p, `document.querySelectorAll("#report code.digest + button.copy").length`); n == 0 {
		t.Error("no copy button beside the digests")
	}
}
