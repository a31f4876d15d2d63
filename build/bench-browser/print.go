package main

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// print writes the table of figures and goals.
func (r *results) print(w io.Writer, size int64) {
	ok := func(b bool) string {
		if b {
			return "met"
		}
		return "MISSED"
	}
	mb := func(n int64) string { return fmt.Sprintf("%.2f MB", float64(n)/1e6) }
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "\n== browser (Chromium, %d MiB of disks)\nmeasure\tvalue\tgoal\t\n", size>>20)
	fmt.Fprintf(tw, "ovacheck hashing / raw hash-wasm\t%.2f\t>= 0.85\t%s\n", r.ratio, ok(r.ratio >= 0.85))
	fmt.Fprintf(tw, "  raw hash-wasm SHA-256, one worker, Blob.stream()\t%.0f MB/s\t\t\n", r.rawMBps)
	fmt.Fprintf(tw, "  ovacheck, one disk (one hash worker)\t%.0f MB/s\t\t\n", r.oneMBps)
	fmt.Fprintf(tw, "two equal disks / one disk (aggregate)\t%.2fx\t>= 1.5x\t%s\n", r.speedup, ok(r.speedup >= 1.5))
	fmt.Fprintf(tw, "  ovacheck, two disks of half the size\t%.0f MB/s\t\t\n", r.twoMBps)
	fmt.Fprintf(tw, "  reference: raw hash-wasm, two workers on the two halves\t%.0f MB/s (%.2fx)\t\t\n", r.rawPairMBps, r.rawPairMBps/r.rawMBps)
	fmt.Fprintf(tw, "  ovacheck as the page runs it (disk + whole-file SHA-256)\t%.0f MB/s of file\t\t\n", r.wholeMBps)
	s, b := median(r.structuralSmall), median(r.structuralBig)
	fmt.Fprintf(tw, "selection to structural verdict, small package (median of %d)\t%.0f ms\t< 300 ms\t%s\n", len(r.structuralSmall), s, ok(s < 300))
	fmt.Fprintf(tw, "selection to structural verdict, %d MiB package (median of %d)\t%.0f ms\t< 300 ms\t%s\n", size>>20, len(r.structuralBig), b, ok(b < 300))
	fmt.Fprintf(tw, "  each try, small / big\t%.0f / %.0f ms\t\t\n", r.structuralSmall, r.structuralBig)
	fmt.Fprintf(tw, "gzip: ovacheck.wasm\t%s\t\t(raw %s)\n", mb(r.wasmGz), mb(r.wasmRaw))
	fmt.Fprintf(tw, "gzip: everything the validator page loads (%d files)\t%s\t\t(raw %s)\n", len(pageFiles), mb(r.pageGz), mb(r.pageRaw))
	fmt.Fprintf(tw, "gzip: the <ova-verify> widget with the engine (%d files)\t%s\t\t\n", len(widgetFiles), mb(r.widgetGz))
	fmt.Fprintf(tw, "gzip: ovacheck-offline.html\t%s\t\t(raw %s)\n", mb(r.offlineGz), mb(r.offlineRaw))
	tw.Flush()
}
