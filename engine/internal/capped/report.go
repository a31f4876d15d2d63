package capped

import (
	"maps"
	"slices"

	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// Report keeps the first findings of each rule that capped says to cap, at
// most limits.MaxFindingsPerRule and fewer (down to
// limits.MinFindingsPerRule) when the rules together would keep more than
// limits.MaxReportFindings, and replaces the rest with one note, on
// member, saying how many were left out. The order of what is kept is
// kept. It must not run twice over the same rule: a second pass would
// count the note as one of the rule's findings.
func Report(fs []report.Finding, member string, capped func(rule string) bool) []report.Finding {
	perRule := map[string]int{}
	for _, f := range fs {
		if capped(f.Rule) {
			perRule[f.Rule]++
		}
	}
	quota := Quota(perRule)
	out := make([]report.Finding, 0, min(len(fs), limits.MaxReportFindings+len(perRule)))
	kept := map[string]int{}
	for _, f := range fs {
		if capped(f.Rule) {
			if kept[f.Rule] == quota {
				continue
			}
			kept[f.Rule]++
		}
		out = append(out, f)
	}
	for _, id := range slices.Sorted(maps.Keys(perRule)) {
		if n := perRule[id]; n > quota {
			r, _ := rules.Lookup(id)
			f := r.New(report.InMember(member), "%d more findings of %s were left out", n-quota, id)
			f.Severity = report.Info
			out = append(out, f)
		}
	}
	return out
}

// Quota is how many findings each rule keeps, given how many each has:
// the most, up to limits.MaxFindingsPerRule, that keeps the total within
// limits.MaxReportFindings, and at least limits.MinFindingsPerRule.
func Quota(perRule map[string]int) int {
	for q := limits.MaxFindingsPerRule; q > limits.MinFindingsPerRule; q-- {
		total := 0
		for _, n := range perRule {
			total += min(n, q)
		}
		if total <= limits.MaxReportFindings {
			return q
		}
	}
	return limits.MinFindingsPerRule
}
