package policy

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// Apply adds the policy's POL findings to r and then applies its rule
// settings to every finding: "off" drops findings, other severities
// replace theirs. It does not sort the findings or set the verdict: the
// engine does both after Apply (callers applying a policy to a finished
// report do it themselves with report.Sort and report.VerdictOf).
func (p *Policy) Apply(r *report.Report) {
	if p == nil || r == nil {
		return
	}
	r.Findings = append(r.Findings, p.requirements(r)...)
	out := r.Findings[:0]
	for _, f := range r.Findings {
		switch sev := p.Severity(f.Rule); sev {
		case "":
		case "off":
			continue
		default:
			f.Severity = report.Severity(sev)
		}
		out = append(out, f)
	}
	clear(r.Findings[len(out):])
	r.Findings = out
}

// requirements returns the POL findings for what r lacks.
func (p *Policy) requirements(r *report.Report) []report.Finding {
	var fs []report.Finding
	fs = append(fs, p.signatureFindings(r)...)
	fs = append(fs, p.digestFindings(r)...)
	fs = append(fs, p.targetFindings(r)...)
	fs = append(fs, p.diskFindings(r)...)
	return fs
}

// who names the policy in messages.
func (p *Policy) who() string {
	if p.Name == "" {
		return "the policy"
	}
	return fmt.Sprintf("the policy %q", p.Name)
}

// memberWithRole returns the first file of r with role, or "".
func memberWithRole(r *report.Report, role string) string {
	for _, f := range r.Files {
		if f.Role == role {
			return f.Member
		}
	}
	return ""
}

func (p *Policy) signatureFindings(r *report.Report) []report.Finding {
	if !p.RequireSignature {
		return nil
	}
	sig := r.Signature
	if sig == nil {
		if cert := memberWithRole(r, "certificate"); cert != "" {
			return []report.Finding{rules.PolSignatureNotVerified.New(report.InMember(cert),
				"%s requires a verified signature, and %s could not be read as one", p.who(), cert).
				WithHint("The SIG findings on this file say what is wrong with it; the vendor must publish a correctly signed package.")}
		}
		return []report.Finding{rules.PolUnsigned.New(report.InMember(r.Input.Name),
			"%s requires a signed package, and %s has no certificate file", p.who(), r.Input.Name).
			WithHint("Ask the vendor for the signed release: a .cert file holding a signature over the manifest and the signer's certificate.")}
	}
	var fs []report.Finding
	if sig.Verified != "verified" {
		fs = append(fs, rules.PolSignatureNotVerified.New(report.InMember(sig.Member),
			"%s requires a verified signature, and the signature in %s is %s", p.who(), sig.Member, sig.Verified).
			WithHint("The SIG findings in this report say why it did not verify; download the package again, or ask the vendor to re-sign it."))
	}
	if len(p.PinnedSigners) > 0 {
		got := ""
		if sig.Signer != nil {
			got = strings.ToLower(sig.Signer.SHA256)
		}
		if !slices.Contains(p.PinnedSigners, got) {
			shown := "a certificate that could not be read"
			if sig.Signer != nil {
				shown = fmt.Sprintf("%q (SHA-256 %s)", sig.Signer.Subject, got)
			}
			fs = append(fs, rules.PolSignerNotPinned.New(report.InMember(sig.Member),
				"%s was signed by %s, which is not among the %d signers %s pins", sig.Member, shown, len(p.PinnedSigners), p.who()).
				WithHint("Do not deploy it unless the vendor confirms, through another channel, that this is their new key; then add its fingerprint to the policy."))
		}
	}
	return fs
}

// strength orders the digest algorithms a manifest can use.
var strength = map[string]int{"md5": 0, "sha1": 1, "sha224": 2, "sha256": 3, "sha384": 4, "sha512": 5}

