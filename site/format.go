package site

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// Options changes how a report is rendered.
type Options struct {
	// RuleBase is prepended to "<ID>.html" to link a rule ID to its page,
	// e.g. "rules/". Empty means rule IDs are not links.
	RuleBase string
	// Preliminary marks the structural report shown before disks are
	// hashed: the banner says the check is still running and carries no
	// data-verdict attribute.
	Preliminary bool
	// ExpectedGiven says the user gave a published checksum of the whole
	// file; Targets are the targets the user named (none: the targets
	// inform but decide nothing).
	ExpectedGiven bool
	Targets       []string
}

// severityGroup is the findings of one severity, for rendering.
type severityGroup struct {
	Severity report.Severity
	Title    string
	Findings []report.Finding
}

// groupFindings splits fs into error, warning and info groups, keeping the
// order within each and dropping empty groups.
func groupFindings(fs []report.Finding) []severityGroup {
	groups := []severityGroup{
		{Severity: report.Error, Title: "Errors"},
		{Severity: report.Warning, Title: "Warnings"},
		{Severity: report.Info, Title: "Notes"},
	}
	for _, f := range fs {
		switch f.Severity {
		case report.Error:
			groups[0].Findings = append(groups[0].Findings, f)
		case report.Warning:
			groups[1].Findings = append(groups[1].Findings, f)
		default:
			groups[2].Findings = append(groups[2].Findings, f)
		}
	}
	return slices.DeleteFunc(groups, func(g severityGroup) bool { return len(g.Findings) == 0 })
}

// countOf returns how many findings have severity s.
func countOf(fs []report.Finding, s report.Severity) int {
	n := 0
	for _, f := range fs {
		if f.Severity == s {
			n++
		}
	}
	return n
}

// verdictHeadline is the banner's main line.
func verdictHeadline(r *report.Report, o Options) string {
	if o.Preliminary {
		switch r.Verdict {
		case report.Fail:
			return "Structure fails — hashing the disks"
		case report.Warn:
			return "Structure sound with warnings — hashing the disks"
		default:
			return "Structure sound — hashing the disks"
		}
	}
	switch r.Verdict {
	case report.Fail:
		return "Failed"
	case report.Warn:
		return "Passed with warnings"
	default:
		return "Passed"
	}
}

// verdictClass is the CSS class of the banner.
func verdictClass(r *report.Report, o Options) string {
	c := "banner banner-" + string(r.Verdict)
	if r.Verdict == "" {
		c = "banner banner-pass"
	}
	if o.Preliminary {
		c += " banner-running"
	}
	return c
}

// countsLine is the banner's second line, e.g. "1 error, 2 warnings".
func countsLine(fs []report.Finding) string {
	parts := []string{}
	for _, s := range []struct {
		sev        report.Severity
		one, other string
	}{{report.Error, "error", "errors"}, {report.Warning, "warning", "warnings"}, {report.Info, "note", "notes"}} {
		if n := countOf(fs, s.sev); n > 0 {
			w := s.other
			if n == 1 {
				w = s.one
			}
			parts = append(parts, fmt.Sprintf("%d %s", n, w))
		}
	}
	if len(parts) == 0 {
		return "No findings"
	}
	return strings.Join(parts, ", ")
}

// locationText renders a location as member:line:column, member@offset or
// member, or "" when the location is empty.
func locationText(l report.Location) string {
	s := l.Member
	if l.Line > 0 {
		s += ":" + strconv.Itoa(l.Line)
		if l.Column > 0 {
			s += ":" + strconv.Itoa(l.Column)
		}
	} else if l.Offset != nil {
		s += " at byte " + strconv.FormatInt(*l.Offset, 10)
	}
	return s
}

// ruleTitle returns the registered title of rule id, or "".
func ruleTitle(id string) string {
	if r, ok := rules.Lookup(id); ok {
		return r.Title
	}
	return ""
}

// ruleHref returns the link to rule id's page, or "" without a base.
func ruleHref(id string, o Options) string {
	if o.RuleBase == "" {
		return ""
	}
	return o.RuleBase + id + ".html"
}

