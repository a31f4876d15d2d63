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
)
