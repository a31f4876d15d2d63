package engine

import (
	"crypto/x509"
	"time"

	"github.com/ovacheck/ovacheck/engine/report"
)

// Option configures Check. Options a user gives (flags, form fields, query
// parameters, widget attributes) are parsed and validated by package
// engine/settings, whose Settings.Options returns these.
type Option func(*options)

type options struct {
	profile     string
	targets     []string
	progress    func(Progress)
	structural  func(*report.Report)
	deep        bool
	expected    map[string]string // whole-file digests the user expects
	wholeFile   bool
	roots       *x509.CertPool
	signerPin   string
	at          time.Time
	toolVersion string
	policy      Policy
	unsent      bool
	// structureOnly stops an archive read at random before the digest
	// phase (WithStructureOnly).
	structureOnly string
	// maxDescriptor caps the descriptor read into memory; 0 means
	// limits.MaxDescriptorSize.
	maxDescriptor int64
}

// newOptions applies opts to the defaults: the compat profile and this
// engine's version.
func newOptions(opts []Option) options {
	o := options{profile: "compat", toolVersion: Version}
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// WithMaxDescriptorSize lowers the cap on the descriptor read into memory
// (limits.MaxDescriptorSize) for a host with less memory than a check of
// the largest descriptor needs: the API in a Worker isolate. A larger
// descriptor is not parsed and gives PKG052, from an archive, a folder or
// a stream alike.
func WithMaxDescriptorSize(n int64) Option { return func(o *options) { o.maxDescriptor = n } }

// Progress is reported while a check runs.
type Progress struct {
	// Phase is "index", "parse", "digest" or "done".
	Phase string
	// Member is the member being hashed, in the digest phase.
	Member string
	Done   int64
	Total  int64
}

// WithProfile selects "compat" (the default: what real consumers accept) or
// "strict" (the letter of DSP0243).
func WithProfile(p string) Option { return func(o *options) { o.profile = p } }

// WithTargets limits the target verdicts to the named targets; none named
// means all.
func WithTargets(ts ...string) Option { return func(o *options) { o.targets = ts } }

// WithProgress registers fn to be called as the check advances. Calls come
// from the engine's goroutines but never overlap one another, and Done
// never decreases within a phase. They may come while the WithStructural
// callback runs: the disks are hashed during the structural checks.
func WithProgress(fn func(Progress)) Option { return func(o *options) { o.progress = fn } }

// WithStructural registers fn to receive a preliminary report once the
// layout, descriptor, manifest and certificate have been judged, without
// waiting for the digests: the disks are being hashed meanwhile. The
// report has Complete false.
func WithStructural(fn func(*report.Report)) Option { return func(o *options) { o.structural = fn } }

// WithDeep makes the digest pass also walk and inflate every grain of
// stream-optimized VMDKs and every gzip-compressed file.
func WithDeep(deep bool) Option { return func(o *options) { o.deep = deep } }

// WithExpectedDigest asks for the digest of the whole input with alg
// ("sha256" or "sha512") and a finding if it differs from hex.
func WithExpectedDigest(alg, hex string) Option {
	return func(o *options) {
		if o.expected == nil {
			o.expected = map[string]string{}
		}
		o.expected[alg] = hex
	}
}

// WithWholeFileDigest computes the SHA-256 of the whole input, in the same
// pass as the member digests, for users who compare it with a published
// checksum.
func WithWholeFileDigest(on bool) Option { return func(o *options) { o.wholeFile = on } }

// WithTrustRoots makes certificate chains be built to roots.
func WithTrustRoots(roots *x509.CertPool) Option { return func(o *options) { o.roots = roots } }

// WithSignerPin requires the signer certificate's SHA-256 fingerprint to be
// hex; a package signed by anyone else fails.
func WithSignerPin(hex string) Option { return func(o *options) { o.signerPin = hex } }

// WithTime judges certificate validity at t instead of now.
func WithTime(t time.Time) Option { return func(o *options) { o.at = t } }

// WithToolVersion sets the version written in the report.
func WithToolVersion(v string) Option { return func(o *options) { o.toolVersion = v } }

// Policy is an organisation's rules applied to a finished report: rules
// turned off or given another severity, and POL findings for what the
// policy requires (see package policy). Apply may change r.Findings; the
// engine sorts them and sets the verdict afterwards.
type Policy interface {
	Apply(r *report.Report)
}

// WithPolicy applies p to the report before the verdict is set.
func WithPolicy(p Policy) Option { return func(o *options) { o.policy = p } }

// WithUnsentFilesUnchecked makes a folder source's absent files count as
// not sent rather than missing: their presence, sizes and digests are not
// judged, and the report lists them as skipped. It serves a descriptor and
// manifest checked without their disks (the HTTP API); a package a user
// holds should be checked without it.
func WithUnsentFilesUnchecked() Option { return func(o *options) { o.unsent = true } }

// WithStructureOnly stops the check of an archive read at random (OVA)
// before any member is hashed: the verdict rests on the tar headers, the
// descriptor, the manifest's syntax and coverage, the certificate and the
// disk headers, and the report's Skipped says, in why's words, that the
// digests were not verified. It serves a package read over a network,
// where hashing means fetching every byte. A stream is read whole anyway
// and is checked in full.
func WithStructureOnly(why string) Option { return func(o *options) { o.structureOnly = why } }
