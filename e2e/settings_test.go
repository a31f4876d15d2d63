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

// TestPageShowsRefusedOptionBesideItsField: an option the engine refuses
// is explained under the field it was typed in, which is marked invalid and
// focused with the options open; the next check clears it.
func TestPageShowsRefusedOptionBesideItsField(t *testing.T) {
	p := openPage(t)
	pkg := write(t, "sound.ova", samples.Sound())
	for _, c := range []struct{ field, value, want string }{
		{"opt-pin", "12:34", `signer-sha256 "12:34" is not a SHA-256 fingerprint`},
		{"opt-policy", `{"version": 9}`, "the policy is not valid"},
	} {
		evalAs[bool](t, p, `(document.getElementById(`+jsString(c.field)+`).value = `+jsString(c.value)+`, true)`)
		p.choose(t, pkg)
		errBox := `document.getElementById(` + jsString(c.field+"-error") + `)`
		p.waitFor(t, "the reason beside "+c.field, `!!`+errBox+` && !`+errBox+`.hidden`, 20*time.Second)
		got := evalAs[string](t, p, `[`+errBox+`.textContent, document.getElementById(`+jsString(c.field)+`).getAttribute("aria-invalid"),
			document.activeElement.id, document.getElementById("options").open, document.getElementById("report").dataset.verdict || ""].join("|")`)
		parts := strings.Split(got, "|")
		if !strings.Contains(parts[0], c.want) || parts[1] != "true" || parts[2] != c.field || parts[3] != "true" || parts[4] != "" {
			t.Errorf("%s=%q: shown %q; want the reason %q beside it, the field invalid and focused, the options open, no verdict", c.field, c.value, got, c.want)
		}
		evalAs[bool](t, p, `(document.getElementById(`+jsString(c.field)+`).value = "", true)`)
	}
	p.choose(t, pkg)
	if v := p.verdict(t); v == "" {
		t.Fatal("no verdict once the options were cleared")
	}
	if shown := evalAs[int](t, p, `document.querySelectorAll("[data-option-error]:not([hidden])").length`); shown != 0 {
		t.Errorf("%d reasons still shown after a check with valid options", shown)
	}
}
