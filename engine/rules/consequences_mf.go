package rules

// What the consumers do with a manifest whose lines, algorithms or
// coverage depart from DSP0243 5.1. MF003 and MF018 (digests that do not
// match) are Damage and are declared in consequences_integrity.go.
//
// How each consumer reads the manifest decides most rows:
//   - vSphere is strict about the line form; Workstation (ovftool) is
//     more lenient and warns about lines it cannot use.
//   - VirtualBox parses every line; a line it cannot split fails the
//     import, an attribute it does not know is kept but never compared.
//   - virt-v2v 2.2 matches each line against one pattern and skips, with
//     a warning, every line that does not match: the file goes unverified.
//   - Proxmox reads no manifest at all.
//   - XenCenter verifies the manifest only when the user asks for it on
//     the import wizard's security page; a manifest it cannot use then
//     fails the import, and otherwise it imports unverified. That is
//     recorded as a warning unless the bytes are damaged.
//
// "run: virt-v2v 2.2" facts come from `virt-v2v -i ova X --print-source`
// (LIBGUESTFS_BACKEND=direct) on the rule's wrong example.

const (
	mfSrcV2VSkips     = "run: virt-v2v 2.2 -i ova --print-source warns \"unable to parse line from manifest file\" and imports the file unverified; its pattern is ^(SHA1|SHA256)\\((.*)\\)= ([0-9a-fA-F]+)\\r?$ (libguestfs/virt-v2v input/OVA.ml (get_manifest))"
	mfSrcV2VReads     = "run: virt-v2v 2.2 -i ova --print-source verifies the lines and imports without a warning"
	mfSrcV2VCorrupt   = "run: virt-v2v 2.2 -i ova --print-source fails with \"corrupt OVA: checksum of disk ... does not match manifest\""
	mfSrcV2VNoFile    = "run: virt-v2v 2.2 -i ova warns \"manifest has a checksum for non-existent file ... (ignored)\" (libguestfs/virt-v2v input/input_ova.ml (setup), RHBZ#1570407)"
	mfSrcV2VUnlisted  = "code: libguestfs/virt-v2v input/input_ova.ml (setup) verifies only the files the manifest lists, silently (run: virt-v2v 2.2 gives no warning)"
	mfSrcVBoxParse    = "code: VirtualBox src/VBox/Runtime/common/checksum/manifest2.cpp (RTManifestReadStandardEx) fails on a line without '(' or ')=' or with a non-hex digest, and ApplianceImplImport.cpp (i_readManifestFile) stops with \"Failed to parse manifest file\""
	mfSrcVBoxLenient  = "code: VirtualBox src/VBox/Runtime/common/checksum/manifest2.cpp (RTManifestReadStandardEx) strips blanks around every field, skips empty lines and accepts either hex case"
	mfSrcVBoxUnknown  = "code: VirtualBox src/VBox/Runtime/common/checksum/manifest2.cpp (RTManifestReadStandardEx) knows MD5, SHA1, SHA256 and SHA512 by exact name; any other attribute is kept but never compared (IGN_MISSING_ATTRS), so the file goes unverified without a message"
	mfSrcVBoxKnown    = "code: VirtualBox src/VBox/Runtime/common/checksum/manifest2.cpp (RTManifestReadStandardEx) verifies MD5, SHA1, SHA256 and SHA512 lines"
	mfSrcVBoxOvfHack  = "code: VirtualBox ApplianceImplImport.cpp: a manifest without the .ovf gets VirtualBox's own digest of the descriptor copied in (bugref 6022), so the descriptor goes unverified (peers.md section 1 row 14)"
	mfSrcVBoxUnlisted = "code: VirtualBox ApplianceImplImport.cpp (i_verifyManifestFile): RTManifestEqualsEx ignores entries missing on VirtualBox's side only, so a file it imports that the manifest lacks fails the import (peers.md section 1 row 12)"
	mfSrcVBoxExtra    = "code: VirtualBox ApplianceImplImport.cpp (i_verifyManifestFile) compares with IGN_MISSING_ENTRIES_2ND: entries for files it does not read are ignored (peers.md 3.6; VirtualBox 5.1 still refused, pain point 16)"
	mfSrcXenLenient   = "code: xenserver/xenadmin XenOvfApi/Package.cs (FileDigest) splits the line on ( ) = and trims each field, and reads the hex byte by byte in either case"
	mfSrcXenThrows    = "code: xenserver/xenadmin XenOvfApi/Package.cs (Manifest, FileDigest) turns every line into an entry; a line without ( ) = throws, so verification, when the user asks for it, fails; without it the package imports unverified"
	mfSrcXenCoverage  = "code: xenserver/xenadmin XenOvfApi/Package.cs (TarPackage.VerifyManifest) requires every member but the .mf and .cert to be listed and every entry to be found (names compared ignoring case); when the user asks for verification the import fails, otherwise it proceeds unverified"
	mfSrcXenAlgo      = "recalled: xenserver/xenadmin XenOvfApi hashes with .NET HashAlgorithm.Create(name), which knows MD5, SHA1, SHA256, SHA384, SHA512 and spellings such as SHA-256 but not SHA2-256; verification then fails"
	mfSrcVSphereForm  = "doc: vSphere refuses the package with \"Invalid OVF checksum algorithm: SHA256\" for a blank before '(' (home-assistant/operating-system#826; peers.md section 2)"
	mfSrcPlayerForm   = "doc: the VMware community thread in peers.md section 6 #3 reports the spaced form accepted by Player (ovftool's engine) while ESXi refuses it"
	mfSrcVSphereAlgo  = "doc: vCenter 8 refuses \"Invalid OVF checksum algorithm: SHA2-256\" (home-assistant/operating-system#3654; peers.md section 2)"
	mfSrcOvftoolNoUse = "doc: ovftool warns \"No supported manifest(sha1, sha256, sha512) entry found for\" a file whose line it cannot use, and imports it (peers.md 3.1, S2)"
	mfSrcVMwareBad    = "recalled: vSphere and ovftool report the manifest invalid (\"The following manifest file entry (line N) is invalid\", peers.md section 6 #6) and stop"
	mfSrcVMwareOK     = "recalled: ovftool and vSphere read this form; no failure is reported for it (peers.md section 2 has no evidence either way)"
	mfSrcVMwareNoOvf  = "doc: ovftool warns \"No manifest entry found for\" an unlisted file and goes on (peers.md 3.1, S5)"
	mfSrcProxmox      = srcProxmoxNoMF
)

