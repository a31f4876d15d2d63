package site

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// The summary card at the top of a report answers four questions, one line
// each, computed from the report alone: is the file intact, is it
// well-formed, will it import, and what is in it.

// intactLine answers "is it intact?": the manifest digests that match, the
// signature and its signer, and the whole-file checksum.
func intactLine(r *report.Report, o Options) string {
	var parts []string
	listed, matched := 0, 0
	noManifest := false
	for _, f := range r.Files {
		switch f.Manifest {
		case report.Match:
			listed++
			matched++
		case report.Mismatch, report.Missing, report.NotChecked:
			listed++
		case report.NoManifest:
			noManifest = true
		}
	}
	switch {
	case o.Preliminary && listed > 0:
		parts = append(parts, fmt.Sprintf("%d manifest digests being checked", listed))
	case listed > 0:
		parts = append(parts, fmt.Sprintf("digests %d of %d match", matched, listed))
	case noManifest || len(r.Files) > 0:
		parts = append(parts, "no manifest, so no digest to compare")
	}
	parts = append(parts, signatureLine(r.Signature))
	if hasRule(r, rules.PkgWholeFileMismatch.ID) {
		parts = append(parts, "whole file does NOT match the published checksum")
	} else if _, ok := r.WholeFile["sha256"]; ok && o.ExpectedGiven {
		parts = append(parts, "whole file matches the published checksum")
	} else if ok {
		parts = append(parts, "whole-file SHA-256 computed")
	} else if !o.Preliminary {
		parts = append(parts, "whole-file SHA-256 not computed (give the published checksum to compare)")
	}
	return strings.Join(parts, " · ")
}

// signatureLine says whether the package is signed, by whom, and whether
// the signature verifies.
func signatureLine(s *report.Signature) string {
	if s == nil {
		return "not signed"
	}
	who := ""
	if s.Signer != nil && s.Signer.Subject != "" {
		who = " by " + commonName(s.Signer.Subject)
	}
	switch s.Verified {
	case "verified":
		return "signed" + who + ", verified (trust " + s.Trust + ")"
	case "failed":
		return "signed" + who + ", signature does NOT verify"
	}
	return "signed" + who + ", not verified"
}

// commonName returns the CN of an X.509 subject ("CN=Example, O=..."), or
// the subject when it has none.
func commonName(subject string) string {
	for _, part := range strings.Split(subject, ",") {
		if k, v, ok := strings.Cut(strings.TrimSpace(part), "="); ok && k == "CN" {
			return v
		}
	}
	return subject
}

// wellFormedLine answers "is it well-formed?" with the finding counts.
func wellFormedLine(r *report.Report) string {
	e, w := countOf(r.Findings, report.Error), countOf(r.Findings, report.Warning)
	if e == 0 && w == 0 {
		return "yes: no error, no warning"
	}
	return countsLine(slices.DeleteFunc(slices.Clone(r.Findings), func(f report.Finding) bool { return f.Severity == report.Info }))
}

// refusal is one group of targets that reject the package for the same
// reasons.
type refusal struct {
	Targets []string
	Why     string
}

// refusals groups the targets that reject the package by their reasons,
// each reason the rule's title in a few words.
func refusals(ts []report.Target) []refusal {
	var out []refusal
	index := map[string]int{}
	for _, t := range ts {
		if t.Verdict != "rejects" {
			continue
		}
		key := strings.Join(t.Rules, ",")
		if i, ok := index[key]; ok {
			out[i].Targets = append(out[i].Targets, t.Target)
			continue
		}
		var why []string
		for i, id := range t.Rules {
			if i == 2 {
				why = append(why, fmt.Sprintf("%d more", len(t.Rules)-2))
				break
			}
			title := ruleTitle(id)
			if title == "" {
				title = id
			} else {
				title = strings.ToLower(title[:1]) + title[1:] + " (" + id + ")"
			}
			why = append(why, title)
		}
		index[key] = len(out)
		out = append(out, refusal{Targets: []string{t.Target}, Why: strings.Join(why, "; ")})
	}
	return out
}

// importSummary is the part of the import answer after the refusals: how
// many targets accept or warn.
func importSummary(ts []report.Target) string {
	acc, warn, rej := 0, 0, 0
	for _, t := range ts {
		switch t.Verdict {
		case "accepts":
			acc++
		case "warns":
			warn++
		case "rejects":
			rej++
		}
	}
	if len(ts) == 0 {
		return "no target judged"
	}
	if rej == 0 && warn == 0 {
		return fmt.Sprintf("all %d targets accept it", acc)
	}
	var parts []string
	if acc > 0 {
		parts = append(parts, fmt.Sprintf("%d accept", acc))
	}
	if warn > 0 {
		parts = append(parts, fmt.Sprintf("%d accept with warnings", warn))
	}
	if rej > 0 {
		parts = append(parts, fmt.Sprintf("%d refuse", rej))
	}
	return strings.Join(parts, ", ") + fmt.Sprintf(" (of %d)", len(ts))
}

