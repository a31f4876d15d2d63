package rules

import "github.com/ovacheck/ovacheck/engine/report"

// SeverityFor returns the severity a finding of r has in profile, for the
// consumers the user named as targets (none named: all are judged and none
// is singled out).
//
// The strict profile judges by the letter of DSP0243: the rule's strict
// severity, or the compat one when that is higher. The compat profile
// judges by what consumers do:
//
//   - Damage (a digest that does not match, a member cut short) is an
//     error whatever any consumer does.
//   - With targets named, a finding one of them refuses is an error; one
//     that none of them refuses is at most a warning, whatever other
//     consumers do with it.
//   - With none named, a breach of a DSP0243 requirement (the rule has a
//     Spec) that some consumer refuses is an error, unless the rule is a
//     Trait, which is at most a warning; a finding that every
//     consumer is recorded to tolerate is at most a warning; a note stays
//     a note, even when some consumer refuses what it notes (a spec-legal
//     trait: the target table shows who refuses it).
//   - Otherwise, where consumers' effects are not recorded, the rule's
//     declared severity stands.
//
// CMP and POL findings are judged where they are made (package compat and
// package policy), so their severity is returned unchanged.
func (r *Rule) SeverityFor(profile string, named []Consumer) report.Severity {
	if profile == "strict" {
		// The letter of DSP0243, and never softer than what the
		// consumers make of it: a user who asks for strict asks for more
		// errors, not fewer (an unknown disk format URI is legal by the
		// letter, but the consumers that refuse it still refuse it).
		return maxSeverity(r.SeverityIn("strict"), r.SeverityFor("compat", named))
	}
	base := r.Severity
	if r.Damage || r.Family() == "CMP" || r.Family() == "POL" {
		return base
	}
	if len(named) > 0 {
		worst := Unknown
		for _, c := range named {
			worst = max(worst, r.Consequence(c).Effect)
		}
		switch worst {
		case Refuses:
			return report.Error
		case Warns:
			return report.Warning
		}
		return atMostWarning(base)
	}
	refused := len(r.Refusers()) > 0
	switch {
	case base == report.Info:
		return base
	case r.Trait:
		return atMostWarning(base)
	case refused && r.Spec != "":
		return report.Error
	case !refused && r.Declared():
		return atMostWarning(base)
	}
	return base
}

func atMostWarning(s report.Severity) report.Severity {
	if s == report.Error {
		return report.Warning
	}
	return s
}

// Listed returns the severities a rule's listing shows (ovacheck rules and
// explain, the rule pages, the API's rule documents, SARIF's default
// levels): what a finding of r gets in the compat profile with no target
// named, which the consumer records decide, and in the strict profile.
func (r *Rule) Listed() (compat, strict report.Severity) {
	return r.SeverityFor("compat", nil), r.SeverityFor("strict", nil)
}

// maxSeverity returns the more severe of a and b.
func maxSeverity(a, b report.Severity) report.Severity {
	if b.AtLeast(a) {
		return b
	}
	return a
}