var (
	// Line syntax.
	_ = declare(MfNotDigestLine,
		refuses(mfSrcVMwareBad, VMware),
		refuses(mfSrcVBoxParse, VirtualBox),
		warns(mfSrcV2VSkips, VirtV2V),
		ignores(mfSrcProxmox, Proxmox),
		warns(mfSrcXenThrows, XenServer))
	_ = declare(MfSpacedForm,
		refuses(mfSrcVSphereForm, VSphere),
		warns(mfSrcPlayerForm+"; the same thread reports the reverse for other lines, so the outcome is uncertain", Workstation),
		ignores(mfSrcVBoxLenient+"; VirtualBox itself writes this form (rtManifestWriteStdAttr)", VirtualBox),
		warns(mfSrcV2VSkips, VirtV2V),
		ignores(mfSrcProxmox, Proxmox),
		ignores(mfSrcXenLenient, XenServer))
	_ = declare(MfNoSpaceAfterEquals,
		ignores(mfSrcVMwareOK, VMware),
		ignores(mfSrcVBoxLenient, VirtualBox),
		warns(mfSrcV2VSkips, VirtV2V),
		ignores(mfSrcProxmox, Proxmox),
		ignores(mfSrcXenLenient, XenServer))
	_ = declare(MfAlgorithmSpelling,
		refuses(mfSrcVSphereAlgo, VSphere),
		warns("recalled: Workstation's import (ovftool's engine) has accepted manifest dialects that ESXi refused (peers.md section 6 #3); whether it checks a SHA2-256 line is not known, so the file may go unverified", Workstation),
		warns(mfSrcVBoxUnknown, VirtualBox),
		warns(mfSrcV2VSkips, VirtV2V),
		ignores(mfSrcProxmox, Proxmox),
		warns(mfSrcXenAlgo+", when the user asks XenCenter to verify the manifest (verification is opt-in)", XenServer))
	_ = declare(MfAlgorithmNotAccepted,
		refuses("recalled: vSphere refuses an algorithm it does not know as it does SHA2-256 (\"Invalid OVF checksum algorithm\", peers.md section 2)", VSphere),
		warns(mfSrcOvftoolNoUse, Workstation),
		warns(mfSrcVBoxKnown+"; other names are kept but never compared, so those files go unverified", VirtualBox),
		warns(mfSrcV2VSkips, VirtV2V),
		ignores(mfSrcProxmox, Proxmox),
		ignores(mfSrcXenAlgo+"; MD5, SHA-384 and the like are verified", XenServer))
	_ = declare(MfUpperCaseHex,
		ignores("recalled: vSphere and ovftool compare digests ignoring case; Broadcom KB 407022 itself rebuilds manifests with upper-case PowerShell output (peers.md section 6 #8)", VMware),
		ignores(mfSrcVBoxLenient, VirtualBox),
		refuses(mfSrcV2VCorrupt+" (it compares the text with sha256sum's lower-case output)", VirtV2V),
		ignores(mfSrcProxmox, Proxmox),
		ignores(mfSrcXenLenient, XenServer))
	_ = declare(MfDigestMalformed,
		refuses("recalled: vSphere and ovftool fail to verify a digest that is not the algorithm's length", VMware),
		refuses(mfSrcVBoxParse+"; a digest longer than the algorithm's never matches", VirtualBox),
		refuses(mfSrcV2VCorrupt+" for a digest of the wrong length (a line with non-hex characters is skipped with a warning instead)", VirtV2V),
		ignores(mfSrcProxmox, Proxmox),
		refuses("code: xenserver/xenadmin XenOvfApi/Package.cs (FileDigest.ToArray) throws \"contains an invalid hexadecimal number\", and a digest of the wrong length does not match (when the user asks for verification)", XenServer))
	_ = declare(MfCRLF,
		ignores("recalled: ovftool and vSphere read manifests written on Windows", VMware),
		ignores(mfSrcVBoxLenient, VirtualBox),
		ignores(mfSrcV2VReads+" (its pattern allows \\r before the end)", VirtV2V),
		ignores(mfSrcProxmox, Proxmox),
		ignores("code: xenserver/xenadmin XenOvfApi/Package.cs (Manifest) reads lines with .NET StreamReader.ReadLine, which ends a line at CR LF", XenServer))
	_ = declare(MfPadding,
		ignores("recalled: ovftool 4.0 padded its own manifests with blanks, and VMware reads them", VMware),
		ignores(mfSrcVBoxLenient, VirtualBox),
		warns(mfSrcV2VSkips+"; a blank line protects no file, so only the warning shows", VirtV2V),
		ignores(mfSrcProxmox, Proxmox),
		warns(mfSrcXenThrows+" (a blank or padded line too)", XenServer))
	_ = declare(MfEmpty,
		warns("recalled: ovftool 4.0 wrote such manifests; ovftool then warns \"No manifest entry found\" for each file (peers.md 3.1, S5)", VMware),
		warns("code: VirtualBox ApplianceImplImport.cpp (i_readManifestFile): an empty manifest sets no digest types, so nothing is verified", VirtualBox),
		warns(mfSrcV2VUnlisted, VirtV2V),
		ignores(mfSrcProxmox, Proxmox),
		warns(mfSrcXenCoverage, XenServer))
	_ = declare(MfNotUTF8,
		warns("recalled: a name in another encoding matches no member, so that file goes unverified or is reported missing", VMware, VirtualBox),
		warns(mfSrcV2VNoFile, VirtV2V),
		ignores(mfSrcProxmox, Proxmox),
		warns(mfSrcXenCoverage+"; the name is decoded as UTF-8 and matches no member", XenServer))
	_ = declare(MfTrailingBlanks,
		ignores(mfSrcVMwareOK, VMware),
		ignores(mfSrcVBoxLenient, VirtualBox),
		warns(mfSrcV2VSkips, VirtV2V),
		ignores(mfSrcProxmox, Proxmox),
		ignores(mfSrcXenLenient, XenServer))

	// Choice of algorithms.
	_ = declare(MfNewAlgorithmInOld,
		ignores("doc: ovftool 4.2 and later write SHA-256 by default and vSphere 6.5 and later accept it (peers.md S22: OVF Tool release notes; williamlam.com 2016-11); older clients refuse it but are not targets", VMware),
		ignores(mfSrcVBoxKnown, VirtualBox),
		ignores(mfSrcV2VReads, VirtV2V),
		ignores(mfSrcProxmox, Proxmox),
		ignores(mfSrcXenAlgo, XenServer))
	_ = declare(MfSHA512,
		ignores("doc: ovftool --shaAlgorithm takes SHA1, SHA256 or SHA512 and vSphere verifies all three (peers.md 3.1, S1, S22)", VMware),
		ignores(mfSrcVBoxKnown, VirtualBox),
		warns(mfSrcV2VSkips, VirtV2V),
		ignores(mfSrcProxmox, Proxmox),
		ignores(mfSrcXenAlgo, XenServer))
	_ = declare(MfSHA1,
		ignores("doc: SHA1 is the algorithm of DSP0243 1.x, which every consumer reads (peers.md section 1 row 10)", all))
	_ = declare(MfMixedAlgorithms,
		ignores("recalled: VMware keeps a mixed_sha1_sha2 package among its standard test OVAs (peers.md 3.3) and no failure is reported for it", VMware),
		ignores(mfSrcVBoxKnown+"; it computes every type the manifest uses", VirtualBox),
		ignores(mfSrcV2VReads, VirtV2V),
		ignores(mfSrcProxmox, Proxmox),
		ignores("code: xenserver/xenadmin XenOvfApi/Package.cs (FileDigest) takes the algorithm from each line", XenServer))
	_ = declare(MfDuplicate,
		ignores("recalled: no VMware failure is reported for a repeated line", VMware),
		ignores("code: VirtualBox src/VBox/Runtime/common/checksum/manifest2.cpp (RTManifestEntrySetAttr) sets the same attribute again", VirtualBox),
		ignores(mfSrcV2VReads+" (each line is checked)", VirtV2V),
		ignores(mfSrcProxmox, Proxmox),
		warns(mfSrcXenCoverage+"; the repeated entry is never used and counts as a missing file", XenServer))

	// Coverage.
	_ = declare(MfDescriptorNotListed,
		warns(mfSrcVMwareNoOvf, VMware),
		warns(mfSrcVBoxOvfHack, VirtualBox),
		warns(mfSrcV2VUnlisted, VirtV2V),
		ignores(mfSrcProxmox, Proxmox),
		warns(mfSrcXenCoverage, XenServer))
	_ = declare(MfFileNotListed,
		warns(mfSrcVMwareNoOvf+"; \"No supported manifest entry found\" for a line it cannot use (S2)", VMware),
		refuses(mfSrcVBoxUnlisted, VirtualBox),
		warns(mfSrcV2VUnlisted, VirtV2V),
		ignores(mfSrcProxmox, Proxmox),
		warns(mfSrcXenCoverage, XenServer))
	_ = declare(MfListedFileAbsent,
		ignores("doc: VMware's own OVAs list files they do not ship, which is why virt-v2v tolerates them (RHBZ#1570407, cited in libguestfs/virt-v2v input/input_ova.ml)", VMware),
		ignores(mfSrcVBoxExtra, VirtualBox),
		warns(mfSrcV2VNoFile, VirtV2V),
		ignores(mfSrcProxmox, Proxmox),
		warns(mfSrcXenCoverage, XenServer))
	_ = declare(MfListedNotReferenced,
		ignores("recalled: VMware verifies what the manifest lists and uses what the descriptor references", VMware),
		ignores(mfSrcVBoxExtra, VirtualBox),
		ignores(mfSrcV2VReads+" (the extra file is verified too)", VirtV2V),
		ignores(mfSrcProxmox, Proxmox),
		ignores(mfSrcXenCoverage+"; a listed member that is present passes", XenServer))
	_ = declare(MfListsItself,
		ignores("recalled: no VMware failure is reported for a manifest line naming the .mf or .cert (the home-assistant#826 failure was the line form, MF002)", VMware),
		ignores(mfSrcVBoxExtra, VirtualBox),
		refuses(mfSrcV2VCorrupt+" (it hashes the manifest itself)", VirtV2V),
		ignores(mfSrcProxmox, Proxmox),
		warns(mfSrcXenCoverage+"; the .mf is skipped when members are matched, so its entry counts as a missing file", XenServer))
	_ = declare(MfNameMismatch,
		warns(mfSrcVMwareNoOvf, VMware),
		refuses(mfSrcVBoxUnlisted+"; names are compared exactly", VirtualBox),
		warns(mfSrcV2VNoFile+"; the real file goes unverified", VirtV2V),
		ignores(mfSrcProxmox, Proxmox),
		warns(mfSrcXenCoverage+"; a case difference passes, a ./ prefix does not", XenServer))
)
