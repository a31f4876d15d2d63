package conformance

// The DSP8023 element types as Go tables. Each elemType lists its OVF
// children in xs:sequence order with their cardinality, and its OVF
// attributes with presence and type. Facts are from the flattened XSD
// summaries of DSP8023 1.0.0, 1.1.1 and 2.0.1 (reference/xsd/summary_*):
// where the versions differ, the table follows 1.1.1 for envelope/1 and
// 2.0.1 for envelope/2, and fields say which version a fact belongs to.
//
// Info is not listed: every section and Content has Info as its first child
// and rule ENV031 checks that on its own. Attributes whose presence or value
// another rule already judges (File ids, Disk ids and capacities, Network
// names, Property keys and types, the numbers of StartupSection and
// InstallSection) are left out, so one problem gives one finding.

// unbounded is the maxOccurs of an xs:sequence member without a limit.
const unbounded = -1

// child is one member of an element's sequence.
type child struct {
	name     string
	typ      string // the elemType of the child, "" when not checked further
	min, max int
	// alt puts the child in the same sequence slot as the one before it
	// (an xs:choice, e.g. Category and Property).
	alt bool
	// v2 marks a child that only OVF 2.x defines.
	v2 bool
}

// attr is one OVF attribute of an element type.
type attr struct {
	name     string
	required bool
	// v2Required: required only in OVF 2.x (and 1.1.1, see InstallSection).
	typ string // "boolean", "unsignedShort", "unsignedInt", "unsignedLong", "long" or "" (any string)
}

// elemType describes one element type.
type elemType struct {
	children []child
	attrs    []attr
	// section is true for members of the ovf:Section substitution group,
	// whose first child is Info.
	section bool
}

// schemaTypes maps a type name (the element name, or a context-qualified
// name such as "StartupItem") to its description.
var schemaTypes = map[string]*elemType{
	"References": {children: []child{{name: "File", min: 0, max: unbounded}}},
	"DiskSection": {section: true, children: []child{
		{name: "Disk", min: 0, max: unbounded}}},
	"NetworkSection": {section: true, children: []child{
		{name: "Network", typ: "Network", min: 0, max: unbounded}}},
	"Network": {children: []child{
		{name: "Description", min: 0, max: 1},
		{name: "NetworkPortProfile", min: 0, max: unbounded, v2: true},
		{name: "NetworkPortProfileURI", min: 0, max: unbounded, v2: true, alt: true}}},
	"DeploymentOptionSection": {section: true, children: []child{
		{name: "Configuration", typ: "Configuration", min: 1, max: unbounded}}},
	"Configuration": {
		children: []child{{name: "Label", typ: "Msg", min: 1, max: 1}, {name: "Description", typ: "Msg", min: 1, max: 1}},
		attrs:    []attr{{name: "id", required: true}, {name: "default", typ: "boolean"}}},
	"ResourceAllocationSection": {section: true, children: []child{
		{name: "Item", min: 0, max: unbounded},
		{name: "EthernetPortItem", min: 0, max: unbounded, v2: true},
		{name: "StorageItem", min: 0, max: unbounded, v2: true}}},
	"VirtualHardwareSection": {section: true, children: []child{
		{name: "System", min: 0, max: 1},
		{name: "Item", min: 0, max: unbounded},
		{name: "EthernetPortItem", min: 0, max: unbounded, v2: true},
		{name: "StorageItem", min: 0, max: unbounded, v2: true}}},
	"AnnotationSection": {section: true, children: []child{
		{name: "Annotation", typ: "Msg", min: 1, max: 1}}},
	"EulaSection": {section: true, children: []child{
		{name: "License", typ: "Msg", min: 1, max: 1}}},
	"ProductSection": {section: true,
		children: []child{
			{name: "Product", typ: "Msg", min: 0, max: 1},
			{name: "Vendor", typ: "Msg", min: 0, max: 1},
			{name: "Version", min: 0, max: 1},
			{name: "FullVersion", min: 0, max: 1},
			{name: "ProductUrl", min: 0, max: 1},
			{name: "VendorUrl", min: 0, max: 1},
			{name: "AppUrl", min: 0, max: 1},
			{name: "Icon", typ: "Icon", min: 0, max: unbounded},
			{name: "Category", typ: "Msg", min: 0, max: unbounded},
			{name: "Property", typ: "Property", min: 0, max: unbounded, alt: true}},
		attrs: []attr{{name: "class"}, {name: "instance"}}},
	"Icon": {attrs: []attr{{name: "fileRef", required: true}, {name: "height", typ: "unsignedShort"},
		{name: "width", typ: "unsignedShort"}, {name: "mimeType"}}},
	"Property": {
		children: []child{
			{name: "Label", typ: "Msg", min: 0, max: 1},
			{name: "Description", typ: "Msg", min: 0, max: 1},
			{name: "Value", typ: "PropertyValue", min: 0, max: unbounded}},
		attrs: []attr{{name: "userConfigurable", typ: "boolean"}, {name: "password", typ: "boolean"}}},
	"PropertyValue":          {attrs: []attr{{name: "value", required: true}}},
	"StartupSection":         {section: true, children: []child{{name: "Item", typ: "StartupItem", min: 0, max: unbounded}}},
	"StartupItem":            {attrs: []attr{{name: "id", required: true}, {name: "order", required: true}, {name: "waitingForGuest", typ: "boolean"}}},
	"OperatingSystemSection": {section: true, children: []child{{name: "Description", typ: "Msg", min: 0, max: 1}}},
	"InstallSection":         {section: true},
	"SecuritySection":        {section: true, children: []child{{name: "Security", min: 0, max: unbounded}}},
	"EnvironmentFilesSection": {section: true,
		children: []child{{name: "File", typ: "EnvironmentFile", min: 0, max: unbounded}}},
	"EnvironmentFile":   {attrs: []attr{{name: "fileRef", required: true}, {name: "path", required: true}}},
	"BootDeviceSection": {section: true},
	"SharedDiskSection": {section: true, children: []child{{name: "SharedDisk", typ: "SharedDisk", min: 1, max: unbounded}}},
	"SharedDisk": {attrs: []attr{{name: "diskId", required: true}, {name: "capacity", required: true},
		{name: "readOnly", typ: "boolean"}, {name: "populatedSize", typ: "long"}}},
	"ScaleOutSection": {section: true,
		children: []child{{name: "Description", typ: "Msg", min: 0, max: 1}, {name: "InstanceCount", typ: "InstanceCount", min: 1, max: unbounded}},
		attrs:    []attr{{name: "id", required: true}}},
	"InstanceCount": {attrs: []attr{{name: "default", required: true, typ: "unsignedInt"},
		{name: "minimum", typ: "unsignedInt"}, {name: "maximum", typ: "unsignedInt"}}},
	"PlacementGroupSection": {section: true,
		children: []child{{name: "Description", typ: "Msg", min: 0, max: 1}},
		attrs:    []attr{{name: "id", required: true}, {name: "policy", required: true}}},
	"PlacementSection":  {section: true, attrs: []attr{{name: "group", required: true}}},
	"EncryptionSection": {section: true},
	"Strings":           {children: []child{{name: "Msg", typ: "StringsMsg", min: 0, max: unbounded}}},
	"StringsMsg":        {attrs: []attr{{name: "msgid", required: true}}},
}

