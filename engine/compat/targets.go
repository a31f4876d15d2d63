package compat

// target is the table of facts about one consumer. The zero value of a
// level field means the consumer accepts what the field is about. Sources
// are keyed as in reference/peers.md and reference/ovf-rules.md: peers.md
// section 1 (feature matrix), 2 (manifest dialects per consumer), 3
// (per-tool detail) and 6 (user problems, cited as "item N").
type target struct {
	name    string
	product string
	vmware  bool

	// maxFamily is the newest vmx-NN hardware version the platform runs;
	// warnFrom is the first version that needs an update release of it
	// (older update levels refuse it). 0 means not a VMware platform.
	maxFamily, warnFrom int
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

	// strictResourceTypes: required Items of a resource type outside the
	// target's list are refused.
	strictResourceTypes bool
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
	// newestGuest is the vSphere release number whose guest OS list the
	// target has (65, 67, 70, 80); 0 when guest ids are not checked.
	newestGuest int
}

// vsphere returns the facts shared by the vSphere releases.
//
// Sources: hardware versions per release from VMware's hardware-version
// table (vSphere 6.5 runs up to vmx-13, 6.7 vmx-14 and vmx-15 from 6.7 U2,
// 7.0 vmx-17, vmx-18 from U1, vmx-19 from U2, 8.0 vmx-20 and vmx-21 from
// U2), with users' failures in peers.md item 28; "Unsupported hardware
// family 'virtualbox-2.2'" item 27; the manifest forms vSphere refuses
// ("Invalid OVF checksum algorithm") peers.md section 2 and items 1, 2, 7;
// SHA-512 accepted, section 1 row 10; PAX "not supported by vSphere"
// ovf-rules.md TAR-8GIB (open-vmdk#65), which may break older releases;
// compressed disks refused by 6.5, item 32; the descriptor first for URL
// and Content Library imports, item 23; "VALUE_ILLEGAL: Value 'PIIX4' of
// ResourceSubType", item 30; "Invalid property value", item 35. OVF 2.x
// items are refused by VMware's OVF engine (item 29, seen in Workstation,
// which shares it); a 2.x envelope of Items alone is read with a warning
// (not verified against a release).
func vsphere(name, product string, maxFamily, warnFrom, guests int, pax, gzip level) target {
	return target{name: name, product: product, vmware: true,
		maxFamily: maxFamily, warnFrom: warnFrom, foreignFamily: rejects,
		ovf2Envelope: warns, ovf2Items: rejects, ovf09: warns,
		spacedForm: rejects, spelling: rejects,
		pax: pax, gzip: gzip, descriptorNotFirst: rejects,
		diskFormats: []string{"vmdk", "iso"}, ideSubtypes: rejects, propertyTypes: rejects,
		newestGuest: guests}
}

