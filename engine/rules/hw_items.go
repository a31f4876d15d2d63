package rules

import "github.com/ovacheck/ovacheck/engine/report"

// Hardware item rules (HW030-HW099, code in conformance/hw_items.go): the CIM
// settings-data elements of System and Items as the schema defines them,
// and the sanity of the devices they describe (addresses, backings, memory,
// processors, configurations, range markers, the iso transport).
var (
	HwElementOrder = register(Rule{ID: "HW030", Title: "elements of an Item or System out of schema order",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP8023 1.1.1 RASD_Type"})
	HwElementRepeated = register(Rule{ID: "HW031", Title: "item element repeated that may occur once",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP8023 1.1.1 RASD_Type"})
	HwNoElementName = register(Rule{ID: "HW032", Title: "item or System without ElementName",
		Severity: report.Warning, Strict: report.Error, Spec: "CIM_ResourceAllocationSettingData"})
	HwNotNumber = register(Rule{ID: "HW033", Title: "item value is not of its CIM type",
		Severity: report.Error, Spec: "CIM_ResourceAllocationSettingData"})
	HwUndefinedElement = register(Rule{ID: "HW034", Title: "element in a CIM namespace the class does not define",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP8023 1.1.1 RASD_Type"})
	HwAddressTaken = register(Rule{ID: "HW035", Title: "two devices at one address on a controller",
		Severity: report.Warning, Spec: "DSP0243 1.1.0 Table 4"})
	HwManyBackings = register(Rule{ID: "HW036", Title: "device with more than one backing",
		Severity: report.Error, Spec: "DSP0243 1.1.0 8.3"})
	HwNoMemory = register(Rule{ID: "HW037", Title: "memory without a positive quantity",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.1.0 Table 4"})
	HwMemoryUnits = register(Rule{ID: "HW038", Title: "memory without AllocationUnits",
		Severity: report.Warning, Spec: "DSP0243 1.1.0 Table 4"})
	HwCPUCount = register(Rule{ID: "HW039", Title: "processor count missing or out of range",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.1.0 Table 4"})
	HwSingleton = register(Rule{ID: "HW040", Title: "more than one memory or processor Item in a configuration",
		Severity: report.Error, Spec: "DSP0243 1.0.0 9.8"})
	HwIsoTransport = register(Rule{ID: "HW041", Title: "iso transport without a disconnected CD-ROM",
		Severity: report.Error, Spec: "DSP0243 1.1.0 11.2"})
	HwTransportToken = register(Rule{ID: "HW042", Title: "transport is neither iso nor a URI",
		Severity: report.Warning, Spec: "DSP0243 1.1.0 8.1"})
	HwRangeMarker = register(Rule{ID: "HW043", Title: "range marker without a matching normal Item or outside its range",
		Severity: report.Error, Spec: "DSP0243 1.1.0 8.4"})
	HwOtherType = register(Rule{ID: "HW044", Title: "resource type Other without OtherResourceType",
		Severity: report.Info, Spec: "CIM_ResourceAllocationSettingData"})
	HwDriveNoParent = register(Rule{ID: "HW045", Title: "disk drive without a controller",
		Severity: report.Warning, Spec: "DSP0243 1.1.0 Table 4"})
	HwDiskTwice = register(Rule{ID: "HW046", Title: "one Disk attached to two drives",
		Severity: report.Warning, Spec: "DSP0243 1.1.0 8.3"})
	HwSystemNoID = register(Rule{ID: "HW047", Title: "hardware System without InstanceID",
		Severity: report.Warning, Strict: report.Error, Spec: "CIM_VirtualSystemSettingData"})
	HwValueMap = register(Rule{ID: "HW048", Title: "value outside the CIM value map",
		Severity: report.Warning, Spec: "CIM_ResourceAllocationSettingData"})
	HwNoFamily = register(Rule{ID: "HW049", Title: "no virtual hardware family",
		Severity: report.Info, Spec: "DSP0243 1.1.0 8.1"})
	HwHostResourceDoubleSlash = register(Rule{ID: "HW050", Title: "host resource written ovf://disk/ or ovf://file/",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.1.0 8.3"})
	HwUndefinedOptional = register(Rule{ID: "HW051", Title: "element the item's class does not define, marked ovf:required=\"false\"",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.0.0 8.2 Table 2"})
	HwRequiredExtension = register(Rule{ID: "HW052", Title: "required element of an unknown namespace in an Item",
		Severity: report.Error, Spec: "DSP0243 1.0.0 8.2 Table 2"})
	HwOptionalExtension = register(Rule{ID: "HW053", Title: "optional element of an unknown namespace in an Item",
		Severity: report.Warning, Spec: "DSP0243 1.0.0 8.2 Table 2"})
)