// byteSize renders n bytes for people, e.g. "1.5 GiB (1,610,612,736 bytes)".
func byteSize(n int64) string {
	if n < 1024 {
		return groupDigits(n) + " bytes"
	}
	units := []string{"KiB", "MiB", "GiB", "TiB", "PiB"}
	v := float64(n) / 1024
	i := 0
	for v >= 1024 && i < len(units)-1 {
		v /= 1024
		i++
	}
	return fmt.Sprintf("%.1f %s", v, units[i])
}

// groupDigits writes n with thousands separators.
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// sortedDigests returns the algorithm/digest pairs of m in a fixed order.
func sortedDigests(m map[string]string) [][2]string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([][2]string, 0, len(keys))
	for _, k := range keys {
		out = append(out, [2]string{strings.ToUpper(k), m[k]})
	}
	return out
}

// manifestText says in words how a file fared against the manifest.
func manifestText(s report.ManifestStatus) string {
	switch s {
	case report.Match:
		return "matches"
	case report.Mismatch:
		return "MISMATCH"
	case report.Unlisted:
		return "not listed"
	case report.Missing:
		return "missing"
	case report.NotChecked:
		return "not checked"
	case report.NoManifest:
		return "no manifest"
	case report.IsManifest:
		return "the manifest"
	case report.IsCertificate:
		return "the certificate"
	}
	return string(s)
}

// manifestClass is the CSS class of a manifest status cell.
func manifestClass(s report.ManifestStatus) string {
	switch s {
	case report.Match:
		return "st st-ok"
	case report.Mismatch, report.Missing:
		return "st st-bad"
	case report.Unlisted, report.NotChecked, report.NoManifest:
		return "st st-warn"
	}
	return "st"
}

// verifiedText and trustText put Signature states in words.
func verifiedText(s string) string {
	switch s {
	case "verified":
		return "Signature verified: the manifest was signed by this certificate's key"
	case "failed":
		return "Signature does NOT verify"
	case "not-verified":
		return "Signature present but could not be checked"
	case "absent-manifest":
		return "Certificate present but the package has no manifest to sign"
	}
	return s
}

func trustText(s string) string {
	switch s {
	case "trusted":
		return "trusted: the chain ends at a root you trust"
	case "untrusted":
		return "untrusted: the chain does not end at a root you trust"
	case "pinned":
		return "pinned: the signer is the one you expect"
	case "pin-mismatch":
		return "pin mismatch: signed by someone other than the one you expect"
	case "unknown":
		return "unknown: no trust roots or pin were given"
	}
	return s
}

// trustClass colours a trust state: good, bad, or unknown (a caution).
func trustClass(s string) string {
	switch s {
	case "trusted", "pinned":
		return "st st-ok"
	case "unknown":
		return "st st-warn"
	}
	return "st st-bad"
}

// keyText describes a signer's key, e.g. "RSA 2048 bits, signed with SHA256-RSA".
func keyText(c *report.Signer) string {
	s := c.KeyType
	if c.KeyBits > 0 {
		s += " " + strconv.Itoa(c.KeyBits) + " bits"
	}
	if c.SignatureAlgorithm != "" {
		s += ", signed with " + c.SignatureAlgorithm
	}
	return s
}

func goodClass(good bool) string {
	if good {
		return "st st-ok"
	}
	return "st st-bad"
}

// targetClass is the CSS class of a target verdict.
func targetClass(v string) string {
	switch v {
	case "accepts":
		return "st st-ok"
	case "warns":
		return "st st-warn"
	case "rejects":
		return "st st-bad"
	}
	return "st"
}

func itoa(n int) string { return strconv.Itoa(n) }

// memoryText renders a memory size in MiB/GiB.
func memoryText(b int64) string {
	if b <= 0 {
		return ""
	}
	return byteSize(b)
}

// fraction renders a 0..1 number for a data attribute.
func fraction(f float64) string { return strconv.FormatFloat(f, 'f', 4, 64) }

// compatOf and strictOf are the severities a rule's page and the rules
// index show: the compat profile's with no target named, and the strict
// profile's.
func compatOf(r *rules.Rule) string { c, _ := r.Listed(); return string(c) }
func strictOf(r *rules.Rule) string { _, s := r.Listed(); return string(s) }

// capacityText is a disk's capacity as the Disks table shows it: "unknown"
// when the descriptor's capacity could not be read (the summary holds 0;
// a readable capacity is positive, DSK005).
func capacityText(n int64) string {
	if n <= 0 {
		return "unknown"
	}
	return byteSize(n)
}
