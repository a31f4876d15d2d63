package rules

import "github.com/ovacheck/ovacheck/engine/report"

// Network rules (NET001-NET099): the NetworkSection and the Connections of
// network adapters.
var (
	NetUnknown = register(Rule{ID: "NET001", Title: "network adapter connects to an undeclared network",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.2"})
	NetNoSection = register(Rule{ID: "NET002", Title: "network adapters connect but there is no NetworkSection",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.2"})
	NetNoName = register(Rule{ID: "NET003", Title: "network without ovf:name",
		Severity: report.Error, Spec: "DSP8023 1.1.1 NetworkSection_Type"})
	NetDupName = register(Rule{ID: "NET004", Title: "two Networks share a name",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.1.0 9.2"})
	NetNoConnection = register(Rule{ID: "NET005", Title: "network adapter without a Connection",
		Severity: report.Warning, Spec: "DSP0243 1.1.0 8.3"})
)

// Network use (NET030-NET099): networks no adapter connects to and
// connections that match only when case is ignored.
var (
	NetUnused = register(Rule{ID: "NET030", Title: "network no adapter connects to",
		Severity: report.Info})
	NetCaseOnly = register(Rule{ID: "NET031", Title: "connection matches a network only when case is ignored",
		Severity: report.Info, Spec: "DSP0243 1.1.0 9.2"})
)
