package compat

import "github.com/ovacheck/ovacheck/engine/report"

// level is how a target treats a fact: it accepts it, imports with a
// warning or a loss, or refuses the package.
type level int

const (
	accepts level = iota
	warns
	rejects
)

// Verdict names used in report.Target.
const (
	VerdictAccepts = "accepts"
	VerdictWarns   = "warns"
	VerdictRejects = "rejects"
)

func (l level) verdict() string {
	switch l {
	case rejects:
		return VerdictRejects
	case warns:
		return VerdictWarns
	}
	return VerdictAccepts
}

func (l level) severity() report.Severity {
	if l == rejects {
		return report.Error
	}
	return report.Warning
}
