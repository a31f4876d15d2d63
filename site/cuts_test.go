package site

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/report"
)

// A report bounded by report.Bound says on the page where it cut a text or
// shortened a list, with the sizes.
func TestReportShowsWhatWasLeftOut(t *testing.T) {
	r := sampleReport()
	r.Package.VirtualSystems[0].Annotation = strings.Repeat("A", 31_000_000)
	r.Package.Eulas[0].Text = strings.Repeat("E", 300_000)
	for i := range 1500 {
		r.Package.Disks = append(r.Package.Disks, report.Disk{ID: fmt.Sprintf("d%d", i)})
		r.Files = append(r.Files, report.File{Member: fmt.Sprintf("m%d", i), Manifest: report.Missing, Role: "extra"})
	}
	for range 6000 {
		r.Files = append(r.Files, report.File{Member: "more", Manifest: report.Missing, Role: "extra"})
	}
	r.Package.Products[0].Properties[0].Description = strings.Repeat("D", 20_000)
	report.Bound(r)
	page := render(t, r, Options{})
	if len(page) > 2<<20 {
		t.Errorf("the page is %d bytes", len(page))
	}
	for _, want := range []string{
		"… (cut at 16,384 of 31,000,000 bytes)",
		"… (cut at 262,144 of 300,000 bytes)",
		"… (cut at 16,384 of 20,000 bytes)",
		"… (501 more)",   // disks: 1 + 1500, 1000 kept
		"… (2,501 more)", // files: 1 + 7500, 5000 kept
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}