func (p *Policy) digestFindings(r *report.Report) []report.Finding {
	if p.MinimumDigest == "" {
		return nil
	}
	mf := memberWithRole(r, "manifest")
	if mf == "" {
		return []report.Finding{rules.PolNoManifest.New(report.InMember(r.Input.Name),
			"%s requires %s digests or stronger, and %s has no manifest", p.who(), strings.ToUpper(p.MinimumDigest), r.Input.Name).
			WithHint("Export the package with a manifest (.mf) listing the SHA-256 of every file.")}
	}
	weak := map[string][]string{} // algorithm -> files listed with it
	for _, f := range r.Files {
		if f.Manifest != report.Match && f.Manifest != report.Mismatch {
			continue
		}
		for alg := range f.Digests {
			if s, known := strength[alg]; known && s < strength[p.MinimumDigest] {
				weak[alg] = append(weak[alg], f.Member)
			}
		}
	}
	var fs []report.Finding
	for _, alg := range slices.Sorted(maps.Keys(weak)) {
		files := weak[alg]
		slices.Sort(files)
		f := rules.PolWeakDigest.New(report.InMember(mf),
			"%s lists %s digests of %s, and %s requires %s or stronger",
			mf, strings.ToUpper(alg), countedFiles(files), p.who(), strings.ToUpper(p.MinimumDigest)).
			WithHint("Re-export the package with SHA-256 digests (ovftool --shaAlgorithm=SHA256) and re-sign it if it was signed.")
		for _, m := range files[:min(len(files), maxRelated)] {
			f = f.WithRelated(report.InMember(m))
		}
		fs = append(fs, f)
	}
	return fs
}

// maxRelated caps the related locations of one POL finding; the file
// table lists every file.
const maxRelated = 20

func countedFiles(files []string) string {
	if len(files) == 1 {
		return files[0]
	}
	return fmt.Sprintf("%d files", len(files))
}

func (p *Policy) targetFindings(r *report.Report) []report.Finding {
	var fs []report.Finding
	for _, want := range p.RequiredTargets {
		i := slices.IndexFunc(r.Targets, func(t report.Target) bool { return strings.EqualFold(t.Target, want) })
		if i < 0 {
			fs = append(fs, rules.PolTargetNotJudged.New(report.InMember(r.Input.Name),
				"%s requires target %s, and the report has no verdict for it", p.who(), want).
				WithHint("Check the spelling against the list of targets and do not leave it out with --target; a target ovacheck does not know cannot be required."))
			continue
		}
		if t := r.Targets[i]; t.Verdict == "rejects" {
			why := ""
			if len(t.Rules) > 0 {
				why = " (" + strings.Join(t.Rules, ", ") + ")"
			}
			fs = append(fs, rules.PolTargetRejects.New(report.InMember(r.Input.Name),
				"%s requires target %s, and %s rejects the package%s", p.who(), t.Target, t.Target, why).
				WithHint("The CMP findings named here say what the platform refuses and how to change it."))
		}
	}
	return fs
}

func (p *Policy) diskFindings(r *report.Report) []report.Finding {
	if p.MaxDiskBytes <= 0 {
		return nil
	}
	var fs []report.Finding
	desc := r.Package.Descriptor
	if desc == "" {
		desc = memberWithRole(r, "descriptor")
	}
	for _, d := range r.Package.Disks {
		if d.CapacityBytes > p.MaxDiskBytes {
			fs = append(fs, rules.PolDiskTooLarge.New(report.InMember(desc),
				"disk %s has a capacity of %s, more than the %s %s allows", d.ID, bytesText(d.CapacityBytes), bytesText(p.MaxDiskBytes), p.who()).
				WithHint("Ask the vendor for a build with a smaller disk, or raise maxDiskBytes if this size is intended."))
		}
	}
	for _, f := range r.Files {
		if f.Role == "disk" && f.Size > p.MaxDiskBytes {
			fs = append(fs, rules.PolDiskTooLarge.New(report.InMember(f.Member),
				"disk image %s is %s, more than the %s %s allows", f.Member, bytesText(f.Size), bytesText(p.MaxDiskBytes), p.who()).
				WithHint("Ask the vendor for a smaller image, or raise maxDiskBytes if this size is intended."))
		}
	}
	return fs
}

// bytesText writes a byte count exactly, with a binary-unit gloss.
func bytesText(n int64) string {
	units := []string{"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}
	if n < 1024 {
		return fmt.Sprintf("%d bytes", n)
	}
	v, u := float64(n)/1024, 0
	for v >= 1024 && u < len(units)-1 {
		v /= 1024
		u++
	}
	return fmt.Sprintf("%d bytes (%.1f %s)", n, v, units[u])
}
