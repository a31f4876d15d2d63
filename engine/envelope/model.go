package envelope

// Value is the text of one element (or attribute) the model keeps, with
// where it was written. Pos is zero when the descriptor does not have it.
type Value struct {
	Text string `json:"text"`
	Pos  Pos    `json:"pos"`
}

// Present reports whether the descriptor has the value.
func (v Value) Present() bool { return v.Pos.Known() }

// Envelope is a parsed OVF descriptor. Every model element keeps the Node it
// was built from (Node fields), so checks that need what the model leaves
// out (element order, vendor children) can walk the document as written.
type Envelope struct {
	// Member is the name the descriptor was parsed under.
	Member string
	// Version is Version09, Version1, Version2 or VersionUnknown.
	Version string
	// Namespace is the namespace URI of the document element.
	Namespace string
	Lang      string
	Pos       Pos
	// Root is the document element as written; nil when the document has
	// none (empty, refused or hopelessly malformed).
	Root *Node

	// References is nil when the Envelope has no References element.
	References     []File
	ReferencesNode *Node

	DiskSection       *DiskSection
	NetworkSection    *NetworkSection
	DeploymentOptions *DeploymentOptionSection
	// Content is the first top-level VirtualSystem or
	// VirtualSystemCollection; Contents lists them all (more than one is an
	// error).
	Content  *Content
	Contents []*Content
	// Sections lists every Envelope-level section (known or extension) in
	// document order.
	Sections []SectionRef
	Strings  []Strings

	// types holds each element's xsi:type; retyped marks the OVF 0.9
	// Section and Content elements renamed to their 1.x names
	// (build_09.go).
	types   map[*Node]TypeName
	retyped map[*Node]bool
}

// SectionRef names one section in document order.
type SectionRef struct {
	// Name is the section's local name; for OVF 0.9 "Section" elements it
	// is the xsi:type without prefix and "_Type" (e.g. "DiskSection").
	Name      string
	Namespace string
	// Known is true for sections DSP0243 defines.
	Known bool
	// Required is the ovf:required attribute; nil when absent (which
	// means true).
	Required *bool
	Pos      Pos
	Node     *Node
}

// File is one File of References.
type File struct {
	ID   string
	Href string
	// Size is nil when ovf:size is absent or not a number (SizeText keeps
	// what was written).
	Size        *int64
	SizeText    string
	Compression string
	ChunkSize   *int64
	Pos         Pos
	Node        *Node
}

// DiskSection is the Envelope's DiskSection.
type DiskSection struct {
	Info  string
	Disks []Disk
	Pos   Pos
	Node  *Node
}

// Disk is one Disk of the DiskSection.
type Disk struct {
	DiskID                  string
	FileRef                 string
	Capacity                string
	CapacityAllocationUnits string
	// CapacityBytes is the capacity with its units applied, or -1 when the
	// capacity or its units cannot be read (a ${property} reference, a
	// typo, an overflow).
	CapacityBytes int64
	Format        string
	PopulatedSize string
	ParentRef     string
	Pos           Pos
	Node          *Node
}

// NetworkSection is the Envelope's NetworkSection.
type NetworkSection struct {
	Networks []Network
	Pos      Pos
	Node     *Node
}

// Network is one logical network.
type Network struct {
	Name        string
	Description string
	Pos         Pos
	Node        *Node
}

// Content is a VirtualSystem or a VirtualSystemCollection with its sections.
type Content struct {
	// Kind is "VirtualSystem" or "VirtualSystemCollection".
	Kind  string
	ID    string
	HasID bool
	Info  string
	Name  string
	Pos   Pos

	Hardware           []VirtualHardwareSection
	ResourceAllocation *VirtualHardwareSection
	Products           []ProductSection
	Eulas              []EulaSection
	OS                 *OperatingSystemSection
	Annotation         *AnnotationSection
	Startup            *StartupSection
	Install            *InstallSection
	// Sections lists every section of this Content (known or extension) in
	// document order.
	Sections []SectionRef
	// Children are the Contents of a collection, in document order.
	Children []*Content
	Node     *Node
}

