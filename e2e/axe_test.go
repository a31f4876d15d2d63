//go:build e2e

package e2e

import (
	"archive/tar"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/ovacheck/ovacheck/site/samples"
)

// axeScript is axe-core's browser build, a devDependency (package.json).
const axeScript = "../node_modules/axe-core/axe.min.js"

// axeViolation is the part of one axe-core violation a failure message needs.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

// axe injects axe-core into the page when it is not there yet, runs every
// rule it runs by default (WCAG 2.x A and AA, and best practices) on the
// whole document, and fails the test with each violation, naming the state
// the page was in.
func (p *page) axe(t *testing.T, state string) {
	t.Helper()
	if !evalAs[bool](t, p, `typeof window.axe === "object"`) {
		src, err := os.ReadFile(axeScript)
		if err != nil {
			t.Fatalf("axe-core is not installed (npm install): %v", err)
		}
		if _, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool](string(src)+";true")); err != nil {
			t.Fatalf("injecting axe-core: %v", err)
		}
	}
	raw := evalAs[string](t, p, `axe.run(document, {resultTypes: ["violations"]}).then((r) => JSON.stringify(r.violations))`)
	var vs []axeViolation
	if err := json.Unmarshal([]byte(raw), &vs); err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		var where []string
		for i, n := range v.Nodes {
			if i == 3 {
				where = append(where, fmt.Sprintf("and %d more", len(v.Nodes)-3))
				break
			}
			where = append(where, fmt.Sprintf("%v: %s", n.Target, strings.ReplaceAll(n.Summary, "\n", " ")))
		}
		t.Errorf("%s: axe %s (%s): %s\n\t%s", state, v.ID, v.Impact, v.Help, strings.Join(where, "\n\t"))
	}
}

// scheme emulates prefers-color-scheme.
func (p *page) scheme(t *testing.T, scheme string) {
	t.Helper()
	if _, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}); err != nil {
		t.Fatal(err)
	}
}

// TestAxe runs axe-core on the validator page in every state a user meets,
// at 390x844 and 1280x800, in light and dark: loaded, the structural
// verdict shown while a large package hashes, cancelled, the final report
// of the sound and the damaged sample, and a file that is not a package.
func TestAxe(t *testing.T) {
	large := hugeOVA(t, t.TempDir())
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 2000)...)
	for _, scheme := range []string{"light", "dark"} {
		for _, size := range [][2]int64{phone, laptop} {
			t.Run(scheme+"-"+itoa(size[0]), func(t *testing.T) {
				p := openPage(t)
				p.scheme(t, scheme)
				p.resize(t, size)
				p.axe(t, "loaded")
				// The check options open, with a checksum field that refuses
				// what it was given.
				evalAs[bool](t, p, `(() => { document.getElementById("options").open = true; const f = document.getElementById("opt-sha256"); f.value = "not-hex"; f.dispatchEvent(new Event("input", {bubbles: true})); f.dispatchEvent(new Event("change", {bubbles: true})); f.blur(); return true; })()`)
				p.axe(t, "options open, checksum refused")
				evalAs[bool](t, p, `(() => { const f = document.getElementById("opt-sha256"); f.value = ""; f.dispatchEvent(new Event("input", {bubbles: true})); f.dispatchEvent(new Event("change", {bubbles: true})); document.getElementById("options").open = false; return true; })()`)

				p.choose(t, large)
				p.waitFor(t, "the structural verdict", `!!document.querySelector("#report [data-structural-verdict]")`, 60*time.Second)
				p.axe(t, "structural verdict, hashing")
				if err := chromedp.Do(p.ctx, chromedp.Click(chromedp.CSS(`#cancel`))); err != nil {
					t.Fatal(err)
				}
				p.waitFor(t, "the cancellation", `!!document.querySelector("#report [data-cancelled]")`, 10*time.Second)
				p.axe(t, "cancelled")

				p.choose(t, write(t, "sound.ova", samples.Sound()))
				p.verdict(t)
				p.axe(t, "sound report")
				p.choose(t, write(t, "damaged.ova", samples.Damaged()))
				p.verdict(t)
				p.axe(t, "damaged report")
				p.choose(t, write(t, "photo.png", png))
				p.verdict(t)
				p.axe(t, "not a package")
			})
		}
	}
}

// TestAxeOtherPages runs axe-core on the site's other pages at both sizes
// in light and dark: the rules index, a rule page, the privacy page, and
// the demo vendor page with the widget before and after a check of a
// damaged download.
func TestAxeOtherPages(t *testing.T) {
	damaged := write(t, "appliance.ova", samples.Damaged())
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme, func(t *testing.T) {
			p := openDemo(t)
			p.scheme(t, scheme)
			for _, size := range [][2]int64{phone, laptop} {
				p.resize(t, size)
				p.axe(t, "widget at "+itoa(size[0]))
			}
			p.verifyWith(t, damaged)
			for _, size := range [][2]int64{phone, laptop} {
				p.resize(t, size)
				p.axe(t, "widget's verdict at "+itoa(size[0]))
			}
			for _, path := range []string{"rules/index.html", "rules/MF003.html", "privacy.html"} {
				if err := chromedp.Do(p.ctx, chromedp.Navigate(p.base+path)); err != nil {
					t.Fatal(err)
				}
				for _, size := range [][2]int64{phone, laptop} {
					p.resize(t, size)
					p.axe(t, path+" at "+itoa(size[0]))
				}
			}
		})
	}
}

// hugeOVA writes an OVA whose one disk is 64 GiB of zeros, as a sparse
// file that takes no space, so that hashing it lasts long enough to look at
// the page in the middle of a check. Its manifest's digest of the disk is
// made up: the check is cancelled before it gets there.
func hugeOVA(t *testing.T, dir string) string {
	t.Helper()
	const size = 64 << 30
	ovf := []byte(`<?xml version="1.0" encoding="UTF-8"?>
<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1">
  <References><File ovf:href="huge.img" ovf:id="file1" ovf:size="` + strconv.Itoa(size) + `"/></References>
  <DiskSection><Info>Disks</Info><Disk ovf:capacity="` + strconv.Itoa(size) + `" ovf:diskId="d1" ovf:fileRef="file1" ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"/></DiskSection>
  <VirtualSystem ovf:id="huge"><Info>A VM</Info></VirtualSystem>
</Envelope>
`)
	mf := []byte("SHA256(huge.img)= " + strings.Repeat("ab", 32) + "\n")
	path := filepath.Join(dir, "huge.ova")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tw := tar.NewWriter(f)
	for _, m := range []struct {
		name string
		data []byte
	}{{"huge.ovf", ovf}, {"huge.mf", mf}} {
		if err := tw.WriteHeader(&tar.Header{Name: m.name, Size: int64(len(m.data)), Mode: 0o644, Format: tar.FormatUSTAR}); err != nil {
			t.Fatal(err)
		}
		tw.Write(m.data)
	}
	// The disk's header, then a hole where its bytes are, then the two
	// zero blocks that end the archive (the hole reads as zeros).
	if err := tw.WriteHeader(&tar.Header{Name: "huge.img", Size: size, Mode: 0o644, Format: tar.FormatGNU}); err != nil {
		t.Fatal(err)
	}
	tw.Flush() // flushes the earlier member's padding; the header is already written
	end, err := f.Seek(0, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(end + size + 1024); err != nil {
		t.Fatal(err)
	}
	return path
}
