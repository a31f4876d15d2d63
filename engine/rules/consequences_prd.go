package rules

// What the consumers do with a finding about ProductSection properties,
// deployment options and the other sections (PRD rules).
//
// Only VMware acts on most of these sections: it shows properties and
// deployment options, checks property values against their types and
// qualifiers, and runs the vApp start order. The others read little:
// VirtualBox takes Product, Vendor, Version and the URLs as text, the
// licence text and the operating system id; virt-v2v reads none of these
// sections; Proxmox reads the operating system id; XenCenter shows the
// licence. Packages that use OVF 2.x sections (PRD040-PRD045) are not read
// at all by virt-v2v and Proxmox, which know only the OVF 1.x namespace.

const (
	prdSrcVMwareValue  = "doc: vSphere refuses a property value its type or qualifiers do not allow: \"Line 42: Invalid property value '0'\" (vmware/pyvmomi#832, peers.md section 6 item 35)"
	prdSrcVMwareStrict = "recalled: VMware's OVF engine parses every Property (key, type, qualifiers, values) and refuses the descriptor when one cannot be read, as it does with \"Missing attribute\" and \"Invalid value\" errors elsewhere (peers.md 3.2)"
	prdSrcVMwareOpts   = "recalled: VMware's engine resolves every ovf:configuration against DeploymentOptionSection and refuses what does not resolve; ovftool's schema check does (peers.md 3.1, COT's test_ovf.py)"
	prdSrcVMwareVApp   = "recalled: vSphere builds the vApp's start order from StartupSection and refuses entries it cannot read"
	prdSrcNoProps      = "code: properties are not read by VirtualBox (ovfreader.cpp reads Product, Vendor, Version and the URLs only, peers.md 3.6), virt-v2v (input/OVF.ml), Proxmox (GuestImport/OVF.pm) or XenCenter (recalled for XenCenter's import)"
	prdSrcNoOptions    = "code: VirtualBox ignores DeploymentOptionSection (peers.md 3.6); virt-v2v (input/OVF.ml) and Proxmox (GuestImport/OVF.pm) select Items by XPath without ovf:configuration; XenCenter reads no options (recalled); every Item applies"
	prdSrcNoStartup    = "code: VirtualBox (ovfreader.cpp) has no StartupSection case; virt-v2v (input/OVF.ml) and Proxmox (GuestImport/OVF.pm) read only /Envelope/VirtualSystem; XenCenter's import does not apply a start order (recalled)"
	prdSrcNoOVF2       = "code: virt-v2v (input/OVF.ml) and Proxmox (GuestImport/OVF.pm) register only the OVF 1.x namespace (peers.md 3.5, 3.9); VirtualBox (ovfreader.cpp) has no case for this section; XenCenter does not use it (recalled)"
	prdSrcVBoxOSID     = "code: VirtualBox src/VBox/Main/xml/ovfreader.cpp (OVFReader::HandleVirtualSystemContent): \"missing or invalid 'ovf:id' attribute in operating system section element\" fails the import"
	prdSrcPVEOSType    = "code: proxmox/pve-storage src/PVE/GuestImport/OVF.pm (get_ostype): an id it does not map gives ostype 'other'"
	prdSrcV2VNoOS      = "code: libguestfs/virt-v2v input/OVF.ml (parse_ovf_from_ova) does not read OperatingSystemSection; the guest is inspected instead"
)

