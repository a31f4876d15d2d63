package rules

import "github.com/ovacheck/ovacheck/engine/report"

// References rules (REF001-REF099): the File elements of References, their
// hrefs, and whether each names a file of the package with the size the
// descriptor states.
var (
	RefNoID = register(Rule{ID: "REF001", Title: "file without ovf:id",
		Severity: report.Error, Spec: "DSP0243 1.1.0 7.1"})
	RefNoHref = register(Rule{ID: "REF002", Title: "file without ovf:href",
		Severity: report.Error, Spec: "DSP0243 1.1.0 7.1"})
	RefDupID = register(Rule{ID: "REF003", Title: "two Files share an ovf:id",
		Severity: report.Error, Spec: "DSP0243 1.1.0 7.1"})
	RefDupHref = register(Rule{ID: "REF004", Title: "two Files reference the same file",
		Severity: report.Error, Spec: "DSP0243 1.1.0 7.1"})
	RefURL = register(Rule{ID: "REF005", Title: "href is a URL, not a file of the package",
		Severity: report.Warning, Spec: "DSP0243 1.1.0 7.1"})
	RefOutsideOVA = register(Rule{ID: "REF006", Title: "href in an OVA points outside the archive",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.3"})
	RefAbsolute = register(Rule{ID: "REF007", Title: "href is an absolute path",
		Severity: report.Error, Spec: "DSP0243 1.1.0 7.1"})
	RefDotDot = register(Rule{ID: "REF008", Title: "href climbs out of the package folder",
		Severity: report.Warning, Spec: "DSP0243 1.1.0 7.1"})
	RefBackslash = register(Rule{ID: "REF009", Title: "href contains a backslash",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.1.0 7.1"})
	RefNeedsEscape = register(Rule{ID: "REF010", Title: "href has characters that need percent-encoding",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.1.0 7.1", Trait: true})
	RefMissing = register(Rule{ID: "REF011", Title: "referenced file is not in the package",
		Severity: report.Error, Spec: "DSP0243 1.1.0 7.1"})
	RefSizeMismatch = register(Rule{ID: "REF012", Title: "ovf:size differs from the file's size",
		Severity: report.Error, Spec: "DSP0243 1.1.0 7.1"})
	RefSizeSyntax = register(Rule{ID: "REF013", Title: "ovf:size is not a byte count",
		Severity: report.Error, Spec: "DSP8023 1.1.1 File_Type"})
	RefChunkSize = register(Rule{ID: "REF014", Title: "ovf:chunkSize is not a positive byte count",
		Severity: report.Error, Spec: "DSP0243 1.1.0 7.1"})
	RefCompression = register(Rule{ID: "REF015", Title: "unsupported ovf:compression",
		Severity: report.Error, Spec: "DSP0243 1.1.0 7.1"})
	RefSizeNegative = register(Rule{ID: "REF017", Title: "ovf:size is -1 or -2, for an unknown size",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP8023 1.1.1 File_Type"})
	RefUNC = register(Rule{ID: "REF018", Title: "href is a Windows UNC path",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.0.0 7.1"})
	RefBzip2 = register(Rule{ID: "REF016", Title: "bzip2 compression has little support",
		Severity: report.Warning, Spec: "DSP8023 1.1.1 File_Type"})
)
