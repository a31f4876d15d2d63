package rules

// What the consumers do with signature findings (SIG). SIG013, a signature
// that does not verify, is declared with the damage rules.
//
// Who reads the .cert at all: VMware (ovftool and vSphere), VirtualBox and
// XenCenter (when the user asks for verification on the import wizard's
// security page). virt-v2v and Proxmox never open it.
//
// VirtualBox fails the import when the signature cannot be read or does
// not verify, and only warns about the certificate's time and trust ("the
// OVF specification does not provision for any timestamping"). VMware
// likewise verifies the signature and shows certificate problems in the
// deploy wizard. XenCenter's certificate check is Windows' chain check;
// like VirtualBox's trust warnings it stands between the user and the
// import only when the user asked for it, so it is recorded as a warning.
//
// Not declared on purpose: SIG011 (a private key published in the
// certificate file), SIG026 (no chain to the trust roots the user gave)
// and SIG028 (not the signer the user pinned). They are ovacheck's own
// judgements (a leaked key, the user's trust policy) that no consumer
// makes; every consumer would be "ignores", which would lower them to
// warnings.
const (
	sigSrcNoCert      = "code: libguestfs/virt-v2v input/ (OVA.ml, OVF.ml) and proxmox/pve-storage src/PVE/GuestImport/OVF.pm read no .cert (peers.md section 1 rows 15-19, 3.5, 3.9)"
	sigSrcVBoxRead    = "code: VirtualBox src/VBox/Main/src-server/ApplianceImplImport.cpp (i_readSignatureFile, i_readTailProcessing): a .cert whose signed digest or certificate cannot be read fails the import (\"Could not locate signed digest for '%s' in the cert-file\", \"Malformed .cert-file ... Signer's certificate not found\") (peers.md 3.6)"
	sigSrcVBoxMatch   = "code: VirtualBox src/VBox/Main/src-server/ApplianceImplImport.cpp (i_readTailProcessing): a signature that does not verify is fatal, \"The manifest signature does not match\" (peers.md 3.6)"
	sigSrcVBoxTrust   = "code: VirtualBox src/VBox/Main/src-server/ApplianceImplImport.cpp (i_readTailProcessing): certificate time and trust problems are warnings, \"the OVF specification does not provision for any timestamping\" (peers.md 3.6)"
	sigSrcVBoxLenient = "recalled: VirtualBox reads the .cert's signature line with the whitespace-tolerant parser it uses for manifests and takes the first certificate block (peers.md 3.6)"
	sigSrcVMwareRead  = "recalled: ovftool and vSphere verify the .cert signature over the manifest and fail when it cannot be read or verified (peers.md section 1 row 15)"
	sigSrcVMwareLine  = "recalled: VMware reads the .cert's signature line with the grammar it holds manifest lines to, and ESXi refuses manifest lines with spaces or an algorithm spelled SHA2-256 (peers.md section 2)"
	sigSrcVMwareAlg   = "recalled: VMware knows SHA1, SHA256 and SHA512 only (peers.md section 1 row 10)"
	sigSrcVMwareCert  = "doc: peers.md section 6 items 19-20 (goharbor/harbor#5276, vmware-tanzu/tanzu-framework#1719): vSphere's deploy wizard shows an expired or invalid publisher certificate; recalled: the user may go on"
	sigSrcVMwareQuiet = "recalled: VMware checks the signature, not this property of the certificate"
	sigSrcXenVerify   = "code: xenserver/xenadmin XenOvfApi: the first .cert line's digest is verified with the certificate's key when the user asks for verification, and a signature it cannot read or verify stops the import (peers.md 3.7)"
	sigSrcXenChain    = "code: xenserver/xenadmin XenOvfApi: X509Certificate2.Verify() (Windows' chain, expiry and revocation check) gives \"Certificate is invalid.\" when the user asks for verification (peers.md 3.7)"
	sigSrcXenQuiet    = "recalled: XenCenter's check is X509Certificate2.Verify() and the signature over the manifest; this property does not change either (peers.md 3.7)"
	sigSrcXenRSA      = "recalled: XenCenter verifies the signature with the certificate's RSA key (RSACryptoServiceProvider); another key type fails the check"
)

