package rules

import (
	"fmt"
	"slices"
	"strings"
)

// Consumer is one importer of OVF packages, or a family of importers that
// share one OVF reader. Targets (package compat) map onto consumers: every
// vsphere-* target is VSphere, virtualbox-7 is VirtualBox, and so on.
type Consumer string

// The consumers whose behaviour the rules record.
const (
	// VSphere is vCenter and ESXi deploying an OVF template (and ovftool
	// writing to vi://).
	VSphere Consumer = "vsphere"
	// Workstation is VMware Workstation, Fusion and Player, which import
	// through ovftool's engine.
	Workstation Consumer = "workstation"
	VirtualBox  Consumer = "virtualbox"
	// Proxmox is Proxmox VE's OVF/OVA import (qm importovf and the import
	// storage of pve-storage).
	Proxmox Consumer = "proxmox"
	// VirtV2V is libguestfs' virt-v2v -i ova, the way into KVM (oVirt,
	// OpenStack, libvirt).
	VirtV2V Consumer = "virt-v2v"
	// XenServer is XenCenter's OVF import into XenServer / XCP-ng.
	XenServer Consumer = "xenserver"
)

// Consumers lists every consumer in report order.
var Consumers = []Consumer{VSphere, Workstation, VirtualBox, Proxmox, VirtV2V, XenServer}

// VMware is both VMware consumers, which share ovftool's OVF engine.
var VMware = []Consumer{VSphere, Workstation}

// Name is the consumer as a person names it.
func (c Consumer) Name() string {
	switch c {
	case VSphere:
		return "vSphere"
	case Workstation:
		return "VMware Workstation"
	case VirtualBox:
		return "VirtualBox"
	case Proxmox:
		return "Proxmox VE"
	case VirtV2V:
		return "virt-v2v"
	case XenServer:
		return "XenServer"
	}
	return string(c)
}

// Effect is what a consumer does with a package that has a finding.
type Effect int

const (
	// Unknown: nothing is recorded; the rule's declared severity stands.
	Unknown Effect = iota
	// Ignores: the consumer imports as if the finding were not there.
	Ignores
	// Warns: the consumer imports, with a warning or with something lost
	// (a setting dropped, a file left unverified).
	Warns
	// Refuses: the consumer refuses the package, or the import fails.
	Refuses
)

func (e Effect) String() string {
	switch e {
	case Ignores:
		return "ignores"
	case Warns:
		return "warns"
	case Refuses:
		return "refuses"
	}
	return "unknown"
}

// Consequence records what one consumer does with a finding of a rule, and
// where that fact comes from.
type Consequence struct {
	Consumer Consumer
	Effect   Effect
	// Source is where the fact comes from, starting with its kind:
	// "code: " the consumer's source (repository, path, function),
	// "doc: " its documentation, "run: " a run reproduced with the
	// consumer, or "recalled: " a fact that rests on none of these.
	Source string
}

// sourceKinds are the prefixes a Consequence.Source may start with.
var sourceKinds = []string{"code: ", "doc: ", "run: ", "recalled: "}

// consequence is one row of a declaration: an effect for some consumers.
type consequence struct {
	consumers []Consumer
	effect    Effect
	source    string
}

// refuses, warns and ignores are the rows of a declaration. who is one
// Consumer or a []Consumer; all is every consumer not named by another row.
func refuses(source string, who ...any) consequence {
	return consequence{consumers: consumerList(who), effect: Refuses, source: source}
}
func warns(source string, who ...any) consequence {
	return consequence{consumers: consumerList(who), effect: Warns, source: source}
}
func ignores(source string, who ...any) consequence {
	return consequence{consumers: consumerList(who), effect: Ignores, source: source}
}

// all stands for every consumer that no other row of the declaration names.
var all = []Consumer{"*"}

func consumerList(who []any) []Consumer {
	var out []Consumer
	for _, w := range who {
		switch w := w.(type) {
		case Consumer:
			out = append(out, w)
		case []Consumer:
			out = append(out, w...)
		default:
			panic(fmt.Sprintf("rules: %T is not a consumer", w))
		}
	}
	return out
}

// declare records what each consumer does with findings of r. A row for
// all covers the consumers no other row names. It panics on a consumer
// named twice or a source without its kind: a bug in this package, caught
// by any test that imports it.
func declare(r *Rule, rows ...consequence) *Rule {
	if r.Consequences != nil {
		panic("rules: consequences of " + r.ID + " declared twice")
	}
	named := map[Consumer]bool{}
	var rest *consequence
	for i, row := range rows {
		if !slices.ContainsFunc(sourceKinds, func(k string) bool { return strings.HasPrefix(row.source, k) }) {
			panic("rules: " + r.ID + ": source must start with code:, doc:, run: or recalled: — " + row.source)
		}
		for _, c := range row.consumers {
			if c == "*" {
				rest = &rows[i]
				continue
			}
			if named[c] {
				panic("rules: " + r.ID + ": consumer " + string(c) + " declared twice")
			}
			named[c] = true
			r.Consequences = append(r.Consequences, Consequence{Consumer: c, Effect: row.effect, Source: row.source})
		}
	}
	if rest != nil {
		for _, c := range Consumers {
			if !named[c] {
				r.Consequences = append(r.Consequences, Consequence{Consumer: c, Effect: rest.effect, Source: rest.source})
			}
		}
	}
	slices.SortFunc(r.Consequences, func(a, b Consequence) int {
		return slices.Index(Consumers, a.Consumer) - slices.Index(Consumers, b.Consumer)
	})
	return r
}

// Consequence returns what consumer c does with a finding of r; its Effect
// is Unknown when nothing is recorded.
func (r *Rule) Consequence(c Consumer) Consequence {
	for _, q := range r.Consequences {
		if q.Consumer == c {
			return q
		}
	}
	return Consequence{Consumer: c}
}

// Refusers lists the consumers that refuse a package with a finding of r.
func (r *Rule) Refusers() []Consumer {
	var out []Consumer
	for _, q := range r.Consequences {
		if q.Effect == Refuses {
			out = append(out, q.Consumer)
		}
	}
	return out
}

// Declared reports whether every consumer's effect is recorded.
func (r *Rule) Declared() bool {
	for _, c := range Consumers {
		if r.Consequence(c).Effect == Unknown {
			return false
		}
	}
	return true
}

// consequencesDoc renders the consequences as a markdown section for the
// rule's page, or "" when none are recorded.
func (r *Rule) consequencesDoc() string {
	if len(r.Consequences) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n## What the consumers do\n\n| consumer | with this finding | source |\n|---|---|---|\n")
	for _, q := range r.Consequences {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", q.Consumer.Name(), q.Effect, strings.ReplaceAll(q.Source, "|", `\|`))
	}
	return b.String()
}
