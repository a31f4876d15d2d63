// Package conformance checks an OVF descriptor against the rule catalogue
// beyond what package envelope's Parse and CrossCheck decide: the DSP8023
// 1.x and 2.x schemas written as Go tables (element order, cardinality,
// attribute presence and types, no XSD engine), section placement and
// multiplicity, Info as the first child of every section, ovf:required on
// extension sections, the CIM settings-data elements of System and Items,
// hardware sanity (addresses, backings, memory, processors, configurations,
// range markers, the iso transport), ProductSection properties (types,
// qualifiers, defaults, keys, classes and instances, passwords),
// DeploymentOptionSection and every ovf:configuration reference,
// StartupSection, InstallSection, EulaSection, AnnotationSection,
// OperatingSystemSection, Strings and ovf:msgid, and the OVF 2.x sections.
//
// It reads only the descriptor. Findings carry each rule's compat severity;
// the engine applies the strict profile from the rule's Strict field.
// OVF 0.9 descriptors are judged on the model envelope gives them (their
// xsi:typed Section and Content read as the 1.x elements) with 0.9's own
// conventions (ovf09.go). Descriptors in an unknown namespace are not
// judged here (the envelope findings already say what they are).
package conformance
