package compat

import (
	"regexp"

	"github.com/ovacheck/ovacheck/engine/rules"
)

// target is the table of facts about one consumer. The zero value of a
// level field means the consumer accepts what the field is about. Sources
// are keyed as in reference/peers.md and reference/ovf-rules.md: peers.md
// section 1 (feature matrix), 2 (manifest dialects per consumer), 3
// (per-tool detail) and 6 (user problems, cited as "item N").
type target struct {
	name    string
	product string
	// consumer is the importer whose recorded consequences
	// (rules.Rule.Consequences) apply to this target.
	consumer rules.Consumer
	vmware   bool

	// maxFamily is the newest vmx-NN hardware version the platform runs;
	// warnFrom is the first version that needs an update release of it
	// (older update levels refuse it). 0 means not a VMware platform.
	maxFamily, warnFrom int
	// esx: the platform is ESXi, which does not run the Workstation-only
	// hardware versions (workstationOnlyFamily).
	esx bool
	// foreignFamily: how a System naming only non-vmx families
	// (virtualbox-2.2, xen-3) is treated.
	foreignFamily level
	// knownFamily, when set, is the target's own list of families; a
	// System naming none of them gets unknownFamily.
	knownFamily   func(family string) bool
	unknownFamily level

	ovf2Envelope, ovf2Items, ovf09 level

	// Manifest line forms and algorithms.
	spacedForm, spelling, noSpace, upperHex, sha512 level
	// unlistedMembers: an archive member absent from the manifest.
	unlistedMembers level

	pax, gzip, chunked, descriptorNotFirst level

	// diskFormats lists the image formats the target imports (short names
	// as envelope.DiskFormatName and disk probes give them, lower case);
	// nil means any format qemu-img reads.
	diskFormats []string

	// knownResourceType, when set, is the target's list of resource types;
	// a required Item of any other type gets unknownResourceType.
	knownResourceType   func(rt int) bool
	unknownResourceType level
	// ideSubtypes: ResourceSubType values on an IDE controller the target
	// refuses (VirtualBox's PIIX and ICH names).
	ideSubtypes level
	// propertyTypes: a property type outside DSP0243 and vSphere's own.
	propertyTypes level
	// vmwareFirmware, vmwareNVRAM: how VMware's vmw:Config firmware="efi"
	// and the NVRAM file are treated (ignored: the guest may not boot).
	vmwareFirmware, vmwareNVRAM level
	// memoryUnits: "mib" when memory is read as MiB whatever the units,
	// "virtualbox" for VirtualBox's fixed list, "" when units are honoured.
	memoryUnits string
	// memoryNoUnits: a memory Item without AllocationUnits.
	memoryNoUnits level
	// noHardDisk: no hard disk (an Item of ResourceType 17) in a
	// VirtualSystem that is a child of the Envelope, the only place the
	// target looks for one.
	noHardDisk level
	// newestGuest is the vSphere release whose guest OS list the target
	// has (65, 67, 70, 80, 90); 0 when guest ids are not checked.
	newestGuest int

	// ovaDiskExtensions, when set, are the only extensions (case-sensitive)
	// a disk member of an OVA may have for the target to extract it;
	// safeDiskHref, when set, is what a disk's href must match.
	ovaDiskExtensions []string
	safeDiskHref      *regexp.Regexp
	// manifestLast: a manifest placed after the files it lists, which
	// DSP0243 allows, for a consumer that verifies while it streams.
	manifestLast level
}

