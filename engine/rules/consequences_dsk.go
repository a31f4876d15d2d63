package rules

// What the consumers do with the disk findings (DSK, except DSK032 and
// DSK035, which are in consequences_integrity.go).
//
// How each consumer reads a Disk, as far as its code shows:
//
//   - VirtualBox (VirtualBox/virtualbox src/VBox/Main/xml/ovfreader.cpp,
//     OVFReader::HandleDiskSection) throws on a Disk without diskId, format
//     or an integer capacity, and on a fileRef that names no File. It never
//     reads capacityAllocationUnits or parentRef, and keeps populatedSize
//     only for a progress estimate. Appliance::interpret
//     (ApplianceImplImport.cpp) picks the disk reader from the format URI
//     (ApplianceImpl.cpp i_findMediumFormatFromDiskImage; the file
//     extension when the URI is unknown) and accepts only VMDK (hard disk)
//     and ISO (DVD): "Unsupported format for virtual disk image". The image
//     is then opened with that backend by name (MediumImpl.cpp
//     i_taskImportHandler calls VDOpen with the format's id; VD.cpp VDOpen
//     does not probe), and VMDK.cpp opens every VMDK subformat.
//   - virt-v2v 2.2 (libguestfs/virt-v2v input/OVF.ml parse_disks, input/
//     input_ova.ml) follows each disk Item's HostResource to a Disk and a
//     File and fails when either is missing; it reads neither capacity,
//     units, format, populatedSize nor parentRef, and hands the image to
//     qemu-nbd with the format auto-detected.
//   - Proxmox VE (proxmox/pve-storage src/PVE/GuestImport/OVF.pm parse_ovf)
//     follows the same chain with XPath, warns and skips a disk whose Disk
//     or File it cannot find, reads capacity only as "byte * b^e" for a
//     size estimate, ignores format, populatedSize and parentRef, and
//     imports the image with qemu-img, which probes the format.
//   - XenCenter's validation (xenserver/xenadmin XenOvfApi/Validation.cs,
//     ValidateDisks) only links files to disk Items and warns; what its
//     import does with capacities and image headers is recalled.
//   - VMware's readers are closed: their facts are recalled, or from
//     peers.md, or hinted at by govmomi's reader.
//
// The image rules (DSK020 and up) are about bytes every consumer reads with
// a disk library: qemu's block drivers (virt-v2v, Proxmox), VirtualBox's VD
// backends, VMware's and XenCenter's own readers. "run:" facts were
// reproduced here with qemu-img 7.2 (Debian qemu-utils) and virt-v2v 2.2.

