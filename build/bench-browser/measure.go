package main

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/chromedp/chromedp"
)

// results are the figures of one run.
type results struct {
	rawMBps, rawPairMBps             float64
	oneMBps, twoMBps, wholeMBps      float64
	ratio, speedup                   float64
	structuralSmall, structuralBig   []float64 // ms, each try
	wasmGz, wasmRaw, pageGz, pageRaw int64
	widgetGz, offlineGz, offlineRaw  int64
}

// ovacheckRun is what benchOvacheck returns.
type ovacheckRun struct {
	StructuralMs float64  `json:"structuralMs"`
	DigestMs     float64  `json:"digestMs"`
	TotalMs      float64  `json:"totalMs"`
	Bytes        float64  `json:"bytes"`
	Verdict      string   `json:"verdict"`
	Mismatched   []string `json:"mismatched"`
	StartMs      float64  `json:"startMs"`
	HashMs       float64  `json:"hashMs"`
	ReportMs     float64  `json:"reportMs"`
}

// rawRun is what benchRaw returns.
type rawRun struct {
	Ms    float64 `json:"ms"`
	Bytes float64 `json:"bytes"`
	Hex   string  `json:"hex"`
}

const tries = 3

// measureHashing times, on the benchmark page, raw hash-wasm and ovacheck
// on the one-disk package and ovacheck on the two-disk package (whole-file
// digest off, so that only the disks are hashed), keeping each one's best
// of a few tries; then ovacheck once as the validator runs it (whole-file
// SHA-256 too).
func measureHashing(ctx context.Context, base string, files []string, res *results) error {
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"bench/bench.html")); err != nil {
		return err
	}
	if ok, err := evaluate[bool](ctx, `window.benchReady()`); err != nil || !ok {
		return fmt.Errorf("%w: %v", errNoEngine, err)
	}
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#f"), files)); err != nil {
		return err
	}
	mbps := func(bytes, ms float64) float64 { return bytes / 1e6 / (ms / 1000) }
	for i := 0; i < tries; i++ {
		r, err := evaluate[rawRun](ctx, fmt.Sprintf(`window.benchRaw(%d)`, oneDisk))
		if err != nil {
			return fmt.Errorf("raw hash-wasm: %w", err)
		}
		res.rawMBps = max(res.rawMBps, mbps(r.Bytes, r.Ms))
		if verbose {
			fmt.Printf("  raw: %.0f ms for %.0f bytes\n", r.Ms, r.Bytes)
		}
		r, err = evaluate[rawRun](ctx, fmt.Sprintf(`window.benchRawPair(%d)`, oneDisk))
		if err != nil {
			return fmt.Errorf("raw hash-wasm, two workers: %w", err)
		}
		res.rawPairMBps = max(res.rawPairMBps, mbps(r.Bytes, r.Ms))
		for _, pkg := range []int{oneDisk, twoDisks} {
			o, err := evaluate[ovacheckRun](ctx, fmt.Sprintf(`window.benchOvacheck(%d, false)`, pkg))
			if err != nil {
				return fmt.Errorf("ovacheck: %w", err)
			}
			if len(o.Mismatched) > 0 {
				return fmt.Errorf("ovacheck found digests that do not match in a generated package: %v", o.Mismatched)
			}
			if verbose {
				fmt.Printf("  ovacheck package %d: %+v\n", pkg, o)
			}
			v := mbps(o.Bytes, o.DigestMs)
			if pkg == oneDisk {
				res.oneMBps = max(res.oneMBps, v)
			} else {
				res.twoMBps = max(res.twoMBps, v)
			}
		}
	}
	o, err := evaluate[ovacheckRun](ctx, fmt.Sprintf(`window.benchOvacheck(%d, true)`, oneDisk))
	if err != nil {
		return fmt.Errorf("ovacheck with the whole-file digest: %w", err)
	}
	// Both the disk and the whole file are hashed: report the file's size
	// over the time, as a user sees it.
	res.wholeMBps = mbps(o.Bytes/2, o.DigestMs)
	res.ratio = res.oneMBps / res.rawMBps
	res.speedup = res.twoMBps / res.oneMBps
	return nil
}

// selectionProbe records, on the validator page, when a file is chosen
// (the input's change event, caught first) and when the report area first
// shows a verdict (the structural one, or the final one when it comes
// first).
const selectionProbe = `(() => {
	window.sel = { t0: 0, tS: 0 };
	document.addEventListener("change", () => { sel.t0 = performance.now(); sel.tS = 0; }, true);
	new MutationObserver(() => {
		if (sel.t0 && !sel.tS && document.querySelector("#report [data-structural-verdict], #report [data-verdict]")) sel.tS = performance.now();
	}).observe(document.getElementById("report"), { childList: true, subtree: true });
	return true;
})()`

// measureStructural chooses the small and the 1 GiB package on the
// validator page three times each and records the time to the structural
// verdict; a check of the big package is cancelled once it is shown.
func measureStructural(ctx context.Context, base string, files []string, res *results) error {
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"index.html"),
		chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)),
	); err != nil {
		return err
	}
	if _, err := evaluate[bool](ctx, selectionProbe); err != nil {
		return err
	}
	for i := 0; i < 3; i++ {
		for _, pkg := range []int{smallFile, oneDisk} {
			if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{files[pkg]})); err != nil {
				return err
			}
			wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
			_, err := chromedp.Run(wctx, chromedp.Poll[bool](`sel.tS > 0`, chromedp.WithPollingInterval(20*time.Millisecond)))
			cancel()
			if err != nil {
				return fmt.Errorf("no structural verdict: %w", err)
			}
			ms, err := evaluate[float64](ctx, `(() => { const c = document.getElementById("cancel"); if (!c.hidden && !c.disabled) c.click(); return sel.tS - sel.t0; })()`)
			if err != nil {
				return err
			}
			if pkg == smallFile {
				res.structuralSmall = append(res.structuralSmall, ms)
			} else {
				res.structuralBig = append(res.structuralBig, ms)
			}
			time.Sleep(300 * time.Millisecond) // let a cancelled check wind down
		}
	}
	return nil
}

func measureSizes(siteDir string, res *results) error {
	var err error
	if res.wasmGz, res.wasmRaw, err = gzipSize(siteDir, "ovacheck.wasm"); err != nil {
		return err
	}
	if res.pageGz, res.pageRaw, err = gzipSize(siteDir, pageFiles...); err != nil {
		return err
	}
	if res.widgetGz, _, err = gzipSize(siteDir, widgetFiles...); err != nil {
		return err
	}
	res.offlineGz, res.offlineRaw, err = gzipSize(siteDir, "ovacheck-offline.html")
	return err
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return s[len(s)/2]
}
