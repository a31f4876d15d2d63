package engine

import (
	"github.com/ovacheck/ovacheck/engine/conformance"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/signature"
)

// structure is what the structural passes found: every check that needs
// no disk byte beyond the images' headers.
type structure struct {
	findings  []report.Finding
	signature *report.Signature // nil when the package is not signed
}

// structuralPasses runs, over the assembled view, the passes that need no
// digest, each in the file named by its rule family:
//
//	the descriptor's parse and conformance (package envelope, package conformance: ENV, REF, DSK, NET, HW, PRD)
//	chunked files (ref_chunks.go: REF chunk rules)
//	the archive's layout (pkg_layout.go: PKG member and order rules)
//	the manifest's syntax and coverage (mf_coverage.go: MF rules)
//	the signature (sig.go: SIG rules)
//
// The disk images' headers are probed before (dsk.go), since the digest
// phase needs them to plan the deep check.
func structuralPasses(v *pkgView, o *options) structure {
	var s structure
	if v.opaque {
		return s
	}
	s.findings = append(s.findings, v.envFindings...)
	if v.env != nil {
		var files conformance.Files
		if v.presenceKnown() {
			files = packageFiles{v}
		}
		s.findings = append(s.findings, conformance.Check(v.env, files)...)
		if v.presenceKnown() {
			s.findings = append(s.findings, chunkFindings(v)...)
		}
	}
	if v.descriptorOnly {
		return s
	}
	s.findings = append(s.findings, layoutFindings(v)...)
	if v.mf != nil {
		s.findings = append(s.findings, v.mf.Findings...)
		s.findings = append(s.findings, coverageFindings(v, o.unsent)...)
	}
	sig, fs := signatureFindings(v, v.input.Name, signature.Options{At: o.at, Roots: o.roots, PinSHA256: o.signerPin})
	s.signature = sig
	s.findings = append(s.findings, fs...)
	return s
}