const (
	dskSrcVBoxNoAttr   = "code: VirtualBox src/VBox/Main/xml/ovfreader.cpp (OVFReader::HandleDiskSection): a Disk without diskId, format or an integer capacity throws \"missing or invalid attribute\" and the appliance is not read"
	dskSrcVBoxFileRef  = "code: VirtualBox src/VBox/Main/xml/ovfreader.cpp (OVFReader::HandleDiskSection): \"cannot find References/File element for ID\" and the appliance is not read"
	dskSrcVBoxDupID    = "code: VirtualBox src/VBox/Main/xml/ovfreader.cpp (OVFReader::HandleDiskSection): disks are kept in a map by diskId, so the later Disk replaces the earlier and the drive gets the wrong disk, without a message"
	dskSrcVBoxNoUnits  = "code: VirtualBox src/VBox/Main/xml/ovfreader.cpp (OVFReader::HandleDiskSection) never reads capacityAllocationUnits; a disk with a file is copied at the image's own size (ApplianceImplImport.cpp i_importOneDiskImage)"
	dskSrcVBoxPopul    = "code: VirtualBox src/VBox/Main/xml/ovfreader.cpp (OVFReader::HandleDiskSection) reads populatedSize only for a progress estimate and drops a value that is not an integer"
	dskSrcVBoxNoParent = "code: VirtualBox src/VBox/Main/xml/ovfreader.cpp (OVFReader::HandleDiskSection) never reads parentRef"
	dskSrcVBoxURI      = "code: VirtualBox src/VBox/Main/src-server/ApplianceImpl.cpp (i_findMediumFormatFromDiskImage): an unknown format URI falls back to the file's extension, so a .vmdk file is still read as VMDK"
	dskSrcVBoxAttached = "code: VirtualBox src/VBox/Main/src-server/ApplianceImplImport.cpp (Appliance::interpret): only disks that a disk Item attaches are imported"
	dskSrcVBoxHostRes  = "code: VirtualBox src/VBox/Main/xml/ovfreader.cpp (OVFReader::HandleVirtualSystemContent): a hard disk Item whose HostResource is not ovf:/disk/<an existing Disk> throws \"specifies invalid host resource\""
	dskSrcVBoxStream   = "code: VirtualBox src/VBox/Main/src-server/ApplianceImplImport.cpp (i_importOpenSourceFile) walks the OVA forward only, so a second Disk that reads the same member finds \"Unexpected end of OVA\"; peers.md section 1 row 6 for order"
	dskSrcVBoxOrder    = "code: VirtualBox src/VBox/Main/src-server/ApplianceImplImport.cpp (i_readFSOVA): the .ovf, .mf and .cert are read in any order (peers.md section 1 row 6); disks are matched to members by name"

	dskSrcV2VFileRef = "run: virt-v2v 2.2 -i ova --print-source fails with \"error parsing disk fileRef\" when the Item's disk has no Disk (input/OVF.ml parse_disks)"
	dskSrcV2VHref    = "run: virt-v2v 2.2 -i ova --print-source fails with \"no href in ovf:File\" (input/OVF.ml parse_disks)"
	dskSrcV2VIgnores = "run: virt-v2v 2.2 -i ova --print-source on the rule's wrong example lists the disk without a message; input/OVF.ml parse_disks reads only HostResource, fileRef, href and compression"
	dskSrcV2VFormat  = "code: libguestfs/virt-v2v input/input_ova.ml (setup): ovf:format is not read; qemu-nbd auto-detects the image format"
	dskSrcV2VHostRes = "code: libguestfs/virt-v2v input/OVF.ml (parse_disks): a disk Item's HostResource must match ovf:/disk/<id>, else \"could not parse disk rasd:HostResource\""

	dskSrcPVESkip    = "code: proxmox/pve-storage src/PVE/GuestImport/OVF.pm (parse_ovf): a disk Item whose Disk or File is not found is warned about (\"invalid host resource\", \"invalid file reference\") and skipped: the VM is made without that disk"
	dskSrcPVEIgnores = "code: proxmox/pve-storage src/PVE/GuestImport/OVF.pm (parse_ovf) reads only diskId, fileRef, capacity and capacityAllocationUnits of a Disk; the image is imported with qemu-img at its own size and format"
	dskSrcPVEDupID   = "code: proxmox/pve-storage src/PVE/GuestImport/OVF.pm (parse_ovf): XPath findvalue over two Disks with the id joins their fileRefs, which then name no File, and the disk is skipped with a warning"

	dskSrcXenLinks = "code: xenserver/xenadmin XenOvfApi/Validation.cs (ValidateDisks): a file no disk Item reaches only gets \"Disk linkage (file to RASD) does not exist\"; the disk itself is recalled to be left out"

	dskSrcQemuGD     = "code: qemu/qemu block/vmdk.c reads grains through the grain directory and tables, whichever end of the file they are at (qemu-img writes them at the start)"
	dskSrcQemuDetect = "code: qemu probes the image format from its bytes (virt-v2v input/input_ova.ml sets no format; Proxmox imports with qemu-img)"
)

