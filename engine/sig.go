package engine

import (
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
	"github.com/ovacheck/ovacheck/engine/signature"
)

// signatureFindings is the signature pass (the SIG rules): it parses the
// certificate file, verifies its signature over the manifest's exact bytes,
// judges the signer, and says what the signed manifest leaves out. An
// unsigned package gets a finding only when a signer is pinned (located at
// input, the package's name).
func signatureFindings(v *pkgView, input string, opts signature.Options) (*report.Signature, []report.Finding) {
	if v.certName == "" {
		if opts.PinSHA256 == "" {
			return nil, nil
		}
		// A pin says "only packages signed by this certificate": an
		// unsigned package is not one.
		return nil, []report.Finding{rules.SigPinMismatch.New(report.InMember(input),
			"a signer was pinned (SHA-256 %s), but the package is not signed: it has no certificate file", opts.PinSHA256).
			WithHint("Get the signed package from its publisher; an unsigned copy cannot be told apart from a replaced one.")}
	}
	out := signature.CoverageFindings(signatureCoverage(v))
	f, fs := signature.Parse(v.certData, v.certName)
	out = append(out, fs...)
	if f == nil {
		return nil, out
	}
	opts.Protects = protected(v)
	sig, fs := signature.Verify(f, v.mfData, v.mfName, opts)
	return sig, append(out, fs...)
}

// protected lists the members whose digests the manifest holds: what a
// signature over the manifest protects.
func protected(v *pkgView) []string {
	mf := v.mf
	if mf == nil {
		return nil
	}
	var out []string
	for _, name := range mf.Files() {
		if _, ok := v.members.lookup(name); ok {
			out = append(out, name)
		}
	}
	return out
}

// signatureCoverage says what the manifest the signature covers leaves out.
func signatureCoverage(v *pkgView) signature.Coverage {
	mf := v.mf
	cov := signature.Coverage{Certificate: v.certName, Descriptor: v.descName}
	if mf == nil {
		return cov
	}
	cov.Manifest = v.mfName
	listed := map[string]bool{}
	for _, name := range mf.Files() {
		if m, ok := v.members.lookup(name); ok {
			listed[m.name] = true
		}
	}
	cov.DescriptorListed = listed[v.descName]
	for _, m := range v.members.list {
		if m.name != v.descName && m.name != v.mfName && m.name != v.certName && !listed[m.name] {
			cov.Unlisted = append(cov.Unlisted, m.name)
		}
	}
	return cov
}
