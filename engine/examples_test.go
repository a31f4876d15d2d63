package engine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ovacheck/ovacheck/engine/internal/corpus"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// TestRuleExamples proves every rule on a wrong and a right package:
// testdata/rules/<ID>-wrong.txtar must give a finding of the rule (its
// "want:" directive names the rule and the member) and <ID>-right.txtar
// must not (its "deny:" names the rule). The cases use the golden case
// format (see TestGolden) without golden reports. A rule without examples
// must be listed in testdata/rules/EXEMPT.tsv with the reason.
func TestRuleExamples(t *testing.T) {
	exempt := corpus.Reasons(t, "testdata/rules/EXEMPT.tsv")
	for _, r := range rules.All() {
		wrong := filepath.Join("testdata", "rules", r.ID+"-wrong.txtar")
		right := filepath.Join("testdata", "rules", r.ID+"-right.txtar")
		_, errW := os.Stat(wrong)
		_, errR := os.Stat(right)
		if errW != nil || errR != nil {
			if _, ok := exempt[r.ID]; !ok {
				t.Errorf("%s (%s): no wrong and right examples in testdata/rules, and no exemption", r.ID, r.Title)
			}
			continue
		}
		t.Run(r.ID, func(t *testing.T) {
			for _, file := range []string{wrong, right} {
				gc := loadCase(t, file)
				if strings.HasSuffix(file, "-wrong.txtar") && !mentions(gc.want, r.ID) {
					t.Fatalf("%s: its want: directive must name %s", file, r.ID)
				}
				if strings.HasSuffix(file, "-right.txtar") && !mentions(gc.deny, r.ID) {
					t.Fatalf("%s: its deny: directive must name %s", file, r.ID)
				}
				rep := gc.check(t)
				gc.assert(t, rep)
				wordsAgreeWithConsequences(t, rep.Findings)
			}
		})
	}
}

// wordsAgreeWithConsequences fails when a finding's message or hint says a
// consumer refuses the package although its rule does not record that
// consumer refusing (rules.Rule.Consequences). CMP and POL findings name
// one target's facts and are held to them in package compat and policy.
func wordsAgreeWithConsequences(t *testing.T, fs []report.Finding) {
	t.Helper()
	said := map[string]bool{}
	for _, f := range fs {
		r, ok := rules.Lookup(f.Rule)
		if !ok || r.Family() == "CMP" || r.Family() == "POL" || said[f.Rule] {
			continue
		}
		for _, text := range []string{f.Message, f.Hint} {
			if who := r.Unbacked(text); len(who) > 0 {
				t.Errorf("%s says %v refuse, which its consequences do not record: %q", f.Rule, who, text)
				said[f.Rule] = true
			}
		}
	}
}

func mentions(directives []string, id string) bool {
	for _, d := range directives {
		if d == id || strings.HasPrefix(d, id+"@") {
			return true
		}
	}
	return false
}
