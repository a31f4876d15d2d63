package engine_test

import (
	"archive/tar"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine"
	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/policy"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/schemas"
)

// maxHostileReport is the size a report may reach for a hostile package: a
// real package's report is tens of kilobytes.
const maxHostileReport = 2 << 20

// hostileDescriptors are descriptors built to make a report large, as
// issue 13 reported them: a 31 MB annotation came back as a 31 MB report,
// 190,000 Disks as a 21 MB one. The parser may refuse some of them whole
// (too many attributes); 40,000 Disks stay within its limits.
func hostileDescriptors() map[string]string {
	return map[string]string{
		"31 MB annotation": ovatest.Appliance{Annotation: strings.Repeat("A", 31_000_000)}.Descriptor(),
		"190,000 Disks":    withDisks(190_000),
		"40,000 Disks":     withDisks(40_000),
	}
}

// withDisks is the sample appliance's descriptor with n more Disks.
func withDisks(n int) string {
	var disks strings.Builder
	for i := range n {
		fmt.Fprintf(&disks, "<Disk ovf:diskId=\"extra%d\" ovf:capacity=\"1073741824\"/>\n", i)
	}
	return strings.Replace(ovatest.Appliance{}.Descriptor(), "</DiskSection>", disks.String()+"</DiskSection>", 1)
}

// checkBounded checks that r's JSON is small and valid, and returns it.
func checkBounded(t *testing.T, what string, r *report.Report) []byte {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > maxHostileReport {
		t.Errorf("%s: the JSON report is %d bytes, more than %d", what, len(b), maxHostileReport)
	}
	if err := schemas.Validate(schemas.Report, b); err != nil {
		t.Errorf("%s: the report does not conform to the schema: %v", what, err)
	}
	return b
}

func TestHostileDescriptorsMakeSmallReports(t *testing.T) {
	for name, desc := range hostileDescriptors() {
		t.Run(name, func(t *testing.T) {
			r, err := engine.Check(context.Background(), engine.Descriptor("big.ovf", []byte(desc)))
			if err != nil {
				t.Fatal(err)
			}
			b := checkBounded(t, "descriptor only", r)
			t.Logf("%d-byte descriptor, %d-byte report, cuts %+v", len(desc), len(b), r.Cuts)
		})
	}
	r, _ := engine.Check(context.Background(), engine.Descriptor("big.ovf", []byte(hostileDescriptors()["31 MB annotation"])))
	if c, ok := r.CutAt("/package/virtualSystems/0/annotation"); !ok || c.Total < 1<<20 || c.Kept >= c.Total {
		t.Errorf("the annotation's cut is not recorded with its size: %+v", r.Cuts)
	}
	r, _ = engine.Check(context.Background(), engine.Descriptor("big.ovf", []byte(withDisks(40_000))))
	if c, ok := r.CutAt("/package/disks"); !ok || c.Total != 40_001 || c.Kept != len(r.Package.Disks) {
		t.Errorf("the disk list's cut is not recorded with its size: %+v", r.Cuts)
	}
}

// In an archive the page first gets the structural report (before disks
// are hashed), then the final one; both must be bounded, and bounding the
// first must not lose the final one's cuts.
func TestHostileArchiveBoundsBothReports(t *testing.T) {
	desc := hostileDescriptors()["31 MB annotation"]
	members := ovatest.Appliance{}.Members()
	members[0].Data = []byte(desc)
	ova := ovatest.OVA(tar.FormatPAX, members...)
	var pre *report.Report
	r, err := engine.Check(context.Background(), engine.OVA("big.ova", bytes.NewReader(ova), int64(len(ova))),
		engine.WithStructural(func(p *report.Report) { c := *p; pre = &c }))
	if err != nil {
		t.Fatal(err)
	}
	if pre == nil {
		t.Fatal("no structural report")
	}
	checkBounded(t, "structural report", pre)
	checkBounded(t, "final report", r)
	if c, ok := r.CutAt("/package/virtualSystems/0/annotation"); !ok || c.Total < 1<<20 {
		t.Errorf("final report: the annotation's cut is not recorded: %+v", r.Cuts)
	}
}

// A policy's disk-size rule makes one POL finding per Disk: they are capped
// like the engine's own.
func TestPolicyFindingsAreCappedPerRule(t *testing.T) {
	p, err := policy.Load([]byte(`{"maxDiskBytes": 1024}`))
	if err != nil {
		t.Fatal(err)
	}
	r, err := engine.Check(context.Background(), engine.Descriptor("big.ovf", []byte(withDisks(40_000))), engine.WithPolicy(p))
	if err != nil {
		t.Fatal(err)
	}
	checkBounded(t, "with a policy", r)
	n, note := 0, ""
	for _, f := range r.Findings {
		if strings.HasPrefix(f.Rule, "POL") {
			n++
			if strings.Contains(f.Message, "more findings of") {
				note = f.Message
			}
		}
	}
	if n > 201 || note == "" {
		t.Errorf("%d POL findings; note %q", n, note)
	}
}
