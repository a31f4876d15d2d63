package disk

import (
	"io"

	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// Formats NewDeepChecker knows how to check.
const (
	// DeepStreamVMDK checks a stream-optimized VMDK grain by grain.
	DeepStreamVMDK = SubformatStream
	// DeepGzip inflates a gzip member in full, checking its CRC-32 and
	// ISIZE, and deep-checks a stream-optimized VMDK inside it.
	DeepGzip = "gzip"
)

// DeepChecker is fed a member's bytes in order, once, typically through an
// io.MultiWriter beside the hashes of the single digest pass. Write never
// fails (a damaged member is a finding, not an error that would stop the
// hashing). Findings ends the check and returns what it found; call it once,
// after the last Write.
type DeepChecker interface {
	io.Writer
	Findings() []report.Finding
}

// DeepFormat returns the format NewDeepChecker should be given for a probed
// image, or "" when the deep check has nothing to add for it.
func DeepFormat(img *report.DiskImage) string {
	switch {
	case img == nil:
		return ""
	case img.Compression == "gzip":
		return DeepGzip
	case img.Format == FormatVMDK && img.Subformat == SubformatStream:
		return DeepStreamVMDK
	}
	return ""
}

// NewDeepChecker returns a checker for a member of the given size in the
// given format (DeepStreamVMDK or DeepGzip; see DeepFormat). For any other
// format it returns a checker that discards its input and finds nothing.
// Memory is bounded by one grain (at most limits.MaxVMDKGrainBytes) and a
// deflate window, whatever the member holds.
func NewDeepChecker(format string, member string, size int64) DeepChecker {
	switch format {
	case DeepStreamVMDK:
		return newStreamChecker(member, size, false)
	case DeepGzip:
		return newGzipChecker(member, size)
	}
	return nopChecker{}
}

type nopChecker struct{}

func (nopChecker) Write(p []byte) (int, error) { return len(p), nil }
func (nopChecker) Findings() []report.Finding  { return nil }

// findingSink collects findings with a cap per rule, so a member with a
// million bad grains gives a bounded report.
type findingSink struct {
	findings []report.Finding
	perRule  map[string]int
}

// maxDeepFindingsPerRule caps findings of one rule from one member; the
// count of the rest is reported once.
const maxDeepFindingsPerRule = 20

func (k *findingSink) add(f report.Finding) {
	if k.perRule == nil {
		k.perRule = map[string]int{}
	}
	k.perRule[f.Rule]++
	if k.perRule[f.Rule] <= maxDeepFindingsPerRule {
		k.findings = append(k.findings, f)
	}
}

// result returns the findings with a summary for each rule that hit the cap.
func (k *findingSink) result(member string) []report.Finding {
	out := k.findings
	for _, r := range []*rules.Rule{rules.DskCorruptGrain, rules.DskGrainBeyondCapacity, rules.DskStreamMarkers} {
		if n := k.perRule[r.ID]; n > maxDeepFindingsPerRule {
			out = append(out, r.New(report.InMember(member), "%d more findings like these in %s", n-maxDeepFindingsPerRule, member))
		}
	}
	return out
}