var (
	// A Disk that cannot be identified or has no file to read.
	_ = declare(DskNoID,
		refuses("recalled: ovftool and vSphere refuse a Disk without ovf:diskId, which the schema requires", VMware),
		refuses(dskSrcVBoxNoAttr, VirtualBox),
		refuses(dskSrcV2VFileRef, VirtV2V),
		warns(dskSrcPVESkip, Proxmox),
		warns(dskSrcXenLinks, XenServer))
	_ = declare(DskDupID,
		refuses("recalled: ovftool checks that ids are unique within a section and refuses the descriptor", VMware),
		warns(dskSrcVBoxDupID, VirtualBox),
		ignores("run: virt-v2v 2.2 -i ova --print-source imports the disk; input/OVF.ml parse_disks takes the first Disk with the id, so a drive may get the other Disk's image without a message", VirtV2V),
		warns(dskSrcPVEDupID, Proxmox),
		warns("recalled: XenCenter takes the first Disk whose id the HostResource contains (XenOvfApi/Validation.cs ValidateDisks does so), so one drive gets the other's disk", XenServer))
	_ = declare(DskFileRef,
		refuses("recalled: ovftool and vSphere refuse a Disk whose fileRef names no File", VMware),
		refuses(dskSrcVBoxFileRef, VirtualBox),
		refuses(dskSrcV2VHref, VirtV2V),
		warns(dskSrcPVESkip, Proxmox),
		warns(dskSrcXenLinks, XenServer))

	// Capacities and their units.
	_ = declare(DskNoCapacity,
		refuses("recalled: ovftool and vSphere refuse a Disk without ovf:capacity, which the schema requires", VMware),
		refuses(dskSrcVBoxNoAttr, VirtualBox),
		ignores(dskSrcV2VIgnores, VirtV2V),
		ignores(dskSrcPVEIgnores, Proxmox),
		refuses("recalled: XenCenter creates the VDI at the Disk's capacity and cannot without one", XenServer))
	_ = declare(DskCapacity,
		refuses("recalled: ovftool and vSphere refuse a capacity that is not a positive integer", VMware),
		refuses(dskSrcVBoxNoAttr+"; a unit suffix such as 16GB is not an integer (zero and negative values pass this reader)", VirtualBox),
		ignores(dskSrcV2VIgnores, VirtV2V),
		ignores(dskSrcPVEIgnores, Proxmox),
		refuses("recalled: XenCenter creates the VDI at the Disk's capacity and fails on one it cannot read", XenServer))
	_ = declare(DskUnits,
		refuses("recalled: ovftool and vSphere refuse capacity units they cannot parse (govmomi's ovf ParseCapacityAllocationUnits, written after VMware's, returns 0 for them)", VMware),
		ignores(dskSrcVBoxNoUnits, VirtualBox),
		ignores(dskSrcV2VIgnores, VirtV2V),
		ignores(dskSrcPVEIgnores+"; other units leave the size estimate empty", Proxmox),
		warns("recalled: XenCenter sizes the VDI from capacity and units; units it cannot read give a wrong size", XenServer))
	_ = declare(DskLegacyUnits,
		refuses("recalled: ovftool and vSphere accept DSP0004 units only and refuse MegaBytes or GigaBytes as capacity units (\"Unsupported value ... for attribute\")", VMware),
		ignores(dskSrcVBoxNoUnits, VirtualBox),
		ignores(dskSrcV2VIgnores, VirtV2V),
		ignores(dskSrcPVEIgnores+"; other units leave the size estimate empty", Proxmox),
		warns("recalled: XenCenter sizes the VDI from capacity and units; units it cannot read give a wrong size", XenServer))
	_ = declare(DskPopulated,
		warns("recalled: vSphere reserves datastore space by populatedSize for thin disks and may refuse a datastore that has room", VMware),
		ignores(dskSrcVBoxPopul, VirtualBox),
		ignores(dskSrcV2VIgnores, VirtV2V),
		ignores(dskSrcPVEIgnores, Proxmox),
		ignores("recalled: XenCenter sizes the VDI from the capacity, not from populatedSize", XenServer))
	_ = declare(DskPopulatedSyntax,
		refuses("recalled: ovftool and vSphere parse populatedSize as a number (xs:long in the schema) and refuse the descriptor when it is not one", VMware),
		ignores(dskSrcVBoxPopul, VirtualBox),
		ignores(dskSrcV2VIgnores, VirtV2V),
		ignores(dskSrcPVEIgnores, Proxmox),
		refuses("recalled: XenCenter deserializes the descriptor into typed classes (populatedSize is a long) and cannot read it", XenServer))
	_ = declare(DskEmptyPopulated,
		ignores("recalled: a populatedSize on an empty disk only reserves a little more space", VMware),
		ignores(dskSrcVBoxPopul, VirtualBox),
		ignores(dskSrcV2VIgnores, VirtV2V),
		ignores(dskSrcPVEIgnores, Proxmox),
		ignores("recalled: XenCenter sizes the VDI from the capacity", XenServer))
	_ = declare(DskCapacityProperty,
		refuses("recalled: vSphere resolves ${key} capacities from the ProductSection properties and refuses a key that is not defined", VMware),
		refuses(dskSrcVBoxNoAttr+"; a ${key} capacity is not an integer, whatever the property", VirtualBox),
		ignores(dskSrcV2VIgnores, VirtV2V),
		ignores(dskSrcPVEIgnores, Proxmox),
		refuses("recalled: XenCenter reads the capacity as a number and cannot size the VDI", XenServer))
	_ = declare(DskCapacityPropertyType,
		refuses("recalled: vSphere resolves ${key} capacities from the ProductSection properties and refuses a property that is not an integer", VMware),
		refuses(dskSrcVBoxNoAttr+"; a ${key} capacity is not an integer, whatever the property", VirtualBox),
		ignores(dskSrcV2VIgnores, VirtV2V),
		ignores(dskSrcPVEIgnores, Proxmox),
		refuses("recalled: XenCenter reads the capacity as a number and cannot size the VDI", XenServer))

	// The format URI.
	_ = declare(DskUnknownFormat,
		refuses("recalled: ovftool and vSphere pick the disk reader by the format URI and refuse one they do not know (\"Unsupported value ... for attribute 'format'\")", VMware),
		ignores(dskSrcVBoxURI, VirtualBox),
		ignores(dskSrcV2VFormat, VirtV2V),
		ignores(dskSrcPVEIgnores, Proxmox),
		ignores("recalled: XenCenter chooses the disk reader from the file's extension and header", XenServer))
	_ = declare(DskNoFormat,
		refuses("recalled: ovftool and vSphere need the format URI of a disk with a file to pick its reader", VMware),
		refuses(dskSrcVBoxNoAttr, VirtualBox),
		ignores(dskSrcV2VFormat, VirtV2V),
		ignores(dskSrcPVEIgnores, Proxmox),
		ignores("recalled: XenCenter chooses the disk reader from the file's extension and header", XenServer))
	_ = declare(DskFormatMismatch,
		refuses("recalled: vSphere and ovftool import only stream-optimized VMDKs from an OVF and refuse another format or subformat under the streamOptimized URI", VMware),
		// VirtualBox decides by the URI, then opens the image with that
		// backend: a VMDK of another subformat opens (the case of
		// VirtualBox's own and older packages), another format fails,
		// but that is CMP011's finding too, which judges the bytes.
		ignores("code: VirtualBox src/VBox/Main/src-server/ApplianceImpl.cpp (i_findMediumFormatFromDiskImage) maps every VMDK URI to the VMDK backend, which MediumImpl.cpp (i_taskImportHandler) opens by name with VDOpen (no probe) and which reads every VMDK subformat; bytes in another format fail there and are CMP011's finding, and a URI naming VHD is refused whatever the bytes (\"Unsupported format for virtual disk image\")", VirtualBox),
		ignores(dskSrcV2VFormat, VirtV2V),
		ignores(dskSrcPVEIgnores+"; qemu-img probes the format", Proxmox),
		ignores("recalled: XenCenter chooses the disk reader from the file's extension and header, not from ovf:format", XenServer))

	// Several Disks and their relations.
	_ = declare(DskSharedFile,
		warns("recalled: ovftool copies the shared file once per Disk; vSphere creates two disks from it", VMware),
		refuses(dskSrcVBoxStream+" (when both Disks are attached)", VirtualBox),
		ignores("code: libguestfs/virt-v2v input/OVF.ml (parse_disks) resolves each Item's file on its own; the image is read twice", VirtV2V),
		ignores("code: proxmox/pve-storage src/PVE/GuestImport/OVF.pm (parse_ovf) resolves each Item's file on its own; the image is imported twice", Proxmox),
		warns("recalled: XenCenter imports the file once per Disk that a drive attaches", XenServer))
	_ = declare(DskOrder,
		refuses(srcVMwareSetRefuses+"; ovftool reads an OVA front to back and may not find a disk whose member it has already passed (recalled, peers.md section 1 row 6)", VMware),
		ignores(dskSrcVBoxOrder, VirtualBox),
		ignores("run: virt-v2v 2.2 -i ova --print-source lists the disks in Item order; input/OVA.ml finds members by name", VirtV2V),
		ignores("code: proxmox/pve-storage src/PVE/GuestImport/OVF.pm (parse_ovf) walks the disk Items and extracts members by name", Proxmox),
		ignores("code: xenserver/xenadmin XenOvfApi/Validation.cs (Validate) matches files to disks by id, not by position", XenServer))
	_ = declare(DskParent,
		refuses("recalled: ovftool and vSphere rebuild delta disks from their parents and refuse a parentRef to no Disk", VMware),
		ignores(dskSrcVBoxNoParent, VirtualBox),
		ignores(dskSrcV2VIgnores, VirtV2V),
		ignores(dskSrcPVEIgnores, Proxmox),
		ignores("recalled: XenCenter imports each disk on its own and does not read parentRef", XenServer))
	_ = declare(DskParentOrder,
		refuses("recalled: ovftool and vSphere need a parent before its children to rebuild a delta disk, and have no base disk in a loop", VMware),
		ignores(dskSrcVBoxNoParent, VirtualBox),
		ignores(dskSrcV2VIgnores, VirtV2V),
		ignores(dskSrcPVEIgnores, Proxmox),
		ignores("recalled: XenCenter imports each disk on its own and does not read parentRef", XenServer))
	_ = declare(DskUnused,
		ignores("recalled: vSphere and ovftool deploy the disks the hardware attaches", VMware),
		ignores(dskSrcVBoxAttached, VirtualBox),
		ignores("run: virt-v2v 2.2 -i ova --print-source lists only attached disks; input/OVF.ml parse_disks walks the disk Items", VirtV2V),
		ignores("code: proxmox/pve-storage src/PVE/GuestImport/OVF.pm (parse_ovf) walks the disk Items only", Proxmox),
		warns(dskSrcXenLinks, XenServer))
	_ = declare(DskSharedRef,
		refuses("recalled: vSphere refuses a drive whose HostResource names no disk", VMware),
		refuses(dskSrcVBoxHostRes, VirtualBox),
		refuses(dskSrcV2VHostRes, VirtV2V),
		warns("code: proxmox/pve-storage src/PVE/GuestImport/OVF.pm (parse_ovf): the sharedDisk id names no Disk, so the drive is skipped with \"invalid host resource\"", Proxmox),
		warns(dskSrcXenLinks, XenServer))
)

