package rules

import "github.com/ovacheck/ovacheck/engine/report"

// Envelope schema rules (ENV030-ENV099, code in conformance/env_schema*.go
// and env_strings.go): the
// DSP8023 schema written as tables (element order, cardinality, attribute
// presence and types), section placement and multiplicity, extension
// sections and ovf:required, and message bundles. Consumers read most
// schema deviations without complaint, so they are warnings in the compat
// profile and errors in strict.
var (
	EnvUndefinedElement = register(Rule{ID: "ENV030", Title: "element in the OVF namespace that the schema does not define",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.1.0 7.3"})
	EnvInfoNotFirst = register(Rule{ID: "ENV031", Title: "section or virtual system without Info as its first child",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP8023 1.1.1 Section_Type"})
	EnvSectionPlacement = register(Rule{ID: "ENV032", Title: "section in a place it is not allowed",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.1.0 Table 5"})
	EnvSectionRepeated = register(Rule{ID: "ENV033", Title: "section repeated where only one is allowed",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.1.0 Table 5"})
	EnvElementOrder = register(Rule{ID: "ENV034", Title: "child elements out of schema order",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP8023 1.1.1"})
	EnvChildMissing = register(Rule{ID: "ENV035", Title: "required child element missing",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP8023 1.1.1"})
	EnvChildRepeated = register(Rule{ID: "ENV036", Title: "child element repeated more often than allowed",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP8023 1.1.1"})
	EnvAttrMissing = register(Rule{ID: "ENV037", Title: "required attribute missing",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP8023 1.1.1"})
	EnvAttrType = register(Rule{ID: "ENV038", Title: "attribute value is not of its schema type",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP8023 1.1.1"})
	EnvRequiredExtension = register(Rule{ID: "ENV039", Title: "required extension from an unknown namespace",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.0.0 7.3"})
	EnvVendorExtension = register(Rule{ID: "ENV040", Title: "required vendor extension",
		Severity: report.Info, Spec: "DSP0243 1.1.0 7.3"})
	EnvMixedVersion = register(Rule{ID: "ENV041", Title: "element of the other OVF version in the envelope",
		Severity: report.Info, Strict: report.Warning, Spec: "DSP0243 1.1.0 7.3"})
	EnvUnknownChild = register(Rule{ID: "ENV042", Title: "required unknown element inside a known section",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.0.0 7.3"})
	EnvLang = register(Rule{ID: "ENV043", Title: "xml:lang is not a language tag",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.1.0 10"})
	EnvMsgID = register(Rule{ID: "ENV044", Title: "message id not defined in every Strings bundle",
		Severity: report.Warning, Spec: "DSP0243 1.1.0 10"})
	EnvStringsLang = register(Rule{ID: "ENV045", Title: "message bundle without xml:lang",
		Severity: report.Warning, Spec: "DSP0243 1.1.0 10"})
	EnvStringsFile = register(Rule{ID: "ENV046", Title: "external Strings bundle names no File",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.1.0 10"})
	EnvVersionAttr = register(Rule{ID: "ENV047", Title: "ovf:version attribute contradicts the namespace",
		Severity: report.Info, Spec: "DSP0243 1.1.0 7"})
	EnvEmptyCollection = register(Rule{ID: "ENV049", Title: "virtual system collection without a virtual system",
		Severity: report.Warning, Spec: "DSP0243 1.0.0 7.2"})
	EnvUndeclaredPrefixOptional = register(Rule{ID: "ENV050", Title: "undeclared namespace prefix only in a message bundle or an optional extension",
		Severity: report.Warning, Strict: report.Error, Spec: "Namespaces in XML 1.0 5"})
	EnvUndefinedOptional = register(Rule{ID: "ENV048", Title: "element in the OVF namespace that the schema does not define, marked ovf:required=\"false\"",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.1.0 7.3"})
)
