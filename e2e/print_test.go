//go:build e2e

package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/ovacheck/ovacheck/site/samples"
)

// TestPrintedReport prints the report (print media emulated, in the dark
// scheme): a line above it names the file, the date of the check and the
// ovacheck version, the page's controls are left out, and the colours are
// the light scheme's. On screen that line is not shown.
func TestPrintedReport(t *testing.T) {
	p := openPage(t)
	p.scheme(t, "dark")
	p.choose(t, write(t, "appliance-1.0.ova", samples.Damaged()))
	p.verdict(t)
	if evalAs[bool](t, p, `document.querySelector("#report .print-head").checkVisibility()`) {
		t.Error("the print line shows on screen")
	}
	if _, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print", Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}}); err != nil {
		t.Fatal(err)
	}
	head := evalAs[string](t, p, `(() => { const h = document.querySelector("#report .print-head"); return h.checkVisibility() ? h.textContent : ""; })()`)
	version := evalAs[string](t, p, `window.ovacheckReport.tool.version`)
	year := itoa(int64(time.Now().Year()))
	for _, want := range []string{"appliance-1.0.ova", "checked", year, "ovacheck " + version} {
		if !strings.Contains(head, want) {
			t.Errorf("printed head line %q lacks %q", head, want)
		}
	}
	shown := evalAs[[]string](t, p, `["main > h1", ".lead", "#drop", "#options", "#report .download", "#report .again", "header.top", "footer"].filter((s) => { const e = document.querySelector(s); return e && e.checkVisibility(); })`)
	if len(shown) > 0 {
		t.Errorf("printed with the page's controls: %q", shown)
	}
	if bg := evalAs[string](t, p, `getComputedStyle(document.querySelector("#report .findings")).backgroundColor`); bg != "rgb(255, 255, 255)" {
		t.Errorf("printed in the dark scheme: a card's background is %s", bg)
	}
}

// TestHTMLReportDownload saves the HTML report the way a user does (a click
// on its link), then opens the saved file with the network cut off: it is
// named after the package, holds no script, shows the same verdict and
// findings, is styled by its own inline style sheet, and axe-core finds no
// violation in it.
func TestHTMLReportDownload(t *testing.T) {
	p := openPage(t)
	p.choose(t, write(t, "appliance-1.0.ova", samples.Damaged()))
	p.verdict(t)
	findings := p.findings(t)
	dir := t.TempDir()
	if _, err := chromedp.Call(p.ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool](`(Array.from(document.querySelectorAll("#report .download a")).find((a) => a.download.endsWith(".html")).click(), true)`)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "appliance-1.0.ovacheck.html")
	var html []byte
	for deadline := time.Now().Add(10 * time.Second); ; {
		if b, err := os.ReadFile(path); err == nil && strings.Contains(string(b), "</html>") {
			html = b
			break
		}
		if time.Now().After(deadline) {
			entries, _ := os.ReadDir(dir)
			t.Fatalf("no %s downloaded; the directory holds %v", path, entries)
		}
		time.Sleep(100 * time.Millisecond)
	}
	doc := strings.ToLower(string(html))
	for _, absent := range []string{"<script", "<link", ` src="`, "download the report", "check again"} {
		if strings.Contains(doc, absent) {
			t.Errorf("the HTML report contains %q", absent)
		}
	}

	p.goOffline(t)
	before := p.requestCount()
	if err := chromedp.Do(p.ctx, chromedp.Navigate("file://"+filepath.ToSlash(path))); err != nil {
		t.Fatal(err)
	}
	if title := evalAs[string](t, p, `document.title`); title != "ovacheck report: appliance-1.0.ova" {
		t.Errorf("title %q", title)
	}
	if v := evalAs[string](t, p, `document.querySelector("[data-verdict]").dataset.verdict`); v != "fail" {
		t.Errorf("the saved report's verdict is %q, want fail", v)
	}
	if got := p.findings(t); strings.Join(got, "\n") != strings.Join(findings, "\n") {
		t.Errorf("the saved report's findings differ from the page's:\n%q\n%q", got, findings)
	}
	if w := evalAs[string](t, p, `getComputedStyle(document.querySelector(".banner")).borderLeftWidth`); w != "8px" {
		t.Errorf("the saved report is not styled: banner border %s", w)
	}
	if head := evalAs[string](t, p, `document.querySelector(".print-head").innerText`); !strings.Contains(head, "appliance-1.0.ova · checked") {
		t.Errorf("the saved report does not say what was checked and when: %q", head)
	}
	for _, size := range [][2]int64{phone, laptop} {
		p.resize(t, size)
		p.axe(t, "saved HTML report at "+itoa(size[0]))
	}
	for _, u := range p.requestsSince(before) {
		if !strings.HasPrefix(u, "file:") {
			t.Errorf("the saved report requested %s", u)
		}
	}
}
