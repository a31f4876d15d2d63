package rules

// What the consumers do with a virtual hardware finding (HW rules).
//
// How each consumer reads the hardware, in short:
//   - VirtualBox reads every Item in one pass and then switches on its
//     ResourceType; unknown required types, memory units outside a fixed
//     list, a disk whose Parent is no controller and a CPU count of 65535 or
//     more fail the import (ovfreader.cpp, below). Configurations and
//     ovf:bound are not read, so every Item applies.
//   - virt-v2v and Proxmox pick Items by XPath on ResourceType: memory is
//     VirtualQuantity MiB whatever the units, disks are resolved through
//     HostResource, Parent and AddressOnParent; nothing else is read.
//     virt-v2v facts marked "run:" were reproduced here with virt-v2v 2.2,
//     `virt-v2v -i ova X.ova --print-source` on the rule's wrong example.
//   - XenCenter deserialises the descriptor into typed classes, then its
//     Validation.cs adds warnings for CPU, memory, networks and items it
//     cannot handle; only an envelope that does not load is refused.
//   - VMware's OVF engine (ovftool, vSphere, Workstation) is closed. It is
//     strict on RASD content: its errors name a line and an element
//     ("Duplicate element", "Invalid value", "Unsupported element"). Facts
//     not seen in an error message quoted in peers.md are "recalled".

const (
	hwSrcVMwareSigned = "doc: VMware-made, VMware-signed packages carry it (govmomi ovf/fixtures/external/nostalgia-vmware-signed uses /disk/vmdisk1, OVFCerts/ValidCert/Nostalgia.ovf uses ovf://disk/vmdisk1), so VMware reads both forms"
	hwSrcVBoxItems    = "code: VirtualBox src/VBox/Main/xml/ovfreader.cpp (OVFReader::HandleVirtualSystemContent, VirtualHardwareItem::fillItem)"
	hwSrcV2VItems     = "code: libguestfs/virt-v2v input/OVF.ml (parse_ovf_from_ova): reads memory, CPU, disk, removable and NIC Items by ResourceType with XPath and nothing else of an Item"
	hwSrcPVEItems     = "code: proxmox/pve-storage src/PVE/GuestImport/OVF.pm (parse_ovf): reads memory, CPU, disk and NIC Items by ResourceType with XPath and nothing else of an Item"
	hwSrcXenValidate  = "code: xenserver/xenadmin XenOvfApi/Validation.cs (Validate, ValidateCpu, ValidateMemory, ValidateCapability)"
	hwSrcXenTyped     = "code: xenserver/xenadmin XenOvfApi/Definitions/CimCommon.cs: CIM values are deserialised into ulong, ushort and bool fields, so a value that does not convert stops the descriptor from loading, and Validation.cs (Validate) refuses a package without an envelope (inferred)"
	hwSrcVMwareRASD   = "recalled: VMware's OVF engine checks RASD values and reports \"Line N: Invalid value ... for element ...\" before deploying (peers.md 3.2)"
	hwSrcVMwareLax    = "doc: VMware's own accepted (Pos) ovftool test descriptors break this (peers.md section 5), so its engine tolerates it"
	hwSrcNoBound      = "no consumer but VMware reads ovf:bound or ovf:configuration: every Item applies"
	hwSrcV2VRun       = "run: virt-v2v 2.2 -i ova --print-source on the rule's wrong example"
)

