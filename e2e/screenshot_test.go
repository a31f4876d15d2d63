//go:build e2e

package e2e

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/ovacheck/ovacheck/site/samples"
)

// TestScreenshots saves full-page screenshots of a report at laptop and
// phone widths into $OVACHECK_SCREENSHOTS, for people to look at. It is
// skipped unless that variable names a directory.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("OVACHECK_SCREENSHOTS")
	if dir == "" {
		t.Skip("set OVACHECK_SCREENSHOTS to a directory to take screenshots")
	}
	p := openPage(t)
	ova := samples.Build(samples.Spec{FlipDiskByte: true, Signer: samples.NewSigner("Example Corp release signing")})
	// What the user sees when the check ends, on a phone and a laptop, in
	// light and dark: the screen as it is (the banner scrolled into view),
	// then the whole page.
	for _, scheme := range []string{"light", "dark"} {
		if _, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}); err != nil {
			t.Fatal(err)
		}
		for _, size := range [][2]int64{phone, laptop} {
			p.resize(t, size)
			p.choose(t, write(t, "appliance-1.0.ova", ova))
			p.verdict(t)
			p.waitFor(t, "the banner in focus", `document.activeElement && document.activeElement.matches("#report .banner")`, 5*time.Second)
			png, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Join(dir, "screen-"+scheme+"-"+itoa(size[0])+"x"+itoa(size[1])+".png")
			if err := os.WriteFile(name, png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		p.shoot(t, dir, "report-"+scheme)
	}
	// The report as printed (print media, light whatever the scheme).
	if _, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	p.shoot(t, dir, "print")
	if _, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
		t.Fatal(err)
	}
	// Phone-width views at readable scale, screen by screen.
	for i, sel := range []string{".banner", ".findings", ".files", ".signature"} {
		if _, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool](`(document.querySelector("#report `+sel+`").scrollIntoView(), true)`)); err != nil {
			t.Fatal(err)
		}
		png, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(dir, "phone-"+itoa(int64(i))+".png")
		if err := os.WriteFile(name, png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// The offline page, opened from disk, with a rule's explanation open.
	abs, err := filepath.Abs(filepath.Join(siteDir, "ovacheck-offline.html"))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(p.ctx, chromedp.Navigate("file://"+filepath.ToSlash(abs))); err != nil {
		t.Fatal(err)
	}
	p.waitFor(t, "the offline page's engine", `document.body.dataset.ready === "true"`, 60*time.Second)
	p.choose(t, write(t, "appliance-1.0.ova", ova))
	p.verdict(t)
	evalAs[bool](t, p, `(document.querySelector("#report li.finding .why summary").click(), true)`)
	p.shoot(t, dir, "offline-why")
}

// shoot saves full-page screenshots of the page at laptop and phone widths
// as dir/name-WIDTH.png, and fails when the page is wider than the screen.
func (p *page) shoot(t *testing.T, dir, name string) {
	t.Helper()
	for _, width := range []int64{1280, 390} {
		if err := chromedp.Do(p.ctx, chromedp.EmulateViewport(width, 900)); err != nil {
			t.Fatal(err)
		}
		png, err := chromedp.Run(p.ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name+"-"+itoa(width)+".png")
		if err := os.WriteFile(path, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", path)
		if w := evalAs[int](t, p, `document.documentElement.scrollWidth`); int64(w) > width {
			t.Errorf("%s at %d px is %d px wide: %s", name, width, w, evalAs[string](t, p,
				`Array.from(document.querySelectorAll("body *")).filter(e => e.getBoundingClientRect().right > innerWidth + 1 && !e.closest(".scroll")).slice(0, 5).map(e => e.tagName + "." + e.className).join(", ")`))
		}
	}
}

func itoa(n int64) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