// placement says where a section may appear and how often (DSP0243 1.0.0
// Table 5, extended with the OVF 2.x sections; the 2.x placements are
// recalled from DSP0243 2.x rather than read in it, which is one reason
// ENV032 and ENV033 are warnings in the compat profile).
type placement struct {
	envelope, system, collection bool
	// once: at most one per parent.
	once bool
	// v2: defined only by OVF 2.x.
	v2 bool
	// v10: defined only by OVF 1.0 (SecuritySection, dropped in 1.1).
	v10 bool
}

var placements = map[string]placement{
	"DiskSection":               {envelope: true, once: true},
	"NetworkSection":            {envelope: true, once: true},
	"DeploymentOptionSection":   {envelope: true, once: true},
	"ResourceAllocationSection": {collection: true, once: true},
	"AnnotationSection":         {system: true, collection: true, once: true},
	"ProductSection":            {system: true, collection: true},
	"EulaSection":               {system: true, collection: true},
	"StartupSection":            {collection: true, once: true},
	"OperatingSystemSection":    {system: true, once: true},
	"InstallSection":            {system: true, once: true},
	"VirtualHardwareSection":    {system: true},
	"SecuritySection":           {envelope: true, system: true, collection: true, v10: true},
	"EnvironmentFilesSection":   {system: true, once: true, v2: true},
	"BootDeviceSection":         {system: true, v2: true},
	"SharedDiskSection":         {envelope: true, once: true, v2: true},
	"ScaleOutSection":           {collection: true, v2: true},
	"PlacementGroupSection":     {envelope: true, collection: true, v2: true},
	"PlacementSection":          {system: true, collection: true, once: true, v2: true},
	"EncryptionSection":         {envelope: true, once: true, v2: true},
}

// vendorNamespaces are extension namespaces of well-known producers: their
// sections are understood by that producer's own consumers and ignored (or
// refused, when required) by the others.
var vendorNamespaces = map[string]string{
	"http://www.vmware.com/schema/ovf":         "VMware",
	"http://www.virtualbox.org/ovf/machine":    "VirtualBox",
	"http://www.vmware.com/vcloud/v1.5":        "vCloud Director",
	"http://www.vmware.com/vcloud/v1":          "vCloud Director",
	"http://www.vmware.com/vcloud":             "vCloud Director",
	"http://www.citrix.com/xenclient/ovf/1":    "Citrix XenClient",
	"http://schemas.citrix.com/ovf/envelope/1": "Citrix XenServer",
	"http://www.vmware.com/schema/vadk":        "VMware Studio",
}