var (
	_ = declare(HwNoHardware,
		refuses("doc: no_vh, a VirtualSystem without VirtualHardwareSection, is among ovftool's own negative test descriptors (peers.md section 5)", VMware),
		warns(hwSrcVBoxItems+": with no section the machine gets VirtualBox's defaults and no disks", VirtualBox),
		refuses(hwSrcV2VRun+": no disks and 1 TiB of memory (the missing memory Item defaults to 1 MiB, then is multiplied by 1 MiB again); a conversion with no disk has nothing to convert", VirtV2V),
		warns(hwSrcPVEItems+": no cores, memory or disks are found, so the VM gets Proxmox defaults", Proxmox),
		warns(hwSrcXenValidate+": no section gives no warnings and a VM without the described hardware (recalled)", XenServer))

	_ = declare(HwNoResourceType,
		refuses("doc: no_resourcetype is among ovftool's own negative test descriptors, and govmomi's ToConfigSpec refuses it too (peers.md 3.3)", VMware),
		refuses(hwSrcVBoxItems+" (_checkConsistencyAndCompliance): \"Empty element ResourceType under Item element\" fails the import", VirtualBox),
		warns(hwSrcV2VRun+": the Item matches no type and is dropped (the CPU Item lost, 1 vCPU instead of 2)", VirtV2V),
		warns(hwSrcPVEItems+": the Item matches no type and is dropped", Proxmox),
		refuses(hwSrcXenValidate+": rasd.ResourceType.Value is read without a null check, so validation stops with an exception (inferred)", XenServer))

	_ = declare(HwNoInstanceID,
		refuses("recalled: VMware's OVF engine keys Items by InstanceID (the schema requires it); empty_item is among ovftool's negative descriptors (peers.md 3.3)", VMware),
		warns(hwSrcVBoxItems+" (_checkConsistencyAndCompliance): fails for an IDE, SCSI or SATA controller without InstanceID, logs and goes on for other Items", VirtualBox),
		warns(hwSrcV2VItems+": InstanceID is only used to find a disk's controller; a controller without one leaves the disk with no controller (\"ova disk has no parent controller\")", VirtV2V),
		warns(hwSrcPVEItems+": a disk's controller is looked up by InstanceID; one without it drops the disk (\"invalid or missing controller\")", Proxmox),
		warns(hwSrcXenValidate+": a CPU, memory or network Item without InstanceID is warned about and given a new one", XenServer))

	_ = declare(HwDupInstanceID,
		refuses("doc: vSphere's import spec fails with \"Line 88: Duplicate element 'InstanceID'\" (vmware/govmomi#2742, vmware/terraform-provider-vsphere#1521; ovf-rules.md ITEM-INSTANCEID-UNIQUE)", VMware),
		ignores(hwSrcVBoxItems+": a duplicate InstanceID is only written to the release log", VirtualBox),
		ignores(hwSrcV2VItems+": InstanceID is only used to find a disk's controller, the first match wins", VirtV2V),
		ignores(hwSrcPVEItems, Proxmox),
		ignores(hwSrcXenValidate+": no uniqueness check (recalled for the import itself)", XenServer))

	_ = declare(HwParentUnknown,
		refuses("doc: vSphere reports \"VALUE_ILLEGAL: Value '5' of Parent element does not refer to a ref of type DiskControllerReference\" (vmware/open-vmdk#21; ovf-rules.md ITEM-PARENT)", VMware),
		refuses(hwSrcVBoxItems+": \"Disk item with instance ID ... specifies invalid parent\" fails the import", VirtualBox),
		warns(hwSrcV2VRun+": \"warning: ova disk has no parent controller\"; the disk is converted on a default bus", VirtV2V),
		warns(hwSrcPVEItems+": \"invalid or missing controller\", the disk is skipped", Proxmox),
		ignores("recalled: XenCenter's Validation.cs does not read Parent, and XenServer attaches disks in its own order", XenServer))

	_ = declare(HwParentNotController,
		refuses("doc: vSphere reports \"VALUE_ILLEGAL: Value '5' of Parent element does not refer to a ref of type DiskControllerReference\" (vmware/open-vmdk#21)", VMware),
		refuses(hwSrcVBoxItems+": a Parent that is no controller is not in its controller map: \"specifies invalid parent\" fails the import", VirtualBox),
		warns(hwSrcV2VRun+": \"warning: ova disk has an unknown VMware controller type (4)\"; the disk is converted on a default bus", VirtV2V),
		warns(hwSrcPVEItems+" (id_to_pve): a parent type that is no controller gives the disk an address without a bus", Proxmox),
		ignores("recalled: XenCenter's Validation.cs does not read Parent, and XenServer attaches disks in its own order", XenServer))

	_ = declare(HwHostResource,
		refuses("recalled: ovftool and vSphere resolve every ovf:/disk/ reference and stop when one names no Disk", VMware),
		refuses(hwSrcVBoxItems+": \"Disk item with instance ID ... specifies invalid host resource\" fails the import (a CD-ROM may stay empty)", VirtualBox),
		refuses(hwSrcV2VRun+": \"error: error parsing disk fileRef\"", VirtV2V),
		warns(hwSrcPVEItems+": \"invalid host resource ..., skipping\", the disk is left out", Proxmox),
		warns(hwSrcXenValidate+" (ValidateDisks): the disk file is not linked and \"Disk linkage (file to RASD) does not exist\" is warned", XenServer))

	_ = declare(HwHostResourceLegacy,
		ignores(hwSrcVMwareSigned, VMware),
		ignores(hwSrcVBoxItems+": ovf://disk/, ovf:/disk/ and /disk/ are all read", VirtualBox),
		ignores(hwSrcV2VRun+": its pattern ^(?:ovf:)?/disk/ reads /disk/ (the ganeti and glance corpus packages import)", VirtV2V),
		warns(hwSrcPVEItems+": only ovf:/<section>/<id> matches, other forms give \"invalid host resource ..., skipping\" and the disk is left out", Proxmox),
		ignores(hwSrcXenValidate+" (ValidateDisks): the Disk is found by its diskId anywhere in the value", XenServer))

	_ = declare(HwHostResourceDoubleSlash,
		ignores(hwSrcVMwareSigned, VMware),
		ignores(hwSrcVBoxItems+": ovf://disk/, ovf:/disk/ and /disk/ are all read", VirtualBox),
		refuses(hwSrcV2VRun+": ovf://disk/ gives \"error: could not parse disk rasd:HostResource from OVF document\"", VirtV2V),
		warns(hwSrcPVEItems+": only ovf:/<section>/<id> matches, other forms give \"invalid host resource ..., skipping\" and the disk is left out", Proxmox),
		ignores(hwSrcXenValidate+" (ValidateDisks): the Disk is found by its diskId anywhere in the value", XenServer))

	_ = declare(HwResourceType,
		refuses(hwSrcVMwareRASD, VMware),
		refuses(hwSrcVBoxItems+": a type it cannot read falls to the default case, \"Unknown resource type ... in hardware item\", for a required Item", VirtualBox),
		warns(hwSrcV2VRun+": the Item matches no type and is dropped (the CPU Item lost, 1 vCPU)", VirtV2V),
		warns(hwSrcPVEItems+": the Item matches no type and is dropped", Proxmox),
		refuses(hwSrcXenTyped, XenServer))

	// HW010 flags reserved values whether or not the Item is required;
	// VirtualBox's own sound card (35, written with ovf:required="false")
	// is the common case, and every consumer takes that.
	_ = declare(HwResourceTypeReserved,
		warns("recalled: VMware skips an Item it does not know when ovf:required=\"false\" and refuses the package when it is required", VMware),
		warns(hwSrcVBoxItems+": 35 is its sound card; another unknown type is skipped when ovf:required=\"false\" and fails the import (\"Unknown resource type\") when required", VirtualBox),
		warns(hwSrcV2VRun+": the Item matches no type and is dropped (the network adapter of the example is lost)", VirtV2V),
		warns(hwSrcPVEItems+": the Item matches no type and is dropped", Proxmox),
		warns(hwSrcXenValidate+" (ValidateCapability): a required Item of an unhandled type is warned about", XenServer))

	_ = declare(HwLegacyInstanceID,
		ignores("recalled: VMware's engine reads both spellings (many of its own older templates use InstanceId; ovf-rules.md ITEM-INSTANCEID)", VMware),
		ignores(hwSrcVBoxItems+": fillItem reads InstanceId and InstanceID alike", VirtualBox),
		warns(hwSrcV2VItems+" (parent_controller): controllers are found by rasd:InstanceID only, so a disk under a controller spelled InstanceId gets none", VirtV2V),
		warns(hwSrcPVEItems+": controllers are found by rasd:InstanceID only, so a disk under a controller spelled InstanceId is skipped", Proxmox),
		warns(hwSrcXenValidate+": InstanceId is not the element it deserialises, so CPU, memory and network Items are warned about and given a new InstanceID", XenServer))

	_ = declare(HwBound,
		warns("recalled: VMware reads a bound it does not know as a normal Item, which then shares the InstanceID of the real one", VMware),
		warns("code: VirtualBox, virt-v2v and Proxmox read no ovf:bound (ovfreader.cpp fillItem; input/OVF.ml; GuestImport/OVF.pm): the marker is one more Item and its quantity may be the one used", VirtualBox, VirtV2V, Proxmox),
		ignores("recalled: XenCenter reads ovf:bound as a plain string it does not use", XenServer))

	_ = declare(HwVariantType,
		refuses("recalled: VMware merges Items sharing an InstanceID per configuration and refuses variants of different types", VMware),
		warns("code: "+hwSrcNoBound+" (ovfreader.cpp; input/OVF.ml; GuestImport/OVF.pm), so both variants are built as their own devices", VirtualBox, VirtV2V, Proxmox),
		warns("recalled: XenCenter reads every Item, so both variants are built", XenServer))

	_ = declare(HwUnits,
		refuses(hwSrcVMwareRASD, VMware),
		refuses(hwSrcVBoxItems+": memory units other than MegaBytes, MB, byte * 2^20, GigaBytes, GB or byte * 2^30 give \"Invalid allocation unit ... specified with memory size item\"", VirtualBox),
		ignores(hwSrcV2VItems+": memory is VirtualQuantity MiB whatever AllocationUnits says (run: virt-v2v 2.2 reads the MHz example as 2 GiB)", VirtV2V),
		ignores(hwSrcPVEItems+": memory is VirtualQuantity taken as MiB, AllocationUnits is not read", Proxmox),
		warns("recalled: XenCenter's ValidateMemory only checks that units are present; the import converts known units and may size the memory wrongly", XenServer))

	_ = declare(HwElementOrder,
		ignores("doc: 14 of ovftool's own accepted (Pos) test descriptors have rasd: elements out of order (peers.md section 5)", VMware),
		ignores("code: VirtualBox (ovfreader.cpp fillItem), virt-v2v (input/OVF.ml) and Proxmox (GuestImport/OVF.pm) look elements up by name", VirtualBox, VirtV2V, Proxmox),
		ignores("recalled: XenCenter's XmlSerializer classes declare no element order", XenServer))

	_ = declare(HwElementRepeated,
		refuses("recalled: VMware's engine reports \"Line N: Duplicate element 'X'\" for an element repeated in an Item (the message quoted in vmware/govmomi#2742)", VMware),
		warns(hwSrcVBoxItems+": fillItem keeps the last value", VirtualBox),
		warns(hwSrcV2VItems+": XPath takes the first value", VirtV2V),
		warns(hwSrcPVEItems+": findvalue joins the values, so two VirtualQuantity 2 and 4 read as 24", Proxmox),
		warns("recalled: XenCenter's XmlSerializer keeps one of the values", XenServer))

	_ = declare(HwNoElementName,
		ignores("recalled: no report of VMware refusing an Item for a missing ElementName was found; ovftool labels devices itself", VMware),
		ignores("code: VirtualBox reads Caption and ElementName alike (ovfreader.cpp fillItem); virt-v2v and Proxmox do not read it (input/OVF.ml; GuestImport/OVF.pm)", VirtualBox, VirtV2V, Proxmox),
		ignores(hwSrcXenValidate+": ElementName is only read to name a required Item of an unhandled type", XenServer))

	_ = declare(HwNotNumber,
		refuses(hwSrcVMwareRASD, VMware),
		warns(hwSrcVBoxItems+": copyValue leaves the field at 0 when the text is no number, so the CPU count or memory becomes 0", VirtualBox),
		refuses(hwSrcV2VRun+": \"error: expecting XML expression to return an integer\" for a CPU or memory VirtualQuantity (other elements are not read)", VirtV2V),
		refuses("recalled: Proxmox passes the CPU and memory VirtualQuantity text to the VM config, whose schema wants an integer (GuestImport/OVF.pm reads it as is)", Proxmox),
		refuses(hwSrcXenTyped, XenServer))

	_ = declare(HwUndefinedElement,
		refuses("doc: VMware Workstation refuses a descriptor with \"did not pass OVF specification conformance ... Unsupported element\" (peers.md 3.1, BlackArch/blackarch#1937); vSphere's engine is the same", VMware),
		ignores(hwSrcVBoxItems+": fillItem skips elements it does not know (its check for them is commented out)", VirtualBox),
		ignores("code: virt-v2v (input/OVF.ml) and Proxmox (GuestImport/OVF.pm) read only the elements they name", VirtV2V, Proxmox),
		ignores("recalled: XenCenter's XmlSerializer skips unknown elements", XenServer))

	_ = declare(HwUndefinedOptional,
		ignores(srcVMwareSetAccepts+": an Item child the class does not define, marked ovf:required=\"false\", is skipped (DSP0243 1.0.0 Table 2 lets the consumer ignore the Item)", VMware),
		ignores(hwSrcVBoxItems+": fillItem skips elements it does not know (its check for them is commented out)", VirtualBox),
		ignores("code: virt-v2v (input/OVF.ml) and Proxmox (GuestImport/OVF.pm) read only the elements they name", VirtV2V, Proxmox),
		ignores("recalled: XenCenter's XmlSerializer skips unknown elements", XenServer))
	_ = declare(HwRequiredExtension,
		refuses(srcVMwareSetRefuses+"; DSP0243 1.0.0 Table 2 makes the consumer fail an Item with a required child it does not know, and a required Item that fails fails the import", VMware),
		ignores(hwSrcVBoxItems+": fillItem matches the children it knows by name and skips the others", VirtualBox),
		ignores("code: virt-v2v (input/OVF.ml) and Proxmox (GuestImport/OVF.pm) read only the elements they name", VirtV2V, Proxmox),
		ignores("recalled: XenCenter's XmlSerializer skips elements it has no member for", XenServer))
	_ = declare(HwOptionalExtension,
		warns("recalled: DSP0243 1.0.0 Table 2 tells a consumer to ignore an Item with an optional child it does not know, so a consumer that follows it loses the device; VMware's handling of foreign Item children is not recorded here", VMware),
		ignores(hwSrcVBoxItems+": fillItem matches the children it knows by name and skips the others; the device is kept", VirtualBox),
		ignores("code: virt-v2v (input/OVF.ml) and Proxmox (GuestImport/OVF.pm) read only the elements they name", VirtV2V, Proxmox),
		ignores("recalled: XenCenter's XmlSerializer skips elements it has no member for", XenServer))

	_ = declare(HwAddressTaken,
		refuses("recalled: vSphere refuses two devices with one unit number on a controller (\"Invalid configuration for device\")", VMware),
		refuses("recalled: VirtualBox attaches each disk at its AddressOnParent and the second attachment to one port fails the import", VirtualBox),
		ignores(hwSrcV2VItems+": AddressOnParent of disks is not read (\"We assume the OVF lists these in order\")", VirtV2V),
		warns(hwSrcPVEItems+": the disk's name is the bus plus AddressOnParent, so the second disk replaces the first", Proxmox),
		ignores("recalled: XenServer numbers the disks itself", XenServer))

	_ = declare(HwManyBackings,
		refuses("recalled: VMware's engine follows DSP0243 8.3 and refuses a device with two backings", VMware),
		warns(hwSrcVBoxItems+": one HostResource is kept (the last)", VirtualBox),
		warns(hwSrcV2VItems+": the first HostResource is used, the others are lost", VirtV2V),
		warns(hwSrcPVEItems+": findvalue joins the HostResources, which then match no form: \"invalid host resource ..., skipping\"", Proxmox),
		warns(hwSrcXenValidate+" (ValidateDisks): HostResource[0] is used, the others are lost", XenServer))

	_ = declare(HwNoMemory,
		warns("doc: VMware's own test packages carry a memory Item without VirtualQuantity (govmomi ovf/fixtures/external/standard_ovas/internal-sha1/internal.ovf, labelled valid), so VMware is not held to refuse it; the machine gets its memory from elsewhere or a default", VMware),
		refuses("recalled: VirtualBox creates the machine with the memory read (0) and setting a memory size below its minimum fails the import", VirtualBox),
		warns(hwSrcV2VRun+": \"memory: 0 (bytes)\"; the guest is converted with no memory", VirtV2V),
		warns(hwSrcPVEItems+": the memory is taken as it is, or left to Proxmox's default when there is none", Proxmox),
		warns(hwSrcXenValidate+" (ValidateMemory): VALIDATION_INVALID_MEMORY_QUANTITY is warned", XenServer))

	_ = declare(HwMemoryUnits,
		ignores("recalled: VMware takes memory without units as MB, the unit its own exports write", VMware),
		refuses(hwSrcVBoxItems+": a memory Item with no AllocationUnits gives \"Invalid allocation unit \\\"\\\" specified with memory size item\"", VirtualBox),
		ignores(hwSrcV2VItems+": memory is VirtualQuantity MiB whatever the units (run: virt-v2v 2.2 reads the example as 2 GiB)", VirtV2V),
		ignores(hwSrcPVEItems+": memory is VirtualQuantity taken as MiB", Proxmox),
		warns(hwSrcXenValidate+" (ValidateMemory): VALIDATION_INVALID_MEMORY_ALLOCATIONUNITS is warned", XenServer))

	_ = declare(HwCPUCount,
		refuses("recalled: vSphere refuses a virtual machine with 0 CPUs or more than the host allows", VMware),
		refuses(hwSrcVBoxItems+": \"CPU count ... is larger than 65535\" fails the import; 0 CPUs fails when the machine is created (recalled)", VirtualBox),
		warns(hwSrcV2VRun+": \"nr vCPUs: 0\"; a missing count defaults to 1", VirtV2V),
		warns(hwSrcPVEItems+": the count is taken as it is, or left to Proxmox's default when there is none", Proxmox),
		warns(hwSrcXenValidate+" (ValidateCpu): VALIDATION_CPU_INVALID_QUANTITY is warned", XenServer))

	_ = declare(HwSingleton,
		refuses(srcVMwareSetRefuses+"; vCloud Director refuses \"Multiple 'memory' elements\" (recalled)", VMware),
		warns(hwSrcVBoxItems+": each memory or CPU Item overwrites the last, the last one wins", VirtualBox),
		warns(hwSrcV2VItems+": XPath takes the first memory and CPU Item", VirtV2V),
		warns(hwSrcPVEItems+": findvalue joins the quantities, so 2048 and 1024 MiB read as 20481024", Proxmox),
		warns("recalled: XenCenter reads every Item and keeps one memory and CPU setting", XenServer))

	_ = declare(HwIsoTransport,
		warns("recalled: vSphere can only deliver the OVF environment by ISO when the machine has a CD-ROM drive; the deploy goes on without it", VMware),
		ignores("code: VirtualBox (ovfreader.cpp), virt-v2v (input/OVF.ml), Proxmox (GuestImport/OVF.pm) and XenCenter (Validation.cs) do not read ovf:transport", VirtualBox, VirtV2V, Proxmox, XenServer))

	_ = declare(HwTransportToken,
		ignores("recalled: VMware offers the transports it knows and ignores other tokens", VMware),
		ignores("code: VirtualBox (ovfreader.cpp), virt-v2v (input/OVF.ml), Proxmox (GuestImport/OVF.pm) and XenCenter (Validation.cs) do not read ovf:transport", VirtualBox, VirtV2V, Proxmox, XenServer))

	_ = declare(HwRangeMarker,
		refuses("doc: noninteger_range is among ovftool's own negative test descriptors (peers.md 3.3)", VMware),
		ignores("code: "+hwSrcNoBound+" (ovfreader.cpp; input/OVF.ml; GuestImport/OVF.pm; recalled for XenCenter); the markers are read as plain Items whether they are sound or not", VirtualBox, VirtV2V, Proxmox, XenServer))

	_ = declare(HwOtherType,
		ignores("recalled: VMware skips an Other Item it cannot place when it is not required", VMware),
		refuses(hwSrcVBoxItems+": ResourceType 1 has no case and a required Item of it fails with \"Unknown resource type 1 in hardware item\"", VirtualBox),
		ignores("code: virt-v2v (input/OVF.ml) and Proxmox (GuestImport/OVF.pm) do not read Items of type 1", VirtV2V, Proxmox),
		warns(hwSrcXenValidate+" (ValidateCapability): a required Item of type 1 is warned about as not recognised", XenServer))

	_ = declare(HwDriveNoParent,
		warns("recalled: vSphere attaches a disk without a controller to one it picks", VMware),
		refuses(hwSrcVBoxItems+": the empty Parent names no controller: \"Disk item with instance ID ... specifies invalid parent\" fails the import", VirtualBox),
		ignores(hwSrcV2VItems+": a disk with no Parent is converted on a default bus without a warning", VirtV2V),
		warns(hwSrcPVEItems+": \"invalid or missing controller\", the disk is skipped", Proxmox),
		ignores("recalled: XenServer attaches disks in its own order", XenServer))

	_ = declare(HwDiskTwice,
		warns("recalled: VMware attaches the disk twice or refuses the second attachment", VMware),
		warns(hwSrcVBoxItems+": the disk map is keyed by disk id, so one attachment replaces the other", VirtualBox),
		warns("code: virt-v2v (input/OVF.ml) and Proxmox (GuestImport/OVF.pm) make one disk per drive, so the image is imported twice", VirtV2V, Proxmox),
		warns("recalled: XenCenter imports the image once per drive", XenServer))

	_ = declare(HwSystemNoID,
		ignores(hwSrcVMwareLax+" (59 of them have vssd:InstanceId and no vssd:InstanceID)", VMware),
		ignores("code: VirtualBox reads only VirtualSystemType of System (ovfreader.cpp); virt-v2v and Proxmox do not read System (input/OVF.ml; GuestImport/OVF.pm); XenCenter reads only VirtualSystemType (Validation.cs)", VirtualBox, VirtV2V, Proxmox, XenServer))

	_ = declare(HwValueMap,
		ignores("recalled: VMware does not act on ConsumerVisibility or MappingBehavior", VMware),
		ignores("code: VirtualBox keeps them as strings it does not use (ovfreader.cpp fillItem); virt-v2v, Proxmox and XenCenter do not read them", VirtualBox, VirtV2V, Proxmox, XenServer))

	_ = declare(HwNoFamily,
		ignores("recalled: VMware deploys with the host's default hardware version when no family is named", VMware),
		ignores("code: VirtualBox stores the family but does not act on it (ovfreader.cpp); virt-v2v and Proxmox do not read it; XenCenter warns only about a family it does not know (Validation.cs Validate)", VirtualBox, VirtV2V, Proxmox, XenServer))
)
