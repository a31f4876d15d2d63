package rules

import "github.com/ovacheck/ovacheck/engine/report"

// Manifest rules (MF001-MF099): the .mf file's syntax in the dialects seen
// in the wild, which files it covers, and whether its digests hold.
//
// Severities follow the compat profile's definition: a line form that makes
// a major consumer (vSphere/ESXi, virt-v2v, VirtualBox) refuse the package
// or skip the check is an error or a warning; a deviation every consumer
// tolerates is info. The docs/MFxxx.md of each rule names the consumers.
var (
	// Syntax of one line.

	MfNotDigestLine = register(Rule{ID: "MF001", Title: "manifest line is not a digest entry",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.1"})
	MfSpacedForm = register(Rule{ID: "MF002", Title: "spaces around the algorithm name or the equals sign",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.1"})
	MfDigestMismatch = register(Rule{ID: "MF003", Title: "digest does not match the file",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.1"})
	MfNoSpaceAfterEquals = register(Rule{ID: "MF004", Title: "no space after the equals sign",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.1.0 5.1"})
	MfAlgorithmSpelling = register(Rule{ID: "MF005", Title: "non-standard spelling of the digest algorithm",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.1", Trait: true})
	MfAlgorithmNotAccepted = register(Rule{ID: "MF006", Title: "digest algorithm not accepted for integrity",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.1"})
	MfUpperCaseHex = register(Rule{ID: "MF007", Title: "upper-case hexadecimal digest",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.1"})
	MfDigestMalformed = register(Rule{ID: "MF008", Title: "digest is not hexadecimal of the algorithm's length",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.1"})
	MfCRLF = register(Rule{ID: "MF009", Title: "manifest lines end in CR LF",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.1.0 5.1"})
	MfPadding = register(Rule{ID: "MF010", Title: "blank lines, padding or no final newline in the manifest",
		Severity: report.Info, Strict: report.Warning, Spec: "DSP0243 1.1.0 5.1"})
	MfEmpty = register(Rule{ID: "MF011", Title: "manifest lists no files",
		Severity: report.Warning, Spec: "DSP0243 1.1.0 5.1"})
	MfNotUTF8 = register(Rule{ID: "MF012", Title: "manifest is not valid UTF-8",
		Severity: report.Warning})

	// Choice of algorithms.

	MfNewAlgorithmInOld = register(Rule{ID: "MF013", Title: "digest algorithm newer than the OVF 0.9 or 1.x grammar",
		Severity: report.Info, Strict: report.Warning, Spec: "DSP0243 1.1.0 5.1"})
	MfSHA512 = register(Rule{ID: "MF014", Title: "digests in SHA-512, which not every consumer checks",
		Severity: report.Warning})
	MfSHA1 = register(Rule{ID: "MF015", Title: "digests in SHA-1, which is weak",
		Severity: report.Info})
	MfMixedAlgorithms = register(Rule{ID: "MF016", Title: "more than one digest algorithm in the manifest",
		Severity: report.Warning})
	MfDuplicate = register(Rule{ID: "MF017", Title: "file listed more than once",
		Severity: report.Warning})
	MfConflictingDigests = register(Rule{ID: "MF018", Title: "file listed twice with different digests",
		Severity: report.Error})
	MfTrailingBlanks = register(Rule{ID: "MF019", Title: "blanks after the digest",
		Severity: report.Warning, Spec: "DSP0243 1.1.0 5.1"})

	// Coverage: which files the manifest lists.

	MfDescriptorNotListed = register(Rule{ID: "MF020", Title: "descriptor not listed in the manifest",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.1.0 5.1"})
	MfFileNotListed = register(Rule{ID: "MF021", Title: "referenced file not listed in the manifest",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.1"})
	MfListedFileAbsent = register(Rule{ID: "MF022", Title: "manifest lists a file the package does not have",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.1"})
	MfListedNotReferenced = register(Rule{ID: "MF023", Title: "manifest lists a file the descriptor does not reference",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 2.1.0 5.1"})
	MfListsItself = register(Rule{ID: "MF024", Title: "manifest lists itself or the certificate",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.1"})
	MfNameMismatch = register(Rule{ID: "MF025", Title: "manifest name differs from the file's name in case or a ./ prefix",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.1"})
)
