package rules

import "github.com/ovacheck/ovacheck/engine/report"

// Archive rules (PKG001-PKG049): what the input file is, whether its tar
// headers can be read and the archive is whole, and how its members are
// named, typed and ordered. Package engine/archive raises them.
//
// Severities follow the compat profile: what makes VMware's tools or
// another major consumer refuse the archive is an error; a departure from
// DSP0243 5.3 that consumers tolerate is a warning in compat and an error
// in strict where the standard is explicit.
var (
	// What the input is. A gzip-compressed tar and a zip are still checked
	// inside (engine ovagz.go, ovazip.go); PKG001 and PKG002 then say the
	// package was checked inside, and what it is.

	PkgCompressed = register(Rule{ID: "PKG001", Title: "archive is compressed as a whole",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.3"})
	PkgZip = register(Rule{ID: "PKG002", Title: "archive is a zip file, not a tar",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.3"})
	PkgBareDescriptor = register(Rule{ID: "PKG003", Title: "file is an OVF descriptor, not an OVA",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.3"})
	PkgEmpty = register(Rule{ID: "PKG004", Title: "file is empty",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.3"})
	PkgNotTar = register(Rule{ID: "PKG005", Title: "file is not a tar archive",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.3"})

	// Reading the tar headers.

	PkgBadChecksum = register(Rule{ID: "PKG006", Title: "tar header has a bad checksum",
		Severity: report.Error})
	PkgBadHeader = register(Rule{ID: "PKG007", Title: "tar header cannot be read",
		Severity: report.Error})
	PkgTruncated = register(Rule{ID: "PKG008", Title: "archive is truncated",
		Severity: report.Error})
	PkgNoEndBlocks = register(Rule{ID: "PKG009", Title: "end-of-archive blocks missing",
		Severity: report.Warning})
	PkgTrailingData = register(Rule{ID: "PKG010", Title: "data after the end of the archive",
		Severity: report.Warning})
	PkgTooManyMembers = register(Rule{ID: "PKG011", Title: "too many archive members to check",
		Severity: report.Error})
	PkgNameTooLong = register(Rule{ID: "PKG012", Title: "member name too long to check",
		Severity: report.Error})
	PkgNotDotOVA = register(Rule{ID: "PKG013", Title: "archive file name does not end in .ova",
		Severity: report.Warning, Spec: "DSP0243 1.1.0 5.3"})

	// Member order.

	PkgDescriptorNotFirst = register(Rule{ID: "PKG020", Title: "descriptor is not the first member",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.3"})
	PkgSidecarPlacement = register(Rule{ID: "PKG021", Title: "manifest or certificate in the wrong place",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.1.0 5.3"})
	PkgDataOrder = register(Rule{ID: "PKG022", Title: "files not in References order",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.1.0 5.3"})

	// Member names and types.

	PkgDuplicateMember = register(Rule{ID: "PKG023", Title: "two members with the same name",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.3"})
	PkgUnsafeName = register(Rule{ID: "PKG024", Title: "unsafe member name",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.3"})
	PkgDotSlash = register(Rule{ID: "PKG025", Title: "member name starts with ./",
		Severity: report.Warning})
	PkgSubdirectory = register(Rule{ID: "PKG026", Title: "member in a subdirectory",
		Severity: report.Warning})
	PkgSpecialMember = register(Rule{ID: "PKG027", Title: "link, device or other special member",
		Severity: report.Error})
	PkgDirectoryMember = register(Rule{ID: "PKG028", Title: "directory member",
		Severity: report.Warning})
	PkgExtensionCase = register(Rule{ID: "PKG029", Title: "extension of the descriptor, manifest or certificate not in lower case",
		Severity: report.Warning, Spec: "DSP0243 1.1.0 5.1"})
	PkgBaseName = register(Rule{ID: "PKG030", Title: "manifest or certificate named differently from the descriptor",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.1"})
	PkgUnreferenced = register(Rule{ID: "PKG031", Title: "member not referenced by the descriptor",
		Severity: report.Warning, Spec: "DSP0243 2.1.0 5.1"})

	// Tar dialect.

	PkgTarDialect = register(Rule{ID: "PKG032", Title: "tar headers are not POSIX ustar",
		Severity: report.Info, Strict: report.Warning, Spec: "DSP0243 1.1.0 5.3"})
	PkgPAX = register(Rule{ID: "PKG033", Title: "archive uses PAX extended headers",
		Severity: report.Warning, Spec: "DSP0243 1.1.0 5.3"})
	PkgBase256Size = register(Rule{ID: "PKG034", Title: "member size in GNU base-256 encoding",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.1.0 5.3"})
)
