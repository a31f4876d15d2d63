//go:build e2e

package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/ovacheck/ovacheck/site/samples"
)

// TestWidgetRefusesMisspelledOption: a vendor's misspelled attribute is
// refused by the engine's option parser, not read as the default: the
// element shows the reason and gives no verdict.
func TestWidgetRefusesMisspelledOption(t *testing.T) {
	p := openDemo(t)
	evalAs[bool](t, p, `(() => {
		const w = document.querySelector("ova-verify");
		w.removeAttribute("sha256");
		w.setAttribute("profile", "strcit");
		return true;
	})()`)
	input := chromedp.JSPath(`document.querySelector("ova-verify").shadowRoot.querySelector("input[type=file]")`)
	if err := chromedp.Do(p.ctx, chromedp.SetUploadFiles(input, []string{write(t, "sound.ova", samples.Sound())})); err != nil {
		t.Fatal(err)
	}
	msg := `document.querySelector("ova-verify").shadowRoot.querySelector(".ova-message")`
	p.waitFor(t, "the widget's message", `!`+msg+`.hidden`, 20*time.Second)
	got := evalAs[string](t, p, msg+`.textContent`)
	if !strings.Contains(got, `profile "strcit" is not compat or strict (did you mean strict?)`) {
		t.Errorf("message %q; want the profile refused", got)
	}
	if v := evalAs[string](t, p, `document.querySelector("ova-verify").dataset.verdict || ""`); v != "" {
		t.Errorf("verdict %q given with a refused option", v)
	}
}
