package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/ovatest"
	"github.com/ovacheck/ovacheck/engine/report"
)

// TestDescriptorOnlyWhateverTheName: producers keep descriptor templates
// as .xml (issue 11 item 8); --descriptor-only judges such a file as a
// descriptor, and refuses a file that is no XML with the reason.
func TestDescriptorOnlyWhateverTheName(t *testing.T) {
	dir := t.TempDir()
	var desc []byte
	for _, m := range (ovatest.Appliance{}).Members() {
		if strings.HasSuffix(m.Name, ".ovf") {
			desc = m.Data
		}
	}
	xml := filepath.Join(dir, "template.xml")
	os.WriteFile(xml, desc, 0o644)
	code, out, errOut := ovacheck(t, nil, "--descriptor-only", "--format", "json", xml)
	if code != 0 {
		t.Fatalf("template.xml: exit %d: %s", code, errOut)
	}
	if r := jsonReport(t, out); r.Input.Kind != "descriptor" || r.Verdict != report.Pass {
		t.Errorf("template.xml: kind %s, verdict %s; want a passing descriptor", r.Input.Kind, r.Verdict)
	}
	notXML := filepath.Join(dir, "disk.img")
	os.WriteFile(notXML, []byte{0, 1, 2, 3}, 0o644)
	code, _, errOut = ovacheck(t, nil, "--descriptor-only", notXML)
	if code != 2 || !strings.Contains(errOut, "does not start with XML markup") {
		t.Errorf("disk.img: exit %d, stderr %q; want 2 and the reason", code, errOut)
	}
}