// vsphere returns the facts shared by the vSphere releases.
//
// Sources: hardware versions per release from vmware/govmomi
// vim25/types/esxi_version.go (ESXiVersion.HardwareVersion: 6.5 runs up to
// vmx-13, 6.7 vmx-14 and 6.7 U2 vmx-15, 7.0 vmx-17, 7.0 U1 vmx-18, 7.0 U2
// vmx-19, 8.0 and 8.0 U1 vmx-20, 8.0 U2 vmx-21) and
// vim25/types/hardware_version.go (the HardwareVersion constants: vmx-22
// "introduced in ESX 9.0"; vmx-6, vmx-12 and vmx-16 introduced in
// Workstation and "not supported by ESX/ESXi"), govmomi v0.56.0; guest
// ids from vim25/types/enum.go (guestSince); users' failures in peers.md
// item 28; "Unsupported hardware family 'virtualbox-2.2'" item 27; the
// manifest forms vSphere refuses ("Invalid OVF checksum algorithm")
// peers.md section 2 and items 1, 2, 7; SHA-512 accepted, section 1 row
// 10; PAX "not supported by vSphere" ovf-rules.md TAR-8GIB (open-vmdk#65),
// which may break older releases; compressed disks refused by 6.5, item
// 32; the descriptor first for URL and Content Library imports, item 23;
// "VALUE_ILLEGAL: Value 'PIIX4' of ResourceSubType", item 30; "Invalid
// property value", item 35. OVF 2.x items are refused by VMware's OVF
// engine (item 29, seen in Workstation, which shares it); a 2.x envelope
// of Items alone is read with a warning (not verified against a release).
// The manifest after the disks: recalled, not verified against a release
// (ovftool deploying from a URL checks digests as the archive streams by).
func vsphere(name, product string, maxFamily, warnFrom, guests int, pax, gzip level) target {
	return target{name: name, product: product, consumer: rules.VSphere, vmware: true, esx: true,
		maxFamily: maxFamily, warnFrom: warnFrom, foreignFamily: rejects,
		ovf2Envelope: warns, ovf2Items: rejects, ovf09: warns,
		spacedForm: rejects, spelling: rejects,
		pax: pax, gzip: gzip, descriptorNotFirst: rejects, manifestLast: warns,
		diskFormats: []string{"vmdk", "iso"}, ideSubtypes: rejects, propertyTypes: rejects,
		newestGuest: guests}
}

