//go:build e2e

package e2e

import (
	"os"
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

// TestOfflineExplainsRules opens the offline page from disk with the
// network cut off and checks the damaged sample: each finding offers its
// rule's explanation in place (the page cannot link to the rule pages),
// opening it shows the rule document's text, and with it open the page is
// no wider than the screen and axe-core finds nothing wrong, at both sizes.
func TestOfflineExplainsRules(t *testing.T) {
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
	p.choose(t, write(t, "damaged.ova", samples.Damaged()))
	p.verdict(t)
	rows := evalAs[[][2]string](t, p, `Array.from(document.querySelectorAll("#report li.finding"), (f) => [f.dataset.rule, f.querySelector(".why summary") ? f.querySelector(".why summary").textContent : ""])`)
	if len(rows) == 0 {
		t.Fatal("no findings")
	}
	for _, r := range rows {
		if !strings.HasPrefix(r[1], "Why "+r[0]) {
			t.Errorf("finding %s offers no explanation (summary %q)", r[0], r[1])
		}
	}
	id := rows[0][0]
	evalAs[bool](t, p, `(document.querySelector("#report li.finding .why summary").click(), true)`)
	shown := evalAs[string](t, p, `document.querySelector("#report li.finding .why[open] .rule-why").innerText`)
	if want := whatOf(t, id); !strings.Contains(strings.Join(strings.Fields(shown), " "), want) {
		t.Errorf("%s's explanation shows %q, want the rule document's %q", id, shown, want)
	}
	for _, size := range [][2]int64{phone, laptop} {
		p.resize(t, size)
		p.axe(t, "offline report, explanation open at "+itoa(size[0]))
		if w := evalAs[int](t, p, `document.documentElement.scrollWidth`); int64(w) > size[0] {
			t.Errorf("with the explanation open the page is %d px wide on a %d px screen", w, size[0])
		}
	}
	for _, u := range p.requestsSince(before) {
		if !strings.HasPrefix(u, "file:") && !strings.HasPrefix(u, "blob:") && !strings.HasPrefix(u, "data:") {
			t.Errorf("the offline page requested %s", u)
		}
	}
}

// whatOf returns the start of the "What." paragraph of rule id's document,
// as a reader sees it (markdown marks left out).
func whatOf(t *testing.T, id string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "engine", "rules", "docs", id+".md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "**What.** "); ok {
			rest = strings.NewReplacer("`", "", "**", "").Replace(rest)
			if len(rest) > 40 {
				rest = rest[:40]
			}
			return strings.TrimSpace(rest)
		}
	}
	t.Fatalf("%s.md has no What. paragraph", id)
	return ""
}
