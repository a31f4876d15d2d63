package manifest

import (
	"fmt"
	"strings"

	"github.com/ovacheck/ovacheck/engine/internal/capped"
	"github.com/ovacheck/ovacheck/engine/internal/digest"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// emptyDigest holds the digest of zero bytes for each algorithm: a manifest
// line with one of them was written while its file was empty.
var emptyDigest = map[string]string{
	"SHA1":   "da39a3ee5e6b4b0d3255bfef95601890afd80709",
	"SHA256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	"SHA512": "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce" +
		"47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
}

// Verify compares every entry of m with the digest computed for its file.
// computed receives the file name as the manifest writes it and a
// lower-case algorithm ("sha1", "sha256", "sha512"), and returns the digest
// in hex (either case) and true, or false when the file was not hashed (it
// is absent, or the check was cut short).
//
// A mismatch is an error at the manifest line, related to the file. status
// has one row per listed file: Match when every listed digest holds,
// Mismatch when one does not, NotChecked when none was computed. Files the
// manifest does not list, and listed files the package lacks, are the
// caller's to mark (Unlisted, Missing). An entry for the manifest itself is
// skipped: CheckCoverage reports it.
func Verify(m *Manifest, computed func(file string, algorithm digest.Algorithm) (hex string, ok bool)) (
	findings []report.Finding, status map[string]report.ManifestStatus) {
	status = map[string]report.ManifestStatus{}
	var c capped.PerRule
	for _, e := range m.Entries {
		if e.File == m.Member {
			continue
		}
		alg, known := digest.Parse(e.Algorithm)
		got, ok := "", false
		if known {
			got, ok = computed(e.File, alg)
		}
		got = strings.ToLower(got)
		switch {
		case !ok:
			if _, seen := status[e.File]; !seen {
				status[e.File] = report.NotChecked
			}
		case got == e.Digest:
			if status[e.File] != report.Mismatch {
				status[e.File] = report.Match
			}
		default:
			status[e.File] = report.Mismatch
			c.Build(rules.MfDigestMismatch, func() report.Finding { return mismatch(m.Member, e, got) })
		}
	}
	return c.Findings(), status
}

// mismatch builds the finding for an entry whose digest differs from the
// computed one, with the likely cause for the kind of file.
func mismatch(mf string, e Entry, got string) report.Finding {
	name := displayName[e.Algorithm]
	f := rules.MfDigestMismatch.New(report.At(mf, e.Line, 1),
		"%s of %s is %s but the manifest says %s", name, printable(e.File), got, e.Digest).
		WithRelated(report.InMember(e.File))
	regenerate := "write it as: " + standardLine(e.Algorithm, e.File, got)
	switch {
	case e.Digest == emptyDigest[e.Algorithm]:
		return f.WithHint(fmt.Sprintf("The manifest holds the %s of an empty file: it was written before %s "+
			"had its contents. Regenerate the line after the file is complete; %s", name, printable(e.File), regenerate))
	case strings.HasSuffix(strings.ToLower(e.File), ".ovf"):
		return f.WithHint("The descriptor changed after the manifest was written, most often because a " +
			"build script edited the .ovf (with sed, say) after export; otherwise the download is damaged. " +
			"If the edit was yours, recompute the line; " + regenerate)
	default:
		return f.WithHint(fmt.Sprintf("%s changed after the manifest was written, or the download is damaged. "+
			"Download the package again and compare it with the publisher's checksum. Regenerate the line only "+
			"if you changed the file yourself and trust the result; %s", printable(e.File), regenerate))
	}
}