// targets in the order the report lists them.
var targets = []target{
	vsphere("vsphere-6.5", "vSphere 6.5", 13, 14, 65, rejects, rejects),
	vsphere("vsphere-6.7", "vSphere 6.7", 15, 15, 67, rejects, warns),
	vsphere("vsphere-7.0", "vSphere 7.0", 19, 18, 70, warns, warns),
	vsphere("vsphere-8.0", "vSphere 8.0", 21, 21, 80, warns, warns),

	// Workstation 17 shares VMware's OVF engine (ovftool). Sources: vmx-20
	// in 17.0 and vmx-21 from 17.5 (VMware's hardware-version table);
	// "Unsupported element 'StorageItem'", peers.md item 29; the manifest
	// dialect accepted by Player where ESXi refused it and the reverse,
	// item 3; the descriptor first, section 1 row 5 and item 12; ovftool
	// writes gzip (--compress) and chunks (--chunkSize) and reads them,
	// section 3.1. It offers to retry with relaxed checks on an unknown
	// hardware family, so that only warns.
	{name: "workstation-17", product: "VMware Workstation 17", vmware: true,
		maxFamily: 21, warnFrom: 21, foreignFamily: warns,
		ovf2Envelope: warns, ovf2Items: rejects,
		spacedForm: warns, spelling: warns, descriptorNotFirst: rejects,
		diskFormats: []string{"vmdk", "iso"}, ideSubtypes: rejects, propertyTypes: warns},

	// VirtualBox 7. Sources: peers.md section 3.6 (ovfreader.cpp and
	// ApplianceImplImport.cpp): OVF 0.9, 1.x and 2.x read; the manifest read
	// whitespace-tolerant with MD5 to SHA-512 and hex in either case; no
	// chunk support (ovf-rules.md section 17); "Unknown resource type 32768
	// in hardware item", item 33, for any required Item of a type it does
	// not know; memory units limited to MegaBytes, MB, byte * 2^20,
	// GigaBytes, GB and byte * 2^30 ("Invalid allocation unit"); disks in
	// VMDK, VHD, VDI, ISO, QCOW and QCOW2 through its VD backends. It reads
	// nothing of vmw:Config, so VMware's EFI firmware and NVRAM are lost.
	// gzip-compressed files are read: VirtualBox matches "gzip" without
	// regard to case (ovf-rules.md COMP-VALUES), and its own import tests
	// (ValidationKit tdAppliance1-t3 to t6, in the corpus) are packages
	// with .vmdk.gz disks.
	{name: "virtualbox-7", product: "VirtualBox 7",
		spelling: warns, chunked: rejects,
		diskFormats:         []string{"vmdk", "vhd", "vdi", "iso", "qcow", "qcow2"},
		strictResourceTypes: true, memoryUnits: "virtualbox",
		vmwareFirmware: warns, vmwareNVRAM: warns},

	// Proxmox VE 8 (qm importovf and the OVA import of pve-storage).
	// Sources: peers.md section 3.9: only the envelope/1 namespace is
	// registered (2.x yields nothing), no manifest check, memory read as MB
	// whatever AllocationUnits says, disks through qemu-img, firmware read
	// from vmw:Config; section 1 row 4: no ovf:compression support; chunked
	// Files name no member it can extract.
	{name: "proxmox-8", product: "Proxmox VE 8",
		ovf2Envelope: rejects, ovf2Items: rejects, ovf09: rejects,
		gzip: rejects, chunked: rejects, memoryUnits: "mib", vmwareNVRAM: warns},

	// KVM through virt-v2v -i ova. Sources: peers.md section 3.5: OVF 1.x
	// namespace only (item 34); manifest regex needs SHA1 or SHA256 and one
	// space after "=", so SHA-512 lines and "=hex" lines are skipped with a
	// warning, and digests compare case-sensitively ("corrupt OVA" on
	// upper-case hex, section 2); gzip accepted; chunked files buggy
	// (virt-v2v#189); memory read as MiB whatever AllocationUnits says.
	{name: "kvm-virt-v2v", product: "virt-v2v (KVM)",
		ovf2Envelope: rejects, ovf2Items: rejects, ovf09: rejects,
		spelling: warns, noSpace: warns, upperHex: rejects, sha512: warns,
		chunked: warns, memoryUnits: "mib"},

	// XenServer 8 through XenCenter's OVF import. Sources: peers.md section
	// 3.7: known OVF versions 0.9 to 1.0 (2.0 warns), hardware families up
	// to vmx-07 and virtualbox-2.2 ("Found unexpected virtual hardware
	// type", a warning); every archive member must be in the manifest
	// ("The appliance contains a file that is not listed in the
	// manifest"); extension whitelist .vhd .vmdk .vdi .iso and friends;
	// compression partly supported (section 1 row 4).
	{name: "xenserver-8", product: "XenServer 8",
		knownFamily: xenCenterFamily, unknownFamily: warns, ovf2Envelope: warns, ovf2Items: warns,
		spelling: warns, unlistedMembers: rejects, gzip: warns, chunked: warns,
		diskFormats:    []string{"vhd", "vmdk", "vdi", "iso"},
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

// xenCenterFamily reports whether XenCenter's list of known virtual system
// types has family: VMware's up to vmx-07, VirtualBox's virtualbox-2.2, and
// Xen's own xen-3.0 types (peers.md section 3.7).
func xenCenterFamily(f string) bool {
	switch f {
	case "vmx-04", "vmx-4", "vmx-06", "vmx-07", "virtualbox-2.2", "xen-3.0-unknown", "xen-3.0-x32", "xen-3.0-x86", "xen-3.0-x64", "hvm-3.0-unknown", "hvm-3.0-x32", "hvm-3.0-x86", "hvm-3.0-x64", "301":
		return true
	}
	return false
}

// guestSince gives, for VMware guest OS identifiers (vmw:osType) that older
// vSphere releases do not list, the first release that does (65, 67, 70,
// 80). Recalled from VMware's guest OS identifiers, not verified against
// each release's list, so the fact only warns (peers.md item 28: "The guest
// operating system 'centos7_64Guest' is not supported").
var guestSince = map[string]int{
	"centos8_64Guest": 67, "rhel8_64Guest": 67, "windows2019srv_64Guest": 67,
	"rhel9_64Guest": 70, "centos9_64Guest": 70, "debian11_64Guest": 70, "windows2019srvNext_64Guest": 70,
	"windows11_64Guest": 70, "other5xLinux64Guest": 70, "amazonlinux3_64Guest": 80,
	"debian12_64Guest": 80, "windows2022srvNext_64Guest": 80, "other6xLinux64Guest": 80,
}
