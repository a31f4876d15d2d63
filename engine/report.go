package engine

import (
	"slices"
	"strings"
	"time"

	"github.com/ovacheck/ovacheck/engine/compat"
	"github.com/ovacheck/ovacheck/engine/internal/assemble"
	"github.com/ovacheck/ovacheck/engine/internal/capped"
	"github.com/ovacheck/ovacheck/engine/internal/digest"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// findings collects a check's findings. A finding about the input as a
// whole (no member) names the input, so every location names a file the
// user has. Caps are applied once, when the report is made (capped).
type findings struct {
	input string
	list  []report.Finding
}

func newFindings(input string, groups ...[]report.Finding) *findings {
	f := &findings{input: input}
	for _, g := range groups {
		f.add(g...)
	}
	return f
}

func (f *findings) add(fs ...report.Finding) {
	for _, x := range fs {
		if x.Location.Member == "" {
			x.Location.Member = f.input
		}
		f.list = append(f.list, x)
	}
}

// sorted returns the findings with the profile's severities, capped per
// rule and in total, and sorted.
func (f *findings) sorted(profile string) []report.Finding {
	fs := make([]report.Finding, 0, len(f.list))
	for _, x := range f.list {
		if r, ok := rules.Lookup(x.Rule); ok && profile == "strict" && r.Strict != "" {
			x.Severity = r.Strict
		}
		fs = append(fs, x)
	}
	out := capped.Report(fs, f.input, func(string) bool { return true })
	report.Sort(out)
	return slices.Clip(out)
}

// newReport starts the report of the package v: what the input is, what
// the descriptor describes, the signature, the file table and the whole
// input's digests. Findings, targets and the verdict are the caller's to
// set.
func newReport(v *assemble.View, o *options, st structure, files []report.File, whole digest.Set) *report.Report {
	rep := &report.Report{
		MediaType: report.MediaType,
		Tool:      report.Tool{Name: "ovacheck", Version: o.toolVersion},
		Input:     v.Input,
		Profile:   o.profile,
		Complete:  !v.Incomplete,
		Findings:  []report.Finding{},
		Files:     files,
		Targets:   []report.Target{},
		Package: report.Package{VirtualSystems: []report.VirtualSystem{}, Disks: []report.Disk{},
			Networks: []report.Network{}, Eulas: []report.Eula{}},
		Signature: st.signature,
		WholeFile: whole.Strings(),
		Skipped:   slices.Clone(v.Skipped),
	}
	if v.Env != nil {
		rep.Package = v.Env.Summary()
		rep.Package.Descriptor = v.DescName
	}
	return rep
}

// preliminary is the report WithStructural receives: the structural
// verdict, before any digest is known, marked incomplete.
func preliminary(v *assemble.View, o *options, fs *findings, st structure, images map[string]*report.DiskImage) *report.Report {
	rep := newReport(v, o, st, fileTable(v, o, nil, images, nil), v.WholeDigests)
	rep.Complete = false
	rep.Findings = fs.sorted(o.profile)
	compat.Settle(nil, rep.Findings, o.profile, o.targets)
	rep.Verdict = report.VerdictOf(rep.Findings, report.Error)
	report.Bound(rep)
	return rep
}

// finish applies the profile and the consumers' records to the severities
// (compat.Settle), caps and sorts the findings, applies the policy, and
// sets the verdict and the statistics.
func finish(rep *report.Report, o *options, fs *findings, m *meter) {
	rep.Findings = fs.sorted(o.profile)
	compat.Settle(rep.Targets, rep.Findings, o.profile, o.targets)
	if o.policy != nil {
		o.policy.Apply(rep)
		rep.Findings = capped.Report(rep.Findings, fs.input, isPolicyRule)
		report.Sort(rep.Findings)
	}
	rep.Verdict = report.VerdictOf(rep.Findings, report.Error)
	report.Bound(rep)
	rep.Stats = report.Stats{BytesRead: m.bytesRead.Load(), ElapsedMs: time.Since(m.start).Milliseconds()}
}

// isPolicyRule tells the policy's POL rules, which a policy adds after the
// engine's findings were capped.
func isPolicyRule(id string) bool { return strings.HasPrefix(id, "POL") }
