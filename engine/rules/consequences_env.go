package rules

// What the consumers do with envelope findings (ENV): the descriptor's XML,
// its namespaces and the DSP8023 structure.
//
// Two readers shape this file:
//   - virt-v2v and Proxmox query the descriptor with XPath in the
//     envelope/1 and standard RASD namespaces only. Anything spelled
//     otherwise is invisible to them: no Item, no disk, and the import
//     fails (virt-v2v) or arrives empty (Proxmox). Both ignore structure
//     they do not query: order, Info, placement, ids, message bundles.
//   - VMware's reader holds the descriptor to the DSP8023 structure:
//     misplaced sections, missing Info, unknown elements, missing
//     attributes and ill-typed values are reported by line and the
//     package is not deployed.
//
// "run:" facts were reproduced here on the rule's wrong example: virt-v2v
// 2.2 with -i ova --print-source (and -o null where the source had no
// disk), and XML::LibXML 2.0134 (Debian libxml-libxml-perl, the parser
// Proxmox uses) loading the descriptor with Proxmox's options and querying
// it with the XPath of pve-storage src/PVE/GuestImport/OVF.pm (parse_ovf).
//
// Not declared on purpose: ENV002 (DOCTYPE), ENV004 (encoding ovacheck
// cannot decode) and ENV012 (structural limit). ovacheck stops reading the
// descriptor there, so the finding stands for a descriptor that was not
// checked; consumers mostly read such descriptors (virt-v2v 2.2 and
// XML::LibXML read the ENV002 and ENV004 examples), and declaring that
// would lower the finding to a warning over an unchecked descriptor.
const (
	envSrcV2VNamespace      = "run: virt-v2v 2.2 -i ova --print-source finds no name, no disk and no NIC (it registers only the envelope/1 namespace: libguestfs/virt-v2v input/OVF.ml (xpathctx_of_ovf)); -o null then fails \"you must call guestfs_add_drive before guestfs_launch\""
	envSrcPxNamespace       = "run: XML::LibXML with the XPath of proxmox/pve-storage src/PVE/GuestImport/OVF.pm (parse_ovf), which registers only envelope/1: no name, no memory, no disk; the VM would be created without anything of the appliance"
	envSrcVBoxAs09          = "code: VirtualBox src/VBox/Main/xml/ovfreader.cpp: the Envelope namespace selects OVF 1.0 or 2.0 and any other is read as 0.9, whose sections VirtualBox also reads (peers.md 3.6)"
	envSrcXenSerializer     = "code: xenserver/xenadmin XenOvfApi/Utilities/Utilities.cs (DeserializeOvfXml): the descriptor is bound with XmlSerializer to the envelope/1 types; only VMware's 0.9 namespace and VMware 3.5's unprefixed elements are rewritten before a second try (LoadVmw35OvfXml), so an Envelope in another namespace yields no envelope"
	envSrcXenVMware09       = "code: xenserver/xenadmin XenOvfApi/Utilities/Utilities.cs (LoadVmw35OvfXml) rewrites VMware's 0.9 envelope namespace to envelope/1 and prefixes the unqualified elements VMware 3.5 wrote, then reads the result"
	envSrcV2VIgnores        = "run: virt-v2v 2.2 -i ova --print-source reads the wrong example's name, memory, disk and NIC as from the sound package (it queries only the elements it needs: libguestfs/virt-v2v input/OVF.ml)"
	envSrcPxIgnores         = "run: XML::LibXML with the XPath of proxmox/pve-storage src/PVE/GuestImport/OVF.pm (parse_ovf) reads the wrong example's name, memory and disk as from the sound package"
	envSrcVBoxLenient       = "recalled: VirtualBox's ovfreader.cpp walks the sections it knows by element name and skips what it does not know; no schema check (peers.md 3.6, section 1 row 20)"
	envSrcXenLenient        = "recalled: XenCenter binds the descriptor with .NET XmlSerializer, which skips elements and attributes it has no member for and checks neither order nor cardinality; schema validation is off by default (peers.md 3.7)"
	envSrcVMwareOwnFixtures = "doc: VMware's own test descriptors in govmomi ovf/fixtures/external (labelled valid in the corpus) carry it: nostalgiauday/nostalgia.ovf has two DiskSections, ImportOvf2014/complete_vsc.ovf a ProductSection with Version after VendorUrl; so VMware's reader is not held to refuse it here, and only warns is recorded"
	envSrcVMwareSchema      = "recalled: VMware's reader holds the descriptor to the DSP8023 structure and names the line (\"Missing child element(s). Expected is ( ...Info )\" on VMware's own negative test descriptors, ovf-rules.md SECTION-INFO; \"Unsupported element 'StorageItem'\", peers.md section 6 item 29)"
	envSrcVMwarePlace       = "doc: peers.md section 6 item 29 (xcp-ng/xenadmin#202): VMware refuses XenCenter's StartupSection inside a VirtualSystem, where the schema does not allow it: \"Unsupported section 'StartupSection'\""
	envSrcVMwareElement     = "doc: peers.md section 6 item 29 (BlackArch/blackarch#1937, xcp-ng/xenadmin#202): VMware Workstation refuses \"Unsupported element 'StorageItem'\" and \"Unsupported element 'VirtualSystemOtherConfigurationData'\""
	envSrcVMwareAttr        = "doc: peers.md section 6 item 30 (opendedup/sdfs#97): VMware refuses \"Missing attribute 'type' on element 'Section'\""
	envSrcVMwareValue       = "doc: peers.md section 6 items 35 and 30: vSphere refuses values outside their type (\"Invalid property value '0'\", \"invalid value 'true'\", \"VALUE_ILLEGAL\")"
	// srcVMwareSetRefuses and srcVMwareSetAccepts are the VMware facts
	// issue 11 brings from a labelled set of descriptors that VMware's
	// importers accept or refuse, kept outside the project: neither the set
	// nor VMware's code is here to read, so they are recalled.
	srcVMwareSetRefuses = "recalled: issue 11 reports VMware's importers refusing it in a labelled accept/refuse set of descriptors kept outside the project; not reproduced here"
	srcVMwareSetAccepts = "recalled: issue 11 reports VMware's importers accepting it in a labelled accept/refuse set of descriptors kept outside the project; not reproduced here"
	envSrcNotAboutPkg   = "recalled: the finding is about ovacheck's report, not the package; no consumer sees it"
)