// contentsLine answers "what is in it?": virtual machines, vCPUs, memory,
// disks with their formats, networks.
func contentsLine(r *report.Report) string {
	p := &r.Package
	var parts []string
	if n := len(p.VirtualSystems); n > 0 {
		parts = append(parts, plural(n, "virtual machine", "virtual machines"))
		cpus, mem := 0, int64(0)
		for _, vs := range p.VirtualSystems {
			cpus += vs.CPUs
			mem += vs.MemoryBytes
		}
		if cpus > 0 {
			parts = append(parts, plural(cpus, "vCPU", "vCPUs"))
		}
		if mem > 0 {
			parts = append(parts, byteSize(mem)+" memory")
		}
	}
	if n := len(p.Disks); n > 0 {
		var ds []string
		for _, d := range p.Disks {
			s := diskFormatName(d.Format)
			if d.CapacityBytes > 0 {
				if s != "" {
					s += ", "
				}
				s += byteSize(d.CapacityBytes)
			}
			if s != "" {
				ds = append(ds, s)
			}
		}
		line := plural(n, "disk", "disks")
		if len(ds) > 0 && len(ds) <= 3 {
			line += " (" + strings.Join(ds, "; ") + ")"
		}
		parts = append(parts, line)
	}
	if n := len(p.Networks); n > 0 {
		parts = append(parts, plural(n, "network", "networks"))
	}
	if len(parts) == 0 {
		return "nothing could be read"
	}
	return strings.Join(parts, " · ")
}

// diskFormatName names an ovf:format URI for people ("VMDK,
// stream-optimized"), or returns the URI when it is not a known one.
func diskFormatName(uri string) string {
	name, ok := envelope.DiskFormatName(uri)
	if !ok {
		return uri
	}
	if kind, sub, found := strings.Cut(name, " "); found && kind == strings.ToUpper(kind) {
		return kind + ", " + sub
	}
	return name
}

// imageFormatName names a detected disk image format ("vmdk",
// "streamOptimized") for people.
func imageFormatName(d *report.DiskImage) string {
	names := map[string]string{"vmdk": "VMDK", "vhd": "VHD", "vhdx": "VHDX", "qcow": "QCOW2", "vdi": "VDI", "iso9660": "ISO 9660", "raw": "raw"}
	s := names[d.Format]
	if s == "" {
		s = d.Format
	}
	switch d.Subformat {
	case "":
	case "streamOptimized":
		s += ", stream-optimized"
	case "monolithicSparse":
		s += ", sparse"
	case "monolithicFlat":
		s += ", flat"
	default:
		s += ", " + d.Subformat
	}
	if d.Compression != "" {
		s += " (" + d.Compression + ")"
	}
	return s
}

func plural(n int, one, other string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, other)
}

// hasRule reports whether r has a finding of rule id.
func hasRule(r *report.Report, id string) bool {
	return slices.ContainsFunc(r.Findings, func(f report.Finding) bool { return f.Rule == id })
}

// notAPackage reports whether the input was not an OVF package at all (an
// image, an empty file): nothing was read from it, so the report has
// nothing to show but why.
func notAPackage(r *report.Report) bool {
	p := &r.Package
	return len(r.Files) == 0 && p.Descriptor == "" && p.OvfVersion == "" && len(p.VirtualSystems) == 0 &&
		countOf(r.Findings, report.Error) > 0
}

// inputSize is the banner's size: the file's, or for a folder or several
// files (whose input has no one size) the sum of the files read.
func inputSize(r *report.Report) string {
	if r.Input.Size > 0 || len(r.Files) == 0 {
		return byteSize(r.Input.Size)
	}
	var sum int64
	for _, f := range r.Files {
		sum += f.Size
	}
	return byteSize(sum) + " in " + plural(len(r.Files), "file", "files")
}

// targetsNote says, when the user named no target, that the targets inform
// the report but do not decide its verdict.
func targetsNote(r *report.Report, o Options) string {
	if len(r.Targets) == 0 {
		return ""
	}
	if len(o.Targets) == 0 {
		return "No target chosen: the targets below inform, they do not decide the verdict. Choose yours in the check options."
	}
	return "Deciding targets: " + strings.Join(o.Targets, ", ") + "."
}

// joinNames lists target names, comma-separated.
func joinNames(names []string) string { return strings.Join(names, ", ") }

// plural2 picks the verb form for n subjects.
func plural2(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}
