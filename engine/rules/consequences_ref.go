package rules

// What the consumers do with the File elements of References: ids, hrefs,
// sizes, compression and chunking. REF011 (a referenced file missing) is
// Damage (consequences_integrity.go).
//
// Proxmox takes a disk's href only when it is a bare name of the
// characters [a-zA-Z0-9-.+=_] (SAFE_CHAR_CLASS_RE); any other href makes
// the import die. No consumer but VMware reassembles chunked files:
// VirtualBox leaves ovf:chunkSize as a TODO and virt-v2v takes the
// highest-numbered href.N member as the whole disk.

const (
	refSrcProxHref    = "code: proxmox/pve-storage src/PVE/GuestImport/OVF.pm (parse_ovf) dies \"referenced path ... is invalid\" for an href outside [a-zA-Z0-9-.+=_] (PVE::Storage SAFE_CHAR_CLASS_RE)"
	refSrcProxSkip    = "code: proxmox/pve-storage src/PVE/GuestImport/OVF.pm (parse_ovf) warns \"invalid file reference ..., skipping\" and imports the VM without that disk"
	refSrcV2VNotFound = "run: virt-v2v 2.2 -i ova fails: \"OVF references file ... which was not found in the OVA archive\""
	refSrcV2VAccepts  = "run: virt-v2v 2.2 -i ova --print-source on the rule's wrong example imports without a warning"
	refSrcV2VNoHref   = "run: virt-v2v 2.2 -i ova fails: \"no href in ovf:File (id=file1)\""
	refSrcVBoxFileRef = "code: VirtualBox src/VBox/Main/xml/ovfreader.cpp (HandleDiskSection) finds the disk's File by id and throws \"cannot find References/File element for ID\" or \"missing or invalid attribute 'href'\""
	refSrcV2VChunks   = "code: libguestfs/virt-v2v input/input_ova.ml (find_file_or_snapshot) does not join chunks: with no member named href it takes the highest-numbered href.N member as the whole disk"
	refSrcVBoxChunks  = "code: VirtualBox src/VBox/Main/xml/ovfreader.cpp (HandleDiskSection) does not read ovf:chunkSize (a TODO) and looks for the member named href, which a chunked file does not have"
	refSrcProxChunks  = "recalled: Proxmox extracts the member named href (src/PVE/GuestImport/OVF.pm), which a chunked file does not have"
	refSrcVMwareChunk = "recalled: ovftool writes and reads chunked files (--chunkSize) and fails when the chunks do not add up"
	refSrcXenChunks   = "recalled: XenCenter's import looks for the file named href; no chunk handling is known"
	refSrcCompress    = "recalled: DSP0243 names gzip only; the importer does not inflate another compression and fails on the disk"
	refSrcProxComp    = "code: proxmox/pve-storage does not read ovf:compression at all, so the compressed bytes become the disk (peers.md section 1 row 4)"
	refSrcRefused     = "recalled: the importer cannot open a disk under this href"
)

