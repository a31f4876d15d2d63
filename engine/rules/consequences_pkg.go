package rules

// What the consumers do with an archive that is not a plain ustar OVA, or
// whose members are named, typed or ordered otherwise than DSP0243 5.3
// asks. PKG008 and PKG053 are Damage (consequences_integrity.go).
//
// Not declared on purpose: PKG011, PKG012 and PKG052 record ovacheck's own
// limits (too many members, a name or a descriptor too large to check),
// not a consumer's behaviour; declaring that consumers tolerate them would
// lower "could not check" to a warning and let an unchecked package pass.
// PKG024 (a member name that climbs out of the extraction folder) is left
// undeclared too: the consumers seen never extract such a member under its
// name (virt-v2v 2.2 imports the rule's example), so declaring the facts
// would make a path-traversal member a warning; that is the lead's call.
//
// How each consumer reads the archive decides most rows:
//   - VMware's ovftool streams the tar and wants the descriptor first.
//   - VirtualBox reads the tar as a stream (IPRT RTZipTarFsStream), picks
//     up .ovf, .mf and .cert in any order, and later finds disks by name.
//   - virt-v2v lists the tar with GNU tar and reads members by offset.
//   - Proxmox extracts the first *.ovf and then each disk by name with
//     GNU tar.
//   - XenCenter walks the tar for the metadata and extracts it whole.

const (
	pkgSrcV2VAccepts = "run: virt-v2v 2.2 -i ova --print-source on the rule's wrong example imports without a warning"
	pkgSrcV2VTarFail = "run: virt-v2v 2.2 -i ova fails: \"external command 'tar -tf' exited with error 2\""
	pkgSrcVBoxStream = "code: VirtualBox src/VBox/Main/src-server/ApplianceImplImport.cpp (i_readFSOVA) reads the OVA as a tar stream and picks up the .ovf, .mf and .cert in any order (\"without any strict ordering restrictions\")"
	pkgSrcVBoxTar    = "code: VirtualBox src/VBox/Main/src-server/ApplianceImplImport.cpp (i_readFSOVA): RTZipTarFsStreamFromIoStream reads only tar; anything else ends with \"Error reading OVA\""
	pkgSrcProxTar    = "code: proxmox/pve-storage src/PVE/GuestImport/OVF.pm (parse_ovf) extracts the first *.ovf with GNU tar -xO --wildcards --occurrence=1, and the disks by name"
	pkgSrcXenLoad    = "code: xenserver/xenadmin XenOvfApi/Package.cs (TarPackage.Load) takes the first .ovf member anywhere and the .mf and .cert named after it (ignoring case); the rest of the archive is extracted whole"
	pkgSrcGNUTarRun  = "run: GNU tar 1.35, which Proxmox and virt-v2v call, reads this archive"
	pkgSrcVMwareTar  = "recalled: ovftool and vSphere read tar archives with their own reader; no failure is reported for this form"
	pkgSrcTarBroken  = "recalled: the tar reader stops at the damaged header and the import fails"
	pkgSrcOvftool1st = "doc: ovftool, Workstation and vSphere URL or Content Library pulls need the .ovf as the first tar member (osbuild/osbuild-composer#3926, kubev2v/migration-planner#147; peers.md 3.1 and section 6 #12, #23)"
	pkgSrcNoOVF      = "recalled: without a readable descriptor there is nothing to import"
)

