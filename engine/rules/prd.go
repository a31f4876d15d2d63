package rules

import "github.com/ovacheck/ovacheck/engine/report"

// Product and other section rules (PRD001-PRD099): ProductSection and its
// properties, DeploymentOptionSection and every ovf:configuration reference,
// StartupSection, InstallSection, EulaSection, AnnotationSection,
// OperatingSystemSection and the OVF 2.x sections.
var (
	PrdNoKey = register(Rule{ID: "PRD001", Title: "property without ovf:key",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.5"})
	PrdDupKey = register(Rule{ID: "PRD002", Title: "property key repeated in a ProductSection",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.5"})
	PrdNoType = register(Rule{ID: "PRD003", Title: "property without ovf:type",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.5"})
	PrdType = register(Rule{ID: "PRD004", Title: "property type not defined by DSP0243",
		Severity: report.Error, Spec: "DSP0243 1.1.0 Table 6"})
	PrdVendorType = register(Rule{ID: "PRD005", Title: "property type only VMware defines",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.1.0 Table 6"})
	PrdQualifiers = register(Rule{ID: "PRD006", Title: "qualifiers malformed or not allowed for the type",
		Severity: report.Error, Spec: "DSP0243 1.1.0 Table 7"})
	PrdValueType = register(Rule{ID: "PRD007", Title: "property value is not of the property's type",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.5"})
	PrdBoolSpelling = register(Rule{ID: "PRD008", Title: "boolean written other than true or false",
		Severity: report.Warning, Spec: "DSP0243 1.1.0 Table 6"})
	PrdValueQualifier = register(Rule{ID: "PRD009", Title: "property value breaks its qualifiers",
		Severity: report.Error, Spec: "DSP0243 1.1.0 Table 7"})
	PrdClassInstance = register(Rule{ID: "PRD010", Title: "two ProductSections share ovf:class and ovf:instance",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.5"})
	PrdEnvKey = register(Rule{ID: "PRD011", Title: "two properties give the guest the same key",
		Severity: report.Warning, Spec: "DSP0243 1.1.0 9.5"})
	PrdPasswordDefault = register(Rule{ID: "PRD012", Title: "password property ships a default value",
		Severity: report.Warning, Spec: "DSP8023 1.1.1 Property"})
	PrdFixedNoValue = register(Rule{ID: "PRD013", Title: "property neither configurable nor given a value",
		Severity: report.Warning, Spec: "DSP0243 1.1.0 9.5"})
	PrdValueTwice = register(Rule{ID: "PRD014", Title: "two Values of a property for one configuration",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.8"})
	PrdEmptyCategory = register(Rule{ID: "PRD015", Title: "category with no properties",
		Severity: report.Info, Spec: "DSP0243 1.1.0 9.5"})
	PrdURL = register(Rule{ID: "PRD016", Title: "product or vendor URL is not an absolute URL",
		Severity: report.Warning, Spec: "DSP0243 1.1.0 9.5"})
	PrdIcon = register(Rule{ID: "PRD017", Title: "icon names no File",
		Severity: report.Error, Spec: "DSP8023 1.1.1 ProductSection_Type"})
	PrdVendorQualifier = register(Rule{ID: "PRD019", Title: "qualifier only VMware defines",
		Severity: report.Info, Strict: report.Error, Spec: "DSP0243 1.1.0 Table 7"})
	PrdNoProductName = register(Rule{ID: "PRD018", Title: "package's first ProductSection names no product",
		Severity: report.Warning, Spec: "DSP0243 1.1.0 9.5"})

	PrdConfigRef = register(Rule{ID: "PRD020", Title: "ovf:configuration names no deployment option",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.8"})
	PrdConfigDupID = register(Rule{ID: "PRD021", Title: "two deployment options share an id",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.8"})
	PrdConfigDefaults = register(Rule{ID: "PRD022", Title: "more than one default deployment option",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.8"})
	PrdConfigUnused = register(Rule{ID: "PRD023", Title: "deployment option that changes nothing",
		Severity: report.Info, Spec: "DSP0243 1.1.0 9.8"})

	PrdStartupID = register(Rule{ID: "PRD030", Title: "startup entry names no member of the collection",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.7"})
	PrdStartupNumber = register(Rule{ID: "PRD031", Title: "startup order or delay is not a non-negative integer",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.7"})
	PrdStartupAction = register(Rule{ID: "PRD032", Title: "start or stop action is not a defined value",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.7"})
	PrdStartupDup = register(Rule{ID: "PRD033", Title: "two startup entries for one member",
		Severity: report.Warning, Spec: "DSP0243 1.1.0 9.7"})
	PrdInstallDelay = register(Rule{ID: "PRD034", Title: "install section without a valid initialBootStopDelay",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP8023 1.1.1 InstallSection_Type"})
	PrdEulaEmpty = register(Rule{ID: "PRD035", Title: "licence agreement with no text",
		Severity: report.Warning, Spec: "DSP0243 1.1.0 9.6"})
	PrdOSID = register(Rule{ID: "PRD036", Title: "operating system without a numeric ovf:id",
		Severity: report.Error, Spec: "DSP0243 1.1.0 9.9"})
	PrdOSUnknown = register(Rule{ID: "PRD037", Title: "operating system id outside the CIM value map",
		Severity: report.Warning, Spec: "CIM_OperatingSystem.OsType"})
	PrdLongText = register(Rule{ID: "PRD038", Title: "description longer than vCloud Director accepts",
		Severity: report.Info})

	PrdScaleOut = register(Rule{ID: "PRD040", Title: "scale-out counts out of order",
		Severity: report.Error, Spec: "DSP8023 2.0.1 ScaleOutSection_Type"})
	PrdScaleOutID = register(Rule{ID: "PRD041", Title: "scale-out section names no member of the collection",
		Severity: report.Error, Spec: "DSP8023 2.0.1 ScaleOutSection_Type"})
	PrdPlacementGroup = register(Rule{ID: "PRD042", Title: "placement names no placement group",
		Severity: report.Error, Spec: "DSP8023 2.0.1 PlacementSection_Type"})
	PrdPlacementPolicy = register(Rule{ID: "PRD043", Title: "unknown placement policy",
		Severity: report.Warning, Spec: "DSP8023 2.0.1 PlacementGroupSection_Type"})
	PrdEnvironmentFile = register(Rule{ID: "PRD044", Title: "environment file names no File or has an unsafe path",
		Severity: report.Error, Spec: "DSP8023 2.0.1 EnvironmentFilesSection_Type"})
	PrdEncrypted = register(Rule{ID: "PRD045", Title: "package declares encrypted content",
		Severity: report.Info, Spec: "DSP8023 2.0.1 EncryptionSection_Type"})
)