var (
	_ = declare(RefNoID,
		refuses("recalled: ovftool resolves Disk fileRef by File id and stops when none matches", VMware),
		refuses(refSrcVBoxFileRef, VirtualBox),
		warns(refSrcProxSkip, Proxmox),
		refuses(refSrcV2VNoHref+" (the Disk's fileRef finds no File)", VirtV2V),
		refuses("recalled: XenCenter's validation reports \"Disk linkage (file to RASD) does not exist\" (peers.md 3.7)", XenServer))
	_ = declare(RefNoHref,
		refuses("recalled: ovftool cannot read a File without href", VMware),
		refuses(refSrcVBoxFileRef, VirtualBox),
		warns(refSrcProxSkip, Proxmox),
		refuses(refSrcV2VNoHref, VirtV2V),
		refuses("recalled: XenCenter cannot find the disk's file", XenServer))
	_ = declare(RefDupID,
		refuses("recalled: ovftool's own negative test descriptors include duplicate File ids (invalid_ref_id, peers.md 3.3)", VMware),
		ignores("code: VirtualBox src/VBox/Main/xml/ovfreader.cpp (HandleDiskSection) takes the first File with the id (findChildElementFromId)", VirtualBox),
		refuses("recalled: Proxmox's XPath findvalue joins the hrefs of both Files into one name, which is not in the archive (src/PVE/GuestImport/OVF.pm (parse_ovf))", Proxmox),
		ignores(refSrcV2VAccepts, VirtV2V),
		ignores("recalled: XenCenter takes the first File with the id", XenServer))
	_ = declare(RefDupHref,
		refuses("doc: ovftool's negative test set has fileelements_samefile, two Files naming one file (peers.md section 5)", VMware),
		ignores("recalled: VirtualBox reads each Disk's File independently", VirtualBox),
		ignores("recalled: Proxmox extracts the disk once per Disk that names it", Proxmox),
		ignores(refSrcV2VAccepts, VirtV2V),
		ignores("recalled: XenCenter reads each Disk's File independently", XenServer))
	_ = declare(RefURL,
		ignores("recalled: ovftool fetches http and https hrefs of a descriptor given by URL", VMware),
		refuses("recalled: VirtualBox opens disk hrefs as local paths only", VirtualBox),
		refuses(refSrcProxHref, Proxmox),
		refuses(refSrcV2VNotFound, VirtV2V),
		refuses("recalled: XenCenter opens disk hrefs as local paths only", XenServer))
	_ = declare(RefOutsideOVA,
		refuses("recalled: an OVA consumer looks for the href among the archive's members and finds none", VMware, VirtualBox, XenServer),
		refuses(refSrcProxHref, Proxmox),
		refuses(refSrcV2VNotFound, VirtV2V))
	_ = declare(RefAbsolute,
		refuses(refSrcRefused+" (a path on the producer's machine)", VMware, VirtualBox, XenServer),
		refuses(refSrcProxHref, Proxmox),
		refuses(refSrcV2VNotFound, VirtV2V))
	_ = declare(RefDotDot,
		ignores("recalled: ovftool resolves relative hrefs of a folder package like any relative path", VMware),
		ignores("recalled: VirtualBox joins the href to the descriptor's folder", VirtualBox),
		refuses(refSrcProxHref, Proxmox),
		refuses("code: libguestfs/virt-v2v input/OVA.ml (resolve_href) confines hrefs to the package folder with realpath (\"references a file outside the archive\"); run: virt-v2v 2.2 fails on the rule's example", VirtV2V),
		ignores("recalled: XenCenter joins the href to the descriptor's folder", XenServer))
	_ = declare(RefBackslash,
		refuses("recalled: ovftool and vSphere treat \\ as part of the name outside Windows", VMware),
		refuses("recalled: VirtualBox on Linux and macOS treats \\ as part of the name", VirtualBox),
		refuses(refSrcProxHref, Proxmox),
		refuses(refSrcV2VNotFound, VirtV2V),
		ignores("recalled: XenCenter runs on Windows, where \\ separates folders", XenServer))
	_ = declare(RefNeedsEscape,
		ignores("recalled: VMware's test packages include OvfWithSpaceInFileName and NonAsciiChars (peers.md 3.3)", VMware),
		ignores("recalled: VirtualBox uses the href as a file name as written", VirtualBox),
		refuses(refSrcProxHref+"; a space or a non-ASCII letter is outside it", Proxmox),
		ignores(refSrcV2VAccepts, VirtV2V),
		ignores("recalled: XenCenter uses the href as a file name as written", XenServer))
	_ = declare(RefSizeMismatch,
		refuses("recalled: vSphere uses ovf:size as the length of the upload and aborts on a difference (vmware/vic-product#1166, peers.md section 6 #31)", VSphere),
		warns("doc: ovftool warns \"Wrong file size specified in OVF descriptor\" (peers.md 3.1, S4)", Workstation),
		ignores("code: VirtualBox src/VBox/Main/xml/ovfreader.cpp (HandleDiskSection) reads ovf:size only to size the progress bar", VirtualBox),
		ignores("code: proxmox/pve-storage src/PVE/GuestImport/OVF.pm (parse_ovf) does not read ovf:size", Proxmox),
		ignores(refSrcV2VAccepts, VirtV2V),
		ignores("recalled: XenCenter does not compare ovf:size (peers.md section 1 row 23)", XenServer))
	_ = declare(RefSizeSyntax,
		refuses("recalled: VMware parses ovf:size as an unsigned integer and stops on anything else (govmomi does so, peers.md 3.3)", VMware),
		ignores("code: VirtualBox src/VBox/Main/xml/ovfreader.cpp (HandleDiskSection) treats an unreadable ovf:size as absent", VirtualBox),
		ignores("code: proxmox/pve-storage src/PVE/GuestImport/OVF.pm (parse_ovf) does not read ovf:size", Proxmox),
		ignores(refSrcV2VAccepts, VirtV2V),
		refuses("recalled: XenCenter deserializes the descriptor with .NET XmlSerializer, which rejects a non-numeric unsigned long", XenServer))
	_ = declare(RefSizeNegative,
		ignores(srcVMwareSetAccepts+"; ovftool reads a size of -1 or -2 as unknown", VMware),
		ignores("code: VirtualBox src/VBox/Main/xml/ovfreader.cpp (HandleDiskSection) reads ovf:size only to size the progress bar", VirtualBox),
		ignores("code: proxmox/pve-storage src/PVE/GuestImport/OVF.pm (parse_ovf) does not read ovf:size", Proxmox),
		ignores("recalled: virt-v2v (input/OVF.ml) does not read ovf:size", VirtV2V),
		refuses("code: xenserver/xenadmin XenOvfApi/Definitions/ovfEnvelope.cs (File_Type): size is a ulong bound by XmlSerializer, which cannot read a negative number, so the descriptor does not load", XenServer))
	_ = declare(RefUNC,
		ignores(srcVMwareSetAccepts+"; ovftool on Windows opens the share", VMware),
		refuses("recalled: VirtualBox on Linux and macOS takes the backslashes as part of a file name; on Windows it opens the share", VirtualBox),
		refuses(refSrcProxHref, Proxmox),
		refuses(refSrcV2VNotFound, VirtV2V),
		ignores("recalled: XenCenter runs on Windows and opens the share", XenServer))
	_ = declare(RefChunkSize,
		refuses(refSrcVMwareChunk, VMware),
		refuses(refSrcVBoxChunks, VirtualBox),
		refuses(refSrcProxChunks, Proxmox),
		refuses(refSrcV2VChunks, VirtV2V),
		refuses(refSrcXenChunks, XenServer))
	_ = declare(RefCompression,
		refuses(refSrcCompress, VMware, VirtualBox, XenServer),
		refuses(refSrcProxComp, Proxmox),
		refuses("run: virt-v2v 2.2 -i ova fails: \"unsupported compression in OVF: zip\" (input/OVF.ml)", VirtV2V))
	_ = declare(RefBzip2,
		refuses(refSrcCompress, VMware, VirtualBox, XenServer),
		refuses(refSrcProxComp, Proxmox),
		refuses("run: virt-v2v 2.2 -i ova fails: \"unsupported compression in OVF: bzip2\" (input/OVF.ml)", VirtV2V))

	// Chunked files.
	_ = declare(RefChunkMissing,
		refuses(refSrcVMwareChunk, VMware),
		refuses(refSrcVBoxChunks, VirtualBox),
		refuses(refSrcProxChunks, Proxmox),
		refuses(refSrcV2VChunks, VirtV2V),
		refuses(refSrcXenChunks, XenServer))
	_ = declare(RefChunkWrongSize,
		refuses(refSrcVMwareChunk, VMware),
		refuses(refSrcVBoxChunks, VirtualBox),
		refuses(refSrcProxChunks, Proxmox),
		refuses(refSrcV2VChunks, VirtV2V),
		refuses(refSrcXenChunks, XenServer))
	_ = declare(RefChunkStray,
		refuses(refSrcVMwareChunk, VMware),
		refuses(refSrcVBoxChunks, VirtualBox),
		refuses(refSrcProxChunks, Proxmox),
		refuses(refSrcV2VChunks, VirtV2V),
		refuses(refSrcXenChunks, XenServer))
	_ = declare(RefLooksChunked,
		warns("recalled: VMware has shipped OVAs whose disk is a single href.000000000 member without ovf:chunkSize (RHBZ#1570407); whether ovftool reads them is not documented", VMware),
		refuses(refSrcVBoxChunks, VirtualBox),
		refuses(refSrcProxChunks, Proxmox),
		warns(refSrcV2VChunks+": right for a single member, a fragment when there are several", VirtV2V),
		refuses(refSrcXenChunks, XenServer))
)
