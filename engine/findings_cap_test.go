package engine

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/internal/capped"
	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// A package that breaks many rules many times gets a report of bounded
// size: each rule keeps fewer examples, every rule that fired stays, and
// what was left out is counted.
func TestFindingsAreCappedInTotal(t *testing.T) {
	all := rules.All()[:150]
	var fs []report.Finding
	for _, r := range all {
		for i := range 300 {
			fs = append(fs, r.New(report.At("x.ovf", i+1, 1), "finding %d of %s", i, r.ID))
		}
	}
	out := capped.Report(fs, "x.ovf", func(string) bool { return true })
	if len(out) > limits.MaxReportFindings+len(all) {
		t.Errorf("%d findings kept of %d", len(out), len(fs))
	}
	kept, notes := map[string]int{}, map[string]string{}
	for _, f := range out {
		if strings.Contains(f.Message, "more findings of") {
			notes[f.Rule] = f.Message
			continue
		}
		kept[f.Rule]++
	}
	for _, r := range all {
		if kept[r.ID] < limits.MinFindingsPerRule {
			t.Errorf("%s keeps %d findings", r.ID, kept[r.ID])
		}
		if want := fmt.Sprintf("%d more findings of %s were left out", 300-kept[r.ID], r.ID); notes[r.ID] != want {
			t.Errorf("%s: note %q, want %q", r.ID, notes[r.ID], want)
		}
	}
	// A few rules with many findings each keep the full cap per rule.
	few := capped.Report(fs[:3*300], "x.ovf", func(string) bool { return true })
	if len(few) != 3*limits.MaxFindingsPerRule+3 {
		t.Errorf("3 rules with 300 findings each keep %d findings, want %d", len(few), 3*limits.MaxFindingsPerRule+3)
	}
}
