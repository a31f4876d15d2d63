package rules

// What the consumers do with OVF 0.9 envelope findings (ENV060-).
//
// virt-v2v and Proxmox read no OVF 0.9 descriptor at all (ENV007 records
// the same refusal): whatever its sections, they find nothing to import.
var (
	_ = declare(Env09NoType,
		refuses(envSrcV2VNamespace, VirtV2V),
		refuses(envSrcPxNamespace, Proxmox),
		refuses("code: VirtualBox src/VBox/Main/xml/ovfreader.cpp (OVFReader::HandleVirtualSystemContent): a Section inside a virtual system without a type attribute throws \"element 'Section' has no 'type' attribute\"; a Section or Content whose type is not the literal \"ovf:..._Type\" it compares with is skipped (OVFReader::LoopThruSections), so the disks or the virtual system it holds are not read", VirtualBox),
		refuses("doc: peers.md section 6 item 30 (opendedup/sdfs#97): VMware refuses \"Missing attribute 'type' on element 'Section'\", after \"xsi is an undeclared named space\"", VMware),
		refuses("code: xenserver/xenadmin XenOvfApi/Utilities/Utilities.cs (LoadVmw35OvfXml) rewrites the 0.9 namespace to envelope/1 and binds with XmlSerializer, which picks a section's class from xsi:type; recalled: without a resolvable type the abstract Section cannot be built and the descriptor is not read", XenServer))
	_ = declare(Env09TypePrefix,
		refuses("code: VirtualBox src/VBox/Main/xml/ovfreader.cpp (OVFReader::LoopThruSections, OVFReader::HandleVirtualSystemContent) compares the type attribute with the literal strings \"ovf:DiskSection_Type\", \"ovf:VirtualSystem_Type\" and so on, so a type spelled with another prefix is not recognised: the section or the virtual system is skipped, and a disk Item then names a Disk that was not read (\"specifies invalid host resource\")", VirtualBox),
		refuses(envSrcV2VNamespace, VirtV2V),
		refuses(envSrcPxNamespace, Proxmox),
		ignores("recalled: VMware's schema-validating reader resolves xsi:type as a QName, so any prefix bound to the 0.9 namespace names the same type", VMware),
		ignores("recalled: XenCenter's XmlSerializer resolves xsi:type by namespace, not by prefix, after rewriting the 0.9 namespace (xenserver/xenadmin XenOvfApi/Utilities/Utilities.cs LoadVmw35OvfXml)", XenServer))
)
