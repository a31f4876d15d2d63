package capped

import (
	"fmt"
	"testing"

	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

func TestPerRuleKeepsTheFirstAndCountsTheRest(t *testing.T) {
	var c PerRule
	built := 0
	for i := range limits.MaxFindingsPerRule + 7 {
		c.Build(rules.MfDigestMismatch, func() report.Finding {
			built++
			return rules.MfDigestMismatch.New(report.At("a.mf", i+1, 1), "line %d", i+1)
		})
		c.Add(rules.MfNotDigestLine.New(report.At("a.mf", i+1, 1), "line %d", i+1))
	}
	c.Add(rules.MfListsItself.New(report.At("a.mf", 1, 1), "once"))
	if built != limits.MaxFindingsPerRule {
		t.Errorf("built %d findings past the cap of %d", built, limits.MaxFindingsPerRule)
	}
	fs := c.Findings()
	per := map[string]int{}
	notes := map[string]string{}
	for _, f := range fs {
		per[f.Rule]++
		notes[f.Rule] = f.Message
	}
	for _, r := range []*rules.Rule{rules.MfDigestMismatch, rules.MfNotDigestLine} {
		if per[r.ID] != limits.MaxFindingsPerRule+1 {
			t.Errorf("%s: %d findings, want %d and a note", r.ID, per[r.ID], limits.MaxFindingsPerRule)
		}
		if want := "7 more findings of this rule in a.mf were left out"; notes[r.ID] != want {
			t.Errorf("%s: last finding %q, want %q", r.ID, notes[r.ID], want)
		}
	}
	if per[rules.MfListsItself.ID] != 1 {
		t.Errorf("a rule under the cap lost findings")
	}
	if again := c.Findings(); len(again) != len(fs) {
		t.Errorf("a second Findings call added %d notes", len(again)-len(fs))
	}
}

func TestQuotaShrinksToFitTheReport(t *testing.T) {
	if q := Quota(map[string]int{"A": 5}); q != limits.MaxFindingsPerRule {
		t.Errorf("one small rule: quota %d", q)
	}
	many := map[string]int{}
	for i := range 1000 {
		many[fmt.Sprint(i)] = 1000
	}
	if q := Quota(many); q != limits.MinFindingsPerRule {
		t.Errorf("a thousand full rules: quota %d, want the minimum %d", q, limits.MinFindingsPerRule)
	}
}

func TestTotalKeepsMaxAndSummarisesOnce(t *testing.T) {
	tot := Total{Max: 3}
	for i := range 5 {
		tot.Add(rules.MfNotDigestLine.New(report.At("a.mf", i+1, 1), "line %d", i+1))
	}
	summary := func(n int) report.Finding {
		return rules.MfNotDigestLine.New(report.InMember("a.mf"), "%d left out", n)
	}
	fs := tot.Done(summary)
	if len(fs) != 4 || fs[3].Message != "2 left out" {
		t.Fatalf("Done = %d findings, last %q; want 3 and a note of 2", len(fs), fs[len(fs)-1].Message)
	}
	if again := tot.Done(summary); len(again) != 4 {
		t.Errorf("a second Done returned %d findings", len(again))
	}
}
