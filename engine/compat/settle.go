package compat

import (
	"slices"
	"strings"

	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// ConsumerOf returns the consumer behind a target name ("vsphere-8.0" is
// rules.VSphere), or "" for a name that is no target.
func ConsumerOf(name string) rules.Consumer {
	i := slices.IndexFunc(targets, func(t target) bool { return t.name == name })
	if i < 0 {
		return ""
	}
	return targets[i].consumer
}

// Settle ties the findings to the targets. It gives each finding its
// severity for the profile and the targets the user named (see
// rules.Rule.SeverityFor), and raises each target's verdict to the worst
// that its consumer does with any finding, listing the rules behind it; so
// a package with a digest that does not match shows "rejects" for every
// consumer that checks digests. CMP findings are already one target's and
// are left as Judge made them.
func Settle(ts []report.Target, fs []report.Finding, profile string, named []string) {
	var consumers []rules.Consumer
	for _, n := range named {
		if c := ConsumerOf(strings.ToLower(strings.TrimSpace(n))); c != "" && !slices.Contains(consumers, c) {
			consumers = append(consumers, c)
		}
	}
	var present []*rules.Rule // the rules behind the findings, once each
	for i := range fs {
		r, ok := rules.Lookup(fs[i].Rule)
		if !ok || r.Family() == "CMP" {
			continue
		}
		if !slices.Contains(present, r) {
			present = append(present, r)
		}
		was := r.SeverityIn(profile)
		if fs[i].Severity != was {
			continue // set on purpose where it was made (a summary note)
		}
		fs[i].Severity = r.SeverityFor(profile, consumers)
		fs[i].Message += why(r, consumers, was, fs[i].Severity)
	}
	for i := range ts {
		c := ConsumerOf(ts[i].Target)
		worst := verdictLevel(ts[i].Verdict)
		for _, r := range present {
			switch r.Consequence(c).Effect {
			case rules.Refuses:
				worst = max(worst, rejects)
			case rules.Warns:
				worst = max(worst, warns)
			default:
				continue
			}
			ts[i].Rules = append(ts[i].Rules, r.ID)
		}
		ts[i].Verdict = worst.verdict()
		slices.Sort(ts[i].Rules)
		ts[i].Rules = slices.Compact(ts[i].Rules)
	}
}

// why says which consumers moved a finding's severity across the line of
// an error, since the rule's own words may not: with no target, the
// consumers that refuse it; with targets, the named ones that refuse it,
// or, when the targets lowered it, the others that would.
func why(r *rules.Rule, named []rules.Consumer, was, now report.Severity) string {
	var who []rules.Consumer
	switch {
	case was == now || (was != report.Error && now != report.Error):
		return ""
	case len(named) == 0 && now != report.Error:
		return "" // lowered because nobody refuses it, or a trait
	case len(named) == 0 || now == report.Error:
		for _, c := range r.Refusers() {
			if len(named) == 0 || slices.Contains(named, c) {
				who = append(who, c)
			}
		}
	default:
		who = r.Refusers()
	}
	if len(who) == 0 {
		return ""
	}
	switch {
	case len(named) == 0:
		return " (" + names(who) + " " + verb(who, "refuses", "refuse") + " this)"
	case now == report.Error:
		return " (" + names(who) + ", named as target, " + verb(who, "refuses", "refuse") + " this)"
	}
	return " (" + names(who) + " would refuse this; " + names(named) + ", named as target, " + verb(named, "does", "do") + " not)"
}

func names(cs []rules.Consumer) string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Name()
	}
	return strings.Join(out, ", ")
}

func verb(cs []rules.Consumer, one, many string) string {
	if len(cs) > 1 {
		return many
	}
	return one
}

func verdictLevel(v string) level {
	switch v {
	case VerdictRejects:
		return rejects
	case VerdictWarns:
		return warns
	}
	return accepts
}
