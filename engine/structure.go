package engine

import (
	"github.com/ovacheck/ovacheck/engine/conformance"
	"github.com/ovacheck/ovacheck/engine/internal/assemble"
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
func structuralPasses(v *assemble.View, o *options) structure {
	var s structure
	if v.Opaque {
		return s
	}
	s.findings = append(s.findings, v.EnvFindings...)
	if v.Env != nil {
		var files conformance.Files
		if v.PresenceKnown() {
			files = packageFiles{v}
		}
		s.findings = append(s.findings, conformance.Check(v.Env, files)...)
		if v.PresenceKnown() {
			s.findings = append(s.findings, chunkFindings(v)...)
		}
	}
	if v.DescriptorOnly {
		return s
	}
	s.findings = append(s.findings, layoutFindings(v)...)
	if v.Manifest != nil {
		s.findings = append(s.findings, v.Manifest.Findings...)
		s.findings = append(s.findings, coverageFindings(v, o.unsent)...)
	}
	sig, fs := signatureFindings(v, signature.Options{At: o.at, Roots: o.roots, PinSHA256: o.signerPin})
	s.signature = sig
	s.findings = append(s.findings, fs...)
	return s
}

// packageFiles answers the conformance rules' questions about file
// presence and sizes: a chunked File's size is the sum of its chunks.
type packageFiles struct{ v *assemble.View }

func (p packageFiles) Size(href string) (int64, bool) {
	if !p.v.Chunked[href] {
		m, ok := p.v.Members.Lookup(href)
		if !ok {
			return 0, false
		}
		return m.Size, true
	}
	chunks := p.v.Chunks(href)
	var sum int64
	for _, m := range chunks {
		sum += m.Size
	}
	return sum, len(chunks) > 0
}

// InArchive tells the reference rules whether hrefs must point into an
// archive (URLs and ".." are errors there).
func (p packageFiles) InArchive() bool { return p.v.Index != nil }
