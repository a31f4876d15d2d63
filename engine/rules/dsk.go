package rules

import "github.com/ovacheck/ovacheck/engine/report"

// Disk rules from the descriptor (DSK001-DSK019): the DiskSection's Disk
// elements, their ids, files, capacities, units and formats. DSK020 and up
// are about the disk images themselves.
var (
	DskNoID = register(Rule{ID: "DSK001", Title: "disk without ovf:diskId",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.1"})
	DskDupID = register(Rule{ID: "DSK002", Title: "two Disks share an ovf:diskId",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.1"})
	DskFileRef = register(Rule{ID: "DSK003", Title: "disk fileRef names no File",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.1"})
	DskNoCapacity = register(Rule{ID: "DSK004", Title: "disk without ovf:capacity",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.1"})
	DskCapacity = register(Rule{ID: "DSK005", Title: "disk capacity is not a positive integer",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.1"})
	DskUnits = register(Rule{ID: "DSK006", Title: "capacity units are not DSP0004 programmatic units of bytes",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.1; DSP0004 Annex C"})
	DskLegacyUnits = register(Rule{ID: "DSK007", Title: "capacity units in a legacy spelling",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0004 Annex C"})
	DskUnknownFormat = register(Rule{ID: "DSK008", Title: "unknown disk format URI",
		Severity: report.Warning, Spec: "DSP0243 1.1.0 5.2"})
	DskNoFormat = register(Rule{ID: "DSK009", Title: "disk with a file but no ovf:format",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.1.0 9.1"})
	DskSharedFile = register(Rule{ID: "DSK010", Title: "two Disks use the same File",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.1.0 9.1"})
	DskPopulated = register(Rule{ID: "DSK011", Title: "populatedSize larger than the capacity",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.1"})
	DskParent = register(Rule{ID: "DSK012", Title: "disk parentRef names no other Disk",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.1"})
	DskCapacityProperty = register(Rule{ID: "DSK013", Title: "capacity names an undefined property",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.1"})
	DskOrder = register(Rule{ID: "DSK014", Title: "disks not in the order of their Files",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.1"})
)
