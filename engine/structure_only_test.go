package engine

import (
	"archive/tar"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/report"
)

// With WithStructureOnly a damaged disk goes unnoticed, and the report
// says its digest was not verified; the descriptor, held whole, is still
// checked against the manifest.
func TestStructureOnlySaysWhatItSkipped(t *testing.T) {
	members := ovatest.Appliance{}.Members()
	disk := members[2].Data
	disk[len(disk)/2] ^= 1
	data := ovatest.OVA(tar.FormatUSTAR, members...)
	rep := check(t, data, WithStructureOnly("asked not to hash"))
	if hasRule(rep, "MF003", "") || rep.Verdict == report.Fail {
		t.Fatalf("structure-only check hashed the disk: %+v", rep.Findings)
	}
	if len(rep.Skipped) != 1 || !strings.Contains(rep.Skipped[0], "appliance-disk1.vmdk") ||
		!strings.Contains(rep.Skipped[0], "asked not to hash") {
		t.Fatalf("skipped %q", rep.Skipped)
	}
	status := map[string]report.ManifestStatus{}
	for _, f := range rep.Files {
		status[f.Member] = f.Manifest
	}
	if status["appliance.ovf"] != report.Match || status["appliance-disk1.vmdk"] != report.NotChecked {
		t.Fatalf("file statuses %v", status)
	}
	if full := check(t, data); !hasRule(full, "MF003", "") {
		t.Fatal("the full check missed the damaged disk")
	}
}
