package compat

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ovacheck/ovacheck/engine/archive"
	"github.com/ovacheck/ovacheck/engine/envelope"
	"github.com/ovacheck/ovacheck/engine/manifest"
	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// Input is what the engine knows about the package when it judges targets.
type Input struct {
	// Env is the parsed descriptor (nil when there is none).
	Env *envelope.Envelope
	// Manifest is the parsed manifest, nil when the package has none.
	Manifest *manifest.Manifest
	// Archive is the tar index, nil for a folder or a descriptor alone.
	Archive *archive.Index
	// Files is the package's file table.
	Files []report.File
	// Images are the disk probes' results by member name.
	Images map[string]*report.DiskImage
}

// Judge evaluates the named targets (all of them when targets is empty) and
// returns one report.Target per target in the order given, and the CMP
// findings behind the verdicts. The error is non-nil only for an unknown
// target name; it names the valid ones.
func Judge(in Input, names []string) ([]report.Target, []report.Finding, error) {
	selected, err := selectTargets(names)
	if err != nil {
		return nil, nil, err
	}
	facts := gather(in)
	var out []report.Target
	var findings []report.Finding
	for _, t := range selected {
		j := &judgement{t: t}
		for _, f := range facts {
			f(t, j)
		}
		rulesBehind := j.rules
		if rulesBehind == nil {
			rulesBehind = []string{}
		}
		slices.Sort(rulesBehind)
		out = append(out, report.Target{Target: t.name, Verdict: j.worst.verdict(), Rules: slices.Compact(rulesBehind)})
		findings = append(findings, j.findings...)
	}
	return out, findings, nil
}

func selectTargets(names []string) ([]target, error) {
	if len(names) == 0 {
		return targets, nil
	}
	var out []target
	for _, n := range names {
		n = strings.ToLower(strings.TrimSpace(n))
		i := slices.IndexFunc(targets, func(t target) bool { return t.name == n })
		if i < 0 {
			return nil, fmt.Errorf("compat: unknown target %q (known: %s)", n, strings.Join(Targets(), ", "))
		}
		if !slices.ContainsFunc(out, func(t target) bool { return t.name == n }) {
			out = append(out, targets[i])
		}
	}
	return out, nil
}

// judgement collects one target's verdict, rules and findings.
type judgement struct {
	t        target
	worst    level
	rules    []string
	findings []report.Finding
}

// hit records that a fact holds at level l. With a covering rule, the
// target cites it; otherwise a finding of rule r is added with the
// message (which names the target) and hint.
func (j *judgement) hit(l level, r, covers *rules.Rule, loc report.Location, hint, format string, args ...any) {
	if l == accepts {
		return
	}
	if l > j.worst {
		j.worst = l
	}
	if covers != nil {
		j.rules = append(j.rules, covers.ID)
		return
	}
	j.rules = append(j.rules, r.ID)
	msg := j.t.product + " " + fmt.Sprintf(format, args...)
	f := r.New(loc, "%s", msg).WithHint(hint)
	f.Severity = l.severity()
	j.findings = append(j.findings, f)
}

// fact checks one kind of fact for a target. gather builds the list once
// per package so that the descriptor is walked once.
type fact func(t target, j *judgement)
