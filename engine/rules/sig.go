package rules

import "github.com/ovacheck/ovacheck/engine/report"

// Signature and certificate rules (SIG001-SIG099): the .cert file's
// grammar, whether its signature holds over the manifest, what can be said
// about the signer's certificate, how far it can be trusted, and what the
// signature protects.
//
// Certificate validity is a warning in the compat profile, as in VirtualBox:
// OVF has no timestamping, so a certificate that expired after the package
// was signed says nothing about the package.
var (
	// Grammar of the .cert file.

	SigLineMissing = register(Rule{ID: "SIG001", Title: "signature line missing or unreadable",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.1"})
	SigLineForm = register(Rule{ID: "SIG002", Title: "signature line written outside the grammar",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.1.0 5.1"})
	SigAlgorithmUnsupported = register(Rule{ID: "SIG003", Title: "signature digest algorithm not supported",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.1"})
	SigWrapped = register(Rule{ID: "SIG004", Title: "signature wrapped over several lines",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.1.0 5.1"})
	SigNotHex = register(Rule{ID: "SIG005", Title: "signature is not hexadecimal",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.1"})
	SigNamesOtherFile = register(Rule{ID: "SIG006", Title: "signature line does not name the manifest",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.1"})
	SigNoCertificate = register(Rule{ID: "SIG007", Title: "no signer certificate in the certificate file",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.1"})
	SigCorruptCertificate = register(Rule{ID: "SIG008", Title: "certificate block is corrupt or not PEM",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.1"})
	SigExtraCertificates = register(Rule{ID: "SIG009", Title: "more than one certificate in the certificate file",
		Severity: report.Info, Strict: report.Warning, Spec: "DSP0243 1.1.0 5.1"})
	SigUnexpectedContent = register(Rule{ID: "SIG010", Title: "unexpected content in the certificate file",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.1.0 5.1"})
	SigPrivateKey = register(Rule{ID: "SIG011", Title: "private key in the certificate file",
		Severity: report.Error})
	SigPKCS7NotVerified = register(Rule{ID: "SIG012", Title: "signature in PKCS#7 form present but not verified",
		Severity: report.Warning})

	// The signature over the manifest.

	SigMismatch = register(Rule{ID: "SIG013", Title: "signature does not verify over the manifest",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.1"})
	SigLengthMismatch = register(Rule{ID: "SIG014", Title: "signature length does not match the signer's key",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.1"})
	SigXenCenterDoubleHash = register(Rule{ID: "SIG015", Title: "double-hashed SHA-256 signature as XenCenter makes",
		Severity: report.Warning})
	SigWeakDigest = register(Rule{ID: "SIG016", Title: "manifest signed with an MD5 digest",
		Severity: report.Warning})
	SigKeyNotRSA = register(Rule{ID: "SIG017", Title: "signer key is not RSA",
		Severity: report.Warning})
	SigKeyUnsupported = register(Rule{ID: "SIG018", Title: "signer key type cannot be checked",
		Severity: report.Error})

	// The certificates.

	SigValidity = register(Rule{ID: "SIG019", Title: "certificate outside its validity period",
		Severity: report.Warning, Strict: report.Error, Spec: "DSP0243 1.1.0 5.1"})
	SigSelfSigned = register(Rule{ID: "SIG020", Title: "signer certificate is self-signed",
		Severity: report.Warning, Spec: "DSP0243 1.1.0 5.1"})
	SigSelfSignatureBad = register(Rule{ID: "SIG021", Title: "self-signed certificate's own signature does not verify",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.1"})
	SigNotCodeSigning = register(Rule{ID: "SIG022", Title: "signer certificate not marked for code signing",
		Severity: report.Info})
	SigUsageExcludesSigning = register(Rule{ID: "SIG023", Title: "signer certificate's key usage excludes signing",
		Severity: report.Warning})
	SigWeakKey = register(Rule{ID: "SIG024", Title: "weak certificate key",
		Severity: report.Warning})
	SigWeakCertSignature = register(Rule{ID: "SIG025", Title: "certificate signed with SHA-1 or MD5",
		Severity: report.Warning})

	// Trust.

	SigChainFailed = register(Rule{ID: "SIG026", Title: "no chain from the signer to the trust roots",
		Severity: report.Error})
	SigTrustUnknown = register(Rule{ID: "SIG027", Title: "signer not checked against trust roots or a pin",
		Severity: report.Info})
	SigPinMismatch = register(Rule{ID: "SIG028", Title: "signer is not the pinned certificate",
		Severity: report.Error})

	// What the signature covers.

	SigNoManifest = register(Rule{ID: "SIG029", Title: "certificate file without a manifest",
		Severity: report.Error, Spec: "DSP0243 1.1.0 5.1"})
	SigPartialCoverage = register(Rule{ID: "SIG030", Title: "signature protects only part of the package",
		Severity: report.Warning, Spec: "DSP0243 1.1.0 5.1"})
)
