package envelope

// Resource types (CIM_ResourceAllocationSettingData.ResourceType, DSP0004
// value map) that the model, the summary and the descriptor rules name.
const (
	ResourceOther        = 1
	ResourceProcessor    = 3
	ResourceMemory       = 4
	ResourceEthernet     = 10
	ResourceOtherNetwork = 11
	ResourceCDDrive      = 15
	ResourceDVDDrive     = 16
	ResourceDiskDrive    = 17

	// FirstReservedResourceType starts the range the CIM schema keeps for
	// future DMTF use (34..32767); FirstVendorResourceType starts the
	// vendor range, which ends at LastResourceType.
	FirstReservedResourceType = 34
	FirstVendorResourceType   = 32768
	LastResourceType          = 65535
)

// controllerTypes are the resource types an Item may name as its Parent:
// the storage and bus controllers (IDE, SCSI, FC, iSCSI, IB, I/O slot,
// "other storage" used for SATA/NVMe, USB, IEEE 1394) and "Other", which
// some producers use for vendor controllers.
var controllerTypes = map[int]bool{ResourceOther: true, 5: true, 6: true, 7: true, 8: true, 9: true, 12: true, 20: true, 23: true, 25: true}

// IsController reports whether an Item of resource type rt can be another
// Item's Parent.
func IsController(rt int) bool { return controllerTypes[rt] }
