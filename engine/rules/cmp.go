package rules

import "github.com/ovacheck/ovacheck/engine/report"

// Target compatibility rules (CMP001-CMP099): one rule per kind of fact a
// target profile (package compat) holds about a consumer. A finding names
// the target and the fact; its severity is error when the target refuses
// the package and warning when it imports it with a loss or a warning, so
// the default severity below is only what a finding starts with.
var (
	CmpHardwareFamily = register(Rule{ID: "CMP001", Title: "virtual hardware family the target refuses",
		Severity: report.Error})
	CmpFamilyUnknown = register(Rule{ID: "CMP002", Title: "no virtual hardware family the target knows",
		Severity: report.Warning})
	CmpOVF2 = register(Rule{ID: "CMP003", Title: "descriptor in OVF 2.x, which the target cannot read",
		Severity: report.Error})
	CmpManifestForm = register(Rule{ID: "CMP004", Title: "manifest line form the target refuses",
		Severity: report.Error})
	CmpManifestAlgorithm = register(Rule{ID: "CMP005", Title: "manifest algorithm the target does not check",
		Severity: report.Warning})
	CmpTarFormat = register(Rule{ID: "CMP006", Title: "tar header format the target does not support",
		Severity: report.Error})
	CmpCompressed = register(Rule{ID: "CMP007", Title: "compressed file the target cannot read",
		Severity: report.Error})
	CmpChunked = register(Rule{ID: "CMP008", Title: "chunked file the target cannot read",
		Severity: report.Error})
	CmpResourceType = register(Rule{ID: "CMP009", Title: "device type the target refuses",
		Severity: report.Error})
	CmpSubType = register(Rule{ID: "CMP010", Title: "device subtype the target refuses",
		Severity: report.Error})
	CmpDiskFormat = register(Rule{ID: "CMP011", Title: "disk format the target cannot import",
		Severity: report.Error})
	CmpGuestOS = register(Rule{ID: "CMP012", Title: "guest operating system newer than the target",
		Severity: report.Warning})
	CmpOVF09 = register(Rule{ID: "CMP013", Title: "descriptor in pre-standard OVF 0.9, which the target cannot read",
		Severity: report.Error})
	CmpDescriptorFirst = register(Rule{ID: "CMP014", Title: "descriptor not the first archive member",
		Severity: report.Error})
	CmpUnlisted = register(Rule{ID: "CMP015", Title: "archive member missing from the manifest",
		Severity: report.Error})
	CmpPropertyType = register(Rule{ID: "CMP016", Title: "property type the target refuses",
		Severity: report.Error})
	CmpVendorConfig = register(Rule{ID: "CMP017", Title: "firmware or NVRAM settings the target ignores",
		Severity: report.Warning})
	CmpMemoryUnits = register(Rule{ID: "CMP018", Title: "memory units the target misreads or refuses",
		Severity: report.Error})
	CmpDiskName = register(Rule{ID: "CMP019", Title: "disk file name the target cannot import",
		Severity: report.Error})
	CmpManifestLast = register(Rule{ID: "CMP020", Title: "manifest after the files, which a streaming consumer reads too late",
		Severity: report.Warning})
	CmpNoHardDisk = register(Rule{ID: "CMP021", Title: "no hard disk where the target looks for one",
		Severity: report.Error})
)