var (
	// XML layer.

	_ = declare(EnvEncodingMismatch,
		refuses("run: virt-v2v 2.2 -i ova fails: \"Document labelled UTF-16 but has UTF-8 content\", \"unable to parse XML\"", VirtV2V),
		refuses("run: XML::LibXML (Proxmox's parser) dies: \"Document labelled UTF-16 but has UTF-8 content\"", Proxmox),
		refuses("recalled: VirtualBox parses with libxml2 (IPRT xml.cpp), which stops on the same error as virt-v2v's libxml2", VirtualBox),
		ignores("code: xenserver/xenadmin XenOvfApi/Utilities/Utilities.cs (LoadOvfXml): the descriptor is read into a string before it is parsed, so the declared encoding is not used; XenCenter writes this mismatch itself", XenServer),
		ignores("recalled: VMware's Xerces-based parser reports a declaration that contradicts the sensed encoding and goes on with the sensed one", VMware))
	_ = declare(EnvNotEnvelope,
		refuses(envSrcV2VNamespace, VirtV2V),
		refuses(envSrcPxNamespace, Proxmox),
		refuses("code: VirtualBox src/VBox/Main/xml/ovfreader.cpp: the root element must be Envelope (peers.md 3.6)", VirtualBox),
		refuses(envSrcXenSerializer, XenServer),
		refuses("recalled: ovftool and vSphere fail to parse a descriptor whose root is not an OVF Envelope", VMware))

	// Namespaces and versions.

	_ = declare(EnvUnknownNamespace,
		refuses(envSrcV2VNamespace, VirtV2V),
		refuses(envSrcPxNamespace, Proxmox),
		ignores(envSrcVBoxAs09, VirtualBox),
		refuses(envSrcXenSerializer, XenServer),
		refuses("recalled: ovftool reads the 0.9 and 1.x namespaces (and 2.x on recent releases); an Envelope in another namespace is not an OVF descriptor to it", VMware))
	_ = declare(EnvVersion09,
		refuses(envSrcV2VNamespace, VirtV2V),
		refuses(envSrcPxNamespace, Proxmox),
		ignores(envSrcVBoxAs09, VirtualBox),
		ignores(envSrcXenVMware09, XenServer),
		ignores("doc: ovftool 4.3 release notes: it reads OVF 0.9 and 1.x and writes both (peers.md 3.1)", VMware))
	_ = declare(EnvNoNamespace,
		refuses(envSrcV2VNamespace, VirtV2V),
		refuses("run: XML::LibXML (Proxmox's parser) dies on the ovf: prefixes left undeclared, and when they are declared the XPath in envelope/1 finds nothing (proxmox/pve-storage src/PVE/GuestImport/OVF.pm (parse_ovf))", Proxmox),
		ignores(envSrcVBoxAs09, VirtualBox),
		ignores(envSrcXenVMware09, XenServer),
		ignores("recalled: ovftool 3.5 wrote Envelopes without a namespace, and VMware's readers still take them", VMware))
	_ = declare(EnvTrailingSlash,
		refuses(envSrcV2VNamespace, VirtV2V),
		refuses(envSrcPxNamespace, Proxmox),
		ignores(envSrcVBoxAs09, VirtualBox),
		refuses(envSrcXenSerializer, XenServer),
		refuses("recalled: VMware compares the envelope namespace exactly, as the DSP8023 schema binds it", VMware))
	_ = declare(EnvSettingsNamespace,
		refuses("run: virt-v2v 2.2 -i ova --print-source on the wrong example finds no disk and defaults the memory: the Items' CIM children in another namespace are invisible to its XPath (libguestfs/virt-v2v input/OVF.ml registers the standard RASD namespace only); the conversion then has no disk", VirtV2V),
		refuses("run: XML::LibXML with the XPath of proxmox/pve-storage src/PVE/GuestImport/OVF.pm (parse_ovf) finds no disk Item and no memory: the standard RASD namespace only", Proxmox),
		ignores("recalled: VirtualBox matches the CIM elements of an Item by local name, and writes the .xsd spellings itself in its OVF 2.0 exports", VirtualBox),
		refuses("recalled: XenCenter's XmlSerializer binds Item children in the standard RASD namespace only; in another they are skipped and the Items lose their ResourceType", XenServer),
		refuses("recalled: VMware binds Item children in the standard CIM namespaces; an Item without a ResourceType it can read is refused", VMware))
	_ = declare(EnvUnqualified,
		refuses("run: virt-v2v 2.2 -i ova fails on the wrong example (an unprefixed href): \"no href in ovf:File (id=file1)\"; its XPath asks for ovf: attributes (libguestfs/virt-v2v input/OVF.ml (parse_disks))", VirtV2V),
		warns("run: XML::LibXML with the XPath of proxmox/pve-storage src/PVE/GuestImport/OVF.pm (parse_ovf): the disk's File has no ovf:href, so the disk is skipped with \"invalid file reference\"", Proxmox),
		ignores("recalled: VirtualBox's IPRT XML reader matches attributes by local name when no namespace is asked for", VirtualBox),
		refuses("recalled: XenCenter's XmlSerializer binds the OVF attributes in the OVF namespace; an unprefixed one is left unset and the reference it carries is lost", XenServer),
		ignores("doc: VMware's own signed packages carry unprefixed elements and import (govmomi ovf/fixtures/external/OVFCerts/ValidCert/Nostalgia.ovf)", VMware))
	_ = declare(EnvUnqualifiedAttr,
		ignores("code: libguestfs/virt-v2v input/OVF.ml (parse_disks) asks for ovf: attributes only on Disk (diskId, fileRef) and File (id, href, compression); run: virt-v2v 2.2 -i ova --print-source reads the same guest (2 vCPUs, no warning) from an Item with an unprefixed configuration attribute as from one with ovf:configuration", VirtV2V),
		ignores("code: proxmox/pve-storage src/PVE/GuestImport/OVF.pm (parse_ovf) asks for ovf: attributes only on Disk (diskId, fileRef, capacity, capacityAllocationUnits), File (id, href) and OperatingSystemSection (id)", Proxmox),
		ignores("recalled: VirtualBox's IPRT XML reader matches attributes by local name when no namespace is asked for", VirtualBox),
		warns("recalled: XenCenter's XmlSerializer binds the OVF attributes in the OVF namespace; an unprefixed one is left unset and what it says (a configuration, a bound, ovf:required) is lost", XenServer),
		ignores("doc: VMware's own appliances carry it and deploy: the vCenter Server Appliance 6.5 and 9.1 descriptors (govmomi ovf/fixtures/external/vcsa65.ovf, ovf/fixtures/vmware/VMware-vCenter-Server-Appliance-9.1.0.0.25262036_OVF10.ovf) have unprefixed configuration attributes on Items", VMware))
	_ = declare(EnvUndeclaredPrefix,
		warns("run: virt-v2v 2.2 -i ova prints libxml2's \"namespace error : Namespace prefix vmw ... is not defined\" and goes on", VirtV2V),
		refuses("run: XML::LibXML (Proxmox's parser) dies: \"namespace error : Namespace prefix vmw for osType on OperatingSystemSection is not defined\"", Proxmox),
		ignores("recalled: VirtualBox's IPRT XML parser fails only when libxml2 returns no document, and a namespace error still gives one", VirtualBox),
		refuses("recalled: .NET's XmlReader, under XenCenter's XmlSerializer, throws on an undeclared prefix", XenServer),
		refuses("doc: peers.md section 6 item 30 (opendedup/sdfs#97): VMware refuses \"xsi is an undeclared named space line 124\"", VMware))
	_ = declare(EnvUndeclaredPrefixOptional,
		warns("run: virt-v2v 2.2 -i ova prints libxml2's \"namespace error : Namespace prefix ... is not defined\" and goes on (the ENV020 run)", VirtV2V),
		refuses("run: XML::LibXML (Proxmox's parser) dies on any namespace error, wherever the prefix is (the ENV020 run)", Proxmox),
		ignores("recalled: VirtualBox's IPRT XML parser fails only when libxml2 returns no document, and a namespace error still gives one", VirtualBox),
		refuses("recalled: .NET's XmlReader, under XenCenter's XmlSerializer, throws on an undeclared prefix wherever it is", XenServer),
		ignores(srcVMwareSetAccepts+" when the prefix is used only on a trailing Strings bundle or an extension marked ovf:required=\"false\"", VMware))
	_ = declare(EnvVersionAttr,
		ignores(envSrcV2VIgnores, VirtV2V),
		ignores(envSrcPxIgnores, Proxmox),
		ignores("recalled: VirtualBox takes the version from the namespace (peers.md 3.6)", VirtualBox),
		warns("code: xenserver/xenadmin XenOvfApi/Validation.cs: the version is checked against 0.9 to 1.0.x, and \"OVF version '2.0' is not supported\" is a warning (peers.md 3.7)", XenServer),
		ignores("recalled: VMware takes the version from the namespace", VMware))
	_ = declare(EnvMixedVersion,
		ignores(envSrcV2VIgnores, VirtV2V),
		ignores(envSrcPxIgnores, Proxmox),
		ignores(envSrcVBoxLenient, VirtualBox),
		ignores(envSrcXenLenient, XenServer),
		ignores("doc: ovf-rules.md NS-MIXED: VMware's own positive test descriptors put 2.x sections in 1.x envelopes under a second prefix", VMware))

	// Envelope structure.

	_ = declare(EnvReferences,
		ignores(envSrcV2VIgnores, VirtV2V),
		ignores(envSrcPxIgnores, Proxmox),
		ignores(envSrcVBoxLenient, VirtualBox),
		ignores(envSrcXenLenient, XenServer),
		refuses(envSrcVMwareSchema, VMware))
	_ = declare(EnvChildOrder,
		ignores(envSrcV2VIgnores, VirtV2V),
		ignores(envSrcPxIgnores, Proxmox),
		ignores(envSrcVBoxLenient, VirtualBox),
		ignores(envSrcXenLenient, XenServer),
		refuses(envSrcVMwareSchema, VMware))
	_ = declare(EnvNoContent,
		refuses("run: virt-v2v 2.2 -i ova --print-source finds no disk; -o null fails (\"you must call guestfs_add_drive before guestfs_launch\")", VirtV2V),
		refuses("run: XML::LibXML with the XPath of proxmox/pve-storage src/PVE/GuestImport/OVF.pm (parse_ovf) finds no VirtualSystem, so nothing is imported", Proxmox),
		refuses("recalled: VirtualBox has no virtual system to import and the import fails", VirtualBox),
		refuses("recalled: XenCenter finds no virtual system to create", XenServer),
		refuses("recalled: ovftool and vSphere have nothing to deploy and fail", VMware))
	_ = declare(EnvManyContent,
		ignores("run: virt-v2v 2.2 -i ova --print-source converts one guest: the first VirtualSystem's name, the disks of both", VirtV2V),
		ignores("run: XML::LibXML with the XPath of proxmox/pve-storage src/PVE/GuestImport/OVF.pm (parse_ovf) imports one VM, named after the first VirtualSystem", Proxmox),
		ignores("recalled: VirtualBox imports each virtual system it finds under the Envelope", VirtualBox),
		ignores(envSrcXenLenient, XenServer),
		refuses(envSrcVMwareSchema, VMware))
	_ = declare(EnvContentNoID,
		ignores("run: virt-v2v 2.2 -i ova --print-source reads the guest as from the sound package; it reads no ovf:id", VirtV2V),
		ignores("run: XML::LibXML with the XPath of proxmox/pve-storage src/PVE/GuestImport/OVF.pm (parse_ovf) reads the VM as from the sound package; it reads no ovf:id", Proxmox),
		ignores("recalled: VirtualBox names the machine from Name or the VirtualSystemIdentifier and imports without the id", VirtualBox),
		ignores(envSrcXenLenient, XenServer),
		refuses(envSrcVMwareAttr+"; ovf:id is required on Content", VMware))
	_ = declare(EnvContentDupID,
		ignores("code: libguestfs/virt-v2v input/OVF.ml reads no ovf:id (it reads a VirtualSystem directly under the Envelope only)", VirtV2V),
		ignores("code: proxmox/pve-storage src/PVE/GuestImport/OVF.pm (parse_ovf) reads no ovf:id", Proxmox),
		ignores("recalled: VirtualBox imports the systems in order and does not key them by ovf:id", VirtualBox),
		ignores(envSrcXenLenient, XenServer),
		refuses("recalled: VMware keys a vApp's entities (StartupSection, the OVF environment) by ovf:id and refuses siblings that share one", VMware))
	_ = declare(EnvContentDupIDGlobal,
		ignores("code: libguestfs/virt-v2v input/OVF.ml reads no ovf:id", VirtV2V),
		ignores("code: proxmox/pve-storage src/PVE/GuestImport/OVF.pm (parse_ovf) reads no ovf:id", Proxmox),
		ignores("recalled: VirtualBox does not key systems by ovf:id", VirtualBox),
		ignores(envSrcXenLenient, XenServer),
		ignores("recalled: DSP8023 scopes ids to siblings, and VMware deploys tiers that reuse an id", VMware))
	_ = declare(EnvTooManyFindings, ignores(envSrcNotAboutPkg, all))

	// The DSP8023 schema as tables.

	_ = declare(EnvUndefinedElement,
		ignores(envSrcV2VIgnores, VirtV2V),
		ignores(envSrcPxIgnores, Proxmox),
		ignores(envSrcVBoxLenient, VirtualBox),
		ignores(envSrcXenLenient, XenServer),
		refuses(envSrcVMwareElement, VMware))
	_ = declare(EnvEncodingUnsupported,
		refuses("run: libxml2 (XML::LibXML, as Proxmox parses; VirtualBox and virt-v2v use libxml2 too) stops with \"input conversion failed\" on a descriptor declared EBCDIC-US, even when its bytes are ASCII; expat stops with \"unknown encoding\"", VirtualBox, VirtV2V, Proxmox),
		refuses("recalled: .NET's XmlDocument (XenCenter) and VMware's parser refuse an encoding they do not know", VMware, XenServer))
	_ = declare(EnvUndefinedOptional,
		ignores("doc: DSP0243 1.1.0 7.3 lets a consumer skip an element marked ovf:required=\"false\"; VMware's own test descriptor govmomi ovf/fixtures/external/external.ovf has such a <RandomSection> and is labelled valid", VMware),
		ignores(envSrcV2VIgnores, VirtV2V),
		ignores(envSrcPxIgnores, Proxmox),
		ignores(envSrcVBoxLenient, VirtualBox),
		ignores(envSrcXenLenient, XenServer))
	_ = declare(EnvEmptyCollection,
		warns("recalled: vSphere deploys the collection as a vApp with no virtual machine in it", VMware),
		warns("recalled: VirtualBox collects the VirtualSystem elements it finds and imports none", VirtualBox),
		warns("recalled: virt-v2v (input/OVF.ml) queries a VirtualSystem's name, CPUs, memory and disks; with none there is no guest to convert", VirtV2V),
		warns("recalled: Proxmox (GuestImport/OVF.pm, parse_ovf) queries the VirtualSystem; with none the VM gets no name, memory or disk from the descriptor", Proxmox),
		warns("recalled: XenCenter imports the VirtualSystem elements it finds, none here", XenServer))
	_ = declare(EnvInfoNotFirst,
		ignores(envSrcV2VIgnores, VirtV2V),
		ignores(envSrcPxIgnores, Proxmox),
		ignores(envSrcVBoxLenient, VirtualBox),
		ignores(envSrcXenLenient, XenServer),
		refuses("doc: ovf-rules.md SECTION-INFO: DSP8023 makes Info minOccurs=1 and first, and VMware's own test descriptors without it are negative (\"Missing child element(s). Expected is ( ...Info )\"); recalled: ovftool refuses them", VMware))
	_ = declare(EnvSectionPlacement,
		ignores(envSrcV2VIgnores, VirtV2V),
		ignores(envSrcPxIgnores, Proxmox),
		ignores(envSrcVBoxLenient, VirtualBox),
		ignores(envSrcXenLenient, XenServer),
		refuses(envSrcVMwarePlace, VMware))
	_ = declare(EnvSectionRepeated,
		ignores(envSrcV2VIgnores, VirtV2V),
		ignores(envSrcPxIgnores, Proxmox),
		ignores(envSrcVBoxLenient, VirtualBox),
		ignores(envSrcXenLenient, XenServer),
		warns(envSrcVMwareOwnFixtures, VMware))
	_ = declare(EnvElementOrder,
		ignores(envSrcV2VIgnores, VirtV2V),
		ignores(envSrcPxIgnores, Proxmox),
		ignores(envSrcVBoxLenient, VirtualBox),
		ignores(envSrcXenLenient, XenServer),
		warns(envSrcVMwareOwnFixtures, VMware))
	_ = declare(EnvChildMissing,
		ignores(envSrcV2VIgnores, VirtV2V),
		ignores(envSrcPxIgnores, Proxmox),
		ignores(envSrcVBoxLenient, VirtualBox),
		ignores(envSrcXenLenient, XenServer),
		refuses(envSrcVMwareSchema, VMware))
	_ = declare(EnvChildRepeated,
		ignores(envSrcV2VIgnores, VirtV2V),
		ignores(envSrcPxIgnores, Proxmox),
		ignores(envSrcVBoxLenient, VirtualBox),
		ignores(envSrcXenLenient, XenServer),
		refuses(envSrcVMwareSchema, VMware))
	_ = declare(EnvAttrMissing,
		ignores(envSrcV2VIgnores, VirtV2V),
		ignores(envSrcPxIgnores, Proxmox),
		ignores(envSrcVBoxLenient, VirtualBox),
		ignores(envSrcXenLenient, XenServer),
		refuses(envSrcVMwareAttr, VMware))
	_ = declare(EnvAttrType,
		ignores(envSrcV2VIgnores, VirtV2V),
		ignores(envSrcPxIgnores, Proxmox),
		ignores(envSrcVBoxLenient, VirtualBox),
		ignores(envSrcXenLenient, XenServer),
		refuses(envSrcVMwareValue, VMware))

	// Extensions.

	_ = declare(EnvRequiredExtension,
		ignores(envSrcV2VIgnores, VirtV2V),
		ignores(envSrcPxIgnores, Proxmox),
		ignores(envSrcVBoxLenient, VirtualBox),
		ignores(envSrcXenLenient, XenServer),
		refuses("recalled: ovftool honours ovf:required and refuses a required section it does not know (\"Unsupported section\", peers.md section 6 item 29)", VMware))
	_ = declare(EnvVendorExtension,
		ignores(envSrcV2VIgnores, VirtV2V),
		ignores(envSrcPxIgnores, Proxmox),
		ignores(envSrcVBoxLenient, VirtualBox),
		ignores(envSrcXenLenient, XenServer),
		ignores("recalled: VMware understands its own vmw: sections", VMware))
	_ = declare(EnvUnknownChild,
		ignores(envSrcV2VIgnores, VirtV2V),
		ignores(envSrcPxIgnores, Proxmox),
		ignores(envSrcVBoxLenient, VirtualBox),
		ignores(envSrcXenLenient, XenServer),
		refuses("recalled: ovftool honours ovf:required and refuses a required element it does not know (\"Unsupported element\", peers.md section 6 item 29)", VMware))

	// Languages and message bundles.

	_ = declare(EnvLang,
		ignores(envSrcV2VIgnores, VirtV2V),
		ignores(envSrcPxIgnores, Proxmox),
		ignores(envSrcVBoxLenient, VirtualBox),
		ignores(envSrcXenLenient, XenServer),
		ignores("recalled: VMware uses xml:lang only to pick a Strings bundle and falls back to the descriptor's own text", VMware))
	_ = declare(EnvMsgID,
		ignores(envSrcV2VIgnores, VirtV2V),
		ignores(envSrcPxIgnores, Proxmox),
		ignores(envSrcVBoxLenient, VirtualBox),
		ignores(envSrcXenLenient, XenServer),
		ignores("recalled: VMware shows the element's own text where a bundle lacks the message", VMware))
	_ = declare(EnvStringsLang,
		ignores(envSrcV2VIgnores, VirtV2V),
		ignores(envSrcPxIgnores, Proxmox),
		ignores(envSrcVBoxLenient, VirtualBox),
		ignores(envSrcXenLenient, XenServer),
		ignores("recalled: VMware never selects a bundle without a language and shows the descriptor's own text", VMware))
	_ = declare(EnvStringsFile,
		ignores(envSrcV2VIgnores, VirtV2V),
		ignores(envSrcPxIgnores, Proxmox),
		ignores(envSrcVBoxLenient, VirtualBox),
		ignores(envSrcXenLenient, XenServer),
		ignores(srcVMwareSetAccepts+"; the bundle's translations are lost and the descriptor's own text shows", VMware))
)
