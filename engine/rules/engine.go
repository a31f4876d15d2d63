package rules

import "github.com/ovacheck/ovacheck/engine/report"

// Rules the engine itself raises when it assembles a package (PKG050-PKG069).
var (
	PkgNoDescriptor = register(Rule{ID: "PKG050", Title: "no OVF descriptor in the package",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.1"})
	PkgManyDescriptors = register(Rule{ID: "PKG051", Title: "more than one OVF descriptor",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.1"})
	PkgDescriptorTooLarge = register(Rule{ID: "PKG052", Title: "descriptor, manifest or certificate too large to check",
		Severity: report.Error})
	PkgWholeFileMismatch = register(Rule{ID: "PKG053", Title: "whole-file checksum differs from the one expected",
		Severity: report.Error})
	PkgDescriptorOnly = register(Rule{ID: "PKG054", Title: "descriptor checked on its own",
		Severity: report.Info})
)

// Rules about chunked files (ovf:chunkSize), which need both the
// descriptor and the package's members (REF040-REF049).
var (
	RefChunkMissing = register(Rule{ID: "REF040", Title: "chunk of a chunked file missing",
		Severity: report.Error, Spec: "DSP0243 1.1.0 7.1"})
	RefChunkWrongSize = register(Rule{ID: "REF041", Title: "chunk not of the declared chunk size",
		Severity: report.Error, Spec: "DSP0243 1.1.0 7.1"})
	RefChunkStray = register(Rule{ID: "REF042", Title: "member named like a chunk that the file does not have",
		Severity: report.Error, Spec: "DSP0243 1.1.0 7.1"})
	RefLooksChunked = register(Rule{ID: "REF043", Title: "file looks chunked but has no ovf:chunkSize",
		Severity: report.Warning})
)
