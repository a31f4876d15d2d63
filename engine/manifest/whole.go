package manifest

import (
	"fmt"

	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// wholeFile reports what is said once per manifest: line ends, padding,
// blank lines, encoding and emptiness.
func (p *parser) wholeFile(size int) {
	mf := p.m.Member
	if p.crlfLines > 0 {
		p.Build(rules.MfCRLF, func() report.Finding {
			return rules.MfCRLF.New(report.At(mf, p.crlfFirst, p.crlfCol),
				"%d of %d lines end in CR LF where DSP0243 has LF alone; VirtualBox, virt-v2v and COT strip the CR, "+
					"but a reader that does not takes it as part of the digest", p.crlfLines, p.lineCount).
				WithHint("Convert the line ends to LF (dos2unix, or `tr -d '\\r'`); the digests stay the same.")
		})
	}
	if p.padding > 0 {
		p.Build(rules.MfPadding, func() report.Finding {
			return rules.MfPadding.New(report.At(mf, p.paddingLine, 1),
				"the manifest ends in %d blanks with no final newline, as ovftool 4.0 wrote them; every reader seen "+
					"ignores them", p.padding).
				WithHint("Nothing to do for consumers; to match DSP0243, end the last entry with a newline and drop the spaces.")
		})
	}
	if p.blankLines > 0 {
		p.Build(rules.MfPadding, func() report.Finding {
			return rules.MfPadding.New(report.At(mf, p.blankFirst, 1),
				"%d blank line(s), the first at line %d; DSP0243's grammar has only digest lines, though every "+
					"reader seen skips blank ones", p.blankLines, p.blankFirst).
				WithHint("Remove the blank lines.")
		})
	}
	if p.noFinalNewline > 0 {
		p.Build(rules.MfPadding, func() report.Finding {
			return rules.MfPadding.New(report.At(mf, p.noFinalNewline, 1),
				"the last line has no final newline; every reader seen accepts it, but DSP0243 ends each entry with LF").
				WithHint("End the last line with a newline.")
		})
	}
	if p.badUTF8 > 0 {
		p.Build(rules.MfNotUTF8, func() report.Finding {
			return rules.MfNotUTF8.New(report.At(mf, p.badUTF8First, 1),
				"%d line(s) are not valid UTF-8, the first at line %d; file names that are not UTF-8 match the "+
					"archive's names only by accident of encoding", p.badUTF8, p.badUTF8First).
				WithHint("Write the manifest in UTF-8 with the names exactly as the descriptor's File hrefs spell them.")
		})
	}
	if len(p.m.Entries) == 0 {
		msg := "the manifest is empty, so it protects nothing"
		switch {
		case size == 0:
		case len(p.m.unusable) > 0 || p.lineCount > p.blankLines+boolInt(p.padding > 0):
			msg = "the manifest has no line that a consumer can verify, so it protects nothing"
		default:
			msg = "the manifest has no entries, only blanks, so it protects nothing"
		}
		p.Build(rules.MfEmpty, func() report.Finding {
			return rules.MfEmpty.New(report.InMember(mf), "%s", msg).
				WithHint("Regenerate the manifest with one line per file, the descriptor first, then every file it " +
					"references, e.g. " + regenerateRecipe + "; or remove the manifest.")
		})
	}
}

// regenerateRecipe is a shell line that writes a manifest in the DSP0243
// form with tools found everywhere.
const regenerateRecipe = `for f in app.ovf app-disk1.vmdk; do echo "SHA256($f)= $(sha256sum < "$f" | cut -d' ' -f1)"; done > app.mf`

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// algorithms reports the choice of algorithms: SHA-256/512 in an old
// package, SHA-512 anywhere, SHA-1 anywhere, and more than one in use.
func (p *parser) algorithms() {
	first := map[string]Entry{}
	var order []string
	for _, e := range p.m.Entries {
		if _, ok := first[e.Algorithm]; !ok {
			first[e.Algorithm] = e
			order = append(order, e.Algorithm)
		}
	}
	at := func(e Entry) report.Location { return report.At(p.m.Member, e.Line, 1) }
	if p.version == "0.9" || p.version == "1.x" {
		for _, alg := range order {
			if alg == "SHA1" {
				continue
			}
			e := first[alg]
			p.Build(rules.MfNewAlgorithmInOld, func() report.Finding {
				return rules.MfNewAlgorithmInOld.New(at(e),
					"%s digests in an OVF %s package: the 1.x grammar has SHA1 only. ovftool 4.2 and later write "+
						"SHA-256 by default and vSphere 6.5 and later accept it; only clients older than the releases ovacheck judges "+
						"(the vSphere C# client, vCenter 5.5, PowerCLI 6.5) cannot read it, and COT hashes 1.x packages with SHA-1 "+
						"and reports every file as tampered with", displayName[alg], p.version).
					WithHint("If old VMware clients or COT matter, regenerate the manifest with SHA-1 " +
						"(ovftool --shaAlgorithm=SHA1), e.g. SHA1(" + printable(e.File) + ")= followed by the 40 hex digits of `sha1sum`; " +
						"otherwise nothing to do.")
			})
			break
		}
	}
	if e, ok := first["SHA512"]; ok {
		p.Build(rules.MfSHA512, func() report.Finding {
			return rules.MfSHA512.New(at(e),
				"SHA-512 digests: virt-v2v reads only SHA1 and SHA256 lines and skips this one, so it imports the "+
					"package without checking it; COT hashes with SHA-1 or SHA-256 and reports every file as tampered with").
				WithHint("Use SHA-256 (ovftool --shaAlgorithm=SHA256), e.g. SHA256(" + printable(e.File) + ")= followed by the " +
					"64 hex digits of `sha256sum`.")
		})
	}
	if e, ok := first["SHA1"]; ok {
		p.Build(rules.MfSHA1, func() report.Finding {
			return rules.MfSHA1.New(at(e),
				"SHA-1 digests: SHA-1 is the only algorithm of DSP0243 1.x and every consumer accepts it, but "+
					"collisions can be made on purpose, so it does not protect against a deliberate substitution").
				WithHint("Prefer SHA-256 (ovftool --shaAlgorithm=SHA256) unless vSphere before 6.5 or COT must read " +
					"the package; sign the package if its origin matters.")
		})
	}
	if len(order) > 1 {
		second := first[order[1]]
		p.Build(rules.MfMixedAlgorithms, func() report.Finding {
			return rules.MfMixedAlgorithms.New(at(second),
				"the manifest mixes %s and %s digests; consumers pick one algorithm per package (COT by OVF version, "+
					"VirtualBox by preference), so some lines are never checked", displayName[order[0]],
				displayName[order[1]]).
				WithHint(fmt.Sprintf("Regenerate every line with one algorithm, e.g. all %s.", displayName[order[0]]))
		})
	}
}

// duplicates reports files listed more than once with the same algorithm:
// a repeat is noise, a repeat with another digest means one of them is
// wrong.
func (p *parser) duplicates() {
	type key struct{ file, alg string }
	first := map[key]Entry{}
	for _, e := range p.m.Entries {
		k := key{e.File, e.Algorithm}
		f, seen := first[k]
		if !seen {
			first[k] = e
			continue
		}
		loc := report.At(p.m.Member, e.Line, 1)
		prev := report.At(p.m.Member, f.Line, 1)
		if f.Digest == e.Digest {
			p.Build(rules.MfDuplicate, func() report.Finding {
				return rules.MfDuplicate.New(loc, "%s lists %s again with the same %s digest as line %d",
					quote(e.Raw), printable(e.File), displayName[e.Algorithm], f.Line).WithRelated(prev).
					WithHint(fmt.Sprintf("Remove line %d.", e.Line))
			})
			continue
		}
		p.Build(rules.MfConflictingDigests, func() report.Finding {
			return rules.MfConflictingDigests.New(loc, "%s gives %s a %s digest different from line %d (%s); "+
				"at most one of them can be right, and consumers disagree on which line counts",
				quote(e.Raw), printable(e.File), displayName[e.Algorithm], f.Line, f.Digest).WithRelated(prev).
				WithHint("Recompute the file's digest and keep only the line that matches it.")
		})
	}
}
