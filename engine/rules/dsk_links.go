package rules

import "github.com/ovacheck/ovacheck/engine/report"

// Disk rules (DSK070-DSK099, code in conformance/dsk_links.go): what the
// descriptor alone says about its disks beyond DSK001-DSK014.
var (
	DskCapacityPropertyType = register(Rule{ID: "DSK070", Title: "capacity names a property that is not an integer",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.1"})
	DskEmptyPopulated = register(Rule{ID: "DSK071", Title: "empty disk with a populatedSize",
		Severity: report.Info, Spec: "DSP0243 1.1.0 9.1"})
	DskParentOrder = register(Rule{ID: "DSK072", Title: "disk before its parent, or parents in a loop",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.1"})
	DskUnused = register(Rule{ID: "DSK073", Title: "disk attached to no device",
		Severity: report.Info})
	DskPopulatedSyntax = register(Rule{ID: "DSK074", Title: "populatedSize is not a byte count",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP8023 1.1.1 VirtualDiskDesc_Type"})
	DskSharedRef = register(Rule{ID: "DSK075", Title: "host resource names no SharedDisk",
		Severity: report.Warning, Spec: "DSP8023 2.0.1 SharedDiskSection_Type"})
)
