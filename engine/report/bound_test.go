package report_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/schemas"
)

// baseReport is a minimal valid report around p.
func baseReport(p report.Package) *report.Report {
	return &report.Report{
		MediaType: report.MediaType, Tool: report.Tool{Name: "ovacheck", Version: "test"},
		Input:   report.Input{Name: "x.ovf", Kind: "descriptor"},
		Profile: "compat", Verdict: report.Pass, Complete: true,
		Findings: []report.Finding{}, Package: p, Files: []report.File{}, Targets: []report.Target{},
	}
}

func emptyPackage() report.Package {
	return report.Package{OvfVersion: "1.0", VirtualSystems: []report.VirtualSystem{},
		Disks: []report.Disk{}, Networks: []report.Network{}, Eulas: []report.Eula{}}
}

// encode marshals r and checks it against the schema.
func encode(t *testing.T, r *report.Report) []byte {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if err := schemas.Validate(schemas.Report, b); err != nil {
		t.Fatalf("the bounded report does not conform to the schema: %v", err)
	}
	return b
}

func TestBoundCutsALongAnnotationAndSaysSo(t *testing.T) {
	p := emptyPackage()
	p.VirtualSystems = []report.VirtualSystem{{ID: "vm", Annotation: strings.Repeat("A", 31_000_000)}}
	r := baseReport(p)
	report.Bound(r)
	b := encode(t, r)
	if len(b) > 100<<10 {
		t.Errorf("a 31 MB annotation makes a %d-byte report", len(b))
	}
	c, ok := r.CutAt("/package/virtualSystems/0/annotation")
	if !ok || c.Unit != report.CutBytes || c.Total != 31_000_000 || c.Kept != len(r.Package.VirtualSystems[0].Annotation) || c.Kept == 0 {
		t.Fatalf("cut %+v (found %v), annotation now %d bytes", c, ok, len(r.Package.VirtualSystems[0].Annotation))
	}
	if got, want := c.Note(), "cut at 16,384 of 31,000,000 bytes"; got != want {
		t.Errorf("note %q, want %q", got, want)
	}
}

func TestBoundShortensLongListsAndCountsTheRest(t *testing.T) {
	p := emptyPackage()
	for i := range 190_000 {
		p.Disks = append(p.Disks, report.Disk{ID: fmt.Sprintf("disk%d", i), CapacityBytes: 1 << 30})
	}
	props := make([]report.Property, 5000)
	for i := range props {
		props[i] = report.Property{Key: fmt.Sprintf("k%d", i), Type: "string", Description: strings.Repeat("<&>", 10_000)}
	}
	p.Products = []report.Product{{Product: "p", Properties: props}}
	r := baseReport(p)
	for i := range 40_000 {
		r.Files = append(r.Files, report.File{Member: fmt.Sprintf("missing-%05d.vmdk", i), Offset: -1,
			Manifest: report.Missing, Role: "extra"})
	}
	report.Bound(r)
	b := encode(t, r)
	if len(b) > 2<<20 {
		t.Errorf("the report is %d bytes, more than 2 MiB", len(b))
	}
	for _, tt := range []struct {
		pointer string
		kept    int
		total   int
	}{
		{"/package/disks", len(r.Package.Disks), 190_000},
		{"/package/products/0/properties", len(r.Package.Products[0].Properties), 5000},
		{"/files", len(r.Files), 40_000},
	} {
		c, ok := r.CutAt(tt.pointer)
		if !ok || c.Unit != report.CutItems || c.Kept != tt.kept || c.Total != tt.total || c.Kept == 0 {
			t.Errorf("%s: cut %+v (found %v), %d kept", tt.pointer, c, ok, tt.kept)
		}
	}
	if c, _ := r.CutAt("/package/disks"); c.Note() != "189,000 more not shown" {
		t.Errorf("note %q", c.Note())
	}
	if r.Package.Disks[999].ID != "disk999" {
		t.Errorf("the first disks are not the ones kept: %+v", r.Package.Disks[999])
	}
	// Each property description kept is cut and says so.
	if _, ok := r.CutAt("/package/products/0/properties/0/description"); !ok {
		t.Errorf("the 30,000-byte description of property 0 is not recorded as cut")
	}
	// No cut is recorded for an item that was left out.
	n := len(r.Package.Products[0].Properties)
	if _, ok := r.CutAt(fmt.Sprintf("/package/products/0/properties/%d/description", n)); ok {
		t.Errorf("a cut is recorded inside property %d, which was left out", n)
	}
}

