package rules

import "github.com/ovacheck/ovacheck/engine/report"

// Hardware rules (HW001-HW099): VirtualHardwareSection and its Items
// (RASD, and the StorageItem and EthernetPortItem of OVF 2.x).
var (
	HwNoHardware = register(Rule{ID: "HW001", Title: "virtual system without VirtualHardwareSection",
		Severity: report.Error, Spec: "DSP0243 1.1.0 8.1"})
	HwNoResourceType = register(Rule{ID: "HW002", Title: "item without ResourceType",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.8"})
	HwNoInstanceID = register(Rule{ID: "HW003", Title: "item without InstanceID",
		Severity: report.Error, Spec: "DSP0243 1.1.0 8.3"})
	HwDupInstanceID = register(Rule{ID: "HW004", Title: "duplicate InstanceID",
		Severity: report.Error, Spec: "DSP0243 1.1.0 8.3"})
	HwParentUnknown = register(Rule{ID: "HW005", Title: "parent names no Item",
		Severity: report.Error, Spec: "DSP0243 1.1.0 8.3"})
	HwParentNotController = register(Rule{ID: "HW006", Title: "parent is not a controller",
		Severity: report.Error, Spec: "DSP0243 1.1.0 8.3"})
	HwHostResource = register(Rule{ID: "HW007", Title: "host resource names no Disk or File",
		Severity: report.Error, Spec: "DSP0243 1.1.0 8.3"})
	HwHostResourceLegacy = register(Rule{ID: "HW008", Title: "host resource in a non-standard form",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.1.0 8.3"})
	HwResourceType = register(Rule{ID: "HW009", Title: "resource type is not a valid value",
		Severity: report.Error, Spec: "CIM_ResourceAllocationSettingData"})
	HwResourceTypeReserved = register(Rule{ID: "HW010", Title: "resource type in the DMTF-reserved range",
		Severity: report.Warning, Spec: "CIM_ResourceAllocationSettingData"})
	HwLegacyInstanceID = register(Rule{ID: "HW011", Title: "instance id spelled the OVF 0.9 way",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP8023 1.1.1"})
	HwBound = register(Rule{ID: "HW012", Title: "ovf:bound is not min, max or normal",
		Severity: report.Error, Spec: "DSP0243 1.1.0 8.4"})
	HwVariantType = register(Rule{ID: "HW013", Title: "items sharing an InstanceID disagree on ResourceType",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.8"})
	HwUnits = register(Rule{ID: "HW014", Title: "allocation units are not programmatic units",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0004 Annex C"})
)