var (
	_ = declare(PrdNoKey, refuses(prdSrcVMwareStrict, VMware), ignores(prdSrcNoProps, all))
	_ = declare(PrdDupKey, refuses(prdSrcVMwareStrict, VMware), ignores(prdSrcNoProps, all))
	_ = declare(PrdNoType, refuses(prdSrcVMwareStrict, VMware), ignores(prdSrcNoProps, all))
	_ = declare(PrdType, refuses(prdSrcVMwareStrict, VMware), ignores(prdSrcNoProps, all))
	_ = declare(PrdVendorType,
		ignores("doc: ovftool's probe lists VMware's types such as password(..25) and vSphere prompts for them (peers.md 3.1)", VMware),
		ignores(prdSrcNoProps, all))
	_ = declare(PrdQualifiers, refuses(prdSrcVMwareStrict, VMware), ignores(prdSrcNoProps, all))
	_ = declare(PrdValueType, refuses(prdSrcVMwareValue, VMware), ignores(prdSrcNoProps, all))
	_ = declare(PrdBoolSpelling,
		warns("doc: VMware's handling of boolean spellings varies: govmomi rewrites them to True/False because \"vSphere only accept True/False\" (peers.md 3.3) and vmware/vic#8387 reports \"invalid value 'true'\"", VMware),
		ignores(prdSrcNoProps, all))
	_ = declare(PrdValueQualifier, refuses(prdSrcVMwareValue, VMware), ignores(prdSrcNoProps, all))
	_ = declare(PrdClassInstance,
		refuses("recalled: VMware names each property by class, key and instance, so two sections with one class and instance give duplicate properties, which it refuses", VMware),
		ignores(prdSrcNoProps, all))
	_ = declare(PrdEnvKey,
		warns("recalled: the OVF environment VMware writes holds one value per key, so the guest sees one of the two", VMware),
		ignores(prdSrcNoProps, all))
	_ = declare(PrdPasswordDefault,
		ignores("recalled: VMware offers the default in the deploy wizard like any other value", VMware),
		ignores(prdSrcNoProps, all))
	_ = declare(PrdFixedNoValue,
		ignores("recalled: VMware passes the property to the guest with an empty value", VMware),
		ignores(prdSrcNoProps, all))
	_ = declare(PrdValueTwice, refuses(prdSrcVMwareStrict, VMware), ignores(prdSrcNoProps, all))
	_ = declare(PrdEmptyCategory,
		ignores("recalled: VMware's deploy wizard shows an empty group", VMware),
		ignores(prdSrcNoProps, all))
	_ = declare(PrdURL,
		ignores("recalled: VMware shows the URLs as text", VMware),
		ignores("code: VirtualBox reads ProductUrl and VendorUrl as text (ovfreader.cpp); virt-v2v, Proxmox and XenCenter do not read them", all))
	_ = declare(PrdIcon,
		refuses("recalled: VMware resolves every ovf:fileRef of the descriptor, Icon's too, and stops when one names no File", VMware),
		ignores("code: no other consumer reads Icon (ovfreader.cpp; input/OVF.ml; GuestImport/OVF.pm; recalled for XenCenter)", all))
	_ = declare(PrdNoProductName,
		ignores("recalled: VMware names the appliance from the VirtualSystem when the ProductSection has no Product", VMware),
		ignores("code: VirtualBox shows an empty product (ovfreader.cpp); virt-v2v, Proxmox and XenCenter name the machine from VirtualSystem/Name", all))
	_ = declare(PrdVendorQualifier,
		ignores("recalled: VMware reads its own qualifiers (ovf:qualifiers=\"MinLen(..)\" and the ip: types) and fills the value from the network settings", VMware),
		ignores(prdSrcNoProps, all))

	_ = declare(PrdConfigRef, refuses(prdSrcVMwareOpts, VMware), ignores(prdSrcNoOptions, all))
	_ = declare(PrdConfigDupID, refuses(prdSrcVMwareOpts, VMware), ignores(prdSrcNoOptions, all))
	_ = declare(PrdConfigDefaults,
		refuses("recalled: VMware's engine refuses a DeploymentOptionSection with more than one default, as DSP0243 9.8 calls it invalid", VMware),
		ignores(prdSrcNoOptions, all))
	_ = declare(PrdConfigUnused,
		ignores("recalled: VMware offers the option; deploying it gives the default hardware", VMware),
		ignores(prdSrcNoOptions, all))

	_ = declare(PrdStartupID, refuses(prdSrcVMwareVApp, VMware), ignores(prdSrcNoStartup, all))
	_ = declare(PrdStartupNumber, refuses(prdSrcVMwareVApp, VMware), ignores(prdSrcNoStartup, all))
	_ = declare(PrdStartupAction, refuses(prdSrcVMwareVApp, VMware), ignores(prdSrcNoStartup, all))
	_ = declare(PrdStartupDup,
		warns("recalled: vSphere keeps one start entry per member", VMware),
		ignores(prdSrcNoStartup, all))
	_ = declare(PrdInstallDelay,
		ignores("recalled: VMware takes a missing initialBootStopDelay as 0, the OVF 1.0 default", VMware),
		ignores("code: VirtualBox (ovfreader.cpp), virt-v2v (input/OVF.ml) and Proxmox (GuestImport/OVF.pm) do not read InstallSection; XenCenter does not either (recalled)", all))
	_ = declare(PrdEulaEmpty,
		ignores("recalled: VMware shows the empty licence and asks for it to be accepted", VMware),
		ignores("code: VirtualBox shows the licence text it reads (peers.md section 1 row 29); virt-v2v and Proxmox do not read EulaSection; XenCenter shows it (recalled)", all))
	_ = declare(PrdOSID,
		refuses("recalled: VMware's engine reads ovf:id as a number and refuses the section without one", VMware),
		refuses(prdSrcVBoxOSID, VirtualBox),
		ignores(prdSrcV2VNoOS, VirtV2V),
		warns(prdSrcPVEOSType, Proxmox),
		warns("recalled: XenCenter keeps the guest type unknown", XenServer))
	_ = declare(PrdOSUnknown,
		warns("recalled: VMware uses vmw:osType when present, otherwise an unknown id deploys as Other", VMware),
		warns("code: VirtualBox maps the CIM id to its OS type, an unknown one to Other (ovfreader.cpp stores it; the mapping is in ApplianceImplImport.cpp)", VirtualBox),
		ignores(prdSrcV2VNoOS, VirtV2V),
		warns(prdSrcPVEOSType, Proxmox),
		ignores("recalled: XenCenter does not set the guest type from the OVF id", XenServer))
	_ = declare(PrdLongText,
		ignores("recalled: only vCloud Director caps descriptions at 255 characters (peers.md 3.2); vSphere, the other consumers and ovftool accept longer ones", all))

	_ = declare(PrdScaleOut,
		refuses("recalled: vSphere reads the OVF 2.x scale-out section in its own packages (ovf-rules.md NS-MIXED) and refuses counts it cannot use", VMware),
		ignores(prdSrcNoOVF2, all))
	_ = declare(PrdScaleOutID,
		refuses("recalled: vSphere refuses a scale-out section that names no member of the collection", VMware),
		ignores(prdSrcNoOVF2, all))
	_ = declare(PrdPlacementGroup,
		refuses("recalled: vSphere reads placement groups (ovf-rules.md NS-MIXED) and refuses a reference to one that does not exist", VMware),
		ignores(prdSrcNoOVF2, all))
	_ = declare(PrdPlacementPolicy,
		ignores("recalled: vSphere applies the affinity policies it knows and ignores others", VMware),
		ignores(prdSrcNoOVF2, all))
	_ = declare(PrdEnvironmentFile,
		ignores("recalled: VMware does not deliver EnvironmentFilesSection files", VMware),
		ignores(prdSrcNoOVF2, all))
	_ = declare(PrdEncrypted,
		refuses("recalled: none of the consumers implements the XML encryption of DSP0243 2.x, so encrypted files cannot be read and the import fails", all))
)
