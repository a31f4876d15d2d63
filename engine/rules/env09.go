package rules

import "github.com/ovacheck/ovacheck/engine/report"

// Envelope rules of OVF 0.9 (ENV060-ENV069): the pre-standard VMware
// grammar, where sections and virtual systems are the generic Section and
// Content elements named by xsi:type.
var (
	Env09NoType = register(Rule{ID: "ENV060", Title: "section or virtual system of OVF 0.9 without a usable xsi:type",
		Severity: report.Error, Spec: "OVF 0.9 (VMware) Section_Type and Content_Type; XML Schema 1.0 Part 1 2.6.1"})
	Env09TypePrefix = register(Rule{ID: "ENV061", Title: "xsi:type of OVF 0.9 written without the ovf prefix",
		Severity: report.Warning, Strict: report.Info, Spec: "XML Schema 1.0 Part 1 2.6.1", Trait: true})
)
