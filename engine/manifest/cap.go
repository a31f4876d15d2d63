package manifest

import (
	"fmt"

	"github.com/ovacheck/ovacheck/engine/internal/limits"
	"github.com/ovacheck/ovacheck/engine/report"
)

// capFindings keeps the first limits.MaxFindingsPerRule findings of each
// rule and replaces the rest of that rule with one summary finding, so a
// hostile manifest of thousands of bad lines yields a report of bounded
// size.
func capFindings(fs []report.Finding) []report.Finding {
	count := map[string]int{}
	var out []report.Finding
	var order []string
	last := map[string]report.Finding{}
	for _, f := range fs {
		count[f.Rule]++
		if count[f.Rule] <= limits.MaxFindingsPerRule {
			out = append(out, f)
			continue
		}
		if _, ok := last[f.Rule]; !ok {
			order = append(order, f.Rule)
		}
		last[f.Rule] = f
	}
	for _, rule := range order {
		f := last[rule]
		n := count[rule] - limits.MaxFindingsPerRule
		out = append(out, report.Finding{Rule: rule, Severity: f.Severity, Spec: f.Spec,
			Location: report.InMember(f.Location.Member),
			Message:  fmt.Sprintf("%d more findings of this rule in %s were left out", n, f.Location.Member),
			Hint:     "Fix the findings shown and check again to see the rest."})
	}
	return out
}
