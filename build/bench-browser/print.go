package main

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// print writes the table of figures and goals.
func (r *results) print(w io.Writer) {
	ok := func(b bool) string {
		if b {
			return "met"
		}
		return "MISSED"
	}
	mb := func(n int64) string { return fmt.Sprintf("%.2f MB", float64(n)/1e6) }
	mbps := func(bytes int64, ms float64) float64 { return float64(bytes) / 1e6 / (ms / 1000) }
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "\n== browser (Chromium; the validator page with its default options; medians of %d runs)\n", r.runs)
	fmt.Fprintf(tw, "load average (1/5/15 min): %s before measuring, %s after; %d cores\n", r.loadBefore, r.loadAfter, r.cores)
	fmt.Fprintf(tw, "ratio = raw hash-wasm's time / the page's time from choosing the file to the final verdict (1.00: as fast as raw; higher is better)\n")
	fmt.Fprintf(tw, "both read the File with Blob.slice().stream() (the reference's chunks: %d bytes); disks are pseudo-random stream-optimized VMDKs\n", r.chunk)
	fmt.Fprintf(tw, "measure\tvalue\tgoal\t\n")
	for _, c := range r.cases {
		// The figure: the median of each run's own ratio. The machine's
		// hashing speed drifts by several per cent from minute to minute
		// (the reference alone ranged 6.3-6.9 s in one bench); each page
		// run sits beside its reference, in alternating order, so the
		// drift weighs on both.
		paired := c.pairedRatios()
		figure := median(paired)
		pm, rm := median(c.pageMs()), median(c.raw)
		fmt.Fprintf(tw, "%s (%.0f MiB of disks): raw / page, median of the runs' own ratios\t%.2f\t>= %.2f\t%s\n", c.name, float64(c.bytes)/(1<<20), figure, c.goal, ok(figure >= c.goal))
		fmt.Fprintf(tw, "  page: choice to final verdict (%s)\t%.0f ms (%.0f MB/s)\t\t\n", c.verdict, pm, mbps(c.bytes, pm))
		fmt.Fprintf(tw, "  raw hash-wasm SHA-256, %d stream(s) over the disks\t%.0f ms (%.0f MB/s)\t\t\n", c.streams, rm, mbps(c.bytes, rm))
		var st, ht, after []float64
		for _, p := range c.page {
			st = append(st, p.StructuralMs)
			ht = append(ht, p.HashedMs)
			if p.HashedMs > 0 {
				after = append(after, p.TotalMs-p.HashedMs)
			}
		}
		fmt.Fprintf(tw, "  page's steps: structural verdict, bar at 100%%, final verdict\t%.0f, %.0f, %.0f ms\t\t\n", median(st), median(ht), pm)
		// The digests start before the structural verdict, so the time
		// raw hash-wasm never spends is the start (not seen from the page)
		// and what follows the last byte.
		fmt.Fprintf(tw, "  page's time after the last byte hashed (bar at 100%% to final verdict)\t%.0f ms\t\t\n", median(after))
		var each string
		for i := range paired {
			if i > 0 {
				each += ", "
			}
			each += fmt.Sprintf("%.0f/%.0f (%.2f)", c.page[i].TotalMs, c.raw[i], paired[i])
		}
		fmt.Fprintf(tw, "  each run: page ms/raw ms (ratio)\t%s\t\t\n", each)
		fmt.Fprintf(tw, "  the median times' ratio\t%.2f\t\t\n", c.ratio())
		if len(c.workers) > 0 {
			wm := median(c.workers)
			fmt.Fprintf(tw, "  the site's hash-worker.js alone, %d worker(s) (-explain)\t%.0f ms (raw / it: %.2f)\t\t\n", c.streams, wm, rm/wm)
		}
		if c.wholeFiles > 0 {
			fmt.Fprintf(tw, "  the page also computed %d whole-file digest(s) by default\t\t\t\n", c.wholeFiles)
		}
	}
	var ss, sf []float64
	for _, s := range r.small {
		ss = append(ss, s.StructuralMs)
		sf = append(sf, s.TotalMs)
	}
	fmt.Fprintf(tw, "choice to structural verdict, small sample\t%.0f ms\t< 300 ms\t%s\n", median(ss), ok(median(ss) < 300))
	fmt.Fprintf(tw, "  choice to final verdict, small sample\t%.0f ms\t\t\n", median(sf))
	for _, c := range r.cases {
		var st []float64
		for _, p := range c.page {
			st = append(st, p.StructuralMs)
		}
		fmt.Fprintf(tw, "choice to structural verdict, %s\t%.0f ms\t< 300 ms\t%s\n", c.name, median(st), ok(median(st) < 300))
	}
	fmt.Fprintf(tw, "gzip: ovacheck.wasm\t%s\t\t(raw %s)\n", mb(r.wasmGz), mb(r.wasmRaw))
	fmt.Fprintf(tw, "gzip: everything the validator page loads (%d files)\t%s\t\t(raw %s)\n", len(pageFiles), mb(r.pageGz), mb(r.pageRaw))
	fmt.Fprintf(tw, "gzip: the <ova-verify> widget with the engine (%d files)\t%s\t\t\n", len(widgetFiles), mb(r.widgetGz))
	fmt.Fprintf(tw, "gzip: ovacheck-offline.html\t%s\t\t(raw %s)\n", mb(r.offlineGz), mb(r.offlineRaw))
	tw.Flush()
}