// VirtualHardwareSection describes one hardware configuration. A
// ResourceAllocationSection of a collection uses the same type.
type VirtualHardwareSection struct {
	// ID is the 1.1+ ovf:id attribute; Transport the ovf:transport list.
	ID         string
	Transport  string
	SystemType []string
	// System is the vssd System element, nil when absent.
	System *Node
	Items  []Item
	Pos    Pos
	Node   *Node
}

// Item is one RASD Item, or an OVF 2.x StorageItem (SASD) or
// EthernetPortItem (EPASD). Vendor children (vmw:Config and the like) are
// not modelled; they stay in Node.
type Item struct {
	// Kind is "Item", "StorageItem" or "EthernetPortItem".
	Kind string
	// Namespace is the namespace its CIM children were written in.
	Namespace string

	InstanceID Value
	// LegacyInstanceID is set when InstanceID was spelled "InstanceId".
	LegacyInstanceID     bool
	ResourceType         Value
	OtherResourceType    Value
	ResourceSubType      Value
	ElementName          Value
	Caption              Value
	Description          Value
	Parent               Value
	AddressOnParent      Value
	Address              Value
	HostResource         []Value
	Connection           []Value
	VirtualQuantity      Value
	VirtualQuantityUnits Value
	AllocationUnits      Value
	AutomaticAllocation  Value
	Reservation          Value
	Limit                Value

	// Required is ovf:required (nil when absent, which means true).
	Required *bool
	// Configuration is the ovf:configuration list as written.
	Configuration string
	// Bound is ovf:bound ("", "min", "max" or "normal").
	Bound string
	Pos   Pos
	Node  *Node
}

// ProductSection describes a product and its configurable properties.
type ProductSection struct {
	Class       string
	Instance    string
	Product     string
	Vendor      string
	Version     string
	FullVersion string
	ProductURL  string
	VendorURL   string
	AppURL      string
	Categories  []string
	Properties  []Property
	Pos         Pos
	Node        *Node
}

// Property is one Property of a ProductSection.
type Property struct {
	Key        string
	Type       string
	Qualifiers string
	// Value is the ovf:value default; HasValue tells an empty default from
	// none.
	Value            string
	HasValue         bool
	UserConfigurable bool
	Password         bool
	Label            string
	Description      string
	// Category is the Category heading the property follows, if any.
	Category string
	Values   []PropertyValue
	Pos      Pos
	Node     *Node
}

// PropertyValue is a per-configuration Value of a Property.
type PropertyValue struct {
	Value         string
	Configuration string
	Pos           Pos
}

// EulaSection holds one licence agreement.
type EulaSection struct {
	License string
	Pos     Pos
	Node    *Node
}

// OperatingSystemSection names the guest operating system.
type OperatingSystemSection struct {
	// ID is the CIM OsType number; nil when absent or not a number (IDText
	// keeps what was written).
	ID          *int
	IDText      string
	Version     string
	OSType      string // vmw:osType, when present
	Description string
	Pos         Pos
	Node        *Node
}

// AnnotationSection is a free-form note for the user.
type AnnotationSection struct {
	Annotation string
	Pos        Pos
	Node       *Node
}

// DeploymentOptionSection lists the configurations a user can choose from.
type DeploymentOptionSection struct {
	Configurations []Configuration
	Pos            Pos
	Node           *Node
}

// Configuration is one deployment option.
type Configuration struct {
	ID          string
	Default     bool
	Label       string
	Description string
	Pos         Pos
	Node        *Node
}

// StartupSection orders the start of a collection's members.
type StartupSection struct {
	Items []StartupItem
	Pos   Pos
	Node  *Node
}

// StartupItem is one entry of a StartupSection, attributes as written.
type StartupItem struct {
	ID              string
	Order           string
	StartDelay      string
	StopDelay       string
	StartAction     string
	StopAction      string
	WaitingForGuest string
	Pos             Pos
}

// InstallSection says the virtual system must boot once to install.
type InstallSection struct {
	InitialBootStopDelay string
	Pos                  Pos
	Node                 *Node
}

// Strings is a message bundle for one language.
type Strings struct {
	Lang    string
	FileRef string
	// Msg maps ovf:msgid to its text.
	Msg  map[string]string
	Pos  Pos
	Node *Node
}
