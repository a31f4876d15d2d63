// Package settings is the one model of what a user may ask of a check,
// whatever the front end: the command line's flags, the page's option
// fields, the widget's attributes and the API's query parameters all map
// onto the same keys (the table in keys.go and in README.md's "Options"),
// and Parse turns them into one validated Settings value, refusing an
// unknown key, a misspelled value or two options that contradict each
// other with a message that names the key. Settings.Options gives the
// engine options; the Option funcs of package engine stay for callers
// that build a check by hand.
//
// The package sits beside the engine rather than in it because a policy
// is parsed by engine/policy, which imports the engine.
package settings

import (
	"crypto/x509"
	"slices"
	"time"

	"github.com/ovacheck/ovacheck/engine"
	"github.com/ovacheck/ovacheck/engine/policy"
	"github.com/ovacheck/ovacheck/engine/report"
)

// Settings are the validated options of one check. The zero value is not
// valid (its Profile and FailOn are empty); Parse of no values gives the
// defaults.
type Settings struct {
	// Profile is "compat" or "strict".
	Profile string
	// Targets are the targets whose verdicts matter, lower case, each
	// once, in the order named; none means every target is judged and
	// none decides the verdict.
	Targets []string
	// Expected maps "sha256" or "sha512" to the lower-case hex digest the
	// publisher gives for the whole file.
	Expected map[string]string
	// WholeFile computes the whole file's SHA-256 even without an
	// expected digest (the page shows it for comparison by eye).
	WholeFile bool
	// SignerPin is the required SHA-256 fingerprint of the signer
	// certificate, 64 lower-case hex digits.
	SignerPin string
	// TrustRoots are the roots chains are built to; nil means none.
	TrustRoots *x509.CertPool
	// Policy is the organisation's policy; nil means none.
	Policy *policy.Policy
	// At is the time certificates are judged at; zero means now.
	At time.Time
	// Deep inflates every grain of stream-optimized disks and every
	// gzip-compressed file.
	Deep bool
	// DescriptorOnly checks a descriptor on its own: the host opens the
	// input as engine.Descriptor (presence, sizes and digests skipped).
	DescriptorOnly bool
	// StructureOnly stops an archive read at random before the digests:
	// the host adds engine.WithStructureOnly with words that fit its
	// input (the command line: whether a URL's members were fetched).
	StructureOnly bool
	// FailOn is the least severity that fails the verdict: report.Error
	// or report.Warning.
	FailOn report.Severity
}

// Options returns the engine options of s. DescriptorOnly and
// StructureOnly are not among them: they decide how the host opens and
// reads its input (see their fields), and FailOn is applied with Verdict.
func (s Settings) Options() []engine.Option {
	var opts []engine.Option
	if s.Profile != "" {
		opts = append(opts, engine.WithProfile(s.Profile))
	}
	if len(s.Targets) > 0 {
		opts = append(opts, engine.WithTargets(s.Targets...))
	}
	if s.Deep {
		opts = append(opts, engine.WithDeep(true))
	}
	for _, alg := range digestAlgorithms {
		if hex, ok := s.Expected[alg]; ok {
			opts = append(opts, engine.WithExpectedDigest(alg, hex))
		}
	}
	if s.WholeFile {
		opts = append(opts, engine.WithWholeFileDigest(true))
	}
	if s.TrustRoots != nil {
		opts = append(opts, engine.WithTrustRoots(s.TrustRoots))
	}
	if s.SignerPin != "" {
		opts = append(opts, engine.WithSignerPin(s.SignerPin))
	}
	if !s.At.IsZero() {
		opts = append(opts, engine.WithTime(s.At))
	}
	// After WithTargets: the policy's required targets join the named
	// ones (policy.Options).
	opts = append(opts, s.Policy.Options(s.Targets)...)
	return opts
}

// JudgedTargets are the targets whose verdicts matter: those named and
// those the policy requires. None means every target is judged alike.
func (s Settings) JudgedTargets() []string {
	ts := slices.Clone(s.Targets)
	if s.Policy != nil {
		for _, t := range s.Policy.RequiredTargets {
			if !slices.Contains(ts, t) {
				ts = append(ts, t)
			}
		}
	}
	return ts
}

// Verdict sets r's verdict by s.FailOn: with report.Warning a warning
// fails too. The engine sets the verdict by errors alone.
func (s Settings) Verdict(r *report.Report) {
	if r == nil {
		return
	}
	failOn := s.FailOn
	if failOn == "" {
		failOn = report.Error
	}
	r.Verdict = report.VerdictOf(r.Findings, failOn)
}
