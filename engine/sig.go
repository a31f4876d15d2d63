package engine

import (
	"github.com/ovacheck/ovacheck/engine/internal/assemble"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
	"github.com/ovacheck/ovacheck/engine/signature"
)

// signatureFindings is the signature pass (the SIG rules): it parses the
// certificate file, verifies its signature over the manifest's exact bytes,
// judges the signer, and says what the signed manifest leaves out. An
// unsigned package gets a finding only when a signer is pinned (located at
// the package's input).
func signatureFindings(v *assemble.View, opts signature.Options) (*report.Signature, []report.Finding) {
	if v.CertName == "" {
		if opts.PinSHA256 == "" {
			return nil, nil
		}
		// A pin says "only packages signed by this certificate": an
		// unsigned package is not one.
		return nil, []report.Finding{rules.SigPinMismatch.New(report.InMember(v.Input.Name),
			"a signer was pinned (SHA-256 %s), but the package is not signed: it has no certificate file", opts.PinSHA256).
			WithHint("Get the signed package from its publisher; an unsigned copy cannot be told apart from a replaced one.")}
	}
	out := signature.CoverageFindings(signatureCoverage(v))
	f, fs := signature.Parse(v.CertData, v.CertName)
	out = append(out, fs...)
	if f == nil {
		return nil, out
	}
	opts.Protects = protected(v)
	sig, fs := signature.Verify(f, v.ManifestData, v.ManifestName, opts)
	return sig, append(out, fs...)
}

// protected lists the members whose digests the manifest holds: what a
// signature over the manifest protects.
func protected(v *assemble.View) []string {
	mf := v.Manifest
	if mf == nil {
		return nil
	}
	var out []string
	for _, name := range mf.Files() {
		if _, ok := v.Members.Lookup(name); ok {
			out = append(out, name)
		}
	}
	return out
}

// signatureCoverage says what the manifest the signature covers leaves out.
func signatureCoverage(v *assemble.View) signature.Coverage {
	mf := v.Manifest
	cov := signature.Coverage{Certificate: v.CertName, Descriptor: v.DescName}
	if mf == nil {
		return cov
	}
	cov.Manifest = v.ManifestName
	listed := map[string]bool{}
	for _, name := range mf.Files() {
		if m, ok := v.Members.Lookup(name); ok {
			listed[m.Name] = true
		}
	}
	cov.DescriptorListed = listed[v.DescName]
	for _, m := range v.Members.List {
		if m.Name != v.DescName && m.Name != v.ManifestName && m.Name != v.CertName && !listed[m.Name] {
			cov.Unlisted = append(cov.Unlisted, m.Name)
		}
	}
	return cov
}
