package compat

import (
	"testing"

	"github.com/ovacheck/ovacheck/engine/rules"
)

// TestCoveringRulesAgreeWithTables holds together the two records of one
// fact: a target's table field, and the consequence its covering rule
// declares for the target's consumer. Settle takes the worse of the two, so
// a consequence worse than a release's table would hide the release's own
// verdict (vSphere 7.0 only warning on PAX, say).
func TestCoveringRulesAgreeWithTables(t *testing.T) {
	pairs := []struct {
		rule  *rules.Rule
		level func(target) level
	}{
		{rules.EnvVersion09, func(t target) level { return t.ovf09 }},
		{rules.MfSpacedForm, func(t target) level { return t.spacedForm }},
		{rules.MfAlgorithmSpelling, func(t target) level { return t.spelling }},
		{rules.MfNoSpaceAfterEquals, func(t target) level { return t.noSpace }},
		{rules.MfUpperCaseHex, func(t target) level { return t.upperHex }},
		{rules.MfSHA512, func(t target) level { return t.sha512 }},
		{rules.PkgPAX, func(t target) level { return t.pax }},
		{rules.PkgDescriptorNotFirst, func(t target) level { return t.descriptorNotFirst }},
	}
	for _, p := range pairs {
		for _, tg := range targets {
			var declared level
			switch p.rule.Consequence(ConsumerOf(tg.name)).Effect {
			case rules.Refuses:
				declared = rejects
			case rules.Warns:
				declared = warns
			}
			if table := p.level(tg); declared > table {
				t.Errorf("%s on %s: the rule declares %s, the target's table %s", p.rule.ID, tg.name, declared.verdict(), table.verdict())
			}
		}
	}
}
