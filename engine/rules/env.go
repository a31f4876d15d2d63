package rules

import "github.com/ovacheck/ovacheck/engine/report"

// Envelope rules (ENV001-ENV099): the descriptor as XML (well-formedness,
// encoding, DTDs), its namespaces and OVF version, and the basic structure
// of the Envelope and its Content elements.
//
// A spelling every major consumer reads (no namespace on ovftool 3.5's
// Envelope, the VirtualBox ".xsd" namespaces, a trailing slash) is a
// warning in the compat profile and an error in strict.
var (
	EnvMalformed = register(Rule{ID: "ENV001", Title: "descriptor is not well-formed XML",
		Severity: report.Error, Spec: "XML 1.0 2.1; DSP0243 1.1.0 7"})
	EnvDoctype = register(Rule{ID: "ENV002", Title: "document type declaration refused",
		Severity: report.Error})
	EnvEncodingMismatch = register(Rule{ID: "ENV003", Title: "declared encoding does not match the bytes",
		Severity: report.Warning, Strict: report.Error, Spec: "XML 1.0 4.3.3"})
	EnvEncodingUnsupported = register(Rule{ID: "ENV004", Title: "character encoding not supported",
		Severity: report.Error, Spec: "XML 1.0 4.3.3"})
	EnvNotEnvelope = register(Rule{ID: "ENV005", Title: "document element is not an OVF Envelope",
		Severity: report.Error, Spec: "DSP0243 1.1.0 6"})
	EnvUnknownNamespace = register(Rule{ID: "ENV006", Title: "unknown envelope namespace",
		Severity: report.Error, Spec: "DSP0243 1.1.0 7"})
	EnvVersion09 = register(Rule{ID: "ENV007", Title: "pre-standard OVF 0.9 envelope",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.1.0 7", Trait: true})
	EnvNoNamespace = register(Rule{ID: "ENV008", Title: "envelope without a namespace",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.1.0 7"})
	EnvTrailingSlash = register(Rule{ID: "ENV009", Title: "envelope namespace with a trailing slash",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.1.0 7"})
	EnvSettingsNamespace = register(Rule{ID: "ENV010", Title: "non-standard CIM settings-data namespace",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP8023 2.0.1"})
	EnvUnqualified = register(Rule{ID: "ENV011", Title: "element, or attribute importers look up, without the OVF namespace",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP8023 1.1.1"})
	EnvUnqualifiedAttr = register(Rule{ID: "ENV051", Title: "attribute without the OVF namespace that importers do not look up",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP8023 1.1.1"})
	EnvLimit = register(Rule{ID: "ENV012", Title: "descriptor exceeds a structural limit",
		Severity: report.Error})
	EnvReferences = register(Rule{ID: "ENV013", Title: "no References, or References not first in the Envelope",
		Severity: report.Error, Spec: "DSP8023 1.1.1 EnvelopeType"})
	EnvChildOrder = register(Rule{ID: "ENV014", Title: "children of the Envelope out of order",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP8023 1.1.1 EnvelopeType"})
	EnvNoContent = register(Rule{ID: "ENV015", Title: "no VirtualSystem or VirtualSystemCollection",
		Severity: report.Error, Spec: "DSP0243 1.1.0 7.2"})
	EnvManyContent = register(Rule{ID: "ENV016", Title: "more than one top-level Content",
		Severity: report.Error, Spec: "DSP8023 1.1.1 EnvelopeType"})
	EnvContentNoID = register(Rule{ID: "ENV017", Title: "virtual system without ovf:id",
		Severity: report.Error, Spec: "DSP0243 1.1.0 7.2"})
	EnvContentDupID = register(Rule{ID: "ENV018", Title: "sibling virtual systems share an ovf:id",
		Severity: report.Error, Spec: "DSP0243 1.1.0 7.2"})
	EnvContentDupIDGlobal = register(Rule{ID: "ENV019", Title: "ovf:id used by more than one virtual system",
		Severity: report.Warning, Spec: "DSP0243 1.1.0 7.2"})
	EnvUndeclaredPrefix = register(Rule{ID: "ENV020", Title: "undeclared namespace prefix",
		Severity: report.Error, Spec: "Namespaces in XML 1.0 5"})
	EnvTooManyFindings = register(Rule{ID: "ENV021", Title: "too many findings in the descriptor",
		Severity: report.Info})
)