// The images themselves (DSK020 and up).
var (
	_ = declare(DskHeaderMalformed,
		refuses("run: qemu-img 7.2 info and convert fail on an image whose header fields are out of range, and every other consumer's disk library reads the same header first (recalled)", all))
	_ = damage(DskTruncated,
		refuses("recalled: every consumer reads the missing part while converting or copying the disk and fails there (qemu-img convert reports an I/O error)", all))
	_ = declare(DskVHDChecksum,
		refuses("recalled: VMware imports no VHD from an OVF (CMP011)", VMware),
		refuses("code: VirtualBox src/VBox/Main/src-server/ApplianceImplImport.cpp (Appliance::interpret) imports no VHD: \"Unsupported format for virtual disk image\"", VirtualBox),
		refuses("run: qemu-img 7.2 refuses a dynamic VHD with a bad footer checksum (\"Incorrect header checksum\"); virt-v2v and Proxmox read it with qemu", VirtV2V, Proxmox),
		refuses("recalled: XenCenter's VHD reader checks the footer checksum before it trusts the size in it", XenServer))
	_ = declare(DskExternalFile,
		refuses("recalled: every consumer opens the Disk's one file; the extent, parent or backing file it names is not there, and the open fails or the disk has no base", all))
	_ = declare(DskEncrypted,
		refuses("recalled: no OVF consumer asks for a disk key; qemu cannot open an encrypted QCOW2 without its secret", all))
	_ = declare(DskStreamVersion,
		refuses("recalled: VMware's importers expect version 3 for stream-optimized disks; image builders patched byte 4 to 3 to get qemu-made disks imported (peers.md pain points 9 to 12)", VMware),
		ignores("recalled: VirtualBox src/VBox/Storage/VMDK.cpp accepts header versions 1 to 3 whatever the subformat", VirtualBox),
		ignores("run: qemu-img 7.2 converts a stream-optimized VMDK whose version byte is patched to 1, bytes intact", VirtV2V, Proxmox),
		ignores("recalled: XenCenter's VMDK reader accepts header versions 1 to 3", XenServer))
	_ = declare(DskStreamFlags,
		refuses("recalled: a reader that trusts the header's flags takes compressed grains for raw data, or finds no markers to walk; the import fails or the disk is garbage", all))
	_ = declare(DskStreamGeometry,
		warns("recalled: VMware's stream reader is written for 128-sector grains and 512-entry tables; other values are reported to fail", VMware),
		ignores("recalled: VirtualBox src/VBox/Storage/VMDK.cpp takes grain size and table size from the header", VirtualBox),
		ignores("code: qemu/qemu block/vmdk.c takes grain size and table size from the header", VirtV2V, Proxmox),
		ignores("recalled: XenCenter's VMDK reader takes grain size and table size from the header", XenServer))
	_ = declare(DskStreamNoFooter,
		warns("recalled: users report VMware importers (ovftool, vSphere, Workstation) failing on stream-optimized disks made by qemu-img whose digest is right; open-vmdk's vmdk-convert, VMware's own converter, is the fix (peers.md pain points 9 to 12)", VMware),
		ignores("recalled: VirtualBox src/VBox/Storage/VMDK.cpp reads the grain directory at the offset the header gives and reads the footer only when the header says \"at end\"", VirtualBox),
		ignores(dskSrcQemuGD+"; the layout is qemu-img's own", VirtV2V, Proxmox),
		ignores("recalled: XenCenter's VMDK reader follows the header's grain directory offset", XenServer))
	_ = declare(DskStreamNoEOS,
		refuses("recalled: without the end-of-stream marker and footer a stream reader (VMware's, VirtualBox's sequential VMDK reader) cannot find the grain directory the header says is at the end, and the import fails", VMware, VirtualBox, XenServer),
		refuses(dskSrcQemuGD+": with the directory \"at end\" and no footer it has none to read and refuses the image", VirtV2V, Proxmox))
	_ = declare(DskStreamMarkers,
		refuses("recalled: VMware's and VirtualBox's stream readers go from marker to marker and stop at one they cannot read", VMware, VirtualBox, XenServer),
		warns(dskSrcQemuGD+"; it reads a grain's length from its marker, so a bad grain marker loses that grain while other markers are not read", VirtV2V, Proxmox))
	_ = declare(DskGrainDirectory,
		refuses("recalled: every consumer follows the grain directory and tables and fails reading past the end of the file", all))
	_ = declare(DskGrainBeyondCapacity,
		refuses("recalled: VMware's and VirtualBox's stream readers place each grain at its marker's sector and fail on one past the capacity", VMware, VirtualBox, XenServer),
		warns(dskSrcQemuGD+"; a grain no table entry within the capacity reaches is never read", VirtV2V, Proxmox))
	_ = declare(DskDataAfterEOS,
		ignores("recalled: stream readers stop at the end-of-stream marker; the bytes after it are only part of the digest", all))
	_ = declare(DskGzipUndeclared,
		refuses("recalled: ovftool and vSphere take the gzip bytes for the image and fail to read it", VMware),
		refuses("code: VirtualBox src/VBox/Main/src-server/ApplianceImplImport.cpp (i_importOneDiskImage) inflates only when ovf:compression is gzip; the VMDK backend then fails on the gzip bytes", VirtualBox),
		refuses(dskSrcQemuDetect+"; gzip bytes are no image format, so qemu takes them for a raw disk and the conversion finds no guest", VirtV2V, Proxmox),
		refuses("recalled: XenCenter inflates only a File declared gzip and fails on the gzip bytes otherwise", XenServer))
	_ = declare(DskGzipNotGzip,
		refuses("recalled: ovftool inflates a File declared gzip and fails on bytes that are not gzip", VMware),
		refuses("code: VirtualBox src/VBox/Main/src-server/ApplianceImplImport.cpp (i_importOneDiskImage): a File declared gzip goes through i_importDecompressFile, which fails on bytes that are not gzip", VirtualBox),
		refuses("code: libguestfs/virt-v2v input/input_ova.ml (setup): a File declared gzip is run through zcat, and \"error uncompressing\" fails the conversion", VirtV2V),
		ignores("code: proxmox/pve-storage does not read ovf:compression at all (peers.md section 1 row 4), so the uncompressed image imports", Proxmox),
		refuses("recalled: XenCenter inflates a File declared gzip (XenOvfApi/Compression.cs) and fails on bytes that are not gzip", XenServer))
	_ = declare(DskImageLarger,
		refuses("recalled: vSphere creates the disk at ovf:capacity and refuses an image that does not fit", VMware),
		ignores("code: VirtualBox src/VBox/Main/src-server/MediumImpl.cpp (i_taskImportHandler) copies the image at its own size with VDCopy; the capacity is only a progress estimate", VirtualBox),
		ignores(dskSrcQemuDetect+"; the disk is converted at the image's own size", VirtV2V, Proxmox),
		refuses("recalled: XenCenter creates the VDI at ovf:capacity and the copy fails past its end", XenServer))
	_ = declare(DskImageSmaller,
		warns("recalled: vSphere creates the disk at ovf:capacity, larger than the image; the guest sees space its partitions do not cover", VMware, XenServer),
		ignores("code: VirtualBox src/VBox/Main/src-server/MediumImpl.cpp (i_taskImportHandler) copies the image at its own size", VirtualBox),
		ignores(dskSrcQemuDetect+"; the disk is converted at the image's own size", VirtV2V, Proxmox))
	_ = declare(DskPopulatedSize,
		warns("recalled: vSphere reserves space for thin disks by populatedSize", VMware),
		ignores(dskSrcVBoxPopul, VirtualBox),
		ignores(dskSrcV2VIgnores, VirtV2V),
		ignores(dskSrcPVEIgnores, Proxmox),
		ignores("recalled: XenCenter sizes the VDI from the capacity", XenServer))
	_ = declare(DskRawSize,
		refuses("recalled: VMware imports no raw disk image from an OVF (CMP011)", VMware),
		refuses("code: VirtualBox src/VBox/Main/src-server/ApplianceImplImport.cpp (Appliance::interpret) imports a raw file only as an ISO for a DVD drive; a raw hard disk has no format it accepts", VirtualBox),
		warns("code: libguestfs/virt-v2v input/input_ova.ml (setup) rounds the member up to 512 bytes for qemu (\"QEMU requires size aligned to 512 bytes\")", VirtV2V),
		warns("recalled: qemu-img reads a raw file in whole sectors and drops or pads the tail", Proxmox),
		warns("recalled: XenCenter copies a raw file in whole sectors", XenServer))
	_ = declare(DskUnclean,
		warns("recalled: disk libraries open an image marked unclean or dirty read-only and may need to repair it; qemu-img check reports leaked clusters on a dirty QCOW2", all))
	_ = declare(DskDeepStopped,
		ignores("recalled: a limit of this checker, not a property of the package", all))
)
