package manifest

import (
	"fmt"

	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// What consumers do with each non-standard line form (reference: the
// consumer table in the project's peer survey). Messages name the consumers
// that refuse the form or silently skip the line.
const (
	refuseSpaced = `vSphere and ESXi refuse the manifest ("Invalid OVF checksum algorithm"), ` +
		`taking the blank as part of the algorithm name; VirtualBox, virt-v2v and COT accept it`
	refuseNoSpace  = `virt-v2v skips the line with a warning, so the file goes unverified there`
	refuseSpelling = `vSphere refuses the manifest ("Invalid OVF checksum algorithm"), COT rejects the line, ` +
		`govmomi reports a checksum type mismatch and virt-v2v skips the line`
	refuseUpper = `virt-v2v compares digests case-sensitively and reports the OVA corrupt, COT rejects the line ` +
		`and govmomi's SHA-1 comparison fails; VirtualBox accepts it`
	refuseTrailing = `virt-v2v's pattern ends at the digest, so it skips the line and leaves the file unverified`
)

// dialect reports each way entry e departs from "ALG(name)= hex". Every
// finding quotes the line and gives the whole corrected line in its hint.
func (p *parser) dialect(e Entry, s splitLine) {
	fix := "Write it as: " + standardLine(e.Algorithm, e.File, e.Digest)
	at := func(col int) report.Location { return report.At(p.m.Member, e.Line, col) }
	q := quote(e.Raw)
	if e.Quirks&QuirkSpaced != 0 {
		p.Build(rules.MfSpacedForm, func() report.Finding {
			return rules.MfSpacedForm.New(at(s.spacedCol),
				"%s has blanks around the algorithm name, the parentheses or \"=\" (the BSD `sha256sum --tag` form); %s",
				q, refuseSpaced).WithHint(fix)
		})
	}
	if e.Quirks&QuirkNoSpace != 0 {
		p.Build(rules.MfNoSpaceAfterEquals, func() report.Finding {
			return rules.MfNoSpaceAfterEquals.New(at(s.equalsCol+1),
				"%s has no space between \"=\" and the digest; %s", q, refuseNoSpace).WithHint(fix)
		})
	}
	if e.Quirks&QuirkSpelling != 0 {
		p.Build(rules.MfAlgorithmSpelling, func() report.Finding {
			return rules.MfAlgorithmSpelling.New(at(s.tokenCol),
				"%s names the algorithm %s, which DSP0243 spells %s; %s", q, e.Token, e.Algorithm, refuseSpelling).
				WithHint(fix + " (OpenSSL 3 prints SHA2-256; use `sha256sum` output or rewrite the name)")
		})
	}
	if e.Quirks&QuirkUpperHex != 0 {
		p.Build(rules.MfUpperCaseHex, func() report.Finding {
			return rules.MfUpperCaseHex.New(at(s.digestCol),
				"%s has upper-case hex digits where DSP0243 allows only 0-9 and a-f; %s", q, refuseUpper).
				WithHint(fix + " (PowerShell's Get-FileHash prints upper case; lower-case its output)")
		})
	}
	if e.Quirks&QuirkTrailingBlanks != 0 {
		p.Build(rules.MfTrailingBlanks, func() report.Finding {
			return rules.MfTrailingBlanks.New(at(s.trailingCol),
				"%s has blanks after the digest; %s", q, refuseTrailing).WithHint(fix)
		})
	}
}

// algorithmNotAccepted reports a line whose algorithm no consumer uses for
// integrity (MD5, SHA-384, SHA3-256, unknown names).
func (p *parser) algorithmNotAccepted(n int, line string, s splitLine, upperToken string) {
	p.m.unusable = append(p.m.unusable, unusableEntry{file: s.name, line: n,
		reason: "with the algorithm " + s.token + ", which consumers do not verify"})
	what := fmt.Sprintf("the algorithm %s, which DSP0243 does not define", s.token)
	if upperToken == "MD5" {
		what = "MD5, which is broken and which DSP0243 does not define"
	}
	p.Build(rules.MfAlgorithmNotAccepted, func() report.Finding {
		return rules.MfAlgorithmNotAccepted.New(report.At(p.m.Member, n, s.tokenCol),
			"%s uses %s; ovftool looks only for SHA-1, SHA-256 and SHA-512 entries and virt-v2v only for SHA-1 "+
				"and SHA-256, so %s is not protected", quote(line), what, printable(s.name)).
			WithHint(fmt.Sprintf("Replace the line with a SHA-256 digest of the file: %s followed by the "+
				"64 hex digits `sha256sum` prints for %s.", "SHA256("+printable(s.name)+")=", printable(s.name)))
	})
}

// digestMalformed reports a line whose digest is not hex of the length its
// algorithm produces. When the length is another algorithm's, the name is
// probably wrong rather than the digest.
func (p *parser) digestMalformed(n int, line string, s splitLine, alg, problem string) {
	p.m.unusable = append(p.m.unusable, unusableEntry{file: s.name, line: n,
		reason: "with a malformed digest"})
	hint := fmt.Sprintf("Recompute the digest: the line must be %s followed by the %d hex digits of the "+
		"file's %s digest.", alg+"("+printable(s.name)+")=", hexLen[alg], displayName[alg])
	if other := algorithmForLength(len(s.digest)); other != "" && other != alg {
		if bad, _ := hexProblem(s.digest); bad == "" {
			hint = fmt.Sprintf("A %d-digit digest is %s. If the digest is right, write it as: %s",
				len(s.digest), displayName[other], standardLine(other, s.name, toLowerASCII(s.digest)))
		}
	}
	p.Build(rules.MfDigestMalformed, func() report.Finding {
		return rules.MfDigestMalformed.New(report.At(p.m.Member, n, s.digestCol),
			"%s: the digest cannot be %s, because %s; no consumer can verify %s", quote(line),
			displayName[alg], problem, printable(s.name)).WithHint(hint)
	})
}

// toLowerASCII lower-cases A-F (and any ASCII letter) without touching
// other bytes.
func toLowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