// targets in the order the report lists them.
var targets = []target{
	vsphere("vsphere-6.5", "vSphere 6.5", 13, 14, 65, rejects, rejects),
	vsphere("vsphere-6.7", "vSphere 6.7", 15, 15, 67, rejects, warns),
	vsphere("vsphere-7.0", "vSphere 7.0", 19, 18, 70, warns, warns),
	vsphere("vsphere-8.0", "vSphere 8.0", 21, 21, 80, warns, warns),
	vsphere("vsphere-9.0", "vSphere 9.0", 22, 23, 90, warns, warns),

	// Workstation 17 shares VMware's OVF engine (ovftool). Sources: vmx-20
	// in 17.0 and vmx-21 from 17.5 (VMware's hardware-version table);
	// "Unsupported element 'StorageItem'", peers.md item 29; the manifest
	// dialect accepted by Player where ESXi refused it and the reverse,
	// item 3; the descriptor first, section 1 row 5 and item 12; ovftool
	// writes gzip (--compress) and chunks (--chunkSize) and reads them,
	// section 3.1. It offers to retry with relaxed checks on an unknown
	// hardware family, so that only warns. It runs the Workstation-only
	// hardware versions vmx-6, vmx-12 and vmx-16 (govmomi
	// vim25/types/hardware_version.go, the HardwareVersion constants). The
	// manifest after the disks: recalled, as for vSphere.
	{name: "workstation-17", product: "VMware Workstation 17", consumer: rules.Workstation, vmware: true,
		maxFamily: 21, warnFrom: 21, foreignFamily: warns,
		ovf2Envelope: warns, ovf2Items: rejects,
		spacedForm: warns, spelling: warns, descriptorNotFirst: rejects, manifestLast: warns,
		diskFormats: []string{"vmdk", "iso"}, ideSubtypes: rejects, propertyTypes: warns},

	// VirtualBox 7. Sources: peers.md section 3.6: OVF 0.9, 1.x and 2.x read;
	// no chunk support (ovf-rules.md section 17; ovfreader.cpp
	// HandleDiskSection leaves the chunk size a TODO). From VirtualBox's own
	// code (VirtualBox/virtualbox src/VBox/Main/xml/ovfreader.cpp,
	// kaisenlinux/virtualbox src/VBox/Main/src-server):
	//   - OVFReader::HandleVirtualSystemContent: a required Item of a
	//     resource type it has no case for (only 3, 4, 5, 6, 10, 14, 15, 17,
	//     20, 23 and 35) throws "Unknown resource type %d in hardware item";
	//     VirtualHardwareItem::fillItem makes an Item optional only for
	//     ovf:required="false";
	//   - the same function compares memory AllocationUnits exactly with
	//     MegaBytes, MB, "byte * 2^20", GigaBytes, GB and "byte * 2^30" and
	//     throws "Invalid allocation unit" for anything else, an absent
	//     AllocationUnits (the empty string) included;
	//   - ApplianceImplImport.cpp Appliance::interpret: a disk whose medium
	//     format is VMDK becomes a hard disk, RAW (ISO) a DVD, and any other
	//     format throws "Unsupported format for virtual disk image";
	//     ApplianceImpl.cpp i_findMediumFormatFromDiskImage takes the format
	//     from the ovf:format URI (the VMDK, ISO and VHD URIs) or else from
	//     the file's extension, so VHD, VDI and QCOW are refused;
	//   - src/VBox/Runtime/common/checksum/manifest2.cpp
	//     RTManifestReadStandardEx reads any "NAME (file) = value" line and
	//     keeps an algorithm it does not know (SHA2-256, lower-case sha256)
	//     as an untyped attribute, and ApplianceImplImport.cpp
	//     i_verifyManifestFile compares with RTMANIFEST_EQUALS_IGN_MISSING_ATTRS,
	//     so such a line is skipped without a message and the file goes
	//     unverified; digests compare with RTStrICmp (hex in either case),
	//     and MD5 to SHA-512 are known.
	// It reads nothing of vmw:Config, so VMware's EFI firmware and NVRAM
	// are lost. gzip-compressed files are read: "gzip" is matched without
	// regard to case in interpret and i_importOneDiskImage, and its own
	// import tests (ValidationKit tdAppliance1-t3 to t6, in the corpus) are
	// packages with .vmdk.gz disks.
	{name: "virtualbox-7", product: "VirtualBox 7", consumer: rules.VirtualBox,
		spelling: warns, chunked: rejects,
		diskFormats:       []string{"vmdk", "iso"},
		knownResourceType: virtualBoxKnows, unknownResourceType: rejects,
		memoryUnits: "virtualbox", memoryNoUnits: rejects,
		vmwareFirmware: warns, vmwareNVRAM: warns},

	// Proxmox VE 8 (qm importovf and the OVA import of pve-storage).
	// Sources: peers.md section 3.9: no manifest check, memory read as MB
	// whatever AllocationUnits says, firmware read from vmw:Config; section
	// 1 row 4: no ovf:compression support; chunked Files name no member it
	// can extract. From its code: proxmox/pve-storage
	// src/PVE/GuestImport/OVF.pm (parse_ovf) registers only the envelope/1
	// namespace, so OVF 2.x and 0.9 descriptors yield nothing, and dies
	// with "referenced path ... is invalid" unless the href matches
	// $SAFE_CHAR_CLASS_RE, [a-zA-Z0-9-.+=_] and nothing else (no spaces, no
	// directories); src/PVE/Storage.pm $OVA_CONTENT_RE_1 and
	// src/PVE/Storage/Plugin.pm parse_volname: an OVA member is a volume
	// only when its name ends in .qcow2, .raw or .vmdk (case-sensitive), and
	// that extension is the format qemu-img is told to read.
	{name: "proxmox-8", product: "Proxmox VE 8", consumer: rules.Proxmox,
		ovf2Envelope: rejects, ovf2Items: rejects, ovf09: rejects,
		gzip: rejects, chunked: rejects, memoryUnits: "mib", vmwareNVRAM: warns,
		ovaDiskExtensions: []string{".qcow2", ".raw", ".vmdk"},
		safeDiskHref:      regexp.MustCompile(`^[a-zA-Z0-9\-.+=_]+$`)},

	// KVM through virt-v2v -i ova. Sources: peers.md section 3.5: OVF 1.x
	// namespace only (item 34); digests compare case-sensitively ("corrupt
	// OVA" on upper-case hex, section 2); gzip accepted; chunked files buggy
	// (virt-v2v#189); memory read as MiB whatever AllocationUnits says.
	// libguestfs/virt-v2v input/OVA.ml (get_manifest): a manifest line must
	// match ^(SHA1|SHA256)\((.*)\)= ([0-9a-fA-F]+)\r?$; any other line
	// (SHA512, SHA2-256, no space after "=", spaces around the name) is
	// dropped with the warning "unable to parse line from manifest file",
	// so its file goes unverified.
	{name: "kvm-virt-v2v", product: "virt-v2v (KVM)", consumer: rules.VirtV2V,
		ovf2Envelope: rejects, ovf2Items: rejects, ovf09: rejects,
		spacedForm: warns, spelling: warns, noSpace: warns, upperHex: rejects, sha512: warns,
		chunked: warns, memoryUnits: "mib",
		// libguestfs/virt-v2v input/OVF.ml (parse_disks) looks for hard
		// disks only at /ovf:Envelope/ovf:VirtualSystem/.../ovf:Item
		// [rasd:ResourceType/text()=17], and v2v/v2v.ml stops with
		// "source has no hard disks!" when it finds none (a CD-ROM-only
		// VM, or every system inside a VirtualSystemCollection).
		noHardDisk: rejects},

	// XenServer 8 through XenCenter's OVF import. Sources: peers.md section
	// 3.7: every archive member must be in the manifest ("The appliance
	// contains a file that is not listed in the manifest"); compression
	// partly supported (section 1 row 4). From xenserver/xenadmin
	// XenOvfApi/Validation.cs (OVF.Validate), which only adds warnings the
	// wizard shows: a VirtualSystemType outside knownVirtualSystemTypes
	// (XenOvfApi/Properties/Settings.settings; see xenCenterFamily) gives
	// "unexpected virtual hardware type"; OVF versions outside 0.9 to 1.0.1
	// (the Versions setting) warn; a required Item of a resource type
	// outside its list (ValidateCapability) warns; a memory Item without
	// AllocationUnits warns (ValidateMemory); an unknown file extension
	// warns (KnownFileExtensions). The disk formats it converts (VHD, VMDK,
	// VDI, ISO) are recalled.
	{name: "xenserver-8", product: "XenServer 8", consumer: rules.XenServer,
		knownFamily: xenCenterFamily, unknownFamily: warns, ovf2Envelope: warns, ovf2Items: warns,
		spelling: warns, unlistedMembers: rejects, gzip: warns, chunked: warns,
		diskFormats:       []string{"vhd", "vmdk", "vdi", "iso"},
		knownResourceType: xenCenterKnows, unknownResourceType: warns,
		memoryNoUnits:  warns,
		vmwareFirmware: warns, vmwareNVRAM: warns},
}

