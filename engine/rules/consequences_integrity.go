package rules

// What the consumers do with a package that is not what its producer made:
// digests that do not match, members missing or cut short, a descriptor
// that is not XML, a signature that does not verify. These rules are
// Damage: an error whatever the consumers do, since the user is about to
// import something other than what was published.
//
// Sources cited "peers.md 3.x" are the reading of the consumers' code
// recorded in shared/reference/peers.md (which names the files read);
// "run:" facts were reproduced here with the Debian package named.

// damage marks r as Damage and declares its consequences.
func damage(r *Rule, rows ...consequence) *Rule {
	r.Damage = true
	return declare(r, rows...)
}

const (
	srcV2VChecksum  = "code: libguestfs/virt-v2v input/OVA.ml (verify_checksums): \"corrupt OVA: checksum of disk ... does not match manifest\" (peers.md 3.5)"
	srcVBoxDigest   = "code: VirtualBox src/VBox/Main/src-server/ApplianceImplImport.cpp (i_verifyManifestFile): \"Digest mismatch\" fails the import (peers.md 3.6)"
	srcOvftoolMF    = "recalled: ovftool and vSphere compute every listed digest and fail on a mismatch (peers.md section 1 row 11; the message users quote is \"The manifest file ... does not match\")"
	srcProxmoxNoMF  = "code: proxmox/pve-storage src/PVE/GuestImport/OVF.pm reads the .ovf only; no manifest or certificate is read (peers.md 3.9)"
	srcXenDigest    = "code: xenserver/xenadmin XenOvfApi Package.cs: \"The file {0} does not match the original\", when the user asks for verification on the import wizard's security page (peers.md 3.7)"
	srcTarCut       = "recalled: the tar reader meets the end of the file inside a member's data and the import fails reading the disk"
	srcV2VTarCut    = "run: virt-v2v 2.2 -i ova --print-source on an archive cut inside the disk fails"
	srcXMLParse     = "code: every consumer parses the descriptor with a conforming XML parser (libxml2 in VirtualBox, virt-v2v and Proxmox's XML::LibXML; .NET XmlDocument in XenCenter; VMware's own), which stops at the first well-formedness error"
	srcNoSignature  = "code: libguestfs/virt-v2v input/ and proxmox/pve-storage read no .cert (peers.md section 1 row 15)"
	srcVBoxSigFatal = "code: VirtualBox src/VBox/Main/src-server/ApplianceImplImport.cpp (i_readTailProcessing): \"The manifest signature does not match\" is fatal (peers.md 3.6)"
	srcXenSig       = "code: xenserver/xenadmin XenOvfApi: the first .cert line is verified with the certificate's key when the user asks for it (peers.md 3.7)"
	srcVMwareSig    = "recalled: ovftool and vSphere verify the .cert signature over the manifest and fail when it does not verify (peers.md section 1 row 15)"
)

var (
	_ = damage(MfDigestMismatch,
		refuses(srcOvftoolMF, VMware),
		refuses(srcVBoxDigest, VirtualBox),
		refuses(srcV2VChecksum, VirtV2V),
		ignores(srcProxmoxNoMF, Proxmox),
		refuses(srcXenDigest, XenServer))
	_ = damage(MfConflictingDigests,
		refuses(srcOvftoolMF, VMware),
		refuses(srcVBoxDigest, VirtualBox),
		refuses(srcV2VChecksum+"; one of the two lines cannot match", VirtV2V),
		ignores(srcProxmoxNoMF, Proxmox),
		refuses(srcXenDigest, XenServer))
	_ = damage(PkgWholeFileMismatch,
		ignores("recalled: no consumer knows the checksum the publisher printed beside the download; they import what they are given", all))
	_ = damage(PkgTruncated,
		refuses(srcTarCut, VMware, VirtualBox, Proxmox, XenServer),
		refuses(srcV2VTarCut, VirtV2V))
	_ = damage(RefMissing,
		refuses("recalled: ovftool and vSphere stop with a missing file error before deploying", VMware),
		refuses("code: VirtualBox src/VBox/Main/src-server/ApplianceImplImport.cpp (i_importDisk and friends): a referenced disk not found in the OVA fails the import", VirtualBox),
		refuses("run: virt-v2v 2.2 -i ova --print-source fails when the disk a Disk names is not in the archive", VirtV2V),
		warns("code: proxmox/pve-storage src/PVE/GuestImport/OVF.pm: a disk that cannot be found is warned about and skipped (peers.md section 1 row 22)", Proxmox),
		refuses("recalled: XenCenter's import fails on a missing disk file", XenServer))
	_ = damage(EnvMalformed, refuses(srcXMLParse, all))
	_ = damage(SigMismatch,
		refuses(srcVMwareSig, VMware),
		refuses(srcVBoxSigFatal, VirtualBox),
		ignores(srcNoSignature, VirtV2V, Proxmox),
		refuses(srcXenSig, XenServer))
	_ = damage(DskCorruptGrain,
		refuses("recalled: every consumer inflates the grains to convert or copy the disk, and the conversion fails on a grain that does not inflate (qemu-img convert reports an I/O error)", all))
	_ = damage(DskGzipIncomplete,
		refuses("recalled: the consumers that read gzip-compressed files fail when the gzip stream ends early or its CRC does not match", VMware, VirtualBox, VirtV2V, XenServer),
		refuses("code: proxmox/pve-storage does not read ovf:compression at all (peers.md section 1 row 4)", Proxmox))
)
