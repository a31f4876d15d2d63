package engine

import (
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
	"github.com/ovacheck/ovacheck/engine/signature"
)

// judgeSignature parses the certificate file, verifies its signature over
// the manifest's exact bytes and judges the signer.
func (c *checker) judgeSignature() {
	if c.certName == "" {
		if c.o.signerPin != "" {
			// A pin says "only packages signed by this certificate": an
			// unsigned package is not one.
			c.add(rules.SigPinMismatch.New(report.InMember(c.src.name),
				"a signer was pinned (SHA-256 %s), but the package is not signed: it has no certificate file", c.o.signerPin).
				WithHint("Get the signed package from its publisher; an unsigned copy cannot be told apart from a replaced one."))
		}
		return
	}
	c.add(signature.CoverageFindings(c.signatureCoverage())...)
	f, fs := signature.Parse(c.certData, c.certName)
	c.add(fs...)
	if f == nil {
		return
	}
	sig, fs := signature.Verify(f, c.mfData, c.mfName, signature.Options{
		At:        c.o.at,
		Roots:     c.o.roots,
		PinSHA256: c.o.signerPin,
		Protects:  c.protected(),
	})
	c.add(fs...)
	c.rep.Signature = sig
}

// protected lists the members whose digests the manifest holds: what a
// signature over the manifest protects.
func (c *checker) protected() []string {
	if c.mf == nil {
		return nil
	}
	var out []string
	for _, name := range c.mf.Files() {
		if _, ok := c.members.lookup(name); ok {
			out = append(out, name)
		}
	}
	return out
}

// signatureCoverage says what the manifest the signature covers leaves out.
func (c *checker) signatureCoverage() signature.Coverage {
	cov := signature.Coverage{Certificate: c.certName, Descriptor: c.descName}
	if c.mf == nil {
		return cov
	}
	cov.Manifest = c.mfName
	listed := map[string]bool{}
	for _, name := range c.mf.Files() {
		if m, ok := c.members.lookup(name); ok {
			listed[m.name] = true
		}
	}
	cov.DescriptorListed = listed[c.descName]
	for _, m := range c.members.list {
		if m.name != c.descName && m.name != c.mfName && m.name != c.certName && !listed[m.name] {
			cov.Unlisted = append(cov.Unlisted, m.name)
		}
	}
	return cov
}
