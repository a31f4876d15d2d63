package signature

import (
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// Values of report.Signature.Verified: what the signature established.
const (
	Verified       = "verified"
	Failed         = "failed"
	NotVerified    = "not-verified"
	AbsentManifest = "absent-manifest"
)

// Values of report.Signature.Trust: what the roots and pin say of the
// signer.
const (
	Trusted      = "trusted"
	Untrusted    = "untrusted"
	Pinned       = "pinned"
	PinMismatch  = "pin-mismatch"
	TrustUnknown = "unknown"
)

// Options say against what Verify judges the signer.
type Options struct {
	// At is the time certificates must be valid at; zero means now.
	At time.Time
	// Roots are the certificates the user trusts; nil means none were
	// given, and trust is "unknown" unless a pin is given.
	Roots *x509.CertPool
	// PinSHA256 is the SHA-256 fingerprint the signer's certificate must
	// have (hex, in either case, colons and spaces ignored); empty means no
	// pin.
	PinSHA256 string
	// Protects lists the members the manifest covers (found in the package
	// and listed with a digest); it is copied into the result when the
	// signature verifies.
	Protects []string
}

// Verify checks the signature f holds over the exact bytes of the manifest
// named manifestMember, judges the certificates, and decides trust from
// opts. manifest nil means the package has no manifest: the result is then
// "absent-manifest" (CoverageFindings reports it).
//
// The result's Verified is "verified" when the signer's key signed these
// manifest bytes, "failed" when the signature is missing, damaged or does
// not match, and "not-verified" when ovacheck cannot check it (a PKCS#7
// signature alone, an unknown digest or key type). Trust is independent of
// it: "pinned" or "trusted" when the pin or the roots vouch for the signer,
// "pin-mismatch" or "untrusted" when they do not, "unknown" when neither was
// given. A verified signature with unknown trust yields no error.
func Verify(f *File, manifest []byte, manifestMember string, opts Options) (*report.Signature, []report.Finding) {
	if f == nil {
		f = &File{}
	}
	v := &verifier{f: f, manifest: manifest, mfMember: manifestMember, opts: opts, at: opts.At}
	if v.at.IsZero() {
		v.at = time.Now()
	}
	alg := f.Algorithm
	if alg == "" {
		alg = f.Token
	}
	v.sig = &report.Signature{Member: f.Member, Algorithm: alg, Verified: NotVerified, Trust: TrustUnknown}
	if signer := f.Signer(); signer != nil {
		s := summarize(signer)
		v.sig.Signer = &s
	}
	v.checkName()
	v.checkSignature()
	v.notePKCS7()
	v.judgeCertificates()
	v.judgeTrust()
	if v.sig.Verified == Verified {
		v.sig.Protects = append([]string(nil), opts.Protects...)
	}
	return v.sig, v.findings
}

// verifier holds the state of one Verify.
type verifier struct {
	f        *File
	manifest []byte
	mfMember string
	opts     Options
	at       time.Time
	sig      *report.Signature
	findings []report.Finding
}

func (v *verifier) add(f report.Finding) { v.findings = append(v.findings, f) }

// lineLoc locates the signature line.
func (v *verifier) lineLoc() report.Location {
	if v.f.Line == 0 {
		return report.InMember(v.f.Member)
	}
	return report.At(v.f.Member, v.f.Line, v.f.Column)
}

// certLoc locates the i-th certificate.
func (v *verifier) certLoc(i int) report.Location {
	if l := v.f.certLine(i); l > 0 {
		return report.At(v.f.Member, l, 1)
	}
	return report.InMember(v.f.Member)
}

// checkName makes sure the signature line names the manifest.
func (v *verifier) checkName() {
	if v.f.Manifest == "" || v.mfMember == "" {
		return
	}
	want := path.Base(v.mfMember)
	if v.f.Manifest == want {
		return
	}
	how := ""
	if strings.EqualFold(v.f.Manifest, want) {
		how = " (they differ only in letter case)"
	}
	v.add(rules.SigNamesOtherFile.New(report.At(v.f.Member, v.f.Line, 1),
		"the signature line of %s names %q, but the package's manifest is %q%s; consumers look the manifest up by that name and fail",
		v.f.Member, v.f.Manifest, want, how).
		WithHint("Sign again so that the line reads ALG(" + want + ")= <hex>; VirtualBox reports \"Could not locate signed digest\" otherwise."))
}

// checkSignature verifies the signature over the manifest with the
// signer's key.
func (v *verifier) checkSignature() {
	f := v.f
	signer := f.Signer()
	switch {
	case v.manifest == nil:
		v.sig.Verified = AbsentManifest
		return
	case signer == nil:
		return // Parse reported it; nothing to verify with.
	case f.Line == 0 && f.PKCS7 != nil:
		return // Only a PKCS#7 signature: notePKCS7 says so.
	case f.Line > 0 && f.Token != "" && f.Hash == 0:
		return // An unknown digest: Parse reported it.
	case f.Signature == nil:
		v.sig.Verified = Failed // Missing or malformed: Parse reported it.
		return
	}
	digest := hashOf(f.Hash, v.manifest)
	switch pub := signer.PublicKey.(type) {
	case *rsa.PublicKey:
		if err := verifyRSA(pub, f.Hash, digest, f.Signature); err == nil {
			v.sig.Verified = Verified
			return
		}
		v.diagnoseRSA(pub)
	case *ecdsa.PublicKey:
		v.add(rules.SigKeyNotRSA.New(v.certLoc(0),
			"the signer's key is ECDSA (%s); XenCenter and older consumers verify RSA signatures only", curveName(pub)).
			WithHint("Sign with an RSA key of 2048 bits or more if the package must import everywhere."))
		if ecdsa.VerifyASN1(pub, digest, f.Signature) {
			v.sig.Verified = Verified
			return
		}
		v.diagnoseECDSA(pub, digest)
	default:
		v.add(rules.SigKeyUnsupported.New(v.certLoc(0),
			"the signer's key is %s; no consumer verifies OVF signatures made with it, and neither does ovacheck", keyTypeName(signer.PublicKey)).
			WithHint("Sign with an RSA key of 2048 bits or more."))
	}
}

// notePKCS7 reports a PKCS#7/CMS block, which is never taken as verified.
func (v *verifier) notePKCS7() {
	if v.f.PKCS7 == nil {
		return
	}
	also := "and the file has no plain signature, so nothing in it was verified"
	if v.f.Line > 0 {
		also = "the plain signature on line " + strconv.Itoa(v.f.Line) + " is what ovacheck checked"
	}
	v.add(rules.SigPKCS7NotVerified.New(report.At(v.f.Member, v.f.PKCS7Line, 1),
		"a PKCS#7/CMS signature (as VirtualBox signova writes) starts on line %d; ovacheck does not verify it, %s", v.f.PKCS7Line, also).
		WithHint("Check it with VirtualBox (VBoxManage import --dry-run) or openssl cms -verify; consumers other than VirtualBox ignore it."))
}