// Targets returns the names of every target, in report order.
func Targets() []string {
	out := make([]string, len(targets))
	for i, t := range targets {
		out[i] = t.name
	}
	return out
}

// xenCenterFamily reports whether XenCenter knows the VirtualSystemType
// text: xenserver/xenadmin XenOvfApi/Properties/Settings.settings
// (knownVirtualSystemTypes), looked up whole and case-sensitively by
// XenOvfApi/Validation.cs (OVF.Validate, StringCollection.Contains), so
// "vmx-07 vmx-13" is not known although vmx-07 is.
func xenCenterFamily(text string) bool {
	switch text {
	case "xen-3.0-unknown", "xen-3.0-x32", "xen-3.0-x86", "xen-3.0-x64",
		"hvm-3.0-unknown", "hvm-3.0-x32", "hvm-3.0-x86", "hvm-3.0-x64", "hvm-3.0-hvm",
		"301", "vmx-4", "vmx-04", "vmx-6", "vmx-06", "vmx-7", "vmx-07",
		"DMTF:xen:pv", "DMTF:xen:hvm", "virtualbox-2.2":
		return true
	}
	return false
}

// workstationOnlyFamily reports the hardware versions VMware introduced in
// Workstation that ESXi does not run (govmomi vim25/types/hardware_version.go,
// the VMX6, VMX12 and VMX16 constants).
func workstationOnlyFamily(n int) bool { return n == 6 || n == 12 || n == 16 }

