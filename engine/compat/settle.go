package compat

import (
	"slices"
	"strings"

	"github.com/ovacheck/ovacheck/engine/report"
	"github.com/ovacheck/ovacheck/engine/rules"
)

// ConsumerOf returns the consumer behind a target name ("vsphere-8.0" is
// rules.VSphere), or "" for a name that is no target.
func ConsumerOf(target string) rules.Consumer {
	switch {
	case strings.HasPrefix(target, "vsphere-"):
		return rules.VSphere
	case strings.HasPrefix(target, "workstation-"):
		return rules.Workstation
	case strings.HasPrefix(target, "virtualbox-"):
		return rules.VirtualBox
	case strings.HasPrefix(target, "proxmox-"):
		return rules.Proxmox
	case target == "kvm-virt-v2v":
		return rules.VirtV2V
	case strings.HasPrefix(target, "xenserver-"):
		return rules.XenServer
	}
	return ""
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
	for i := range fs {
		r, ok := rules.Lookup(fs[i].Rule)
		if !ok || r.Family() == "CMP" {
			continue
		}
		was := r.SeverityIn(profile)
		if fs[i].Severity != was {
			continue // set on purpose where it was made (a summary note)
		}
		fs[i].Severity = r.SeverityFor(profile, consumers)
		switch {
		case len(consumers) == 0 && was != report.Error && fs[i].Severity == report.Error:
			fs[i].Message += refusedBy(r)
		case len(consumers) == 0:
		case was == report.Error && fs[i].Severity != report.Error:
			fs[i].Message += othersRefuse(r, consumers)
		case was != report.Error && fs[i].Severity == report.Error:
			fs[i].Message += targetsRefuse(r, consumers)
		}
	}
	for i := range ts {
		c := ConsumerOf(ts[i].Target)
		worst := verdictLevel(ts[i].Verdict)
		for _, f := range fs {
			r, ok := rules.Lookup(f.Rule)
			if !ok || r.Family() == "CMP" {
				continue
			}
			var l level
			switch r.Consequence(c).Effect {
			case rules.Refuses:
				l = rejects
			case rules.Warns:
				l = warns
			default:
				continue
			}
			worst = max(worst, l)
			ts[i].Rules = append(ts[i].Rules, r.ID)
		}
		ts[i].Verdict = worst.verdict()
		slices.Sort(ts[i].Rules)
		ts[i].Rules = slices.Compact(ts[i].Rules)
	}
}

// othersRefuse says, for a finding the named targets do not refuse, which
// other consumers do, so a lowered severity does not hide them.
func othersRefuse(r *rules.Rule, named []rules.Consumer) string {
	var who []string
	for _, c := range r.Refusers() {
		who = append(who, c.Name())
	}
	if len(who) == 0 {
		return ""
	}
	var yours []string
	for _, c := range named {
		yours = append(yours, c.Name())
	}
	verb := "does"
	if len(yours) > 1 {
		verb = "do"
	}
	return " (" + strings.Join(who, ", ") + " would refuse this; " + strings.Join(yours, ", ") + ", named as target, " + verb + " not)"
}

// refusedBy names the consumers whose refusal makes a finding an error
// with no target named, since the rule's own words may not.
func refusedBy(r *rules.Rule) string {
	var who []string
	for _, c := range r.Refusers() {
		who = append(who, c.Name())
	}
	if len(who) == 0 {
		return ""
	}
	verb := "refuses"
	if len(who) > 1 {
		verb = "refuse"
	}
	return " (" + strings.Join(who, ", ") + " " + verb + " this)"
}

// targetsRefuse names the targets that make a finding an error by
// refusing it, since the rule's own words may not.
func targetsRefuse(r *rules.Rule, named []rules.Consumer) string {
	var who []string
	for _, c := range named {
		if r.Consequence(c).Effect == rules.Refuses {
			who = append(who, c.Name())
		}
	}
	if len(who) == 0 {
		return ""
	}
	verb := "refuses"
	if len(who) > 1 {
		verb = "refuse"
	}
	return " (" + strings.Join(who, ", ") + ", named as target, " + verb + " this)"
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
