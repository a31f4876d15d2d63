package rules

import "github.com/ovacheck/ovacheck/engine/report"

// Network rules from the conformance catalogue (NET030-NET099).
var (
	NetUnused = register(Rule{ID: "NET030", Title: "network no adapter connects to",
		Severity: report.Info})
	NetCaseOnly = register(Rule{ID: "NET031", Title: "connection matches a network only when case is ignored",
		Severity: report.Info, Spec: "DSP0243 1.1.0 9.2"})
)
