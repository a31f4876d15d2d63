package rules

// What the consumers do with network findings (NET). Only VMware and
// XenCenter match adapters' Connections against the NetworkSection;
// VirtualBox ignores the NetworkSection, and virt-v2v and Proxmox read
// only the adapters (virt-v2v keeps the Connection as the source network's
// name, Proxmox not even that).
//
// "run:" facts were reproduced here with virt-v2v 2.2 -i ova
// --print-source on the rule's wrong example.
const (
	netSrcV2V      = "run: virt-v2v 2.2 -i ova --print-source maps the adapter by its Connection text alone (Bridge \"<name>\"); the NetworkSection is not read (libguestfs/virt-v2v input/OVF.ml (parse_nics))"
	netSrcProxmox  = "code: proxmox/pve-storage src/PVE/GuestImport/OVF.pm (parse_ovf) reads only each adapter's ResourceSubType; neither Connection nor NetworkSection is read"
	netSrcVBox     = "code: VirtualBox src/VBox/Main/xml/ovfreader.cpp ignores the NetworkSection (peers.md 3.6)"
	netSrcVMware   = "doc: peers.md section 6 item 36 (vmware/pyvmomi-community-samples#566): vSphere refuses a Connection that names no network of the NetworkSection, \"Line 109: Invalid value 'PORTGROUP' for element 'Connection'\"; Workstation reads with the same engine (recalled)"
	netSrcXenCheck = "code: xenserver/xenadmin XenOvfApi/Validation.cs (network linkage check): an adapter whose Connection equals no Network's ovf:name, compared exactly, adds the warning VALIDATION_NETWORK_NO_DEVICE and the import goes on"
)

var (
	_ = declare(NetUnknown,
		refuses(netSrcVMware, VMware),
		ignores(netSrcVBox, VirtualBox),
		ignores(netSrcV2V, VirtV2V),
		ignores(netSrcProxmox, Proxmox),
		warns(netSrcXenCheck, XenServer))
	_ = declare(NetNoSection,
		refuses(netSrcVMware+"; with no NetworkSection no Connection names a declared network", VMware),
		ignores(netSrcVBox, VirtualBox),
		ignores(netSrcV2V, VirtV2V),
		ignores(netSrcProxmox, Proxmox),
		warns(netSrcXenCheck, XenServer))
	_ = declare(NetNoName,
		refuses("doc: peers.md section 6 item 30 (opendedup/sdfs#97): VMware refuses an element without a required attribute (\"Missing attribute 'type' on element 'Section'\"); ovf:name is required on Network", VMware),
		ignores(netSrcVBox, VirtualBox),
		ignores(netSrcV2V, VirtV2V),
		ignores(netSrcProxmox, Proxmox),
		warns(netSrcXenCheck+"; an unnamed network matches no adapter", XenServer))
	_ = declare(NetDupName,
		ignores("recalled: VMware lists the name once in the network mapping and maps every adapter that names it", VMware),
		ignores(netSrcVBox, VirtualBox),
		ignores(netSrcV2V, VirtV2V),
		ignores(netSrcProxmox, Proxmox),
		ignores("recalled: XenCenter matches adapters to networks by name; a repeated name still matches", XenServer))
	_ = declare(NetNoConnection,
		warns("recalled: vSphere deploys the adapter without a network mapping, disconnected or on the first network, and shows it in the wizard", VMware),
		ignores("recalled: VirtualBox attaches every imported adapter to NAT whatever the descriptor says", VirtualBox),
		ignores("run: virt-v2v 2.2 -i ova --print-source maps the adapter to the default network \"eth0\" (libguestfs/virt-v2v input/OVF.ml (parse_nics))", VirtV2V),
		ignores(netSrcProxmox, Proxmox),
		warns(netSrcXenCheck, XenServer))
	_ = declare(NetUnused,
		ignores("recalled: VMware offers every declared network in the mapping; one no adapter uses is left unmapped", VMware),
		ignores(netSrcVBox, VirtualBox),
		ignores(netSrcV2V, VirtV2V),
		ignores(netSrcProxmox, Proxmox),
		ignores("recalled: XenCenter maps the adapters; a network none uses creates nothing", XenServer))
	_ = declare(NetCaseOnly,
		refuses("recalled: VMware compares a Connection with the network names exactly, so the adapter names an undeclared network; "+netSrcVMware, VMware),
		ignores(netSrcVBox, VirtualBox),
		ignores(netSrcV2V, VirtV2V),
		ignores(netSrcProxmox, Proxmox),
		warns(netSrcXenCheck, XenServer))
)
