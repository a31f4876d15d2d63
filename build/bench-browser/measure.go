package main

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"time"

	"github.com/chromedp/chromedp"
)

// pageRun is one check on the validator page, as the probe saw it.
type pageRun struct {
	StructuralMs float64 `json:"structuralMs"` // choice to structural verdict
	TotalMs      float64 `json:"totalMs"`      // choice to final verdict
	// HashedMs is choice to the progress bar's 100% (0 if not seen).
	HashedMs float64 `json:"hashedMs"`
	Verdict  string  `json:"verdict"`
	// Disks is how many files the report marks as matching the manifest;
	// WholeFile how many whole-file digests it gives (none by default).
	Matched   int `json:"matched"`
	Mismatch  int `json:"mismatch"`
	WholeFile int `json:"wholeFile"`
}

// rawRun is one reference run: hash-wasm alone over the disks' byte
// ranges, one worker per range.
type rawRun struct {
	Ms    float64  `json:"ms"`
	Hex   []string `json:"hex"`
	Bytes float64  `json:"bytes"`
	Chunk int      `json:"chunk"`
}

// caseResult is the figures of one package: the page's times and the
// reference's, one per run.
type caseResult struct {
	name       string
	streams    int     // reference workers
	goal       float64 // raw time / page time
	bytes      int64   // disk bytes hashed
	page       []pageRun
	raw        []float64 // ms
	workers    []float64 // ms, the site's hash workers alone (-explain)
	verdict    string
	wholeFiles int
}

func (c caseResult) pageMs() []float64 {
	var ms []float64
	for _, r := range c.page {
		ms = append(ms, r.TotalMs)
	}
	return ms
}

// pairedRatios is each run's reference time over its page time.
func (c caseResult) pairedRatios() []float64 {
	var out []float64
	for i := range min(len(c.page), len(c.raw)) {
		out = append(out, c.raw[i]/c.page[i].TotalMs)
	}
	return out
}

// ratio is the reference's median time over the page's: 1.0 means the
// page answers as fast as raw hash-wasm hashes, 0.5 that it takes twice as
// long.
func (c caseResult) ratio() float64 { return median(c.raw) / median(c.pageMs()) }

// openValidator loads the validator page, waits until its engine is ready
// and its service worker (which precaches the site once) has settled, and
// puts the probe and the reference in it.
func openValidator(ctx context.Context, base string) error {
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base),
		chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)),
	); err != nil {
		return fmt.Errorf("%w: %v", errNoEngine, err)
	}
	// A first visit's service worker fetches the site's assets while it
	// installs: let that end before timing, as on a second visit.
	if _, err := evaluate[bool](ctx, `Promise.race([
		navigator.serviceWorker ? navigator.serviceWorker.ready.then(() => true) : Promise.resolve(false),
		new Promise((r) => setTimeout(() => r(false), 20000)),
	])`); err != nil {
		return err
	}
	for _, name := range []string{"page/probe.js", "page/raw.js"} {
		src, err := pageFS.ReadFile(name)
		if err != nil {
			return err
		}
		if _, err := evaluate[bool](ctx, string(src)); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

// choose sets path on the page's file input, as a user choosing it does,
// and waits for the final verdict.
func choose(ctx context.Context, path string) (pageRun, error) {
	// The previous check's end must not pass for this one's.
	if _, err := evaluate[bool](ctx, `(bench.t0 = 0, bench.tEnd = 0, true)`); err != nil {
		return pageRun{}, err
	}
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{path})); err != nil {
		return pageRun{}, err
	}
	wctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	_, err := evaluate[bool](wctx, `bench.waitEnd()`)
	cancel()
	if err != nil {
		msg, _ := evaluate[string](ctx, `[document.getElementById("phase").textContent, document.getElementById("message").textContent].join(" | ")`)
		return pageRun{}, fmt.Errorf("no final verdict for %s (page: %s): %w", path, msg, err)
	}
	return evaluate[pageRun](ctx, `(() => {
		const r = window.ovacheckReport || {};
		const files = r.files || [];
		return {
			structuralMs: bench.tS - bench.t0, hashedMs: bench.tH ? bench.tH - bench.t0 : 0, totalMs: bench.tEnd - bench.t0, verdict: r.verdict || "",
			matched: files.filter((f) => f.manifest === "match").length,
			mismatch: files.filter((f) => f.manifest === "mismatch").length,
			wholeFile: Object.keys(r.wholeFile || {}).length,
		};
	})()`)
}