var (
	// What the input is.
	_ = declare(PkgCompressed,
		refuses("recalled: ovftool and vSphere read an uncompressed tar only (peers.md section 1 row 3 has no evidence that they read a compressed OVA)", VMware),
		refuses(pkgSrcVBoxTar, VirtualBox),
		refuses("recalled: Proxmox's import storage offers files ending in .ova only, so an .ova.gz or .ova.xz is not offered (GNU tar, which it calls, would itself read a gzip tar renamed .ova)", Proxmox),
		ignores("code: libguestfs/virt-v2v input/OVA.ml (parse_ova) unpacks gzip and xz tars; run: virt-v2v 2.2 imports the rule's gzip example", VirtV2V),
		ignores("code: xenserver/xenadmin XenOvfApi/Package.cs (TarPackage) reads an archive named .gz as a gzip tar (and .bz2 as bzip2); an xz, or a gzip tar still named .ova, is read as plain tar and fails", XenServer))
	_ = declare(PkgZip,
		refuses("recalled: ovftool and vSphere read tar archives only", VMware),
		refuses(pkgSrcVBoxTar, VirtualBox),
		refuses("run: GNU tar -xO --wildcards '*.ovf', as Proxmox runs it, fails on a zip (\"This does not look like a tar archive\")", Proxmox),
		ignores("code: libguestfs/virt-v2v input/OVA.ml (parse_ova) unzips archives (\"people ship zip files as ova too\"); run: virt-v2v 2.2 imports the rule's zip example", VirtV2V),
		refuses("recalled: XenCenter reads the file as a tar (XenOvfApi/Package.cs (TarPackage)) and fails on a zip", XenServer))
	_ = declare(PkgBareDescriptor,
		refuses("recalled: a descriptor given as the package carries no disks; read as an OVA it is no tar", VMware, VirtualBox, Proxmox, XenServer),
		refuses("run: virt-v2v 2.2 -i ova fails: \"unsupported file format\"", VirtV2V))
	_ = declare(PkgEmpty,
		refuses(pkgSrcNoOVF, VMware, VirtualBox, Proxmox, XenServer),
		refuses("run: virt-v2v 2.2 -i ova fails: \"unsupported file format\"", VirtV2V))
	_ = declare(PkgNotTar,
		refuses(pkgSrcNoOVF+"; the tar reader fails on the first header", VMware, VirtualBox, Proxmox, XenServer),
		refuses("run: virt-v2v 2.2 -i ova fails: \"unsupported file format\"", VirtV2V))

	// Reading the tar headers.
	_ = declare(PkgBadChecksum,
		refuses(pkgSrcTarBroken, VMware, VirtualBox, XenServer),
		refuses("run: GNU tar, which Proxmox calls, exits with an error on the bad header", Proxmox),
		refuses(pkgSrcV2VTarFail, VirtV2V))
	_ = declare(PkgBadHeader,
		refuses(pkgSrcTarBroken, VMware, VirtualBox, XenServer),
		refuses("run: GNU tar, which Proxmox calls, exits with an error on the header", Proxmox),
		refuses(pkgSrcV2VTarFail, VirtV2V))
	_ = declare(PkgNoEndBlocks,
		ignores("recalled: tar readers stop at the end of the file after the last member", VMware, VirtualBox, XenServer),
		ignores(pkgSrcGNUTarRun, Proxmox),
		ignores(pkgSrcV2VAccepts, VirtV2V))
	_ = declare(PkgTrailingData,
		ignores("recalled: tar readers stop at the end-of-archive blocks and never read what follows", VMware, VirtualBox, XenServer),
		ignores(pkgSrcGNUTarRun, Proxmox),
		ignores(pkgSrcV2VAccepts, VirtV2V))
	_ = declare(PkgNotDotOVA,
		refuses("recalled: ovftool and the vSphere deploy wizard choose the reader by the .ova or .ovf extension", VMware),
		refuses("code: VirtualBox src/VBox/Main/src-server/ApplianceImplImport.cpp (Appliance::read): \"Appliance file must have .ovf or .ova extension\"", VirtualBox),
		refuses("code: proxmox/pve-storage src/PVE/Storage.pm: the import storage accepts .ova (and .ovf) names only (UPLOAD_IMPORT_EXT_RE_1, as quoted by secondary sources)", Proxmox),
		ignores("code: libguestfs/virt-v2v input/OVA.ml (parse_ova) detects the format from the content; run: virt-v2v 2.2 imports the rule's .tar example", VirtV2V),
		ignores("code: xenserver/xenadmin XenOvfApi/Package.cs (Package.Create) reads any name but .ovf as a tar", XenServer))

	// Member order.
	_ = declare(PkgDescriptorNotFirst,
		refuses(pkgSrcOvftool1st, VMware),
		ignores(pkgSrcVBoxStream, VirtualBox),
		ignores(pkgSrcProxTar, Proxmox),
		ignores(pkgSrcV2VAccepts, VirtV2V),
		ignores(pkgSrcXenLoad+" (\"the package will have to be searched more times\")", XenServer))
	_ = declare(PkgSidecarPlacement,
		warns("doc: ovftool verifies while streaming: a manifest after a disk leaves it with \"No supported manifest entry found\" (shmsoft/FreeEed OVA-TEST-macos.md; peers.md 3.1, section 6 #11); VMware's ova-compose itself writes the certificate last", VMware),
		ignores(pkgSrcVBoxStream, VirtualBox),
		ignores(srcProxmoxNoMF, Proxmox),
		ignores(pkgSrcV2VAccepts, VirtV2V),
		ignores(pkgSrcXenLoad, XenServer))
	_ = declare(PkgDataOrder,
		warns("recalled: ovftool reads the archive once, as a stream, and must hold back or re-read a file that comes out of References order", VMware),
		ignores(pkgSrcVBoxStream+"; disks are looked up by name", VirtualBox),
		ignores(pkgSrcProxTar, Proxmox),
		ignores(pkgSrcV2VAccepts+" (it reads each disk at its offset)", VirtV2V),
		ignores(pkgSrcXenLoad, XenServer))

	// Member names and types.
	_ = declare(PkgDuplicateMember,
		warns("recalled: which copy a consumer reads is not documented; the other is silently dropped", VMware, VirtualBox),
		warns("recalled: GNU tar -x, which Proxmox calls, writes both copies and the last one wins", Proxmox),
		refuses("run: virt-v2v 2.2 -i ova fails with \"corrupt OVA: checksum of disk ... does not match manifest\": tar xOf reads both copies", VirtV2V),
		warns("code: xenserver/xenadmin XenOvfApi/Package.cs (TarPackage.VerifyManifest): the second copy is no longer in the manifest, which fails verification when the user asks for it", XenServer))
	_ = declare(PkgDotSlash,
		warns("recalled: govmomi matches base names (peers.md 3.3) but ovftool's matching of ./ names is not documented", VMware),
		refuses("recalled: VirtualBox finds each disk in the tar stream by its exact name, so ./disk.vmdk is not the href disk.vmdk", VirtualBox),
		refuses("run: GNU tar -x ARCHIVE disk.vmdk, as Proxmox runs it, does not find the member ./disk.vmdk", Proxmox),
		refuses("run: virt-v2v 2.2 -i ova fails: \"OVF references file 'appliance-disk1.vmdk' which was not found in the OVA archive\"", VirtV2V),
		ignores("recalled: XenCenter extracts the whole archive, and ./disk.vmdk lands where disk.vmdk is looked for", XenServer))
	_ = declare(PkgSubdirectory,
		ignores(pkgSrcVMwareTar, VMware, VirtualBox),
		refuses("code: proxmox/pve-storage src/PVE/GuestImport/OVF.pm (parse_ovf) dies \"referenced path ... is invalid\" for an href with a folder (SAFE_CHAR_CLASS_RE has no /); an unreferenced member in a folder is never read", Proxmox),
		ignores(pkgSrcV2VAccepts+" (it resolves hrefs below the descriptor's folder)", VirtV2V),
		ignores("recalled: XenCenter extracts the whole archive with its folders", XenServer))
	_ = declare(PkgSpecialMember,
		ignores(pkgSrcVMwareTar, VMware),
		ignores("code: VirtualBox src/VBox/Main/src-server/ApplianceImplImport.cpp (i_readFSOVA) takes only file and I/O-stream members; a link is skipped", VirtualBox),
		refuses("code: proxmox/pve-storage src/PVE/GuestImport/OVF.pm (parse_ovf) dies \"are you using a symlink ?\" when a disk resolves outside the folder, and GuestImport.pm imports regular files only (peers.md 3.9)", Proxmox),
		ignores(pkgSrcV2VAccepts+"; a link that is not a referenced disk is never read", VirtV2V),
		ignores("recalled: XenCenter's tar extraction writes regular files", XenServer))
	_ = declare(PkgDirectoryMember,
		ignores(pkgSrcVMwareTar, VMware),
		ignores("code: VirtualBox src/VBox/Main/src-server/ApplianceImplImport.cpp (i_readFSOVA) skips members that are not files", VirtualBox),
		ignores(pkgSrcGNUTarRun, Proxmox),
		ignores(pkgSrcV2VAccepts+" (directories are left out of its file list, input/OVA.ml (get_file_list))", VirtV2V),
		ignores("recalled: XenCenter's tar extraction creates the folder", XenServer))
	_ = declare(PkgExtensionCase,
		ignores("recalled: ovftool and vSphere accept upper-case extensions (VMware's test packages include nostalgia.OVF, peers.md 3.3)", VMware),
		ignores("code: VirtualBox src/VBox/Main/src-server/ApplianceImplImport.cpp (i_readFSOVA) compares the extensions ignoring case (RTStrICmp)", VirtualBox),
		warns("code: proxmox/pve-storage src/PVE/GuestImport/OVF.pm (parse_ovf) looks for '*.ovf' case-sensitively, so a .OVF descriptor is not found and the import fails; a .MF or .CERT is never read", Proxmox),
		warns("code: libguestfs/virt-v2v input/OVA.ml (find_files) matches .ovf and .mf case-sensitively: a .MF manifest is not read and the files go unverified (run: virt-v2v 2.2 imports the rule's example silently); a .OVF descriptor gives \"no .ovf file was found\"", VirtV2V),
		ignores("code: xenserver/xenadmin XenOvfApi/Package.cs (TarPackage.Load) compares the extensions ignoring case", XenServer))
	_ = declare(PkgBaseName,
		warns("recalled: ovftool looks for the manifest named after the descriptor and otherwise reports \"No manifest file found\" (peers.md 3.1, S5)", VMware),
		warns(pkgSrcVBoxStream+"; a .mf or .cert after the .ovf whose base name differs is skipped, so the package imports unverified", VirtualBox),
		ignores(srcProxmoxNoMF, Proxmox),
		ignores("code: libguestfs/virt-v2v input/OVA.ml (get_manifest) reads every *.mf whatever its name; run: virt-v2v 2.2 verifies the rule's example", VirtV2V),
		warns(pkgSrcXenLoad+"; a manifest of another name is not loaded and nothing is verified", XenServer))
	_ = declare(PkgUnreferenced,
		ignores("recalled: consumers read the members the descriptor references and skip the rest", VMware, VirtualBox, Proxmox),
		ignores(pkgSrcV2VAccepts, VirtV2V),
		warns("code: xenserver/xenadmin XenOvfApi/Package.cs (TarPackage.VerifyManifest) fails verification, when the user asks for it, on a member the manifest does not list", XenServer))

	// Tar dialect.
	_ = declare(PkgTarDialect,
		ignores("recalled: VMware, VirtualBox and XenCenter read GNU and v7 headers", VMware, VirtualBox, XenServer),
		ignores(pkgSrcGNUTarRun, Proxmox),
		ignores(pkgSrcV2VAccepts, VirtV2V))
	_ = declare(PkgPAX,
		warns("recalled: vSphere is reported not to read PAX extended headers, and VMware's ova-compose writes ustar for that reason", VSphere),
		ignores("recalled: the reports of PAX trouble concern vSphere; none is known for Workstation's import", Workstation),
		ignores("recalled: IPRT's tar reader, which VirtualBox uses, reads PAX headers", VirtualBox),
		ignores(pkgSrcGNUTarRun, Proxmox),
		ignores(pkgSrcV2VAccepts, VirtV2V),
		ignores("recalled: XenCenter's tar reader skips PAX headers", XenServer))
	_ = declare(PkgBase256Size,
		ignores("recalled: members of 8 GiB and more are routine in VMware OVAs, whose readers take base-256 sizes (peers.md section 1 row 8)", VMware),
		ignores("recalled: IPRT's tar reader, which VirtualBox uses, reads GNU base-256 sizes", VirtualBox),
		ignores(pkgSrcGNUTarRun, Proxmox),
		ignores(pkgSrcV2VAccepts, VirtV2V),
		ignores("recalled: XenCenter imports disks larger than 8 GiB from OVAs", XenServer))

	// Rules the engine raises when it assembles the package.
	_ = declare(PkgNoDescriptor,
		refuses("recalled: ovftool and vSphere find no descriptor to deploy", VMware),
		refuses("code: VirtualBox src/VBox/Main/src-server/ApplianceImplImport.cpp (i_readFSOVA): \"OVA ... does not contain an .ovf-file\"", VirtualBox),
		refuses(pkgSrcProxTar+"; with no match there is no descriptor to parse", Proxmox),
		refuses("run: virt-v2v 2.2 -i ova fails: \"no .ovf file was found\"", VirtV2V),
		refuses(pkgSrcXenLoad+"; with none there is nothing to import", XenServer))
	_ = declare(PkgManyDescriptors,
		warns("code: vmware/govmomi ovf/importer/archive.go takes the first *.ovf match (peers.md 3.3); which one ovftool takes is not documented", VMware),
		warns("code: VirtualBox src/VBox/Main/src-server/ApplianceImplImport.cpp (i_readFSOVA) logs \"contains more than one OVF file\" and imports the first", VirtualBox),
		warns(pkgSrcProxTar+"; the others are ignored", Proxmox),
		refuses("run: virt-v2v 2.2 -i ova fails: \"more than one .ovf file was found\"", VirtV2V),
		warns(pkgSrcXenLoad+"; the others are ignored", XenServer))
	_ = declare(PkgDescriptorOnly,
		ignores("recalled: a note on what ovacheck left unchecked, not a property of the package", all))
)