func TestBoundKeepsAWholeReportWhole(t *testing.T) {
	p := emptyPackage()
	p.Eulas = []report.Eula{{Text: strings.Repeat("licence ", 12_000)}} // 96,000 bytes, like vCenter's
	p.VirtualSystems = []report.VirtualSystem{{ID: "vm", Annotation: "a note", NICs: []report.NIC{{Name: "nic"}}}}
	r := baseReport(p)
	before, _ := json.Marshal(r)
	report.Bound(r)
	after, _ := json.Marshal(r)
	if string(before) != string(after) || r.Cuts != nil {
		t.Errorf("a real-sized report changed: cuts %+v", r.Cuts)
	}
}

func TestBoundCutsAtARuneBoundary(t *testing.T) {
	p := emptyPackage()
	p.Networks = []report.Network{{Name: strings.Repeat("é", 5000)}}    // 2 bytes each
	p.Eulas = []report.Eula{{Text: "x" + strings.Repeat("€", 200_000)}} // 3 bytes each
	r := baseReport(p)
	report.Bound(r)
	encode(t, r)
	for _, s := range []string{r.Package.Networks[0].Name, r.Package.Eulas[0].Text} {
		if !utf8.ValidString(s) {
			t.Errorf("cut inside a character: ends % x", s[len(s)-3:])
		}
	}
	if c, _ := r.CutAt("/package/networks/0/name"); c.Kept != 1024 || c.Total != 10_000 {
		t.Errorf("name cut %+v", c)
	}
}

// A preliminary report is a shallow copy of the final one: bounding it must
// not cut the final report's texts behind its back.
func TestBoundLeavesSharedDataAlone(t *testing.T) {
	p := emptyPackage()
	long := strings.Repeat("A", 100_000)
	p.VirtualSystems = []report.VirtualSystem{{ID: "vm", Annotation: long, Disks: make([]string, 3000)}}
	final := baseReport(p)
	pre := *final
	report.Bound(&pre)
	if final.Package.VirtualSystems[0].Annotation != long || len(final.Package.VirtualSystems[0].Disks) != 3000 {
		t.Fatal("bounding a copy changed the original's package")
	}
	report.Bound(final)
	if c, ok := final.CutAt("/package/virtualSystems/0/annotation"); !ok || c.Total != 100_000 {
		t.Errorf("the final report lost its cut: %+v", final.Cuts)
	}
	// Bounding again changes nothing and keeps the cuts.
	cuts := len(final.Cuts)
	report.Bound(final)
	if len(final.Cuts) != cuts {
		t.Errorf("bounding twice: %d cuts, then %d", cuts, len(final.Cuts))
	}
}

func TestTextSaysWhatWasLeftOut(t *testing.T) {
	p := emptyPackage()
	p.VirtualSystems = []report.VirtualSystem{{ID: "vm", Annotation: strings.Repeat("A", 31_000_000)}}
	r := baseReport(p)
	for i := range 6000 {
		r.Files = append(r.Files, report.File{Member: fmt.Sprintf("m%d", i), Manifest: report.Missing, Role: "extra"})
	}
	report.Bound(r)
	var b strings.Builder
	if err := report.WriteText(&b, r, report.TextOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"/package/virtualSystems/0/annotation: cut at 16,384 of 31,000,000 bytes",
		"/files: 1,000 more not shown",
		"  … (1,000 more)\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the text report lacks %q", want)
		}
	}
}