// reference hashes p's disks in the page with raw hash-wasm (fn
// "benchRaw"), or with the site's hash-worker.js ("benchPool"), one worker
// per disk, and checks the digests against the manifest's.
func reference(ctx context.Context, p pkg, fn string) (rawRun, error) {
	ranges := "["
	for i, d := range p.disks {
		if i > 0 {
			ranges += ","
		}
		ranges += fmt.Sprintf(`{offset:%d,size:%d}`, d.offset, d.size)
	}
	r, err := evaluate[rawRun](ctx, fmt.Sprintf("%s(%q, %s])", fn, filepath.Base(p.path), ranges))
	if err != nil {
		return r, fmt.Errorf("%s: %w", fn, err)
	}
	for i, d := range p.disks {
		if i >= len(r.Hex) || r.Hex[i] != d.sha256 {
			return r, fmt.Errorf("%s's SHA-256 of %s is not the manifest's: the bench hashed the wrong bytes", fn, d.name)
		}
	}
	return r, nil
}

// measure chooses the small sample once to warm up, then runs times for
// its times; then, runs times, each big package on the page and its
// reference on the same File, in turn: the page first in odd runs, the
// reference first in even ones, so that a load that rises or falls during
// the bench weighs on both alike.
func measure(ctx context.Context, small string, cases []*caseResult, pkgs []pkg, runs int, res *results) error {
	// A first check warms the engine (its wasm tiers up): not counted.
	if _, err := choose(ctx, small); err != nil {
		return err
	}
	for i := 0; i < runs; i++ {
		r, err := choose(ctx, small)
		if err != nil {
			return err
		}
		res.small = append(res.small, r)
		if verbose {
			fmt.Printf("  small sample: %+v\n", r)
		}
	}
	for i := 0; i < runs; i++ {
		for k, c := range cases {
			onPage := func() error {
				r, err := choose(ctx, pkgs[k].path)
				if err != nil {
					return err
				}
				if r.Mismatch > 0 || r.Matched < len(pkgs[k].disks) {
					return fmt.Errorf("%s: the page found %d of %d disks matching the manifest, %d mismatched", c.name, r.Matched, len(pkgs[k].disks), r.Mismatch)
				}
				c.page = append(c.page, r)
				c.verdict = r.Verdict
				c.wholeFiles = max(c.wholeFiles, r.WholeFile)
				return nil
			}
			raw := func() error {
				r, err := reference(ctx, pkgs[k], "benchRaw")
				if err != nil {
					return err
				}
				c.raw = append(c.raw, r.Ms)
				res.chunk = r.Chunk
				return nil
			}
			workers := func() error {
				r, err := reference(ctx, pkgs[k], "benchPool")
				if err != nil {
					return err
				}
				c.workers = append(c.workers, r.Ms)
				return nil
			}
			steps := []func() error{onPage, raw}
			if i%2 == 1 {
				steps = []func() error{raw, onPage}
			}
			if explain {
				steps = append(steps, workers)
			}
			for _, step := range steps {
				if err := step(); err != nil {
					return err
				}
			}
			if verbose {
				p := c.page[len(c.page)-1]
				fmt.Printf("  %s run %d: page %.0f ms (structural verdict at %.0f ms, 100%% hashed at %.0f ms, %s), raw %.0f ms\n",
					c.name, i+1, p.TotalMs, p.StructuralMs, p.HashedMs, p.Verdict, c.raw[len(c.raw)-1])
				if explain {
					fmt.Printf("    the site's hash workers alone: %.0f ms\n", c.workers[len(c.workers)-1])
				}
			}
		}
	}
	return nil
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 0 {
		return (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return s[len(s)/2]
}
