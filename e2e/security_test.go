//go:build e2e

package e2e

import (
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ovacheck/ovacheck/build/serve/static"
	"github.com/ovacheck/ovacheck/site"
	"github.com/ovacheck/ovacheck/site/samples"
)

// openHost serves the built site with one extra page, /host.html (body
// given), under the site's own Content-Security-Policy, and loads it.
func openHost(t *testing.T, body string) *page {
	t.Helper()
	p := startBrowser(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	files := static.Handler(siteDir)
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/host.html" {
			files.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Security-Policy", site.PageCSP)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Host</title>
<script type="module" src="/ova-verify.js"></script></head><body>` + body + `</body></html>`))
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	if err := chromedp.Do(p.ctx, chromedp.Navigate("http://"+ln.Addr().String()+"/host.html")); err != nil {
		t.Fatal(err)
	}
	evalAs[bool](t, p, `(() => {
		window.seen = {results: [], progress: 0};
		document.addEventListener("ova-result", (e) => window.seen.results.push(e.detail.verdict));
		return true;
	})()`)
	return p
}

// TestWidgetSurvivesClobberedGlobals: a download page that lets its users
// post markup (a comment, a forum post) cannot stop the widget by naming
// elements after the globals the offline page sets (window.ovacheckInline,
// window.ovacheckLog): named elements show up as window properties.
func TestWidgetSurvivesClobberedGlobals(t *testing.T) {
	p := openHost(t, `<p>A user's comment: <img name="ovacheckInline" alt=""><a id="ovacheckInline" name="wasm"></a><a id="ovacheckLog"></a></p>
<ova-verify report="full"></ova-verify>`)
	p.waitFor(t, "the widget's engine", `!!document.querySelector("ova-verify") && document.querySelector("ova-verify").dataset.ready === "true"`, 60*time.Second)
	if got := p.verifyWith(t, write(t, "sound.ova", samples.Sound())); got.Verdict == "fail" || got.Verdict == "" {
		t.Errorf("verdict %q; findings %q\n%s", got.Verdict, got.Rules, p.logs())
	}
}

// TestWidgetHostileTextIsInert: markup in a package's text, its member
// names, its signer's name and the chosen file's name shows as text in the
// widget's compact view, its folded full report and its messages, and
// none of it runs.
func TestWidgetHostileTextIsInert(t *testing.T) {
	const evil = `<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>`
	p := openHost(t, `<ova-verify product="Appliance"></ova-verify>`)
	p.waitFor(t, "the widget's engine", `!!document.querySelector("ova-verify") && document.querySelector("ova-verify").dataset.ready === "true"`, 60*time.Second)
	ova := samples.Build(samples.Spec{
		Annotation: "Note " + evil,
		Product:    "Product " + evil,
		DiskName:   `d<img src=y onerror=window.pwned=3>.vmdk`,
		Signer:     samples.NewSigner(`Signer <img src=s onerror=window.pwned=5>`),
		// The flipped byte makes a finding that quotes the disk's name.
		FlipDiskByte: true,
	})
	got := p.verifyWith(t, write(t, `<img src=z onerror=window.pwned=4>.ova`, ova))
	if got.Verdict != "fail" {
		t.Errorf("verdict %q, want fail (the disk was changed)", got.Verdict)
	}
	// Open the folded full report too.
	evalAs[bool](t, p, `(() => { for (const d of document.querySelector("ova-verify").shadowRoot.querySelectorAll("details")) d.open = true; return true; })()`)
	time.Sleep(200 * time.Millisecond)
	pwned := evalAs[bool](t, p, `window.pwned !== undefined`)
	live := evalAs[int](t, p, `document.querySelector("ova-verify").shadowRoot.querySelectorAll(".ova-result img, .ova-result script").length`)
	text := evalAs[string](t, p, `document.querySelector("ova-verify").shadowRoot.querySelector(".ova-result").textContent`)
	if pwned || live != 0 {
		t.Errorf("package text became live markup in the widget: pwned=%v, elements=%d", pwned, live)
	}
	for _, want := range []string{"Note " + evil, "Product " + evil, `src=s onerror=window.pwned=5`, `<img src=z onerror=window.pwned=4>.ova`} {
		if !contains([]string{text}, want) {
			t.Errorf("the widget does not show %q as text", want)
		}
	}
}