// virtualBoxKnows reports the resource types VirtualBox's OVF reader has a
// case for (ovfreader.cpp OVFReader::HandleVirtualSystemContent).
func virtualBoxKnows(rt int) bool {
	switch rt {
	case 3, 4, 5, 6, 10, 14, 15, 17, 20, 23, 35:
		return true
	}
	return false
}

// xenCenterKnows reports the resource types XenCenter imports
// (xenserver/xenadmin XenOvfApi/Validation.cs ValidateCapability).
func xenCenterKnows(rt int) bool {
	switch rt {
	case 3, 4, 5, 6, 7, 8, 9, 10, 15, 16, 17, 19, 20, 21:
		return true
	}
	return false
}

// release is a vSphere API version, as govmomi's enum.go gives it
// ("7.0.1.0" is release 70, update 1).
type release struct{ release, update int }

// guestSince gives, for VMware guest OS identifiers (vmw:osType) that older
// vSphere releases do not list, the first API version that does. A
// platform without the id imports the package but may not know the guest
// (peers.md item 28: "The guest operating system 'centos7_64Guest' is not
// supported"), so the fact only warns.
var guestSince = map[string]release{
	// vmware/govmomi v0.56.0 vim25/types/enum.go, the
	// minAPIVersionForEnumValue["VirtualMachineGuestOsIdentifier"] map:
	// every id it lists, with its API version.
	"windows2019srvNext_64Guest": {70, 1}, "freebsd13Guest": {70, 1}, "freebsd13_64Guest": {70, 1},
	"rhel9_64Guest": {70, 1}, "centos9_64Guest": {70, 1}, "oracleLinux9_64Guest": {70, 1},
	"sles16_64Guest": {70, 1}, "asianux9_64Guest": {70, 1}, "other5xLinuxGuest": {70, 1},
	"other5xLinux64Guest": {70, 1}, "darwin20_64Guest": {70, 1}, "darwin21_64Guest": {70, 1},
	"amazonlinux3_64Guest": {70, 1},
	"windows11_64Guest":    {80, 0}, "windows12_64Guest": {80, 0}, "windows2022srvNext_64Guest": {80, 0},
	"freebsd14Guest": {80, 0}, "freebsd14_64Guest": {80, 0}, "debian12Guest": {80, 0},
	"debian12_64Guest": {80, 0}, "other6xLinuxGuest": {80, 0}, "other6xLinux64Guest": {80, 0},
	"darwin22_64Guest": {80, 0}, "darwin23_64Guest": {80, 0}, "vmkernel8Guest": {80, 0},
	"rockylinux_64Guest": {80, 0}, "almalinux_64Guest": {80, 0},
	"crxSys1Guest":   {80, 3},
	"freebsd15Guest": {90, 0}, "freebsd15_64Guest": {90, 0}, "rhel10_64Guest": {90, 0},
	"oracleLinux10_64Guest": {90, 0}, "debian13Guest": {90, 0}, "debian13_64Guest": {90, 0},
	"miraclelinux_64Guest": {90, 0}, "pardus_64Guest": {90, 0}, "other7xLinuxGuest": {90, 0},
	"other7xLinux64Guest": {90, 0}, "fusionos_64Guest": {90, 0}, "prolinux_64Guest": {90, 0},
	"kylinlinux_64Guest": {90, 0}, "vmkernel9Guest": {90, 0},

	// Recalled: ids govmomi lists without a version because they predate
	// its map (centos8 and rhel8 are in govmomi v0.18.0's 6.7-era enum;
	// windows2019srv and debian11 are not).
	"centos8_64Guest": {67, 0}, "rhel8_64Guest": {67, 0}, "windows2019srv_64Guest": {67, 0},
	"debian11_64Guest": {70, 0},
}