var (
	// Grammar of the .cert file.

	_ = declare(SigLineMissing,
		refuses(sigSrcVMwareRead, VMware),
		refuses(sigSrcVBoxRead, VirtualBox),
		ignores(sigSrcNoCert, VirtV2V, Proxmox),
		refuses(sigSrcXenVerify, XenServer))
	_ = declare(SigLineForm,
		refuses(sigSrcVMwareLine, VMware),
		ignores(sigSrcVBoxLenient, VirtualBox),
		ignores(sigSrcNoCert, VirtV2V, Proxmox),
		ignores("recalled: XenCenter splits the line on its parentheses and '=', whatever the spacing (peers.md section 1 row 9)", XenServer))
	_ = declare(SigAlgorithmUnsupported,
		refuses(sigSrcVMwareAlg, VMware),
		refuses("code: VirtualBox src/VBox/Main/src-server/ApplianceImplImport.cpp (i_readSignatureFile) looks for SHA-512, SHA-256, SHA-1 or MD5 digests only and fails with \"Could not locate signed digest\" (peers.md 3.6)", VirtualBox),
		ignores(sigSrcNoCert, VirtV2V, Proxmox),
		refuses("recalled: XenCenter creates the hash from the algorithm's name (.NET HashAlgorithm.Create), which gives nothing for a name it does not know", XenServer))
	_ = declare(SigWrapped,
		refuses(sigSrcVMwareRead+"; a consumer reads the signature from its line and gets a truncated one", VMware),
		refuses(sigSrcVBoxRead+"; the hex continued on later lines is not part of the signature line", VirtualBox),
		ignores(sigSrcNoCert, VirtV2V, Proxmox),
		refuses(sigSrcXenVerify, XenServer))
	_ = declare(SigNotHex,
		refuses(sigSrcVMwareRead, VMware),
		refuses(sigSrcVBoxRead, VirtualBox),
		ignores(sigSrcNoCert, VirtV2V, Proxmox),
		refuses(sigSrcXenVerify, XenServer))
	_ = declare(SigNamesOtherFile,
		refuses(sigSrcVMwareRead, VMware),
		refuses(sigSrcVBoxRead, VirtualBox),
		ignores(sigSrcNoCert, VirtV2V, Proxmox),
		ignores("recalled: XenCenter verifies the first line's signature over the package's manifest without comparing the file name it gives (peers.md 3.7)", XenServer))
	_ = declare(SigNoCertificate,
		refuses(sigSrcVMwareRead, VMware),
		refuses(sigSrcVBoxRead, VirtualBox),
		ignores(sigSrcNoCert, VirtV2V, Proxmox),
		refuses(sigSrcXenVerify, XenServer))
	_ = declare(SigCorruptCertificate,
		refuses(sigSrcVMwareRead, VMware),
		refuses(sigSrcVBoxRead, VirtualBox),
		ignores(sigSrcNoCert, VirtV2V, Proxmox),
		refuses(sigSrcXenVerify, XenServer))
	_ = declare(SigExtraCertificates,
		ignores("recalled: ovftool writes the certificate chain it is given into the .cert, and VMware reads the first as the signer's", VMware),
		ignores("code: VirtualBox src/VBox/Main/src-server/ApplianceImplImport.cpp: the signer's certificate is read and the others are not used (\"@todo RTCrX509CertPathsSetUntrustedStore\") (peers.md 3.6)", VirtualBox),
		ignores(sigSrcNoCert, VirtV2V, Proxmox),
		ignores("recalled: XenCenter loads the signer's certificate, the first block", XenServer))
	_ = declare(SigUnexpectedContent,
		ignores("recalled: VMware reads the signature line and the PEM block and skips other text", VMware),
		ignores(sigSrcVBoxLenient, VirtualBox),
		ignores(sigSrcNoCert, VirtV2V, Proxmox),
		ignores("recalled: XenCenter reads the first line and the certificate block", XenServer))
	_ = declare(SigPKCS7NotVerified,
		ignores("recalled: VMware verifies the plain signature line and does not read PKCS#7", VMware),
		ignores("code: VirtualBox src/VBox/Main/src-server/ApplianceImplImport.cpp verifies the PKCS#7 signedData that VBoxManage signova writes, timestamps included (peers.md 3.6)", VirtualBox),
		ignores(sigSrcNoCert, VirtV2V, Proxmox),
		ignores("recalled: XenCenter verifies the plain signature line and does not read PKCS#7", XenServer))

	// The signature over the manifest.

	_ = declare(SigLengthMismatch,
		refuses(sigSrcVMwareRead, VMware),
		refuses(sigSrcVBoxMatch, VirtualBox),
		ignores(sigSrcNoCert, VirtV2V, Proxmox),
		refuses(sigSrcXenVerify, XenServer))
	_ = declare(SigXenCenterDoubleHash,
		refuses(sigSrcVMwareRead+"; it computes one SHA-256 of the manifest, which this signature is not over", VMware),
		refuses(sigSrcVBoxMatch, VirtualBox),
		ignores(sigSrcNoCert, VirtV2V, Proxmox),
		ignores("recalled: XenCenter verifies the signatures it makes", XenServer))
	_ = declare(SigWeakDigest,
		refuses(sigSrcVMwareAlg, VMware),
		ignores("code: VirtualBox src/VBox/Main/src-server/ApplianceImplImport.cpp (i_readSignatureFile) accepts MD5 signed digests, preferring stronger ones (peers.md 3.6)", VirtualBox),
		ignores(sigSrcNoCert, VirtV2V, Proxmox),
		ignores("recalled: XenCenter creates the hash from its name with .NET, which knows MD5", XenServer))
	_ = declare(SigKeyNotRSA,
		ignores("recalled: ovftool verifies with OpenSSL, which takes the key type from the certificate", VMware),
		ignores("recalled: VirtualBox's IPRT crypto verifies RSA and ECDSA signatures", VirtualBox),
		ignores(sigSrcNoCert, VirtV2V, Proxmox),
		refuses(sigSrcXenRSA, XenServer))
	_ = declare(SigKeyUnsupported,
		refuses("recalled: a key type ovacheck cannot check (neither RSA, ECDSA nor Ed25519) is one VMware's OpenSSL-based check does not verify either", VMware),
		refuses("recalled: VirtualBox's IPRT crypto verifies RSA and ECDSA only; the signature check fails", VirtualBox),
		ignores(sigSrcNoCert, VirtV2V, Proxmox),
		refuses(sigSrcXenRSA, XenServer))

	// The certificates.

	_ = declare(SigValidity,
		warns(sigSrcVMwareCert, VMware),
		warns(sigSrcVBoxTrust, VirtualBox),
		ignores(sigSrcNoCert, VirtV2V, Proxmox),
		warns(sigSrcXenChain, XenServer))
	_ = declare(SigSelfSigned,
		warns(sigSrcVMwareCert, VMware),
		warns("code: VirtualBox src/VBox/Main/src-server/ApplianceImplImport.cpp (i_readTailProcessing): \"A self signed certificate was used to sign '%s'\", a warning (peers.md 3.6)", VirtualBox),
		ignores(sigSrcNoCert, VirtV2V, Proxmox),
		warns(sigSrcXenChain+"; a self-signed certificate is not in Windows' trusted roots", XenServer))
	_ = declare(SigSelfSignatureBad,
		warns(sigSrcVMwareCert, VMware),
		warns(sigSrcVBoxTrust+"; it checks the self-signed certificate's own signature and warns", VirtualBox),
		ignores(sigSrcNoCert, VirtV2V, Proxmox),
		warns(sigSrcXenChain, XenServer))
	_ = declare(SigNotCodeSigning,
		ignores(sigSrcVMwareQuiet, VMware),
		ignores("recalled: VirtualBox's path validation does not ask for the code-signing purpose", VirtualBox),
		ignores(sigSrcNoCert, VirtV2V, Proxmox),
		ignores(sigSrcXenQuiet, XenServer))
	_ = declare(SigUsageExcludesSigning,
		ignores(sigSrcVMwareQuiet, VMware),
		warns(sigSrcVBoxTrust+"; path validation checks key usage", VirtualBox),
		ignores(sigSrcNoCert, VirtV2V, Proxmox),
		warns(sigSrcXenChain+"; Windows' chain check honours key usage", XenServer))
	_ = declare(SigWeakKey,
		ignores(sigSrcVMwareQuiet, VMware),
		ignores("recalled: VirtualBox verifies signatures from keys of any size", VirtualBox),
		ignores(sigSrcNoCert, VirtV2V, Proxmox),
		ignores(sigSrcXenQuiet, XenServer))
	_ = declare(SigWeakCertSignature,
		ignores(sigSrcVMwareQuiet, VMware),
		ignores("recalled: VirtualBox's path validation accepts SHA-1 certificate signatures", VirtualBox),
		ignores(sigSrcNoCert, VirtV2V, Proxmox),
		warns(sigSrcXenChain+"; recalled: current Windows rejects MD5 in chains", XenServer))

	// Trust.

	_ = declare(SigTrustUnknown,
		ignores("recalled: the finding says only that ovacheck was given no trust roots or pin; each consumer checks trust against its own store, whatever ovacheck was given", all))

	// What the signature covers.

	_ = declare(SigNoManifest,
		refuses(sigSrcVMwareRead+"; without the manifest there is nothing to verify", VMware),
		refuses("code: VirtualBox src/VBox/Main/src-server/ApplianceImplImport.cpp (i_readTailProcessing): \"Found .cert-file but no .mf-file\" (peers.md 3.6)", VirtualBox),
		ignores(sigSrcNoCert, VirtV2V, Proxmox),
		refuses(sigSrcXenVerify+"; without the manifest the signature cannot be checked", XenServer))
	_ = declare(SigPartialCoverage,
		ignores("recalled: consumers verify the signature over the manifest and the manifest's digests, and do not ask what the manifest leaves out; files missing from the manifest are judged by the MF rules", all))
)
