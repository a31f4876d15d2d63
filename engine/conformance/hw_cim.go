package conformance

import "strings"

// The CIM settings-data classes as the DSP8023 schemas import them: each
// class's elements in xs:sequence order (by code point, so VSITypeID comes
// before VirtualQuantity), marked when they may repeat. The RASD list is
// the union of the CIM versions the 1.0.0, 1.1.1 and 2.0.1 schema sets
// vendor (reference ovf-rules.md 10.2): the namespace URI is unversioned,
// so a descriptor may use any of them.
type cimClass struct {
	name     string
	order    map[string]int
	repeated map[string]bool
}

func newClass(name string, elems ...string) *cimClass {
	c := &cimClass{name: name, order: map[string]int{}, repeated: map[string]bool{}}
	for i, e := range elems {
		if n, ok := strings.CutSuffix(e, "*"); ok {
			e = n
			c.repeated[e] = true
		}
		c.order[e] = i
	}
	return c
}

var (
	classRASD = newClass("CIM_ResourceAllocationSettingData",
		"Address", "AddressOnParent", "AllocationUnits", "AutomaticAllocation", "AutomaticDeallocation",
		"Caption", "ChangeableType", "ComponentSetting*", "ConfigurationName", "Connection*",
		"ConsumerVisibility", "Description", "ElementName", "Generation", "HostResource*", "InstanceID",
		"Limit", "MappingBehavior", "OtherResourceType", "Parent", "PoolID", "Reservation",
		"ResourceSubType", "ResourceType", "SoID", "SoOrgID", "VirtualQuantity", "VirtualQuantityUnits", "Weight")
	classSASD = newClass("CIM_StorageAllocationSettingData",
		"Access", "Address", "AddressOnParent", "AllocationUnits", "AutomaticAllocation", "AutomaticDeallocation",
		"Caption", "ChangeableType", "ComponentSetting*", "ConfigurationName", "Connection*", "ConsumerVisibility",
		"Description", "ElementName", "Generation", "HostExtentName", "HostExtentNameFormat",
		"HostExtentNameNamespace", "HostExtentStartingAddress", "HostResource*", "HostResourceBlockSize",
		"InstanceID", "Limit", "MappingBehavior", "OtherHostExtentNameFormat", "OtherHostExtentNameNamespace",
		"OtherResourceType", "Parent", "PoolID", "Reservation", "ResourceSubType", "ResourceType", "SoID",
		"SoOrgID", "VirtualQuantity", "VirtualQuantityUnits", "VirtualResourceBlockSize", "Weight")
	classEPASD = newClass("CIM_EthernetPortAllocationSettingData",
		"Address", "AddressOnParent", "AllocationUnits", "AllowedPriorities*", "AllowedToReceiveMACAddresses*",
		"AllowedToReceiveVLANs*", "AllowedToTransmitMACAddresses*", "AllowedToTransmitVLANs*",
		"AutomaticAllocation", "AutomaticDeallocation", "Caption", "ChangeableType", "ComponentSetting*",
		"ConfigurationName", "Connection*", "ConsumerVisibility", "DefaultPortVID", "DefaultPriority",
		"Description", "DesiredVLANEndpointMode", "ElementName", "Generation", "GroupID", "HostResource*",
		"InstanceID", "Limit", "ManagerID", "MappingBehavior", "NetworkPortProfileID", "NetworkPortProfileIDType",
		"OtherEndpointMode", "OtherNetworkPortProfileIDTypeInfo", "OtherResourceType", "Parent", "PoolID",
		"PortCorrelationID", "PortVID", "Promiscuous", "ReceiveBandwidthLimit", "ReceiveBandwidthReservation",
		"Reservation", "ResourceSubType", "ResourceType", "SoID", "SoOrgID", "SourceMACFilteringEnabled",
		"VSITypeID", "VSITypeIDVersion", "VirtualQuantity", "VirtualQuantityUnits", "Weight")
	classVSSD = newClass("CIM_VirtualSystemSettingData",
		"AutomaticRecoveryAction", "AutomaticShutdownAction", "AutomaticStartupAction",
		"AutomaticStartupActionDelay", "AutomaticStartupActionSequenceNumber", "Caption", "ChangeableType",
		"ComponentSetting*", "ConfigurationDataRoot", "ConfigurationFile", "ConfigurationID", "ConfigurationName",
		"CreationTime", "Description", "ElementName", "Generation", "InstanceID", "LogDataRoot", "Notes*",
		"RecoveryFile", "SnapshotDataRoot", "SoID", "SoOrgID", "SuspendDataRoot", "SwapFileDataRoot",
		"VirtualSystemIdentifier", "VirtualSystemType")
)

// cimSchemaPrefix starts the namespace of every CIM class the DMTF
// publishes for WS-CIM.
const cimSchemaPrefix = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/"

// classOf returns the CIM class whose namespace ns is (including the
// ".xsd" spellings VirtualBox writes, which envelope reports), or nil.
func classOf(ns string) *cimClass {
	last := strings.TrimSuffix(ns[strings.LastIndexByte(ns, '/')+1:], ".xsd")
	if !strings.HasPrefix(ns, "http") {
		return nil
	}
	for _, cl := range []*cimClass{classRASD, classSASD, classEPASD, classVSSD} {
		if last == cl.name {
			return cl
		}
	}
	return nil
}

// unsignedElements are the CIM properties of integer type (cimUnsignedLong
// or cimUnsignedInt) that items commonly carry; booleanElements those of
// boolean type.
var (
	unsignedElements = map[string]bool{"VirtualQuantity": true, "Reservation": true, "Limit": true,
		"Weight": true, "Generation": true, "HostResourceBlockSize": true, "VirtualResourceBlockSize": true,
		"ConsumerVisibility": true, "MappingBehavior": true}
	booleanElements = map[string]bool{"AutomaticAllocation": true, "AutomaticDeallocation": true,
		"Promiscuous": true, "SourceMACFilteringEnabled": true}
)

// valueMaps are the CIM value maps of the enumerated properties items
// carry: ConsumerVisibility (0, 2-4, vendor 32768-65535) and
// MappingBehavior (0, 2-5).
var valueMaps = map[string]func(n uint64) bool{
	"ConsumerVisibility": func(n uint64) bool { return n == 0 || (n >= 2 && n <= 4) || (n >= 32768 && n <= 65535) },
	"MappingBehavior":    func(n uint64) bool { return n == 0 || (n >= 2 && n <= 5) },
}
