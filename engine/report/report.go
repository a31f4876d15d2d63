// Package report defines the result of checking one OVF package: findings,
// the package summary, the file table, the signer and the per-target
// verdicts. Its JSON encoding is the contract described by
// schemas/report.schema.json (media type MediaType); field names and their
// meaning are stable within a version.
package report

import (
	"cmp"
	"slices"
)

// MediaType identifies version 1 of the report contract.
const MediaType = "application/vnd.ovacheck.report+json;version=1"

// Severity ranks a finding. Error makes the verdict fail, warning makes it
// warn; info never changes the verdict.
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Info    Severity = "info"
)

// rank orders severities from the most to the least serious.
func (s Severity) rank() int {
	switch s {
	case Error:
		return 0
	case Warning:
		return 1
	default:
		return 2
	}
}

// AtLeast reports whether s is as serious as t or more.
func (s Severity) AtLeast(t Severity) bool { return s.rank() <= t.rank() }

// Verdict is the outcome of a check as a whole.
type Verdict string

const (
	Pass Verdict = "pass"
	Warn Verdict = "warn"
	Fail Verdict = "fail"
)

// Location names the place a finding is about. Member is the archive member
// (or file of a folder package); Line and Column are 1-based within it, in
// bytes, and zero when not known. Offset is a byte offset in the member when
// the finding is about binary data.
type Location struct {
	Member string `json:"member,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
	Offset *int64 `json:"offset,omitempty"`
}

// At returns a location in member at line and column.
func At(member string, line, column int) Location {
	return Location{Member: member, Line: line, Column: column}
}

// InMember returns a location naming only member.
func InMember(member string) Location { return Location{Member: member} }

// AtOffset returns a location at a byte offset of member.
func AtOffset(member string, off int64) Location {
	return Location{Member: member, Offset: &off}
}

// Finding is one problem or observation about the package. Rule is a
// registered rule ID (see package rules); Message says what is wrong in
// terms of this package; Hint says how to fix it when that is known.
type Finding struct {
	Rule     string     `json:"rule"`
	Severity Severity   `json:"severity"`
	Message  string     `json:"message"`
	Location Location   `json:"location"`
	Related  []Location `json:"related,omitempty"`
	Hint     string     `json:"hint,omitempty"`
	Spec     string     `json:"spec,omitempty"`
}

// WithHint returns f with its hint set.
func (f Finding) WithHint(hint string) Finding { f.Hint = hint; return f }

// WithRelated returns f with locations appended to its related places.
func (f Finding) WithRelated(locs ...Location) Finding {
	f.Related = append(f.Related, locs...)
	return f
}

// Input describes what was checked.
type Input struct {
	Name string `json:"name"`
	Size int64  `json:"size"`
	// Kind is "ova", "folder", "stream" or "descriptor".
	Kind string `json:"kind"`
	// Compression is "gzip" or "zip" when the archive was compressed as
	// a whole and checked inside; UncompressedSize is then the size of
	// what it holds (the inflated tar, or the sum of the zip's files).
	Compression      string `json:"compression,omitempty"`
	UncompressedSize int64  `json:"uncompressedSize,omitempty"`
	// URL is set when the package was read over HTTP; BytesTransferred
	// and Requests then count the response bodies received and the
	// requests made, retries included.
	URL              string `json:"url,omitempty"`
	BytesTransferred int64  `json:"bytesTransferred,omitempty"`
	Requests         int    `json:"requests,omitempty"`
}

// Tool names the program that wrote the report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Stats are measurements of the check itself.
type Stats struct {
	BytesRead int64 `json:"bytesRead"`
	ElapsedMs int64 `json:"elapsedMs"`
}

// Report is the result of one check.
type Report struct {
	MediaType string    `json:"mediaType"`
	Tool      Tool      `json:"tool"`
	Input     Input     `json:"input"`
	Profile   string    `json:"profile"`
	Verdict   Verdict   `json:"verdict"`
	Complete  bool      `json:"complete"`
	Skipped   []string  `json:"skipped,omitempty"`
	Findings  []Finding `json:"findings"`
	Package   Package   `json:"package"`
	Files     []File    `json:"files"`
	// WholeFile holds digests of the entire input, when they were computed.
	WholeFile map[string]string `json:"wholeFile,omitempty"`
	Signature *Signature        `json:"signature"`
	Targets   []Target          `json:"targets"`
	Stats     Stats             `json:"stats"`
	// Cuts lists what the report left out of the package: texts cut short
	// and lists shortened (see Bound). Empty when the report is whole.
	Cuts []Cut `json:"cuts,omitempty"`
}

// ManifestStatus says how a file fared against the manifest.
type ManifestStatus string

const (
	// Match: listed, and every listed digest equals the computed one.
	Match ManifestStatus = "match"
	// Mismatch: listed, and a listed digest differs from the computed one.
	Mismatch ManifestStatus = "mismatch"
	// Unlisted: the package has a manifest that does not list the file.
	Unlisted ManifestStatus = "unlisted"
	// Missing: the manifest lists the file but the package lacks it.
	Missing ManifestStatus = "missing"
	// NotChecked: digests were not computed (descriptor-only, truncated).
	NotChecked ManifestStatus = "not-checked"
	// NoManifest: the package has no manifest.
	NoManifest ManifestStatus = "no-manifest"
	// Manifest and Certificate mark the manifest and certificate themselves.
	IsManifest    ManifestStatus = "manifest"
	IsCertificate ManifestStatus = "certificate"
)

// File is one row of the file table: a member of the package.
type File struct {
	Member string `json:"member"`
	// Offset is the byte offset of the member's data in the input, or -1
	// when the member is a separate file.
	Offset   int64             `json:"offset"`
	Size     int64             `json:"size"`
	Digests  map[string]string `json:"digests,omitempty"`
	Manifest ManifestStatus    `json:"manifest"`
	// Role is "descriptor", "manifest", "certificate", "disk", "file"
	// (referenced by the descriptor) or "extra" (referenced by nothing).
	Role string `json:"role"`
	// Disk is what a disk probe saw in the member, when it was probed.
	Disk *DiskImage `json:"disk,omitempty"`
}

// DiskImage is what a disk probe read from an image's own headers.
type DiskImage struct {
	Format        string `json:"format"`
	Subformat     string `json:"subformat,omitempty"`
	VirtualSize   int64  `json:"virtualSize,omitempty"`
	AllocatedSize int64  `json:"allocatedSize,omitempty"`
	Compression   string `json:"compression,omitempty"`
	Notes         string `json:"notes,omitempty"`
}

// Target is one consumer's verdict on the package.
type Target struct {
	Target string `json:"target"`
	// Verdict is "accepts", "warns" or "rejects".
	Verdict string   `json:"verdict"`
	Rules   []string `json:"rules"`
}

// Sort orders findings by member, position and rule, so reports are stable.
func Sort(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.Location.Member, b.Location.Member),
			cmp.Compare(a.Location.Line, b.Location.Line),
			cmp.Compare(a.Location.Column, b.Location.Column),
			cmp.Compare(offsetOf(a.Location), offsetOf(b.Location)),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

func offsetOf(l Location) int64 {
	if l.Offset == nil {
		return -1
	}
	return *l.Offset
}

// VerdictOf returns fail if any finding is at least failOn, warn if any is a
// warning, else pass. failOn is normally Error; Warning makes warnings fail.
func VerdictOf(fs []Finding, failOn Severity) Verdict {
	v := Pass
	for _, f := range fs {
		switch {
		case f.Severity.AtLeast(failOn) && f.Severity != Info:
			return Fail
		case f.Severity == Warning:
			v = Warn
		}
	}
	return v
}
